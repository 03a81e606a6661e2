import { describe, expect, it } from "vitest";
import type { SessionEntry } from "../../api/types";
import { modeOfSession, sessionChoices, sessionMode } from "./sessionChoice";

const session = (id: string, over: Partial<SessionEntry["session"]> = {}, outcome: SessionEntry["outcome"] = null): SessionEntry => ({
  session: { id, planned_on: "2026-12-10", part: "morning", kind: "periodic", sat: "head", officer_id: null, delegation: null, place: null, ...over },
  officer_name: null,
  outcome,
  outcome_vi: null,
  visits: 0,
  note: null,
});

describe("the session a visit is received in", () => {
  it("is chosen among today's open sessions; a closed one is offered no more", () => {
    const open = session("s1");
    const closed = session("s2", { part: "afternoon" }, "held");
    expect(sessionChoices([open, closed], "").map(([id]) => id)).toEqual(["s1"]);
    expect(sessionChoices([open, closed], "s2").map(([id]) => id), "the visit's own session stays shown").toEqual(["s1", "s2"]);
    expect(sessionChoices([{ ...open, officer_name: "Trần Thị Bình" }], "")[0][1]).toBe("Buổi sáng · Chủ tịch (Trần Thị Bình)");
  });

  it("gives the visit its reception mode, as the register will", () => {
    expect(modeOfSession(session("a"))).toBe("leader_periodic");
    expect(modeOfSession(session("b", { kind: "ad_hoc" }))).toBe("leader_ad_hoc");
    expect(modeOfSession(session("c", { sat: "delegate" }))).toBe("delegated");
    expect(sessionMode([session("c", { sat: "delegate" })], "c")).toBe("Tiếp theo ủy quyền");
    expect(sessionMode([session("c")], "")).toBe("");
  });
});
