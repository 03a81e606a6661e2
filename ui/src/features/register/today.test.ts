import { describe, expect, it } from "vitest";
import type { Visit } from "../../api/types";
import { todayLine } from "./today";

const visit = (people: number, handling: string | null | undefined, status = "active") =>
  ({
    status,
    people_count: people,
    petition: handling === undefined ? null : { handling },
  }) as unknown as Visit;

describe("today's count on the main screens", () => {
  it("counts standing visits, their people and their petitions by handling", () => {
    const line = todayLine([visit(1, "accept"), visit(6, "guide"), visit(2, undefined), visit(1, null), visit(3, "accept", "cancelled")]);
    expect(line).toBe("4 lượt tiếp · 10 người · 3 đơn (thụ lý 1, hướng dẫn 1, chưa xử lý 1)");
  });

  it("says zero on a morning with no visit yet", () => {
    expect(todayLine([])).toBe("0 lượt tiếp · 0 người · 0 đơn");
  });

  it("counts a petition received without a visit as a petition, not as a visit or its people", () => {
    const mailed = { ...visit(1, "transfer"), source: "post" } as Visit;
    expect(todayLine([visit(2, "accept"), mailed])).toBe("1 lượt tiếp · 2 người · 2 đơn, trong đó 1 đơn gửi đến (thụ lý 1, chuyển 1)");
  });
});
