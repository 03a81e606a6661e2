import { describe, expect, it } from "vitest";
import type { PetitionFollowUp } from "../../api/types";
import { amountText, blankInputs, doneFrom, doneSummary, figuresFrom, keptByDeadline, parseAmount, parseCount } from "./figures";

describe("Số liệu quyết định giải quyết khiếu nại", () => {
  it("reads amounts the Vietnamese way into exact thousandths", () => {
    expect(parseAmount("12,5")).toBe(12_500);
    expect(parseAmount(" 0,125 ")).toBe(125);
    expect(parseAmount("7")).toBe(7_000);
    expect(parseAmount("")).toBe(0);
    expect(amountText(12_500)).toBe("12,5");
    expect(amountText(7_000)).toBe("7");
  });

  it("refuses a dot, a sign, letters or a fourth decimal with a message the clerk can act on", () => {
    expect(parseAmount("1.5")).toBe("Dùng dấu phẩy trước phần thập phân (ví dụ 12,5), không dùng dấu chấm.");
    for (const bad of ["-1", "1,2345", "mười", "1,", ",5"]) {
      expect(parseAmount(bad), bad).toContain("Nhập số không âm");
    }
    expect(parseCount("2,5")).toBe("Nhập số nguyên không âm (ví dụ 2).");
    expect(parseCount("3")).toBe(3);
  });

  it("records nothing when nothing was entered, and every figure when one was", () => {
    expect(figuresFrom(blankInputs()).figures).toBeNull();
    const inputs = { ...blankInputs(), stateMoney: "1,25", sanctionPeople: "2", sanctionOfficials: "1", verdict: "upheld" as const };
    const { figures, errors } = figuresFrom(inputs);
    expect(errors).toEqual({});
    expect(figures?.to_state).toEqual({ money: 1_250, land: 0 });
    expect(figures?.sanctions).toEqual({ people: 2, officials: 1 });
    expect(figures?.second_level).toBe("upheld");
    expect(figures?.deadline_kept).toBeNull();
  });

  it("puts each mistake under its own field, named as the register names it", () => {
    const inputs = { ...blankInputs(), stateLand: "12.5", sanctionPeople: "1", sanctionOfficials: "2", casePeople: "1" };
    expect(figuresFrom(inputs).errors).toEqual({
      "figures.to_state.land": "Dùng dấu phẩy trước phần thập phân (ví dụ 12,5), không dùng dấu chấm.",
      "figures.sanctions.officials": "Không được lớn hơn số người.",
      "figures.referred.cases": "Có người thì phải có số vụ.",
    });
    expect(Object.keys(doneFrom(inputs).errors)).toEqual(["done.to_state.land", "done.sanctioned.officials", "done.prosecuted.cases"]);
  });

  it("pre-fills 'đúng hạn' from the resolution deadline the register computed", () => {
    const followUp = { deadlines: [{ step: "resolve", due: "2026-04-06" }] } as unknown as PetitionFollowUp;
    expect(keptByDeadline(followUp, "2026-04-06")).toBe("yes");
    expect(keptByDeadline(followUp, "2026-04-07")).toBe("no");
    expect(keptByDeadline({ deadlines: [] } as unknown as PetitionFollowUp, "2026-04-07")).toBe("");
  });
});

describe("what an implementation record says was done", () => {
  const nothing = { money: 0, land: 0 };
  it("lists the non-zero totals in Vietnamese, amounts the Vietnamese way", () => {
    expect(
      doneSummary({
        to_state: { money: 12_500, land: 0 },
        to_organisations: nothing,
        to_individuals: { money: 0, land: 250_000 },
        sanctioned: { people: 2, officials: 1 },
        prosecuted: { cases: 0, people: 0, officials: 0 },
      }),
    ).toEqual([
      "Đã thu hồi cho Nhà nước: 12,5 triệu đồng",
      "Đã trả lại cho cá nhân: 250 m² đất",
      "Đã xử lý hành chính 2 người (1 cán bộ, công chức)",
    ]);
  });

  it("says nothing of a record with nothing done yet", () => {
    const none = { people: 0, officials: 0 };
    expect(
      doneSummary({ to_state: nothing, to_organisations: nothing, to_individuals: nothing, sanctioned: none, prosecuted: { cases: 0, ...none } }),
    ).toEqual([]);
  });
});
