import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import type { PrintJobEntry, Visit } from "../../api/types";
import { mockDesk } from "../../test/ipc";
import { copyText, outcomeText, request, resultText, wardTime } from "./print";
import PrintLog from "./PrintLog.svelte";
import PrintPanel from "./PrintPanel.svelte";
import SlipPrint from "./SlipPrint.svelte";

const visitId = "0190f0f0-0000-7000-8000-000000000009";

const visit: Visit = {
  id: visitId,
  receipt_no: "0042/2026/A",
  status: "active",
  received_at: "2026-11-25T09:30:00+07:00",
  reception: "regular",
  visitor_kind: "individual",
  people_count: 1,
  organisation: null,
  visitors: [
    { full_name: "Đặng Hữu Ước", id_kind: null, id_number: null, id_issued_on: null, id_issued_by: null, birth_year: null, sex: null, address: null, phone: null },
  ],
  summary: "Khiếu nại quyết định thu hồi đất",
  petition: null,
  documents: [],
  refusal: null,
  officer_id: null,
  notes: "",
};

function job(id: number, copy: number, status: PrintJobEntry["status"]): PrintJobEntry {
  const failed = status === "failed";
  return {
    id,
    visit_id: visitId,
    receipt_no: "0042/2026/A",
    form: "receipt",
    copy,
    copy_mark: copy > 1 ? `Bản in lại lần ${copy - 1}` : null,
    archive: `prints/2026/0042-2026-A-receipt-${copy}.pdf`,
    created_at: "2026-11-25T02:31:00Z",
    officer: "Trần Thị Bình",
    names_denouncer: false,
    status,
    attempts: [
      {
        attempt: 1,
        printer: "TiepDanTest",
        outcome: failed ? "failed" : "sent",
        spool_job: failed ? null : `TiepDanTest-${id}`,
        error_code: failed ? "printer_stopped" : null,
        message: failed ? 'Máy in "TiepDanTest" đang tạm dừng (Hết giấy).' : null,
        at: "2026-11-25T02:31:00Z",
        officer: "Trần Thị Bình",
      },
    ],
  };
}

describe("In ấn", () => {
  it("reads the appointment time at the ward and needs one", () => {
    expect(wardTime("2026-12-02T08:00")).toBe("2026-12-02T08:00:00+07:00");
    expect(request("appointment", "")).toBeNull();
    expect(request("receipt", "")).toEqual({ kind: "receipt", copies: 2 });
  });

  it("lists each job with its copy mark and what became of it", () => {
    render(PrintLog, { jobs: [job(2, 2, "failed"), job(1, 1, "sent")] });
    const rows = screen.getAllByTestId("print-job");
    expect(rows.map((r) => r.querySelector(".copy")?.textContent)).toEqual(["Bản in lại lần 1", "Bản gốc"]);
    expect(rows[0].textContent).toContain("Hết giấy");
    expect(outcomeText(job(1, 1, "sent"))).toBe("Đã gửi tới máy in TiepDanTest");
  });

  it("says which slips name a denouncer, in the log and after printing", () => {
    const named = { ...job(3, 1, "sent"), names_denouncer: true };
    expect(copyText(named)).toBe("Bản gốc · ghi tên người tố cáo");
    expect(resultText(named)).toBe("Đã in Giấy biên nhận 0042/2026/A (ghi tên người tố cáo).");
    expect(resultText({ ...job(4, 2, "sent"), names_denouncer: true })).toContain("(Bản in lại lần 1, ghi tên người tố cáo)");
    expect(resultText(job(5, 1, "sent"))).toBe("Đã in Giấy biên nhận 0042/2026/A.");
  });

  it("prints the saved visit's slip with F9 and sends a failed slip again with the next F9", async () => {
    let printed = 0;
    const calls = mockDesk({
      print_form: () => job(++printed, 1, "failed"),
      retry_print_job: () => job(1, 1, "sent"),
    });
    render(SlipPrint, { visit });
    expect(screen.getByTestId("print-slip").textContent).toContain("F9");
    await fireEvent.keyDown(window, { key: "F9" });
    expect((await screen.findByTestId("slip-message")).textContent).toContain("Hết giấy");
    expect(calls[0]).toMatchObject({ command: "print_form", args: { visit_id: visitId, options: { form: { kind: "receipt", copies: 2 } } } });
    await fireEvent.keyDown(window, { key: "F9" });
    expect((await screen.findByTestId("slip-notice")).textContent).toContain("Đã in Giấy biên nhận 0042/2026/A");
    expect(calls[1]).toMatchObject({ command: "retry_print_job", args: { job_id: 1 } });
    expect(printed).toBe(1);
  });

  it("reprints a past slip from the visit's detail as a marked copy", async () => {
    let log = [job(1, 1, "sent")];
    const calls = mockDesk({
      print_log: () => log,
      reprint_job: () => {
        log = [job(2, 2, "sent"), ...log];
        return log[0];
      },
    });
    render(PrintPanel, { visit });
    await fireEvent.click(await screen.findByTestId("reprint"));
    await waitFor(() => expect(screen.getAllByTestId("print-job")).toHaveLength(2));
    expect(calls.find((c) => c.command === "reprint_job")!.args).toEqual({ job_id: 1 });
    expect(screen.getByTestId("print-notice").textContent).toContain("Bản in lại lần 1");
    expect(calls[0]).toMatchObject({ command: "print_log", args: { visit_id: visitId } });
  });
});
