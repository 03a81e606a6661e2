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

/** Moves the caret to the first field with an error, so the clerk can fix it at once. */
export function focusFirstError(root: ParentNode, errors: FieldErrors): void {
  for (const field of Object.keys(errors)) {
    const el = root.querySelector<HTMLElement>(`[name="${CSS.escape(field)}"]`);
    if (el) {
      el.focus();
      return;
    }
  }
}
