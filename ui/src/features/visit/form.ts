// The new-visit form as the clerk fills it (every input a string), and its conversion to and from the
// VisitDraft that Rust checks. Only shape is checked here (a date typed as dd/mm/yyyy, a number that is
// a number); every rule of the law is checked once, in Rust.
import type {
  Field,
  FieldProblem,
  Handling,
  IdKind,
  PetitionKind,
  PetitionSource,
  ReceptionMode,
  RefusalGround,
  Sex,
  Stage,
  VisitDetails,
  VisitDraft,
  Visitor,
  VisitorKind,
} from "../../api/types";
import { dmyToYmd, formatDate, formatTime, ymdToDmy } from "../../lib/dates";

export interface VisitorForm {
  full_name: string;
  address: string;
  id_kind: IdKind;
  id_number: string;
  id_issued_on: string;
  id_issued_by: string;
  birth_year: string;
  sex: Sex | "";
  phone: string;
}

export interface DocumentForm {
  title: string;
  original: boolean;
  pages: string;
}

export interface VisitForm {
  /** The stored time of an amended visit (RFC 3339), sent back unchanged unless the text is edited. */
  received_at: string | null;
  /** Ngày giờ tiếp as typed, "dd/mm/yyyy hh:mm"; empty means now. */
  received_at_text: string;
  /** Kept through an amendment: the officer who received the visit stays on it. */
  officer_id: string | null;
  visitors: VisitorForm[];
  summary: string;
  visitor_kind: VisitorKind;
  people_count: string;
  organisation: string;
  reception: ReceptionMode;
  has_petition: boolean;
  petition: {
    kind: PetitionKind;
    field: Field;
    anonymous: boolean;
    signatories: string;
    previous_handler: string;
    previous_result: string;
    stage: Stage;
    eligible: boolean;
    ineligible_reason: string;
    handling: Handling | "";
    transfer_to: string;
    guidance: string;
    /** Set by processing (the "Đơn thư" list) and kept unchanged through an amendment. */
    competent: boolean | null;
    processed_on: string | null;
  };
  documents: DocumentForm[];
  /** The add-document row as typed and not yet added: added on save, so nothing typed is dropped. */
  document_new: DocumentForm;
  refused: boolean;
  refusal: { ground: RefusalGround; detail: string };
  notes: string;
  /** The leader's session the visit is received in ("" for none); its mode becomes the visit's. */
  session_id: string;
  /** For "Tiếp trực tuyến": the linked site (điểm cầu) and the recording's reference. */
  online_site: string;
  recording_ref: string;
  /** Kept unchanged through an amendment: where a petition came from and the sender's letter
   *  (a mailed petition is amended on this form too; the "Đơn thư" screen enters them). */
  kept: { source: PetitionSource; from_body: string | null; letter_no: string | null; letter_date: string | null };
}

export function emptyVisitor(): VisitorForm {
  return {
    full_name: "",
    address: "",
    id_kind: "cccd",
    id_number: "",
    id_issued_on: "",
    id_issued_by: "",
    birth_year: "",
    sex: "",
    phone: "",
  };
}

export function emptyDocument(): DocumentForm {
  return { title: "", original: false, pages: "1" };
}

export function emptyForm(): VisitForm {
  return {
    received_at: null,
    received_at_text: "",
    officer_id: null,
    visitors: [emptyVisitor()],
    summary: "",
    visitor_kind: "individual",
    people_count: "",
    organisation: "",
    reception: "regular",
    has_petition: false,
    petition: {
      kind: "complaint",
      field: "other",
      anonymous: false,
      signatories: "1",
      previous_handler: "",
      previous_result: "",
      stage: "not_resolved",
      eligible: true,
      ineligible_reason: "",
      handling: "",
      transfer_to: "",
      guidance: "",
      competent: null,
      processed_on: null,
    },
    documents: [],
    document_new: emptyDocument(),
    refused: false,
    refusal: { ground: "disruptive", detail: "" },
    notes: "",
    session_id: "",
    online_site: "",
    recording_ref: "",
    kept: { source: "desk", from_body: null, letter_no: null, letter_date: null },
  };
}

