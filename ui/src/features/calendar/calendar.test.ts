import { describe, expect, it } from "vitest";
import type { SessionEntry } from "../../api/types";
import { uuidv7 } from "../../lib/ids";
import { inOrder, parseTime, scheduleForm, sessionOutcome, sessionWhen, sessionWho, toSchedule, toSession, upcomingDays, emptySessionForm, weekdayOf } from "./calendar";

const entry = (over: Partial<SessionEntry> = {}): SessionEntry => ({
  session: {
    id: "0190f0f0-0000-7000-8000-0000000000c1",
    planned_on: "2026-12-10",
    part: "morning",
    kind: "periodic",
    sat: "head",
    officer_id: null,
    delegation: null,
    place: null,
  },
  officer_name: "Trần Thị Bình",
  outcome: null,
  outcome_vi: null,
  visits: 0,
  note: null,
  ...over,
});

describe("the head's fixed days and the desk's hours", () => {
  it("reads a time of day as hh:mm, 24-hour", () => {
    expect(parseTime("7:30")).toBe("07:30:00");
    expect(parseTime("13h45")).toBe("13:45:00");
    expect(parseTime("24:00")).toBeNull();
    expect(parseTime("sáng")).toBeNull();
  });

  it("names the hour that is not a time, and sends nothing", () => {
    const { schedule, problems } = toSchedule({ head_days: [], desk_hours: [{ weekday: "2", opens: "7:30", closes: "trưa" }] });
    expect(schedule).toBeNull();
    expect(problems.map((p) => p.field)).toEqual(["desk_hours[0].closes"]);
  });

  it("round-trips the stored schedule through the form", () => {
    const stored = { head_days: [{ weekday: 4, part: "morning" as const }], desk_hours: [{ weekday: 2, opens: "07:30:00", closes: "11:30:00" }] };
    const form = scheduleForm(stored);
    expect(form.desk_hours[0]).toEqual({ weekday: "2", opens: "07:30", closes: "11:30" });
    expect(toSchedule(form).schedule).toEqual(stored);
  });

  it("offers the head's next fixed days, from today on", () => {
    expect(weekdayOf("2026-12-10"), "10/12/2026 is a Thursday").toBe(4);
    const schedule = { head_days: [{ weekday: 4, part: "morning" as const }], desk_hours: [] };
    expect(upcomingDays(schedule, "2026-12-07", 2)).toEqual([
      { date: "2026-12-10", part: "morning" },
      { date: "2026-12-17", part: "morning" },
    ]);
    expect(upcomingDays({ head_days: [], desk_hours: [] }, "2026-12-07", 2)).toEqual([]);
  });
});

describe("a leader's session", () => {
  it("is planned with the day typed as dd/mm/yyyy, and a delegation only for a delegate", () => {
    const form = { ...emptySessionForm("2026-12-06"), planned_on: "10/12/2026", delegation: "QĐ 12/QĐ-UBND" };
    const { session } = toSession(form, "id-1");
    expect(session?.planned_on).toBe("2026-12-10");
    expect(session?.delegation, "the head in person sits under no delegation").toBeNull();
    const delegated = toSession({ ...form, sat: "delegate", officer_id: "o-1" }, "id-2").session;
    expect([delegated?.sat, delegated?.officer_id, delegated?.delegation]).toEqual(["delegate", "o-1", "QĐ 12/QĐ-UBND"]);
    expect(toSession({ ...form, planned_on: "10/13/2026" }, "x").problems.map((p) => p.field)).toEqual(["planned_on"]);
  });

  it("is listed by day, the morning before the afternoon", () => {
    const afternoon = entry({ session: { ...entry().session, id: "b", part: "afternoon" } });
    const morning = entry({ session: { ...entry().session, id: "a", part: "morning" } });
    const earlier = entry({ session: { ...entry().session, id: "c", part: "all_day", planned_on: "2026-12-03" } });
    expect(inOrder([afternoon, morning, earlier]).map((e) => e.session.id)).toEqual(["c", "a", "b"]);
  });

  it("reads in the list with its day, who sat and how it ended; nobody coming is said so", () => {
    expect(sessionWhen(entry())).toBe("Thứ Năm 10/12/2026 · Buổi sáng · Định kỳ");
    expect(sessionWho(entry())).toBe("Chủ tịch UBND trực tiếp tiếp (Trần Thị Bình)");
    expect(sessionOutcome(entry())).toBe("Chưa kết thúc");
    expect(sessionOutcome(entry({ outcome: "unattended", outcome_vi: "Không có công dân đến" }))).toBe("Không có công dân đến");
    expect(sessionOutcome(entry({ outcome: "cancelled", outcome_vi: "Hủy, không tiếp", note: "Chủ tịch đi họp" }))).toBe(
      "Hủy, không tiếp: Chủ tịch đi họp",
    );
  });
});

describe("ids made in the window", () => {
  it("are UUIDv7, ordered by the time they were made", () => {
    const id = uuidv7(0x0190f0f00000, new Uint8Array(10).fill(0xff));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(id.startsWith("0190f0f0-0000-7")).toBe(true);
    expect(uuidv7(1000) < uuidv7(2000)).toBe(true);
  });
});
