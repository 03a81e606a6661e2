// Đơn trùng: how a proposed earlier record reads on the "Đơn thư" form, and when the form asks the
// register for proposals (once there is something to compare: a sender or a few words of content).
import type { DuplicateCandidate } from "../../api/types";
import { ymdToDmy } from "../../lib/dates";
import type { PetitionForm } from "./form";

/** "ĐT-0001/2026/A · 01/12/2026 · Qua bưu chính · Nguyễn Văn An · Cùng họ tên · nội dung giống 80% · vụ việc đã có 2 lần". */
export function duplicateLine(c: DuplicateCandidate): string {
  const parts = [c.receipt_no, ymdToDmy(c.received_on), c.source_vi];
  if (c.names.length) parts.push(c.names.join(", "));
  parts.push(c.likeness_vi, `nội dung giống ${c.similarity}%`);
  if (c.in_matter > 1) parts.push(`vụ việc đã có ${c.in_matter} lần`);
  return parts.join(" · ");
}

/** Whether the form holds enough to compare with earlier records. */
export function worthAsking(form: PetitionForm): boolean {
  const words = form.summary.trim().split(/\s+/).filter(Boolean).length;
  const sender = !form.anonymous && form.senders.some((s) => s.full_name.trim().length >= 3 || s.id_number.trim() !== "");
  return words >= 3 || sender;
}
