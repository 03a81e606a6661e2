import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { afterEach, describe, expect, it } from "vitest";
import type { PrintJobEntry, Visit } from "../../api/types";
import { mockDesk } from "../../test/ipc";
import { dismiss, printFeedback, saveFirstText, unhandledF9 } from "./feedback.svelte";
import PrintPanel from "./PrintPanel.svelte";
import PrintPreview from "./PrintPreview.svelte";
import PrintToast from "./PrintToast.svelte";
import SlipPrint from "./SlipPrint.svelte";

const visitId = "0190f0f0-0000-7000-8000-00000000000a";
const visit: Visit = {
  id: visitId,
  receipt_no: "0007/2026/A",
  status: "active",
  received_at: "2026-11-25T09:30:00+07:00",
  reception: "regular",
  visitor_kind: "individual",
  people_count: 1,
  organisation: null,
  visitors: [
    { full_name: "Lê Thị Hoa", id_kind: null, id_number: null, id_issued_on: null, id_issued_by: null, birth_year: null, sex: null, address: null, phone: null },
  ],
  summary: "Kiến nghị sửa đường",
  petition: null,
  documents: [],
  refusal: null,
  officer_id: null,
  notes: "",
};

function job(status: PrintJobEntry["status"], message: string | null): PrintJobEntry {
  return {
    id: 1, visit_id: visitId, receipt_no: "0007/2026/A", form: "receipt", copy: 1, copy_mark: null,
    archive: "prints/2026/0007-2026-A-receipt-1.pdf", created_at: "2026-11-25T02:31:00Z", officer: "Trần Thị Bình",
    names_denouncer: false, status,
    attempts: [{ attempt: 1, printer: "TiepDanTest", outcome: status === "sent" ? "sent" : "failed", spool_job: null,
      error_code: null, message, at: "2026-11-25T02:31:00Z", officer: "Trần Thị Bình" }],
  };
}

afterEach(dismiss);

describe("print feedback where the clerk is looking", () => {
  it("says the outcome of F9 in the toast fixed under the header, a failure in red until closed", async () => {
    mockDesk({ print_form: () => job("failed", "Chưa chọn máy in và máy tính chưa có máy in mặc định.") });
    render(PrintToast);
    render(SlipPrint, { visit });
    await fireEvent.keyDown(window, { key: "F9" });
    const toast = await screen.findByTestId("print-toast");
    expect(toast.textContent).toContain("Chưa chọn máy in và máy tính chưa có máy in mặc định.");
    expect(toast.getAttribute("role"), "a failure is announced").toBe("alert");
    expect(toast.className).toContain("error");
    await fireEvent.click(screen.getByRole("button", { name: "Đóng thông báo" }));
    expect(screen.queryByTestId("print-toast")).toBeNull();
  });

  it("answers F9 on an unsaved form: the visit must be saved first", async () => {
    render(PrintToast);
    const onkeydown = (e: KeyboardEvent) => unhandledF9(e, true);
    window.addEventListener("keydown", onkeydown);
    await fireEvent.keyDown(window, { key: "F9" });
    window.removeEventListener("keydown", onkeydown);
    await waitFor(() => expect(screen.getByTestId("print-toast").textContent).toContain(saveFirstText));
    expect(saveFirstText).toMatch(/chưa được lưu/);
  });

  it("stays quiet about F9 when a print panel took it", async () => {
    let printed = 0;
    mockDesk({ print_form: () => (printed++, job("sent", null)), print_log: () => [] });
    render(PrintToast);
    render(PrintPanel, { visit });
    const before = printFeedback.shown;
    let judged: Promise<void> = Promise.resolve();
    const onkeydown = (e: KeyboardEvent) => (judged = unhandledF9(e, false));
    window.addEventListener("keydown", onkeydown);
    await fireEvent.keyDown(window, { key: "F9" });
    window.removeEventListener("keydown", onkeydown);
    await judged;
    await waitFor(() => expect(screen.getByTestId("print-toast").textContent).toContain("Đã in Giấy biên nhận 0007/2026/A"));
    expect(printFeedback.shown - before, "one message, the print's own: no \"open a visit first\"").toBe(1);
    expect(printed, "F9 on a visit's detail prints the chosen form, the receipt by default").toBe(1);
  });

  it("closes the PDF preview with Esc", async () => {
    let closed = false;
    render(PrintPreview, { url: "about:blank", title: "Giấy biên nhận 0007/2026/A", onprint: () => {}, onclose: () => (closed = true) });
    expect(screen.getByTestId("preview-close").textContent).toContain("Esc");
    await fireEvent.keyDown(window, { key: "Escape" });
    expect(closed).toBe(true);
  });
});