const text = (s: string): string | null => (s.trim() === "" ? null : s.trim());

function problem(field: string, message: string): FieldProblem {
  return { field, code: "bad_format", expected: message, message } as FieldProblem;
}

function wholeNumber(
  value: string,
  field: string,
  problems: FieldProblem[],
): number | null {
  if (value.trim() === "") return null;
  if (!/^\d+$/.test(value.trim())) {
    problems.push(problem(field, "Phải là một số nguyên."));
    return null;
  }
  return Number(value.trim());
}

export function visitorToForm(v: Visitor): VisitorForm {
  return {
    full_name: v.full_name,
    address: v.address ?? "",
    id_kind: v.id_kind ?? "cccd",
    id_number: v.id_number ?? "",
    id_issued_on: v.id_issued_on ? ymdToDmy(v.id_issued_on) : "",
    id_issued_by: v.id_issued_by ?? "",
    birth_year: v.birth_year != null ? String(v.birth_year) : "",
    sex: v.sex ?? "",
    phone: v.phone ?? "",
  };
}

function formToVisitor(f: VisitorForm, i: number, problems: FieldProblem[]): Visitor {
  let issued: string | null = null;
  if (f.id_issued_on.trim() !== "") {
    issued = dmyToYmd(f.id_issued_on);
    if (!issued) problems.push(problem(`visitors[${i}].id_issued_on`, "Ngày cấp phải có dạng dd/mm/yyyy."));
  }
  const number = text(f.id_number);
  return {
    full_name: f.full_name,
    id_kind: number ? f.id_kind : null,
    id_number: number,
    id_issued_on: issued,
    id_issued_by: text(f.id_issued_by),
    birth_year: wholeNumber(f.birth_year, `visitors[${i}].birth_year`, problems),
    sex: f.sex === "" ? null : f.sex,
    address: text(f.address),
    phone: text(f.phone),
  };
}

/** "dd/mm/yyyy hh:mm" (24-hour, at the ward) → RFC 3339 at UTC+7; null when not a real time. */
export function parseReceivedAt(text: string): string | null {
  const m = /^\s*(\S+)\s+(\d{1,2})[:h](\d{2})\s*$/.exec(text);
  const ymd = m ? dmyToYmd(m[1]) : null;
  if (!m || !ymd || Number(m[2]) > 23 || Number(m[3]) > 59) return null;
  return `${ymd}T${m[2].padStart(2, "0")}:${m[3]}:00+07:00`;
}

export function formatReceivedAt(iso: string): string {
  return `${formatDate(iso)} ${formatTime(iso)}`;
}

function receivedAt(form: VisitForm, problems: FieldProblem[]): string | null {
  const typed = form.received_at_text.trim();
  if (typed === "") return null;
  if (form.received_at && typed === formatReceivedAt(form.received_at)) return form.received_at;
  const parsed = parseReceivedAt(typed);
  if (!parsed) problems.push(problem("received_at", "Ngày giờ tiếp phải có dạng dd/mm/yyyy hh:mm."));
  return parsed;
}

/** Moves a document title typed in the add row but not yet added into the list (on save). */
export function addPendingDocument(form: { documents: DocumentForm[]; document_new: DocumentForm }): void {
  const pending = form.document_new;
  if (pending.title.trim() === "") return;
  form.documents.push({ title: pending.title.trim(), original: pending.original, pages: pending.pages.trim() || "1" });
  form.document_new = emptyDocument();
}

