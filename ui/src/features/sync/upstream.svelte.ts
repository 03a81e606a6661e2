// Who the desk sends to. Wards report to whatever body the province set up (districts were abolished
// on 01/07/2025), so nothing the clerk sees names a level: the server's operator configures the
// upstream's name (`tiepdan-server serve --name`), the desk learns it at enrollment and on every
// round, and every sentence about the upstream is built here from it. Before the desk knows a name
// it says the neutral "cấp trên" (the same rule as the Rust side's `UNNAMED_UPSTREAM`).
import type { SyncView } from "../../api/types";

const UNNAMED = "cấp trên";

const known = $state<{ name: string | null }>({ name: null });

/** Remembers the name in a sync view the desk received; returns the view, for `view = learn(…)`. */
export function learn<V extends SyncView | null>(view: V): V {
  known.name = view?.enrollment?.upstream_name ?? null;
  return view;
}

/** The upstream as a noun inside a sentence ("gửi lên UBND tỉnh Ninh Bình", "gửi lên cấp trên"). */
export function upstream(): string {
  return known.name ?? UNNAMED;
}

/** The same at the start of a sentence. */
export function Upstream(): string {
  const name = upstream();
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** A new desk is not enrolled yet, so it knows no name: said as the normal state it is, not as an alarm. */
export const notEnrolledText = `Chưa kết nối ${UNNAMED}`;
export const notEnrolledLong = `Chưa kết nối ${UNNAMED} — sổ vẫn làm việc bình thường, dữ liệu lưu tại phường.`;

/** The day close's question: only a desk that is enrolled sends anything. */
export function closeDayQuestion(enrolled: boolean): string {
  return enrolled
    ? `Kết thúc ngày hôm nay: ghi tổng kết trong ngày vào sổ và gửi lên ${upstream()}?`
    : "Kết thúc ngày hôm nay: ghi tổng kết trong ngày vào sổ?";
}
