// The petition being registered, kept while the screen is locked or another screen is open, so the
// officer who comes back finds it again — as the visit form keeps its draft (visit/draft.ts), and
// under the same rules: memory only, one officer, forgotten when another officer signs in, on sign
// out and when the app closes (a denouncer's name may be in it).
import { emptyPetitionForm, type PetitionForm } from "./form";

let held: { officer: string; form: PetitionForm } | null = null;

const blank = JSON.stringify(emptyPetitionForm());

/** Holds `form` as `officer`'s draft (an untouched form holds nothing). */
export function keepPetitionDraft(officer: string, form: PetitionForm): void {
  held = JSON.stringify(form) === blank ? null : { officer, form: structuredClone(form) };
}

/** The draft `officer` left, if any; another officer's draft is forgotten, never handed over. */
export function takePetitionDraft(officer: string): PetitionForm | null {
  if (held && held.officer !== officer) held = null;
  return held ? structuredClone(held.form) : null;
}

export function forgetPetitionDraft(): void {
  held = null;
}
