import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import type { DueItem, FollowUp } from "../../api/types";
import { mockDesk } from "../../test/ipc";
import DuePage from "./DuePage.svelte";
import { tally } from "./status";

function item(n: number, name: string, due: string, status: FollowUp, status_vi: string): DueItem {
  return {
    visit_id: `0190f0f0-0000-7000-8000-00000000000${n}`,
    receipt_no: `000${n}/2026/A`,
    received_on: "2026-10-02",
    kind: "complaint",
    kind_vi: "Khiếu nại",
    names: [name],
    summary: "Khiếu nại thu hồi đất",
    step: "accept",
    step_vi: "Thụ lý khiếu nại",
    due,
    status,
    status_vi,
    visits_in_matter: n === 1 ? 2 : 1,
  };
}

// As the register sends them: overdue first, then due soon, then on time.
const items: DueItem[] = [
  item(1, "Lê Văn Cũ", "2026-10-16", { state: "overdue", days_late: 3 }, "Quá hạn 3 ngày"),
  item(2, "Phạm Thị Gần", "2026-11-27", { state: "due_soon", working_days_left: 2 }, "Sắp đến hạn (còn 2 ngày làm việc)"),
  item(3, "Hoàng Văn Mới", "2026-12-09", { state: "on_time", working_days_left: 10 }, "Trong hạn (còn 10 ngày làm việc)"),
];

describe("Việc cần làm", () => {
  it("keeps the register's order, overdue first, and says lateness in words as well as colour", async () => {
    const calls = mockDesk({ due_petitions: () => items });
    const { container } = render(DuePage, { onopen: () => {} });
    await screen.findByText("Lê Văn Cũ");
    const rows = [...container.querySelectorAll<HTMLTableRowElement>("tbody tr")];
    expect(rows.map((r) => r.cells[3].textContent)).toEqual(["Lê Văn CũLần tiếp thứ 2", "Phạm Thị Gần", "Hoàng Văn Mới"]);
    expect(rows[0].classList.contains("overdue"), "the overdue row is highlighted").toBe(true);
    expect(rows[0].textContent, "and says so in words, not colour only").toContain("Quá hạn 3 ngày");
    expect(rows[1].classList.contains("due-soon"), "due within the window is flagged").toBe(true);
    expect(rows[2].classList.contains("overdue") || rows[2].classList.contains("due-soon")).toBe(false);
    // Dates as the ward reads them.
    expect(rows[0].cells[2].textContent).toBe("02/10/2026");
    expect(rows[0].cells[6].textContent).toBe("16/10/2026");
    expect(rows[0].cells[5].textContent).toBe("Thụ lý khiếu nại");
    expect(screen.getByTestId("due-tally").textContent).toBe("1 việc quá hạn · 1 việc sắp đến hạn · 1 việc trong hạn");
    expect(calls[0]).toEqual({ command: "due_petitions", args: { within: 5, all: true } });
  });

  it("opens the visit of a row with a click or Enter", async () => {
    mockDesk({ due_petitions: () => items });
    const opened: string[] = [];
    const { container } = render(DuePage, { onopen: (id: string) => opened.push(id) });
    await screen.findByText("Phạm Thị Gần");
    const rows = container.querySelectorAll<HTMLTableRowElement>("tbody tr");
    await fireEvent.click(rows[1]);
    await fireEvent.keyDown(rows[0], { key: "Enter" });
    expect(opened).toEqual([items[1].visit_id, items[0].visit_id]);
  });

  it("asks again with the warning window and the urgent-only filter the clerk chose", async () => {
    const calls = mockDesk({ due_petitions: ({ all }) => (all ? items : items.slice(0, 2)) });
    const { container } = render(DuePage, { onopen: () => {} });
    await screen.findByText("Hoàng Văn Mới");
    const within = container.querySelector<HTMLInputElement>("[name=within]")!;
    await fireEvent.input(within, { target: { value: "10" } });
    await fireEvent.click(container.querySelector<HTMLInputElement>("[name=only_urgent]")!);
    await waitFor(() => expect(screen.queryByText("Hoàng Văn Mới")).toBeNull());
    expect(calls.at(-1)!.args).toEqual({ within: 10, all: false });
    await fireEvent.input(within, { target: { value: "abc" } });
    await fireEvent.submit(within.form!);
    await screen.findByText("Số ngày làm việc báo trước phải từ 0 đến 60.");
  });

  it("says when nothing is due", async () => {
    mockDesk({ due_petitions: () => [] });
    render(DuePage, { onopen: () => {} });
    await screen.findByText("Không có đơn nào cần làm.");
  });

  it("counts only the groups that have petitions", () => {
    expect(tally([{ state: "overdue", days_late: 1 }, { state: "overdue", days_late: 4 }])).toBe("2 việc quá hạn");
    expect(tally([])).toBe("");
  });
});
