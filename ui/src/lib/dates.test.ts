import { describe, expect, it } from "vitest";
import { addDays, dmyToYmd, formatDate, formatDateTime, todayYmd, ymdToDmy } from "./dates";

describe("dates at the ward", () => {
  it("shows dd/mm/yyyy and 24-hour times at UTC+7 whatever the offset of the stored time", () => {
    expect(formatDate("2026-11-25T08:05:00+07:00")).toBe("25/11/2026");
    expect(formatDateTime("2026-11-25T15:30:00+07:00")).toBe("15:30 25/11/2026");
    // 20:00 UTC is already the next morning in Vietnam.
    expect(formatDateTime("2026-11-24T20:00:00Z")).toBe("03:00 25/11/2026");
  });

  it("reads dates typed as dd/mm/yyyy and refuses days that do not exist", () => {
    expect(dmyToYmd("25/11/2026")).toBe("2026-11-25");
    expect(dmyToYmd("1.2.2026")).toBe("2026-02-01");
    expect(dmyToYmd("31/02/2026")).toBeNull();
    expect(dmyToYmd("2026-11-25")).toBeNull();
    expect(ymdToDmy("2026-01-05")).toBe("05/01/2026");
  });

  it("counts today and the days around it at the ward", () => {
    expect(todayYmd(new Date("2026-12-31T18:00:00Z"))).toBe("2027-01-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
  });
});
