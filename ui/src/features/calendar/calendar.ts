// The reception calendar as the "Lịch tiếp dân" screen types it: the head's fixed days and the desk's
// hours (every input a string), a session to plan, and how a session reads in the list. Shape only
// is checked here (dd/mm/yyyy, hh:mm); the rules (a delegate is named, closing after opening, a
// cancellation says why) are Rust's (tiepdan_domain::sessions).
import type {
  DayPart,
  FieldProblem,
  ReceptionSchedule,
  ReceptionSession,
  SessionEntry,
  SessionKind,
  Sitter,
} from "../../api/types";
import { addDays, dmyToYmd, ymdToDmy } from "../../lib/dates";
import { dayParts, label, sessionKinds, sitters, weekdays } from "../../lib/labels";

export interface HeadDayForm {
  weekday: string;
  part: DayPart;
}

export interface DeskHoursForm {
  weekday: string;
  opens: string;
  closes: string;
}

export interface ScheduleForm {
  head_days: HeadDayForm[];
  desk_hours: DeskHoursForm[];
}

const bad = (field: string, message: string): FieldProblem =>
  ({ field, code: "bad_format", expected: message, message }) as FieldProblem;

/** "7:30" or "07:30" → "07:30:00" (chrono's NaiveTime); null when not a time of day. */
export function parseTime(text: string): string | null {
  const m = /^\s*(\d{1,2})[:h](\d{2})\s*$/.exec(text);
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) return null;
  return `${m[1].padStart(2, "0")}:${m[2]}:00`;
}

export const showTime = (t: string): string => t.slice(0, 5);

export function scheduleForm(s: ReceptionSchedule): ScheduleForm {
  return {
    head_days: s.head_days.map((d) => ({ weekday: String(d.weekday), part: d.part })),
    desk_hours: s.desk_hours.map((h) => ({ weekday: String(h.weekday), opens: showTime(h.opens), closes: showTime(h.closes) })),
  };
}

export function toSchedule(form: ScheduleForm): { schedule: ReceptionSchedule | null; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const desk_hours = form.desk_hours.map((h, i) => {
    const opens = parseTime(h.opens);
    const closes = parseTime(h.closes);
    if (!opens) problems.push(bad(`desk_hours[${i}].opens`, "Giờ phải có dạng hh:mm (24 giờ)."));
    if (!closes) problems.push(bad(`desk_hours[${i}].closes`, "Giờ phải có dạng hh:mm (24 giờ)."));
    return { weekday: Number(h.weekday), opens: opens ?? "", closes: closes ?? "" };
  });
  if (problems.length) return { schedule: null, problems };
  return { schedule: { head_days: form.head_days.map((d) => ({ weekday: Number(d.weekday), part: d.part })), desk_hours }, problems };
}

/** ISO weekday (1 = Monday) of "yyyy-mm-dd". */
export function weekdayOf(ymd: string): number {
  const [y, m, d] = ymd.split("-").map(Number);
  const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return day === 0 ? 7 : day;
}

export const weekdayName = (n: number): string => weekdays.find(([w]) => w === n)?.[1] ?? "";

/** The head's next `count` fixed reception days from `from` (inclusive); holidays are the clerk's to skip. */
export function upcomingDays(schedule: ReceptionSchedule, from: string, count: number): { date: string; part: DayPart }[] {
  const out: { date: string; part: DayPart }[] = [];
  if (schedule.head_days.length === 0) return out;
  for (let i = 0; i < 366 && out.length < count; i += 1) {
    const date = addDays(from, i);
    const weekday = weekdayOf(date);
    for (const d of schedule.head_days) if (d.weekday === weekday && out.length < count) out.push({ date, part: d.part });
  }
  return out;
}

export interface SessionForm {
  planned_on: string;
  part: DayPart;
  kind: SessionKind;
  sat: Sitter;
  officer_id: string;
  delegation: string;
  place: string;
}

export function emptySessionForm(today: string): SessionForm {
  return { planned_on: ymdToDmy(today), part: "morning", kind: "periodic", sat: "head", officer_id: "", delegation: "", place: "" };
}

const text = (s: string): string | null => (s.trim() === "" ? null : s.trim());

export function toSession(form: SessionForm, id: string): { session: ReceptionSession | null; problems: FieldProblem[] } {
  const day = dmyToYmd(form.planned_on);
  if (!day) return { session: null, problems: [bad("planned_on", "Ngày tiếp phải có dạng dd/mm/yyyy.")] };
  return {
    session: {
      id,
      planned_on: day,
      part: form.part,
      kind: form.kind,
      sat: form.sat,
      officer_id: text(form.officer_id),
      delegation: form.sat === "delegate" ? text(form.delegation) : null,
      place: text(form.place),
    },
    problems: [],
  };
}

/** "Thứ Năm 10/12/2026 · Buổi sáng · Định kỳ". */
export function sessionWhen(e: SessionEntry): string {
  const s = e.session;
  return `${weekdayName(weekdayOf(s.planned_on))} ${ymdToDmy(s.planned_on)} · ${label(dayParts, s.part)} · ${label(sessionKinds, s.kind)}`;
}

/** "Chủ tịch UBND trực tiếp tiếp (Trần Thị Bình)", with the delegation for a delegate. */
export function sessionWho(e: SessionEntry): string {
  const who = e.officer_name ? ` (${e.officer_name})` : "";
  const by = e.session.delegation ? `, theo ${e.session.delegation}` : "";
  return `${label(sitters, e.session.sat)}${who}${by}`;
}

/** The outcome as the list shows it; an open session says so. */
export function sessionOutcome(e: SessionEntry): string {
  if (!e.outcome) return "Chưa kết thúc";
  return e.note ? `${e.outcome_vi ?? e.outcome}: ${e.note}` : (e.outcome_vi ?? e.outcome);
}

const partOrder: DayPart[] = ["morning", "afternoon", "all_day"];

/** Sessions by day, the morning before the afternoon (the register orders its words alphabetically). */
export function inOrder(sessions: SessionEntry[]): SessionEntry[] {
  return [...sessions].sort(
    (a, b) =>
      a.session.planned_on.localeCompare(b.session.planned_on) ||
      partOrder.indexOf(a.session.part) - partOrder.indexOf(b.session.part),
  );
}
