import { render, screen } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import type { Opening, ReportView } from "../../api/types";
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

describe("Số dư đầu kỳ", () => {
  const xld = { key: "xld01" as const, form: "01/XLD", title: "TỔNG HỢP KẾT QUẢ XỬ LÝ ĐƠN", status: null };
  const panel = {
    form: "xld01" as const,
    form_no: "01/XLD",
    columns: [
      { n: 2, label: "Tổng số đơn › Kỳ trước chuyển sang" },
      { n: 5, label: "Số đơn, số vụ việc đủ điều kiện xử lý › Kỳ trước chuyển sang" },
    ],
    declared: null,
  };

  it("declares the balances a leader types for the chosen form and then offers to correct them", async () => {
    let declared: Opening | null = null;
    const calls = mockDesk({
      report_forms: () => [form, xld],
      opening_form: () => ({ ...panel, declared }),
      declare_opening: ({ opening }) => {
        declared = opening;
        return opening;
      },
    });
    render(ReportsPage);
    await screen.findByRole("option", { name: /01\/XLD/ });
    const select = screen.getByRole("combobox", { name: "Biểu mẫu" }) as HTMLSelectElement;
    select.value = "xld01";
    select.dispatchEvent(new Event("change"));
    screen.getByRole("button", { name: "Số dư đầu kỳ" }).click();
    await screen.findByText(/Tổng số đơn › Kỳ trước chuyển sang/);
    const type = async (name: string, value: string) => {
      const input = document.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
      input.value = value;
      input.dispatchEvent(new Event("input"));
    };
    await type("opening-from", "15/12/2025");
    await type("opening-2", "4");
    await type("opening-5", "4");
    screen.getByRole("button", { name: "Khai báo" }).click();
    expect((await screen.findByRole("status")).textContent).toBe("Đã khai báo số dư đầu kỳ của biểu 01/XLD.");
    const sent = calls.find((c) => c.command === "declare_opening")!;
    expect(sent.args).toEqual({ opening: { form: "xld01", from: "2025-12-15", columns: { "2": 4, "5": 4 } } });
    expect(await screen.findByRole("button", { name: "Sửa số dư" })).toBeTruthy();
  });

  it("says what Rust refused, and a correction needs its reason", async () => {
    mockDesk({
      report_forms: () => [form, xld],
      opening_form: () => ({ ...panel, declared: { form: "xld01", from: "2025-12-15", columns: { "2": 4, "5": 4 } } }),
    });
    render(ReportsPage);
    await screen.findByRole("option", { name: /01\/XLD/ });
    const select = screen.getByRole("combobox", { name: "Biểu mẫu" }) as HTMLSelectElement;
    select.value = "xld01";
    select.dispatchEvent(new Event("change"));
    screen.getByRole("button", { name: "Số dư đầu kỳ" }).click();
    const save = await screen.findByRole("button", { name: "Sửa số dư" });
    expect(document.querySelector<HTMLInputElement>('input[name="opening-2"]')!.value).toBe("4");
    save.click();
    expect((await screen.findByRole("alert")).textContent).toBe("Hãy ghi rõ lý do sửa số dư đầu kỳ.");
  });
});
