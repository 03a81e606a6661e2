import { fireEvent, render, screen, within } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import type { DeadlineExplained, DueDate, PetitionFollowUp } from "../../api/types";
import { mockDesk } from "../../test/ipc";
import PetitionDeadlines from "./PetitionDeadlines.svelte";

const visit_id = "0190f0f0-0000-7000-8000-000000000009";

// A denunciation received on Friday 24/04/2026: the check runs over Giỗ Tổ, its nghỉ bù and 30/4–1/5.
const check: DeadlineExplained = {
  kind: "denunciation",
  variant: { level: "first", complexity: "normal", remote_area: false },
  rule: {
    step: "check", kinds: ["denunciation"], level: null, complexity: null, remote_area: null, period: 7,
    unit: "working_days", start: "receipt", roll_forward: true,
    label_vi: "Kiểm tra họ tên, địa chỉ người tố cáo và điều kiện thụ lý", basis: "Luật Tố cáo 2018, Điều 24",
  },
  from: "2026-04-24",
  last_day: "2026-05-08",
  due: "2026-05-08",
  rolled_forward: false,
  days: [
    { date: "2026-04-25", count: "skipped", ordinal: null, working: false, reason: "Thứ Bảy, nghỉ hằng tuần" },
    { date: "2026-04-26", count: "skipped", ordinal: null, working: false, reason: "Giỗ Tổ Hùng Vương (10 tháng 3 âm lịch)" },
    { date: "2026-04-28", count: "counted", ordinal: 1, working: true, reason: null },
  ],
  summary: "Kiểm tra …: 7 ngày làm việc kể từ ngày tiếp theo ngày tiếp nhận 24/04/2026 → hạn 08/05/2026 (Luật Tố cáo 2018, Điều 24).",
};

const due: DueDate = {
  step: "check",
  label_vi: check.rule.label_vi,
  basis: check.rule.basis,
  from: "2026-04-24",
  initial_due: "2026-05-08",
  due: "2026-05-08",
  extensions: 0,
  done_on: null,
  status: { state: "overdue", days_late: 201 },
  status_vi: "Quá hạn 201 ngày",
  explained: check,
};

const followUp: PetitionFollowUp = {
  visit_id,
  receipt_no: "0001/2026/A",
  kind: "denunciation",
  received_on: "2026-04-24",
  deadlines: [due],
  status: due.status,
  status_vi: due.status_vi,
  due: due.due,
  due_label_vi: due.label_vi,
  acceptance: null,
  transfer: null,
  transfer_answer: null,
  extensions: [],
  resolution: null,
  visit_count: 1,
  repeat_of: null,
};