/** The draft Rust will check, or the shape problems that stop it from being sent. */
export function toDraft(form: VisitForm): { draft: VisitDraft; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  // An anonymous petition that came without a visit has nobody to name: a blank first person is
  // then no person (a visit always names its first one, and Rust says when it is missing).
  const nobody = form.kept.source !== "desk" && form.has_petition && form.petition.anonymous;
  const visitors = form.visitors
    .map((v, i) => formToVisitor(v, i, problems))
    .filter((v, i) => (i === 0 && !nobody) || v.full_name.trim() !== "" || v.id_number);
  const p = form.petition;
  const draft: VisitDraft = {
    received_at: receivedAt(form, problems),
    reception: form.reception,
    visitor_kind: form.visitor_kind,
    people_count: wholeNumber(form.people_count, "people_count", problems),
    organisation: form.visitor_kind === "organisation" ? text(form.organisation) : null,
    visitors,
    summary: form.summary,
    petition: form.has_petition
      ? {
          kind: p.kind,
          field: p.field,
          anonymous: p.anonymous,
          signatories: wholeNumber(p.signatories, "petition.signatories", problems) ?? 1,
          previous_handler: text(p.previous_handler),
          previous_result: text(p.previous_result),
          stage: p.stage,
          eligible: p.eligible,
          ineligible_reason: p.eligible ? null : text(p.ineligible_reason),
          handling: p.handling === "" ? null : p.handling,
          transfer_to: p.handling === "transfer" || p.handling === "remind" ? text(p.transfer_to) : null,
          guidance: p.handling === "guide" ? text(p.guidance) : null,
          ...(p.competent === null ? {} : { competent: p.competent }),
          ...(p.processed_on === null ? {} : { processed_on: p.processed_on }),
        }
      : null,
    documents: form.documents.map((d, i) => ({
      title: d.title,
      original: d.original,
      pages: wholeNumber(d.pages, `documents[${i}].pages`, problems) ?? 1,
    })),
    refusal: form.refused ? { ground: form.refusal.ground, detail: form.refusal.detail } : null,
    officer_id: form.officer_id,
    notes: form.notes,
    ...form.kept,
    session_id: form.session_id === "" ? null : form.session_id,
    // The link is kept with any mode (a leader's session may be held over video); Rust says when
    // "Tiếp trực tuyến" lacks it.
    online_site: text(form.online_site),
    recording_ref: text(form.recording_ref),
  };
  return { draft, problems };
}

/** The stored details as a form, the starting point of an amendment. */
export function fromDetails(d: VisitDetails): VisitForm {
  const base = emptyForm();
  return {
    received_at: d.received_at,
    received_at_text: formatReceivedAt(d.received_at),
    officer_id: d.officer_id,
    visitors: d.visitors.length ? d.visitors.map(visitorToForm) : [emptyVisitor()],
    summary: d.summary,
    visitor_kind: d.visitor_kind,
    people_count: String(d.people_count),
    organisation: d.organisation ?? "",
    reception: d.reception,
    has_petition: d.petition !== null,
    petition: d.petition
      ? {
          kind: d.petition.kind,
          field: d.petition.field,
          anonymous: d.petition.anonymous,
          signatories: String(d.petition.signatories),
          previous_handler: d.petition.previous_handler ?? "",
          previous_result: d.petition.previous_result ?? "",
          stage: d.petition.stage,
          eligible: d.petition.eligible,
          ineligible_reason: d.petition.ineligible_reason ?? "",
          handling: d.petition.handling ?? "",
          transfer_to: d.petition.transfer_to ?? "",
          guidance: d.petition.guidance ?? "",
          competent: d.petition.competent ?? null,
          processed_on: d.petition.processed_on ?? null,
        }
      : base.petition,
    documents: d.documents.map((doc) => ({ title: doc.title, original: doc.original, pages: String(doc.pages) })),
    document_new: emptyDocument(),
    refused: d.refusal !== null,
    refusal: d.refusal ?? base.refusal,
    notes: d.notes,
    session_id: d.session_id ?? "",
    online_site: d.online_site ?? "",
    recording_ref: d.recording_ref ?? "",
    kept: {
      source: d.source ?? "desk",
      from_body: d.from_body ?? null,
      letter_no: d.letter_no ?? null,
      letter_date: d.letter_date ?? null,
    },
  };
}
