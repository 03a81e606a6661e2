// Dates and times as the ward reads them: dd/mm/yyyy and 24-hour hh:mm, always at UTC+7 (Vietnam has
// one zone and no daylight saving), whatever zone the machine is set to.

const VN_OFFSET_MS = 7 * 3600 * 1000;

function atWard(iso: string): Date | null {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : new Date(ms + VN_OFFSET_MS);
}

const two = (n: number) => String(n).padStart(2, "0");

/** "2026-11-25T08:05:00+07:00" → "25/11/2026". */
export function formatDate(iso: string): string {
  const d = atWard(iso);
  return d ? `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}` : "";
}

/** "2026-11-25T08:05:00+07:00" → "08:05". */
export function formatTime(iso: string): string {
  const d = atWard(iso);
  return d ? `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}` : "";
}

export function formatDateTime(iso: string): string {
  return `${formatTime(iso)} ${formatDate(iso)}`;
}

/** "2026-11-25" → "25/11/2026". */
export function ymdToDmy(ymd: string): string {
  const [y, m, d] = ymd.split("-");
  return y && m && d ? `${d}/${m}/${y}` : "";
}

/** "25/11/2026" (or 25-11-2026, 25.11.2026, 1/2/2026) → "2026-11-25"; null when not a real date. */
export function dmyToYmd(text: string): string | null {
  const m = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(text);
  if (!m) return null;
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return null;
  }
  return `${year}-${two(month)}-${two(day)}`;
}

/** Today's date at the ward, "yyyy-mm-dd". */
export function todayYmd(now: Date = new Date()): string {
  const d = new Date(now.getTime() + VN_OFFSET_MS);
  return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`;
}

export function addDays(ymd: string, days: number): string {
  const [y, m, d] = ymd.split("-").map(Number);
  const date = new Date(Date.UTC(y, m - 1, d + days));
  return `${date.getUTCFullYear()}-${two(date.getUTCMonth() + 1)}-${two(date.getUTCDate())}`;
}
