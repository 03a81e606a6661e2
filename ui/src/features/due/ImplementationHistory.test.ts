import { render, screen } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import type { Implementation, PetitionFollowUp } from "../../api/types";
import { mockDesk } from "../../test/ipc";
import ImplementationHistory from "./ImplementationHistory.svelte";

const visit_id = "0190f0f0-0000-7000-8000-000000000011";
const nothing = { money: 0, land: 0 };
const none = { people: 0, officials: 0 };

function record(on: string, completed: boolean, money: number, note = ""): Implementation {
  return {
    visit_id,
    on,
    completed,
    done: { to_state: { money, land: 0 }, to_organisations: nothing, to_individuals: nothing, sanctioned: none, prosecuted: { cases: 0, ...none } },
    note,
  };
}

describe("Thi hành quyết định", () => {
  it("lists every record oldest first, marks the one the report counts, and shows notes as text", async () => {
    const calls = mockDesk({
      decision_implementations: () => [
        record("2026-05-04", false, 1_000),
        record("2026-06-01", true, 2_500, "<b>Biên bản</b> số 3"),
      ],
    });
    const { container } = render(ImplementationHistory, { followUp: { visit_id } as PetitionFollowUp });
    const items = await screen.findAllByRole("listitem");
    expect(items.map((li) => li.textContent?.replace(/\s+/g, " ").trim())).toEqual([
      "04/05/2026 — Đang thực hiện Đã thu hồi cho Nhà nước: 1 triệu đồng",
      "01/06/2026 — Đã thực hiện xong (bản ghi mới nhất, được tính trong báo cáo) Đã thu hồi cho Nhà nước: 2,5 triệu đồng <b>Biên bản</b> số 3",
    ]);
    expect(container.querySelector("li b")).toBeNull();
    expect(calls[0].args).toEqual({ visit_id });
  });

  it("says when nothing has been recorded yet", async () => {
    mockDesk({ decision_implementations: () => [] });
    render(ImplementationHistory, { followUp: { visit_id } as PetitionFollowUp });
    expect(await screen.findByText("Chưa ghi việc thi hành quyết định.")).toBeTruthy();
  });
});
