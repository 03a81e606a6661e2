// The "Đơn thư" entry form as the clerk fills it (every input a string), and its conversion to the
// PetitionDraft Rust checks. As on the visit form, only shape is checked here (a date typed as
// dd/mm/yyyy, a number that is a number); the rules of each source are Rust's (tiepdan_domain::intake).
import type {
  Field,
  FieldProblem,
  PetitionDraft,
  PetitionKind,
  PetitionSource,
  Stage,
  Visit,
  VisitorKind,
} from "../../api/types";
import { dmyToYmd } from "../../lib/dates";
import { needsSendingBody } from "../../lib/labels";
import { emptyDocument, emptyForm, emptyVisitor, toDraft, type DocumentForm, type VisitorForm } from "../visit/form";

export interface PetitionForm {
  source: PetitionSource;
  /** Ngày nhận đơn, dd/mm/yyyy; empty means today. */
  received_on: string;
  from_body: string;
  letter_no: string;
  /** Ngày văn bản chuyển, dd/mm/yyyy. */
  letter_date: string;
  sender_kind: VisitorKind;
  organisation: string;
  senders: VisitorForm[];
  anonymous: boolean;
  signatories: string;
  summary: string;
  kind: PetitionKind;
  field: Field;
  previous_handler: string;
  previous_result: string;
  stage: Stage;
  documents: DocumentForm[];
  /** The add-document row as typed and not yet added: added on save, so nothing typed is dropped. */
  document_new: DocumentForm;
  notes: string;
}

export function emptyPetitionForm(): PetitionForm {
  return {
    source: "post",
    received_on: "",
    from_body: "",
    letter_no: "",
    letter_date: "",
    sender_kind: "individual",
    organisation: "",
    senders: [emptyVisitor()],
    anonymous: false,
    signatories: "",
    summary: "",
    kind: "complaint",
    field: "other",
    previous_handler: "",
    previous_result: "",
    stage: "not_resolved",
    documents: [],
    document_new: emptyDocument(),
    notes: "",
  };
}

/** Whether the form shows the sending body and its letter: a transfer or a forward must name them. */
export const showsLetter = (source: PetitionSource): boolean => needsSendingBody(source);

const text = (s: string): string | null => (s.trim() === "" ? null : s.trim());

function shapeProblem(field: string, message: string): FieldProblem {
  return { field, code: "bad_format", expected: message, message } as FieldProblem;
}

function date(value: string, field: string, what: string, problems: FieldProblem[]): string | null {
  if (value.trim() === "") return null;
  const ymd = dmyToYmd(value);
  if (!ymd) problems.push(shapeProblem(field, `${what} phải có dạng dd/mm/yyyy.`));
  return ymd;
}

/** The draft Rust will check, or the shape problems that stop it from being sent. */
export function toPetitionDraft(form: PetitionForm): { draft: PetitionDraft; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  // The senders go through the visit form's own conversion, so an ID date or birth year is read alike.
  const { draft: asVisit, problems: senderProblems } = toDraft({
    ...emptyForm(),
    visitors: form.senders,
    documents: form.documents,
  });
  problems.push(...senderProblems.filter((p) => p.field.startsWith("visitors[")));
  const letter = showsLetter(form.source);
  let signatories: number | null = null;
  if (form.signatories.trim() !== "") {
    if (/^\d+$/.test(form.signatories.trim())) signatories = Number(form.signatories.trim());
    else problems.push(shapeProblem("petition.signatories", "Phải là một số nguyên."));
  }
  const named = asVisit.visitors.filter((v) => v.full_name.trim() !== "" || v.id_number);
  const draft: PetitionDraft = {
    source: form.source,
    received_on: date(form.received_on, "received_on", "Ngày nhận đơn", problems),
    from_body: letter ? text(form.from_body) : null,
    letter_no: letter ? text(form.letter_no) : null,
    letter_date: letter ? date(form.letter_date, "letter_date", "Ngày văn bản", problems) : null,
    // An anonymous petition has nobody to name; a half-typed sender is then dropped, not sent.
    senders: form.anonymous ? [] : named.length ? named : asVisit.visitors.slice(0, 1),
    sender_kind: form.sender_kind,
    organisation: form.sender_kind === "organisation" ? text(form.organisation) : null,
    signatories,
    summary: form.summary,
    kind: form.kind,
    field: form.field,
    anonymous: form.anonymous,
    previous_handler: text(form.previous_handler),
    previous_result: text(form.previous_result),
    stage: form.stage,
    documents: asVisit.documents,
    notes: form.notes,
    officer_id: null,
  };
  problems.push(...senderProblems.filter((p) => p.field.startsWith("documents[")));
  return { draft, problems };
}

/** Rust checks the petition as a register record; its field names are put on this form's inputs. */
const RENAMED: Record<string, string> = {
  received_at: "received_on",
  people_count: "petition.signatories",
  visitor_kind: "sender_kind",
};

export function onThisForm(problems: FieldProblem[]): FieldProblem[] {
  return problems.map((p) => (RENAMED[p.field] ? { ...p, field: RENAMED[p.field] } : p));
}

/** A slip is due to a sender the ward can give or send it to: a named one, not an anonymous petition. */
export function slipDue(saved: Visit): boolean {
  return !saved.petition?.anonymous && saved.visitors.length > 0;
}

/** What a save will write, in one line beside the save button. */
export function petitionOutline(form: PetitionForm, sourceLabel: string, kindLabel: string): string {
  const senders = form.anonymous
    ? "Nặc danh"
    : `${Math.max(1, form.senders.filter((s, i) => i === 0 || s.full_name.trim() !== "").length)} người gửi`;
  const documents = form.documents.length + (form.document_new.title.trim() === "" ? 0 : 1);
  return [sourceLabel, senders, kindLabel, `${documents} tài liệu`].join(" · ");
}
