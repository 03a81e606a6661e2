// The figures of a complaint decision (01/KQGQ) and of its implementation (02/KQGQ) as the clerk
// types them: money in triệu đồng and land in m² with a comma before at most three decimals ("12,5"),
// counts as whole numbers. Amounts travel as integer thousandths, so nothing is lost or rounded on
// the way to the register. Errors are keyed by the field paths the register reports, so its own
// problems land under the same inputs.
import type { ImplementationFigures, PetitionFollowUp, ResolutionFigures } from "../../api/types";
import type { FieldErrors } from "../../lib/problems";

const MAX_UNITS = 1_000_000_000_000;
const MAX_COUNT = 1_000_000;

export const AMOUNT_ERROR = "Nhập số không âm, dùng dấu phẩy trước tối đa 3 chữ số thập phân (ví dụ 12,5).";
export const COUNT_ERROR = "Nhập số nguyên không âm (ví dụ 2).";

/** Thousandths of the unit, or the Vietnamese error; blank is nought. */
export function parseAmount(text: string): number | string {
  const t = text.trim();
  if (t === "") return 0;
  if (t.includes(".")) return "Dùng dấu phẩy trước phần thập phân (ví dụ 12,5), không dùng dấu chấm.";
  const m = /^(\d+)(?:,(\d{1,3}))?$/.exec(t);
  if (!m) return AMOUNT_ERROR;
  const whole = Number(m[1]);
  if (whole > MAX_UNITS) return "Số quá lớn: hãy kiểm tra lại.";
  return whole * 1000 + Number((m[2] ?? "").padEnd(3, "0"));
}

/** A whole number, or the Vietnamese error; blank is nought. */
export function parseCount(text: string): number | string {
  const t = text.trim();
  if (t === "") return 0;
  if (!/^\d+$/.test(t)) return COUNT_ERROR;
  const n = Number(t);
  return n > MAX_COUNT ? "Số quá lớn: hãy kiểm tra lại." : n;
}

/** "1,25" for 1250 thousandths; blank for nought (an empty input reads as nought). */
export function amountText(thousandths: number): string {
  if (thousandths === 0) return "";
  const whole = Math.floor(thousandths / 1000);
  const frac = String(thousandths % 1000).padStart(3, "0").replace(/0+$/, "");
  return frac ? `${whole},${frac}` : String(whole);
}

export type Verdict = "" | "upheld" | "annulled";
export type Kept = "" | "yes" | "no";

/** What the figures inputs hold, as typed. */
export interface FigureInputs {
  stateMoney: string;
  stateLand: string;
  orgMoney: string;
  orgLand: string;
  personMoney: string;
  personLand: string;
  orgsRestored: string;
  personsRestored: string;
  sanctionPeople: string;
  sanctionOfficials: string;
  cases: string;
  casePeople: string;
  caseOfficials: string;
  kept: Kept;
  verdict: Verdict;
}

export function blankInputs(): FigureInputs {
  return {
    stateMoney: "", stateLand: "", orgMoney: "", orgLand: "", personMoney: "", personLand: "",
    orgsRestored: "", personsRestored: "", sanctionPeople: "", sanctionOfficials: "",
    cases: "", casePeople: "", caseOfficials: "", kept: "", verdict: "",
  };
}

/** Reads the inputs under `prefix` ("figures" or "done"); any error leaves the value null. */
function read(inputs: FigureInputs, prefix: string, errors: FieldErrors) {
  const amount = (key: keyof FigureInputs, field: string) => {
    const v = parseAmount(inputs[key]);
    if (typeof v === "string") errors[`${prefix}.${field}`] = v;
    return typeof v === "number" ? v : 0;
  };
  const count = (key: keyof FigureInputs, field: string) => {
    const v = parseCount(inputs[key]);
    if (typeof v === "string") errors[`${prefix}.${field}`] = v;
    return typeof v === "number" ? v : 0;
  };
  return { amount, count };
}

function persons(people: number, officials: number, field: string, errors: FieldErrors) {
  if (officials > people && !errors[`${field}.officials`]) errors[`${field}.officials`] = "Không được lớn hơn số người.";
  return { people, officials };
}

function cases(n: number, people: number, officials: number, field: string, errors: FieldErrors) {
  persons(people, officials, field, errors);
  if (people > 0 && n === 0 && !errors[`${field}.cases`]) errors[`${field}.cases`] = "Có người thì phải có số vụ.";
  return { cases: n, people, officials };
}

