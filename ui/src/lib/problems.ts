// Field problems from Rust, keyed by the input path the form uses for its fields
// ("visitors[0].id_number", "petition.transfer_to").
import type { FieldProblem } from "../api/types";

export type FieldErrors = Record<string, string>;

export function byField(problems: FieldProblem[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const p of problems) {
    errors[p.field] = errors[p.field] ? `${errors[p.field]} ${p.message}` : p.message;
  }
  return errors;
}

/** Moves the caret to the first field with an error (first on screen, not first reported), so the
 * clerk can fix it at once. */
export function focusFirstError(root: ParentNode, errors: FieldErrors): void {
  const named = root.querySelectorAll<HTMLElement & { name?: string }>("[name]");
  for (const el of named) {
    if (el.name && errors[el.name]) {
      el.focus();
      return;
    }
  }
}
