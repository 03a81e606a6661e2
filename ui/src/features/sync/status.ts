// What the sync light says, computed only from what the upstream server acknowledged (the Rust side's
// `Status`): all sent / N waiting / sending / offline / needs attention. Pure, so it is tested alone.
import type { DayReport, HandlingCounts, SyncStatus, SyncStatusKind } from "../../api/types";
import { formatDate, formatTime, ymdToDmy } from "../../lib/dates";
import { notEnrolledLong, notEnrolledText, Upstream } from "./upstream.svelte";

/** The light's words. */
export function statusText(s: SyncStatus): string {
  switch (s.kind) {
    case "not_enrolled":
      return notEnrolledText;
    case "all_sent":
      return "Đã gửi hết";
    case "waiting":
      return `${s.pending} đang chờ gửi`;
    case "sending":
      return s.pending > 0 ? `Đang gửi… (${s.pending} đang chờ)` : "Đang gửi…";
    case "offline":
      return `Mất kết nối · ${s.pending} đang chờ gửi`;
    case "needs_attention":
      return "Cần kiểm tra";
  }
}

/** The light's colour class; the words above always say the same, so colour is never the only cue. */
export function statusTone(kind: SyncStatusKind): "ok" | "wait" | "bad" | "off" {
  if (kind === "all_sent") return "ok";
  if (kind === "waiting" || kind === "sending") return "wait";
  if (kind === "not_enrolled") return "off";
  return "bad";
}

/** "dd/mm/yyyy HH:mm" at the ward (UTC+7). */
export function syncTime(iso: string): string {
  return `${formatDate(iso)} ${formatTime(iso)}`;
}

export function lastSuccessText(s: SyncStatus): string {
  return s.last_success ? `Gửi thành công lần cuối: ${syncTime(s.last_success)}` : "Chưa gửi thành công lần nào";
}

/** Petitions by handling, in the register book's order, leaving out the empty ones. */
export function handlingRows(c: HandlingCounts): [string, number][] {
  const rows: [string, number][] = [
    ["Thụ lý giải quyết", c.accept],
    ["Hướng dẫn", c.guide],
    ["Chuyển đơn", c.transfer],
    ["Trả lại đơn", c.return],
    ["Lưu đơn", c.file],
    ["Chưa xử lý", c.undecided],
  ];
  return rows.filter(([, n]) => n > 0);
}

/** The day report's one-line verdict on what reached the upstream. */
export function reachedText(r: DayReport): string {
  const day = ymdToDmy(r.summary.close.date);
  if (r.reached_district) return `${Upstream()} đã nhận đầy đủ dữ liệu ngày ${day}.`;
  if (r.status === "not_enrolled") return notEnrolledLong;
  return `${Upstream()} chưa nhận đủ: còn ${r.pending} bản ghi đang chờ gửi. Ứng dụng sẽ tự gửi lại khi có mạng.`;
}
