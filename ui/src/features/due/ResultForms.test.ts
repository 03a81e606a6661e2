import { fireEvent, render, screen } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import type { DueDate, PetitionFollowUp } from "../../api/types";
import { mockDesk } from "../../test/ipc";
import ResultForms from "./ResultForms.svelte";

const visit_id = "0190f0f0-0000-7000-8000-000000000011";

// A complaint accepted for resolution on 05/03/2026, whose resolution is due far ahead.
const resolve = { step: "resolve", due: "2099-12-31", done_on: null } as unknown as DueDate;
const accepted: PetitionFollowUp = {
  visit_id,
  receipt_no: "0002/2026/A",
  kind: "complaint",
  received_on: "2026-03-02",
  deadlines: [resolve],
  status: null,
  status_vi: null,
  due: null,
  due_label_vi: null,
  acceptance: { visit_id, on: "2026-03-05", accepted: true, reason: null, variant: { level: "first", complexity: "normal", remote_area: false } },
  transfer: null,
  transfer_answer: null,
  extensions: [],
  resolution: null,
  visit_count: 1,
  repeat_of: null,
};

function field(container: HTMLElement, name: string): HTMLInputElement {
  return container.querySelector<HTMLInputElement>(`[name="${name}"]`)!;
}

describe("Kết quả giải quyết khiếu nại và thi hành quyết định", () => {
  it("sends the decision's figures in thousandths, with the deadline kept as pre-filled", async () => {
    const calls = mockDesk({ record_resolution: ({ resolution }) => ({ ...accepted, resolution }) });
    const { container } = render(ResultForms, { followUp: accepted, within: 5, onrecorded: () => {} });
    await fireEvent.click(screen.getByText("Ghi kết quả giải quyết"));
    expect(screen.getByTestId("decision-figures")).toBeTruthy();
    expect(field(container, "figures.deadline_kept").value).toBe("yes");
    await fireEvent.input(field(container, "figures.to_state.money"), { target: { value: "1,25" } });
    await fireEvent.input(field(container, "figures.to_state.land"), { target: { value: "120,5" } });
    await fireEvent.click(screen.getByText("Ghi vào sổ"));
    await Promise.resolve();
    const sent = calls.find((c) => c.command === "record_resolution")!.args.resolution as Record<string, any>;
    expect(sent.figures.to_state).toEqual({ money: 1_250, land: 120_500 });
    expect(sent.figures.deadline_kept).toBe(true);
  });

  it("explains a mistyped amount in Vietnamese and sends nothing", async () => {
    const calls = mockDesk({});
    const { container } = render(ResultForms, { followUp: accepted, within: 5, onrecorded: () => {} });
    await fireEvent.click(screen.getByText("Ghi kết quả giải quyết"));
    await fireEvent.input(field(container, "figures.to_state.money"), { target: { value: "1.5" } });
    await fireEvent.click(screen.getByText("Ghi vào sổ"));
    await screen.findByText("Dùng dấu phẩy trước phần thập phân (ví dụ 12,5), không dùng dấu chấm.");
    expect(calls).toEqual([]);
  });

  it("asks no figures of a petition that is not a complaint the ward accepted", async () => {
    mockDesk({});
    render(ResultForms, { followUp: { ...accepted, kind: "proposal" }, within: 5, onrecorded: () => {} });
    await fireEvent.click(screen.getByText("Ghi kết quả giải quyết"));
    expect(screen.queryByTestId("decision-figures")).toBeNull();
  });

  it("records the implementation of a decision once it is resolved", async () => {
    const resolution = { visit_id, on: "2026-04-01", outcome: "correct" as const, document_no: null, note: "" };
    const calls = mockDesk({ record_implementation: () => ({ ...accepted, resolution }) });
    const { container } = render(ResultForms, { followUp: { ...accepted, resolution }, within: 5, onrecorded: () => {} });
    expect(screen.queryByText("Ghi kết quả giải quyết")).toBeNull();
    await fireEvent.click(screen.getByText("Ghi thi hành quyết định"));
    await fireEvent.click(field(container, "completed"));
    await fireEvent.input(field(container, "done.to_state.money"), { target: { value: "0,5" } });
    await fireEvent.input(field(container, "done.prosecuted.cases"), { target: { value: "1" } });
    await fireEvent.click(screen.getByText("Ghi vào sổ"));
    await Promise.resolve();
    const record = calls.find((c) => c.command === "record_implementation")!.args.record as Record<string, any>;
    expect(record.completed).toBe(true);
    expect(record.done.to_state.money).toBe(500);
    expect(record.done.prosecuted).toEqual({ cases: 1, people: 0, officials: 0 });
  });

  it("offers no implementation of a complaint withdrawn after explanation", () => {
    mockDesk({});
    const resolution = { visit_id, on: "2026-04-01", outcome: "withdrawn" as const, document_no: null, note: "" };
    render(ResultForms, { followUp: { ...accepted, resolution }, within: 5, onrecorded: () => {} });
    expect(screen.queryByText("Ghi thi hành quyết định")).toBeNull();
  });
});
