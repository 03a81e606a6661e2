// The working of a due date as the clerk reads it: one line per day that was not an ordinary working
// day of the count (skipped, rolled over, or counted with a note), after the rule's own sentence.
import type { DayEntry, DeadlineExplained } from "../../api/types";
import { ymdToDmy } from "../../lib/dates";

function what(day: DayEntry, unit: DeadlineExplained["rule"]["unit"]): string {
  switch (day.count) {
    case "counted":
      return unit === "working_days"
        ? `tính ngày thứ ${day.ordinal ?? 0}`
        : `vẫn tính (thời hạn theo ngày), ngày thứ ${day.ordinal ?? 0}`;
    case "skipped":
      return "không tính";
    case "rolled_forward":
      return day.working ? "ngày làm việc tiếp theo: hạn" : "ngày nghỉ, hạn lùi tiếp";
  }
}

export function notableDays(e: DeadlineExplained): string[] {
  return e.days
    .filter((d) => d.reason != null || d.count !== "counted")
    .map((d) => `${ymdToDmy(d.date)} — ${d.reason ?? "ngày làm việc"} — ${what(d, e.rule.unit)}`);
}

/** "10 ngày làm việc đã tính, 4 ngày không tính". */
export function countLine(e: DeadlineExplained): string {
  const counted = e.days.filter((d) => d.count === "counted").length;
  const skipped = e.days.filter((d) => d.count === "skipped").length;
  return skipped > 0 ? `${counted} ngày đã tính, ${skipped} ngày không tính` : `${counted} ngày đã tính`;
}
