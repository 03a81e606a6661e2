// Who the desk sends to. Wards report to whatever body the province set up (districts were abolished
// on 01/07/2025), so nothing the clerk sees names a level: the neutral "cấp trên" is the default, and
// every sentence about the upstream is built here so that a configured name changes all of them.

/** The upstream as a noun inside a sentence ("gửi lên cấp trên"). */
export const upstream = "cấp trên";

/** The same at the start of a sentence. */
export const Upstream = upstream.charAt(0).toUpperCase() + upstream.slice(1);

/** A new desk is not enrolled yet: said as the normal state it is, not as an alarm. */
export const notEnrolledText = `Chưa kết nối ${upstream}`;
export const notEnrolledLong = `Chưa kết nối ${upstream} — sổ vẫn làm việc bình thường, dữ liệu lưu tại phường.`;

/** The day close's question: only a desk that is enrolled sends anything. */
export function closeDayQuestion(enrolled: boolean): string {
  return enrolled
    ? `Kết thúc ngày hôm nay: ghi tổng kết trong ngày vào sổ và gửi lên ${upstream}?`
    : "Kết thúc ngày hôm nay: ghi tổng kết trong ngày vào sổ?";
}
