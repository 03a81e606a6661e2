// How a deadline's status reads on screen: a CSS class for the row and a word that says the same thing,
// so lateness is never told by colour alone.
import type { FollowUp } from "../../api/types";

export type Urgency = "overdue" | "due-soon" | "on-time" | "done";

export function urgency(status: FollowUp): Urgency {
  switch (status.state) {
    case "overdue":
      return "overdue";
    case "due_soon":
      return "due-soon";
    case "on_time":
      return "on-time";
    case "done":
      return "done";
  }
}

/** A short mark shown before the status sentence (the sentence itself comes from Rust). */
export function mark(status: FollowUp): string {
  switch (status.state) {
    case "overdue":
      return "⚠ ";
    case "due_soon":
      return "⏰ ";
    case "done":
      return "✓ ";
    default:
      return "";
  }
}

/** "3 việc quá hạn · 2 việc sắp đến hạn · 4 việc trong hạn", leaving out the empty groups. */
export function tally(statuses: FollowUp[]): string {
  const count = (s: FollowUp["state"]) => statuses.filter((x) => x.state === s).length;
  const parts: [number, string][] = [
    [count("overdue"), "quá hạn"],
    [count("due_soon"), "sắp đến hạn"],
    [count("on_time"), "trong hạn"],
  ];
  return parts
    .filter(([n]) => n > 0)
    .map(([n, what]) => `${n} việc ${what}`)
    .join(" · ");
}
