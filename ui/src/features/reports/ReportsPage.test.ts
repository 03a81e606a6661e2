import { render, screen } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import type { ReportView } from "../../api/types";
import { mockDesk } from "../../test/ipc";
import ReportsPage from "./ReportsPage.svelte";

const form = { key: "tcd01" as const, form: "01/TCD", title: "TỔNG HỢP KẾT QUẢ TIẾP CÔNG DÂN", status: null };

const view: ReportView = {
  form,
  circular: "Thông tư số 01/2024/TT-TTCP",
  unit: "Phường Hà Đông",
  unit_heading: "Đơn vị",
  period: { from: "2025-12-15", to: "2026-03-14", label_vi: "Quý I năm 2026" },
  header: [{ label: "Tiếp thường xuyên", children: [{ label: "Lượt", column: 1 }, { label: "Người", column: 2 }] }],
  columns: [1, 2],
  computed: { form: "01/TCD", from: "2025-12-15", to: "2026-03-14", columns: { "1": 3, "2": 0 } },
};

async function shown() {
  render(ReportsPage);
  await screen.findByRole("option", { name: /01\/TCD/ });
  screen.getByRole("button", { name: "Xem" }).click();
  await screen.findByText("Quý I năm 2026", { exact: false });
}

describe("In biểu", () => {
  it("prints the form and period on screen and says which printer took it", async () => {
    const calls = mockDesk({
      report_forms: () => [form],
      report_compute: () => view,
      print_report: () => ({ printer: "Quầy A", spool_job: "Quầy A-9", error_code: null, message: null }),
    });
    await shown();
    screen.getByRole("button", { name: "In biểu" }).click();
    expect((await screen.findByRole("status")).textContent).toBe("Đã gửi biểu đến máy in Quầy A.");
    const printed = calls.find((c) => c.command === "print_report")!;
    const computed = calls.find((c) => c.command === "report_compute")!;
    expect(printed.args).toEqual(computed.args);
  });

  it("shows the printer's own reason when the paper did not go", async () => {
    mockDesk({
      report_forms: () => [form],
      report_compute: () => view,
      print_report: () => ({
        printer: "Quầy A",
        spool_job: null,
        error_code: "printer_stopped",
        message: "Máy in Quầy A đang dừng: Hết giấy",
      }),
    });
    await shown();
    screen.getByRole("button", { name: "In biểu" }).click();
    expect((await screen.findByRole("alert")).textContent).toBe("Máy in Quầy A đang dừng: Hết giấy");
    expect(screen.queryByRole("status")).toBeNull();
  });
});
