// The visit being typed, kept while the screen is locked (Ctrl+L or the idle lock) so the officer who
// unlocks finds it again. Memory only, in this window, for one officer: it may hold a denouncer's
// identity in clear, so it is never written to disk; another officer signing in, or signing out,
// forgets it, and so does closing the app (docs/access.md, "Drafts").
import { emptyForm, type VisitForm } from "./form";

let held: { officer: string; form: VisitForm } | null = null;

const blank = JSON.stringify(emptyForm());

/** Holds `form` as `officer`'s draft (an untouched form holds nothing). */
export function keepDraft(officer: string, form: VisitForm): void {
  held = JSON.stringify(form) === blank ? null : { officer, form: structuredClone(form) };
}

/** The draft `officer` left, if any; another officer's draft is forgotten, never handed over. */
export function takeDraft(officer: string): VisitForm | null {
  if (held && held.officer !== officer) held = null;
  return held ? structuredClone(held.form) : null;
}

/** Forgets the draft: a new visit begins (Ctrl+N), or the officer changes or signs out. */
export function forgetDraft(): void {
  held = null;
}