describe("Thời hạn trên chi tiết lượt tiếp", () => {
  it("shows the proposed appointment, each deadline with its status, and how it was counted", async () => {
    mockDesk({
      petition_follow_up: () => followUp,
      proposed_appointment: () => ({ visit_id, date: "2026-05-12", explained: { ...check, due: "2026-05-12" } }),
    });
    const { container } = render(PetitionDeadlines, { visitId: visit_id, active: true });
    const appointment = await screen.findByTestId("appointment");
    expect(appointment.textContent).toContain("Ngày hẹn đề xuất: 12/05/2026");
    const row = container.querySelector<HTMLTableRowElement>("tr[data-step=check]")!;
    expect(row.classList.contains("overdue")).toBe(true);
    expect(row.cells[2].textContent!.trim()).toBe("08/05/2026");
    expect(row.cells[3].textContent).toContain("Quá hạn 201 ngày");
    const working = within(row).getByText(/Cách tính/);
    expect(working.textContent).toBe("Cách tính (1 ngày đã tính, 2 ngày không tính)");
    expect(row.textContent).toContain("26/04/2026 — Giỗ Tổ Hùng Vương (10 tháng 3 âm lịch) — không tính");
  });

  it("heads the panel with the date its status is counted to, and the appointment apart", async () => {
    // A complaint received Friday 04/12/2026: acceptance (10 calendar days) is due 14/12, processing
    // (10 working days, the appointment) 18/12. The headline says 14/12 with the acceptance's status.
    const accept: DueDate = {
      ...due, step: "accept", label_vi: "Thụ lý khiếu nại và thông báo bằng văn bản", from: "2026-12-04",
      initial_due: "2026-12-14", due: "2026-12-14", status: { state: "due_soon", working_days_left: 2 },
      status_vi: "Sắp đến hạn (còn 2 ngày làm việc)",
    };
    const process: DueDate = {
      ...due, step: "process", label_vi: "Xử lý đơn", from: "2026-12-04", initial_due: "2026-12-18",
      due: "2026-12-18", status: { state: "on_time", working_days_left: 6 }, status_vi: "Trong hạn (còn 6 ngày làm việc)",
    };
    const basis = "Thông tư 05/2021/TT-TTCP; trích dẫn chưa được đối chiếu lại với văn bản gốc";
    mockDesk({
      petition_follow_up: () => ({
        ...followUp, kind: "complaint", deadlines: [process, accept], status: accept.status, status_vi: accept.status_vi,
        due: accept.due, due_label_vi: accept.label_vi,
      }),
      proposed_appointment: () => ({ visit_id, date: "2026-12-18", explained: { ...check, due: "2026-12-18", summary: `Xử lý đơn: … → hạn 18/12/2026 (${basis}).` } }),
    });
    render(PetitionDeadlines, { visitId: visit_id, active: true });
    const headline = await screen.findByTestId("next-deadline");
    expect(headline.textContent!.replace(/\s+/g, " ").trim()).toBe(
      "Hạn gần nhất: 14/12/2026 — Thụ lý khiếu nại và thông báo bằng văn bản · Sắp đến hạn (còn 2 ngày làm việc)",
    );
    const appointment = screen.getByTestId("appointment");
    expect(appointment.textContent).toContain("Ngày hẹn đề xuất: 18/12/2026 (hạn xử lý đơn, để ghi trên phiếu hẹn)");
  });

  it("records a transfer and shows the register's field problem under its field", async () => {
    let calls = 0;
    mockDesk({
      petition_follow_up: () => followUp,
      proposed_appointment: () => null,
      record_transfer: ({ transfer }) => {
        calls += 1;
        if (transfer.to === "") {
          throw { code: "invalid", message: "Thông tin chưa hợp lệ: xem các ô được đánh dấu.", problems: [{ field: "to", code: "required", message: "Chưa nhập." }] };
        }
        return { ...followUp, transfer: { visit_id, on: transfer.on, to: transfer.to, note: "" }, deadlines: [{ ...due, done_on: transfer.on, status: { state: "done", on: transfer.on, on_time: false }, status_vi: "Đã xong" }] };
      },
    });
    const { container } = render(PetitionDeadlines, { visitId: visit_id, active: true });
    await fireEvent.click(await screen.findByText("Ghi chuyển đơn"));
    await fireEvent.click(screen.getByText("Ghi vào sổ"));
    const error = await screen.findByText("Chưa nhập.");
    expect(error.getAttribute("data-field")).toBe("to");
    const to = container.querySelector<HTMLInputElement>("[name=to]")!;
    await fireEvent.input(to, { target: { value: "Công an phường" } });
    await fireEvent.click(screen.getByText("Ghi vào sổ"));
    await screen.findByText(/Đã xong/);
    expect(calls).toBe(2);
    expect(screen.getByText("Ghi trả lời của nơi nhận")).toBeTruthy();
  });

  it("refuses a date that is not dd/mm/yyyy before asking the register", async () => {
    mockDesk({ petition_follow_up: () => followUp, proposed_appointment: () => null });
    const { container } = render(PetitionDeadlines, { visitId: visit_id, active: true });
    await fireEvent.click(await screen.findByText("Ghi kết quả giải quyết"));
    const on = container.querySelector<HTMLInputElement>("[name=on]")!;
    await fireEvent.input(on, { target: { value: "31/02/2026" } });
    await fireEvent.click(screen.getByText("Ghi vào sổ"));
    await screen.findByText("Ngày phải có dạng dd/mm/yyyy.");
  });

  it("proposes no appointment and offers no result for a cancelled visit", async () => {
    mockDesk({
      petition_follow_up: () => ({ ...followUp, deadlines: [], status: null, status_vi: null }),
      proposed_appointment: () => ({ visit_id, date: "2026-05-13", explained: check }),
    });
    render(PetitionDeadlines, { visitId: visit_id, active: false });
    await screen.findByText("Đơn này không có thời hạn phải theo dõi.");
    expect(screen.queryByTestId("appointment")).toBeNull();
    expect(screen.queryByTestId("result-forms")).toBeNull();
  });
});
