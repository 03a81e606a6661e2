// What the print feature shows about forms and jobs, as pure functions the tests read directly.
import type { FormRequest, PrintForm, PrintJobEntry, PrintOptions } from "../../api/types";

export const formLabels: [PrintForm, string][] = [
  ["receipt", "Giấy biên nhận"],
  ["appointment", "Phiếu hẹn"],
  ["guidance", "Phiếu hướng dẫn"],
  ["transfer", "Phiếu chuyển đơn"],
  ["record", "Văn bản ghi nội dung"],
  ["refusal", "Thông báo từ chối tiếp công dân"],
];

export function formLabel(form: PrintForm): string {
  return formLabels.find(([f]) => f === form)?.[1] ?? form;
}

/** The slip printed after saving a visit: the receipt in two copies, on the default paper. */
export const receiptOptions: PrintOptions = { form: { kind: "receipt", copies: 2 }, paper: null };

/** "2026-12-02T08:00" from a datetime-local input → RFC 3339 at the ward (UTC+7); "" when empty. */
export function wardTime(local: string): string {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local) ? `${local}:00+07:00` : "";
}

/** The request for a form chosen on screen; the appointment needs its time. */
export function request(form: PrintForm, appointmentAt: string): FormRequest | null {
  switch (form) {
    case "receipt":
      return { kind: "receipt", copies: 2 };
    case "appointment": {
      const at = wardTime(appointmentAt);
      return at ? { kind: "appointment", at, place: null, purpose: null, contact: null } : null;
    }
    case "guidance":
      return { kind: "guidance", instructions: null, missing_documents: [] };
    case "transfer":
      return { kind: "transfer", petition_dated: null, legal_basis: null };
    case "record":
      return { kind: "record" };
    case "refusal":
      return { kind: "refusal" };
  }
}

/** Said of a job whose paper names a denouncer the register keeps sealed (the slip handed to them). */
export const namesDenouncerText = "ghi tên người tố cáo";

/** "Bản gốc" or "Bản in lại lần n", as on the paper, and whether it names the denouncer. */
export function copyText(job: PrintJobEntry): string {
  const copy = job.copy_mark ?? "Bản gốc";
  return job.names_denouncer ? `${copy} · ${namesDenouncerText}` : copy;
}

/** What came of a job, for the clerk. */
export function outcomeText(job: PrintJobEntry): string {
  const last = job.attempts.at(-1);
  switch (job.status) {
    case "sent":
      return `Đã gửi tới máy in ${last?.printer ?? ""}`.trim();
    case "failed":
      return `Chưa in được: ${last?.message ?? "lỗi máy in"}`;
    case "pending":
      return "Chưa gửi";
  }
}

/** The sentence shown right after a print key or button. */
export function resultText(job: PrintJobEntry): string {
  const marks = [job.copy_mark, job.names_denouncer ? namesDenouncerText : null].filter(Boolean);
  const what = `${formLabel(job.form)} ${job.receipt_no}${marks.length ? ` (${marks.join(", ")})` : ""}`;
  return job.status === "sent" ? `Đã in ${what}.` : `${what}: ${outcomeText(job)}`;
}
