// Processing a petition from the "Đơn thư" list (xử lý đơn, TT 05/2021): eligibility with its reason,
// competence, handling and the day it was decided. Shape only is checked here; the rules (a transfer
// names its body and is not within competence, accepting needs competence, the day is not before
// receipt nor in the future) are Rust's (tiepdan_domain::processing), and its field names are
// `petition.…`, which this form's inputs carry.
import type { FieldProblem, Handling, PetitionEntry, Processing } from "../../api/types";
import { dmyToYmd, todayYmd, ymdToDmy } from "../../lib/dates";

export interface ProcessForm {
  /** Ngày xử lý, dd/mm/yyyy. */
  processed_on: string;
  eligible: boolean;
  ineligible_reason: string;
  competent: boolean;
  handling: Handling | "";
  transfer_to: string;
  guidance: string;
}

/** A fresh form for `entry`, or its recorded processing to change. */
export function processFormFor(entry: PetitionEntry, today: string = todayYmd()): ProcessForm {
  return {
    processed_on: ymdToDmy(entry.processed_on ?? today),
    eligible: true,
    ineligible_reason: "",
    competent: entry.handling ? !namesOtherBody(entry.handling) : true,
    handling: entry.handling ?? "",
    transfer_to: entry.transfer_to ?? "",
    guidance: "",
  };
}

/** Handlings that send the matter to another body: the petition is then not within competence. */
export const namesOtherBody = (h: Handling | ""): boolean => h === "transfer" || h === "remind";

/** The competence a handling implies, proposed when the clerk picks it (still theirs to change). */
export function competenceFor(h: Handling | "", current: boolean): boolean {
  if (namesOtherBody(h)) return false;
  if (h === "accept") return true;
  return current;
}

const text = (s: string): string | null => (s.trim() === "" ? null : s.trim());

function problem(field: string, code: "required" | "bad_format", message: string): FieldProblem {
  return code === "required"
    ? ({ field, code, message } as FieldProblem)
    : ({ field, code, expected: message, message } as FieldProblem);
}

/** The decision Rust will check, or the problems that stop it from being sent. */
export function toProcessing(visitId: string, form: ProcessForm): { processing: Processing | null; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const day = dmyToYmd(form.processed_on);
  if (!day) problems.push(problem("petition.processed_on", "bad_format", "Ngày xử lý phải có dạng dd/mm/yyyy."));
  if (form.handling === "") problems.push(problem("petition.handling", "required", "Chưa chọn hướng xử lý."));
  if (!day || form.handling === "") return { processing: null, problems };
  return {
    processing: {
      visit_id: visitId,
      processed_on: day,
      eligible: form.eligible,
      ineligible_reason: form.eligible ? null : text(form.ineligible_reason),
      competent: form.competent,
      handling: form.handling,
      transfer_to: namesOtherBody(form.handling) ? text(form.transfer_to) : null,
      guidance: form.handling === "guide" ? text(form.guidance) : null,
    },
    problems,
  };
}
