import { render, screen } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import type { Visit } from "../../api/types";
import { mockDesk } from "../../test/ipc";
import RegisterPage from "./RegisterPage.svelte";

const markup = "<img src=x onerror=alert(1)>";

const visit: Visit = {
  id: "0190f0f0-0000-7000-8000-000000000002",
  receipt_no: "0001/2026/A",
  status: "active",
  received_at: "2026-11-25T09:15:00+07:00",
  reception: "regular",
  visitor_kind: "group",
  people_count: 6,
  organisation: null,
  visitors: [
    { full_name: markup, id_kind: null, id_number: null, id_issued_on: null, id_issued_by: null, birth_year: null, sex: null, address: "Tổ 5", phone: null },
  ],
  summary: "Khiếu nại thu hồi đất",
  petition: {
    kind: "complaint", field: "land", anonymous: false, signatories: 6, previous_handler: null, previous_result: null,
    stage: "not_resolved", eligible: true, ineligible_reason: null, handling: "accept", transfer_to: null, guidance: null,
  },
  documents: [],
  refusal: null,
  officer_id: null,
  notes: "",
};

describe("Sổ tiếp dân", () => {
  it("lists today's visits in the columns of Mẫu số 03, user text as text", async () => {
    const calls = mockDesk({ visits_between: () => [visit] });
    const { container } = render(RegisterPage, { onopen: () => {} });
    await screen.findByText("Khiếu nại thu hồi đất");
    expect(container.querySelectorAll("thead tr.colno th")).toHaveLength(12);
    expect(container.querySelector("tbody img")).toBeNull();
    expect(container.querySelector("tbody strong")!.textContent).toBe(markup);
    expect(container.textContent).toContain("Khiếu nại – Đất đai");
    const args = calls[0].args as { from: string; to: string };
    expect(args.from).toBe(args.to);
  });
});

describe("In sổ", () => {
  it("prints the range on screen and says which printer took it", async () => {
    const calls = mockDesk({
      visits_between: () => [visit],
      print_register_book: () => ({ printer: "Quầy A", spool_job: "Quầy A-7", error_code: null, message: null }),
    });
    render(RegisterPage, { onopen: () => {} });
    await screen.findByText("Khiếu nại thu hồi đất");
    const button = screen.getByRole("button", { name: "In sổ" });
    button.focus();
    expect(document.activeElement).toBe(button);
    button.click();
    expect((await screen.findByRole("status")).textContent).toBe("Đã gửi sổ đến máy in Quầy A.");
    const printed = calls.find((c) => c.command === "print_register_book")!;
    const shown = calls.find((c) => c.command === "visits_between")!;
    expect(printed.args).toEqual(shown.args);
  });

  it("shows the printer's own reason when the paper did not go", async () => {
    mockDesk({
      visits_between: () => [],
      print_register_book: () => ({
        printer: "Quầy A",
        spool_job: null,
        error_code: "printer_stopped",
        message: "Máy in Quầy A đang dừng: Hết giấy",
      }),
    });
    render(RegisterPage, { onopen: () => {} });
    await screen.findByText(/Chưa có lượt tiếp/);
    screen.getByRole("button", { name: "In sổ" }).click();
    expect((await screen.findByRole("alert")).textContent).toBe("Máy in Quầy A đang dừng: Hết giấy");
    expect(screen.queryByRole("status")).toBeNull();
  });
});
