// The petition list's filters as typed (dates dd/mm/yyyy) and the query they make, and how one
// entry reads in the list. Pure functions, read directly by the tests.
import type { FieldProblem, PetitionEntry, PetitionQuery, PetitionSource, ProcessingState } from "../../api/types";
import { dmyToYmd, ymdToDmy } from "../../lib/dates";

export interface ListFilter {
  source: PetitionSource | "";
  state: ProcessingState | "";
  from: string;
  to: string;
}

export const allPetitions = (): ListFilter => ({ source: "", state: "", from: "", to: "" });

/** The query for `filter`, or the fields whose dates are not dd/mm/yyyy. */
export function toQuery(filter: ListFilter): { query: PetitionQuery | null; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const day = (value: string, field: string) => {
    if (value.trim() === "") return null;
    const ymd = dmyToYmd(value);
    if (!ymd) {
      const message = "Ngày phải có dạng dd/mm/yyyy.";
      problems.push({ field, code: "bad_format", expected: message, message } as FieldProblem);
    }
    return ymd;
  };
  const from = day(filter.from, "from");
  const to = day(filter.to, "to");
  if (problems.length) return { query: null, problems };
  return {
    query: {
      source: filter.source === "" ? null : filter.source,
      state: filter.state === "" ? null : filter.state,
      from,
      to,
    },
    problems,
  };
}

/** Who sent it, as the list shows: the names (sealed ones masked by Rust), or "Nặc danh". */
export function sendersText(e: PetitionEntry): string {
  if (e.anonymous || e.names.length === 0) return "Nặc danh";
  return e.names.join(", ");
}

/** "Cơ quan khác chuyển đến: Thanh tra thành phố, CV số 12/TTr ngày 01/12/2026". */
export function sourceText(e: PetitionEntry): string {
  if (!e.from_body) return e.source_vi;
  const letter = [e.letter_no ? `số ${e.letter_no}` : "", e.letter_date ? `ngày ${ymdToDmy(e.letter_date)}` : ""]
    .filter(Boolean)
    .join(" ");
  return `${e.source_vi}: ${e.from_body}${letter ? `, văn bản ${letter}` : ""}`;
}

/** The processing as the list shows it: "Chưa xử lý", or the handling, where to, and the day. */
export function processingText(e: PetitionEntry): string {
  if (!e.handling) return "Chưa xử lý";
  const to = e.transfer_to ? ` → ${e.transfer_to}` : "";
  const on = e.processed_on ? ` (${ymdToDmy(e.processed_on)})` : "";
  return `${e.handling_vi ?? e.handling}${to}${on}`;
}
