import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import type { Visit, VisitRecord } from "../../api/types";
import { mockDesk } from "../../test/ipc";
import SearchPage from "./SearchPage.svelte";
import VisitDetail from "./VisitDetail.svelte";

const id = "0190f0f0-0000-7000-8000-000000000003";

const visit: Visit = {
  id,
  receipt_no: "0007/2026/A",
  status: "active",
  received_at: "2026-11-25T10:00:00+07:00",
  reception: "regular",
  visitor_kind: "individual",
  people_count: 1,
  organisation: null,
  visitors: [
    { full_name: "Đặng Thị Ngọc Ánh", id_kind: null, id_number: null, id_issued_on: null, id_issued_by: null, birth_year: null, sex: null, address: null, phone: null },
  ],
  summary: "Phản ánh đèn đường hỏng",
  petition: null,
  documents: [{ title: "Ảnh chụp hiện trường", original: false, pages: 3 }],
  refusal: null,
  officer_id: null,
  notes: "",
};

function record(v: Visit): VisitRecord {
  return {
    visit: v,
    history: [{ seq: 1, kind: "visit_recorded", recorded_at: "2026-11-25T03:00:00Z", officer: null, reason: null, details: v, changes: [] }],
  };
}

describe("Tra cứu", () => {
  it("sends what is typed, without diacritics, and lists the hits", async () => {
    const calls = mockDesk({
      search_visits: () => [
        { visit_id: id, receipt_no: "0007/2026/A", received_at: visit.received_at, status: "active", names: ["Đặng Thị Ngọc Ánh"], summary: visit.summary, rank: 500 },
      ],
    });
    const opened: string[] = [];
    const { container } = render(SearchPage, { onopen: (v: string) => opened.push(v) });
    const box = container.querySelector<HTMLInputElement>("[name=query]")!;
    await fireEvent.input(box, { target: { value: "dang thi ngoc anh" } });
    const hit = await screen.findByText("Đặng Thị Ngọc Ánh", {}, { timeout: 2000 });
    expect(calls.at(-1)!.args).toMatchObject({ query: "dang thi ngoc anh" });
    await fireEvent.click(hit.closest("button")!);
    expect(opened).toEqual([id]);
  });

  it("shows a visit with its documents and history, and cancels only with a reason", async () => {
    let current = visit;
    const calls = mockDesk({
      visit_record: () => record(current),
      cancel_visit: ({ reason }) => {
        current = { ...visit, status: "cancelled" };
        expect(reason).toBe("Ghi nhầm");
        return current;
      },
    });
    render(VisitDetail, { visitId: id, officers: [], onclose: () => {} });
    await screen.findByText("Ảnh chụp hiện trường (bản sao, 3 trang)");
    expect(screen.getByText("Ghi sổ")).toBeTruthy();
    await fireEvent.click(screen.getByText("Hủy lượt tiếp"));
    await fireEvent.click(screen.getByText("Xác nhận hủy"));
    await screen.findByText("Chưa nhập lý do hủy.");
    expect(calls.some((c) => c.command === "cancel_visit")).toBe(false);
    const reason = document.querySelector<HTMLInputElement>("[name=reason]")!;
    await fireEvent.input(reason, { target: { value: "Ghi nhầm" } });
    await fireEvent.click(screen.getByText("Xác nhận hủy"));
    await waitFor(() => expect(screen.getAllByText("Đã hủy").length).toBeGreaterThan(0));
  });
});
