// Issue 14: a denouncer's identity is protected (shared/domain.md §6), and the clerk's own words can
// give it away as easily as the visitor fields: the summary, the notes, a document's title… The
// protected visit's free text no longer leaves the ward, but it is still read at the ward and printed
// on its papers, so the form warns the clerk when a protected petition's free text holds a denouncer's
// name or ID number as typed. A pure function: it looks, it never changes what was typed.
import type { PetitionKind } from "../../api/types";
import type { VisitForm } from "./form";

/** The petitions whose sender the law protects (Rust: PetitionKind::protects_sender). */
export function protectsSender(kind: PetitionKind): boolean {
  return kind === "denunciation" || kind === "mixed";
}

export interface IdentityMention {
  /** The form field's name, as the inputs are named. */
  field: string;
  /** The field's label, in the clerk's words. */
  label: string;
  /** What was found there. */
  found: "name" | "id_number";
}

/** Lower case, without diacritics (đ as d), single spaces: "Nguyễn  Văn Ánh" → "nguyen van anh". */
export function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

const digits = (text: string) => text.replace(/\D/g, "");

/** Whether the folded `name` occurs in the folded `text` as whole words. */
function namesIn(text: string, name: string): boolean {
  const n = fold(name);
  if (n.length < 2) return false;
  return ` ${fold(text)} `.includes(` ${n} `);
}

/** The free texts of the form, with their labels; `reason` is an amendment's reason. */
function texts(form: VisitForm, reason: string): { field: string; label: string; text: string }[] {
  const out = [
    { field: "summary", label: "Tóm tắt nội dung", text: form.summary },
    { field: "notes", label: "Ghi chú", text: form.notes },
    { field: "organisation", label: "Cơ quan, tổ chức", text: form.organisation },
    { field: "petition.previous_result", label: "Kết quả giải quyết trước", text: form.petition.previous_result },
    { field: "petition.ineligible_reason", label: "Lý do không đủ điều kiện", text: form.petition.ineligible_reason },
    { field: "petition.guidance", label: "Nội dung hướng dẫn", text: form.petition.guidance },
    { field: "refusal.detail", label: "Chi tiết từ chối", text: form.refused ? form.refusal.detail : "" },
    { field: "reason", label: "Lý do sửa", text: reason },
  ];
  [...form.documents, form.document_new].forEach((d, i) =>
    out.push({ field: `documents[${i}].title`, label: "Tên tài liệu", text: d.title }),
  );
  return out;
}

/** Where a protected petition's free text names one of its visitors or gives their ID number. */
export function identityInText(form: VisitForm, reason = ""): IdentityMention[] {
  if (!form.has_petition || !protectsSender(form.petition.kind)) return [];
  const found: IdentityMention[] = [];
  for (const { field, label, text } of texts(form, reason)) {
    if (!text.trim()) continue;
    for (const v of form.visitors) {
      const id = digits(v.id_number);
      if (namesIn(text, v.full_name)) found.push({ field, label, found: "name" });
      else if (id.length >= 6 && digits(text).includes(id)) found.push({ field, label, found: "id_number" });
    }
  }
  return found.filter((m, i) => found.findIndex((o) => o.field === m.field) === i);
}

/** The warning shown under the form, or "" when there is nothing to warn about. */
export function identityWarning(mentions: IdentityMention[]): string {
  if (mentions.length === 0) return "";
  const where = [...new Set(mentions.map((m) => `"${m.label}"`))].join(", ");
  return (
    `Danh tính người tố cáo phải được giữ bí mật: ô ${where} có họ tên hoặc số giấy tờ của người tố cáo. ` +
    "Nên viết lại nội dung mà không nêu danh tính."
  );
}
