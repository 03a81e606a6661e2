// Birth year and sex read from a 12-digit personal identification number (CCCD), so the clerk does not
// type what the number already says. The rule is tiepdan_domain::identity::cccd_facts, which stays the
// authority: Rust checks the saved year and sex against the number, whatever was filled here. Both
// sides are held to the same cases (crates/tiepdan-domain/src/cccd_facts_cases.json), so the two
// copies of these few lines cannot drift apart unnoticed.
import type { Sex } from "../../api/types";
import type { VisitorForm } from "./form";

export interface CccdFacts {
  birth_year: number;
  sex: Sex;
}

/** Digit 4 gives century and sex (0/1 → 1900s male/female, 2/3 → 2000s, …), digits 5–6 the year. */
export function cccdFacts(number: string): CccdFacts | null {
  const n = number.replace(/\s/g, "");
  if (!/^\d{12}$/.test(n)) return null;
  const code = Number(n[3]);
  return {
    birth_year: 1900 + 100 * Math.floor(code / 2) + Number(n.slice(4, 6)),
    sex: code % 2 === 0 ? "male" : "female",
  };
}

/** What the rule last filled in, so a corrected number may replace it but never what the clerk typed. */
export interface Filled {
  birth_year: string;
  sex: Sex | "";
}

export const nothingFilled = (): Filled => ({ birth_year: "", sex: "" });

/** Fills an empty (or rule-filled) birth year and sex from a CCCD number; returns what it filled. */
export function fillFromCccd(visitor: VisitorForm, filled: Filled): Filled {
  const facts = visitor.id_kind === "cccd" ? cccdFacts(visitor.id_number) : null;
  if (!facts) return filled;
  const next = { ...filled };
  const year = String(facts.birth_year);
  if (visitor.birth_year.trim() === "" || visitor.birth_year === filled.birth_year) {
    visitor.birth_year = year;
    next.birth_year = year;
  }
  if (visitor.sex === "" || visitor.sex === filled.sex) {
    visitor.sex = facts.sex;
    next.sex = facts.sex;
  }
  return next;
}
