// Records a person can trust (issue 13 §9): what an amendment changed, the visit an audit entry names,
// and walking search results with the arrow keys.
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import type { AccessEntry, SearchHit, Visit, VisitRecord } from "../../api/types";
import { mockDesk } from "../../test/ipc";
import AccessLogPage from "../session/AccessLogPage.svelte";
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
  summary: "Phản ánh đèn đường hỏng ở ngõ 5",
  petition: null,
  documents: [],
  refusal: null,
  officer_id: null,
  notes: "",
};

describe("Lịch sử thay đổi", () => {
  it("shows each field an amendment changed, before and after, beside its reason", async () => {
    const record: VisitRecord = {
      visit,
      history: [
        { seq: 1, kind: "visit_recorded", recorded_at: "2026-11-25T03:00:00Z", officer: null, reason: null, details: { ...visit, summary: "Phản ánh đèn đường hỏng" }, changes: [] },
        {
          seq: 2, kind: "visit_amended", recorded_at: "2026-11-25T04:00:00Z", officer: null, reason: "Ghi thiếu địa điểm", details: visit,
          changes: [
            { label: "Nội dung vụ việc", before: "Phản ánh đèn đường hỏng", after: "Phản ánh đèn đường hỏng ở ngõ 5" },
            { label: "Người 1 — Điện thoại", before: "", after: "0912345678" },
          ],
        },
      ],
    };
    mockDesk({ visit_record: () => record });
    render(VisitDetail, { visitId: id, officers: [], onclose: () => {} });
    const table = await screen.findByTestId("changes");
    const rows = [...table.querySelectorAll("tbody tr")].map((r) => [...r.children].map((c) => c.textContent!.trim()));
    expect(rows).toEqual([
      ["Nội dung vụ việc", "Phản ánh đèn đường hỏng", "Phản ánh đèn đường hỏng ở ngõ 5"],
      ["Người 1 — Điện thoại", "(trống)", "0912345678"],
    ]);
    expect(screen.getByText(/Lý do: Ghi thiếu địa điểm/)).toBeTruthy();
  });
});

describe("Nhật ký truy cập", () => {
  const opened: AccessEntry = {
    no: 12, at: "2026-11-25T03:00:00Z", officer: null, officer_name: "Trần Thị Bình", action: "opened_visit",
    action_vi: "Mở lượt tiếp", visit: id, receipt_no: "0007/2026/A", detail: "",
  };

  it("names the opened visit by its receipt number and opens it from there", async () => {
    mockDesk({ access_log: () => [opened] });
    const opens: string[] = [];
    render(AccessLogPage, { officers: [], onopen: (v: string) => opens.push(v) });
    const link = await screen.findByRole("button", { name: "0007/2026/A" });
    await fireEvent.click(link);
    expect(opens).toEqual([id]);
    expect(screen.queryByText(id)).toBeNull();
  });

  it("shows the receipt number without a link to an officer who may not open visits", async () => {
    mockDesk({ access_log: () => [opened] });
    render(AccessLogPage, { officers: [] });
    await screen.findByText("0007/2026/A");
    expect(screen.queryByRole("button", { name: "0007/2026/A" })).toBeNull();
  });
});

describe("Tra cứu bằng bàn phím", () => {
  const hit = (n: number): SearchHit => ({
    visit_id: `0190f0f0-0000-7000-8000-00000000000${n}`, receipt_no: `000${n}/2026/A`, received_at: visit.received_at,
    status: "active", names: [`Người số ${n}`], summary: "Phản ánh", rank: 500 - n,
  });

  it("walks every result with ↓ and back with ↑, and Enter opens the one chosen", async () => {
    mockDesk({ search_visits: () => [hit(1), hit(2), hit(3)] });
    const opens: string[] = [];
    const { container } = render(SearchPage, { onopen: (v: string) => opens.push(v) });
    const box = container.querySelector<HTMLInputElement>("[name=query]")!;
    await fireEvent.input(box, { target: { value: "phan anh" } });
    await screen.findByText("Người số 3", {}, { timeout: 2000 });
    const focused = () => document.activeElement?.querySelector(".receipt-no")?.textContent ?? document.activeElement?.id;
    await fireEvent.keyDown(box, { key: "ArrowDown" });
    expect(focused()).toBe("0001/2026/A");
    await fireEvent.keyDown(document.activeElement!, { key: "ArrowDown" });
    await fireEvent.keyDown(document.activeElement!, { key: "ArrowDown" });
    expect(focused()).toBe("0003/2026/A");
    await fireEvent.keyDown(document.activeElement!, { key: "ArrowDown" });
    expect(focused(), "↓ on the last result stays there").toBe("0003/2026/A");
    await fireEvent.keyDown(document.activeElement!, { key: "ArrowUp" });
    expect(focused()).toBe("0002/2026/A");
    (document.activeElement as HTMLElement).click();
    await waitFor(() => expect(opens).toEqual([hit(2).visit_id]));
    await fireEvent.keyDown(document.activeElement!, { key: "ArrowUp" });
    await fireEvent.keyDown(document.activeElement!, { key: "ArrowUp" });
    expect(focused(), "↑ from the first result goes back to the box").toBe("search-query");
  });
});
