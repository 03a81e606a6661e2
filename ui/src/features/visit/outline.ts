// What a save will write, in one line the clerk reads at a glance beside the save button:
// "2 người · Khiếu nại (đất đai) · 3 tài liệu". It counts as the save will: the people Rust will
// count, and the document still in the add row (the save adds it).
import { fields, label, petitionKinds } from "../../lib/labels";
import type { VisitForm } from "./form";

const lowerFirst = (s: string) => s.charAt(0).toLocaleLowerCase("vi") + s.slice(1);

export function visitOutline(form: VisitForm): string {
  const kept = form.visitors.filter((v, i) => i === 0 || v.full_name.trim() !== "" || v.id_number.trim() !== "");
  const typed = form.people_count.trim();
  const people = /^\d+$/.test(typed) && Number(typed) > 0 ? Number(typed) : Math.max(1, kept.length);
  const parts = [`${people} người`];
  if (form.refused) parts.push("Từ chối tiếp");
  if (form.has_petition) {
    parts.push(`${label(petitionKinds, form.petition.kind)} (${lowerFirst(label(fields, form.petition.field))})`);
  } else if (!form.refused) {
    parts.push("Không có đơn");
  }
  const documents = form.documents.length + (form.document_new.title.trim() === "" ? 0 : 1);
  parts.push(`${documents} tài liệu`);
  return parts.join(" · ");
}