/** The decision's figures (null when nothing was entered), or the errors by field. */
export function figuresFrom(inputs: FigureInputs): { figures: ResolutionFigures | null; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const { amount, count } = read(inputs, "figures", errors);
  const figures: ResolutionFigures = {
    to_state: { money: amount("stateMoney", "to_state.money"), land: amount("stateLand", "to_state.land") },
    to_organisations: { money: amount("orgMoney", "to_organisations.money"), land: amount("orgLand", "to_organisations.land") },
    to_individuals: { money: amount("personMoney", "to_individuals.money"), land: amount("personLand", "to_individuals.land") },
    organisations_restored: count("orgsRestored", "organisations_restored"),
    individuals_restored: count("personsRestored", "individuals_restored"),
    sanctions: persons(count("sanctionPeople", "sanctions.people"), count("sanctionOfficials", "sanctions.officials"), "figures.sanctions", errors),
    referred: cases(count("cases", "referred.cases"), count("casePeople", "referred.people"), count("caseOfficials", "referred.officials"), "figures.referred", errors),
    deadline_kept: inputs.kept === "" ? null : inputs.kept === "yes",
    second_level: inputs.verdict === "" ? null : inputs.verdict,
  };
  const typed = Object.entries(inputs).some(([, v]) => v.trim() !== "");
  return { figures: typed ? figures : null, errors };
}

/** What an implementation record says was done, or the errors by field. */
export function doneFrom(inputs: FigureInputs): { done: ImplementationFigures; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const { amount, count } = read(inputs, "done", errors);
  const done: ImplementationFigures = {
    to_state: { money: amount("stateMoney", "to_state.money"), land: amount("stateLand", "to_state.land") },
    to_organisations: { money: amount("orgMoney", "to_organisations.money"), land: amount("orgLand", "to_organisations.land") },
    to_individuals: { money: amount("personMoney", "to_individuals.money"), land: amount("personLand", "to_individuals.land") },
    sanctioned: persons(count("sanctionPeople", "sanctioned.people"), count("sanctionOfficials", "sanctioned.officials"), "done.sanctioned", errors),
    prosecuted: cases(count("cases", "prosecuted.cases"), count("casePeople", "prosecuted.people"), count("caseOfficials", "prosecuted.officials"), "done.prosecuted", errors),
  };
  return { done, errors };
}

/** Whether resolving on `onYmd` keeps the deadline the register computed: "" when it computed none. */
export function keptByDeadline(followUp: PetitionFollowUp, onYmd: string | null): Kept {
  const due = followUp.deadlines.find((d) => d.step === "resolve")?.due;
  if (!due || !onYmd) return "";
  return onYmd <= due ? "yes" : "no";
}

/** Figures belong to a complaint the ward accepted for resolution (thuộc thẩm quyền). */
export function takesFigures(followUp: PetitionFollowUp): boolean {
  return followUp.kind === "complaint" && followUp.acceptance?.accepted === true;
}

/** A resolved complaint whose decision (not a withdrawal) can be carried out. */
export function takesImplementation(followUp: PetitionFollowUp): boolean {
  const r = followUp.resolution;
  return takesFigures(followUp) && r !== null && r.outcome !== "withdrawn";
}

/** What an implementation record says was done, as short Vietnamese phrases (nought left out). */
export function doneSummary(done: ImplementationFigures): string[] {
  const out: string[] = [];
  const assets: [keyof ImplementationFigures, string][] = [
    ["to_state", "thu hồi cho Nhà nước"],
    ["to_organisations", "trả lại cho tổ chức"],
    ["to_individuals", "trả lại cho cá nhân"],
  ];
  for (const [key, label] of assets) {
    const a = done[key] as { money: number; land: number };
    const parts = [
      a.money > 0 ? `${amountText(a.money)} triệu đồng` : "",
      a.land > 0 ? `${amountText(a.land)} m² đất` : "",
    ].filter(Boolean);
    if (parts.length > 0) out.push(`Đã ${label}: ${parts.join(", ")}`);
  }
  if (done.sanctioned.people > 0) {
    const officials = done.sanctioned.officials > 0 ? ` (${done.sanctioned.officials} cán bộ, công chức)` : "";
    out.push(`Đã xử lý hành chính ${done.sanctioned.people} người${officials}`);
  }
  if (done.prosecuted.cases > 0) {
    out.push(`Đã khởi tố ${done.prosecuted.cases} vụ, ${done.prosecuted.people} người`);
  }
  return out;
}
