// The "Báo cáo" screen's shapes: the period a clerk picks (official periods of a year, a month, or a
// custom range typed dd/mm/yyyy), and the form's merged header as table rows. The periods' days and
// every figure are Rust's (tiepdan_domain::reports); only the shape of the input is checked here.
import type { FormKey, HeaderNode, Opening, PeriodChoice, PeriodKind } from "../../api/types";
import { dmyToYmd } from "../../lib/dates";

/** A cell as the report JSON carries it: a count or an amount (numbers), or the Ghi chú text. */
export type CellValue = number | string;

export interface PeriodOption {
  value: string;
  label: string;
}

export const periodOptions: PeriodOption[] = [
  { value: "q1", label: "Quý I" },
  { value: "q2", label: "Quý II" },
  { value: "q3", label: "Quý III" },
  { value: "q4", label: "Quý IV" },
  { value: "6m", label: "6 tháng" },
  { value: "9m", label: "9 tháng" },
  { value: "year", label: "Năm" },
  ...Array.from({ length: 12 }, (_, i) => ({ value: `m${i + 1}`, label: `Tháng ${i + 1}` })),
  { value: "custom", label: "Khoảng ngày khác" },
];

function kindOf(value: string): PeriodKind | null {
  if (/^q[1-4]$/.test(value)) return { kind: "quarter", n: Number(value.slice(1)) };
  if (/^m([1-9]|1[0-2])$/.test(value)) return { kind: "month", n: Number(value.slice(1)) };
  if (value === "6m") return { kind: "six_months" };
  if (value === "9m") return { kind: "nine_months" };
  if (value === "year") return { kind: "year" };
  return null;
}

export interface PeriodForm {
  period: string;
  year: string;
  from: string;
  to: string;
}

/** The official quarter a day falls in (a day from the 15th of the quarter's last month is next's). */
export function periodContaining(ymd: string): PeriodForm {
  const [y, m, d] = ymd.split("-").map(Number);
  // Days from 15/12 belong to Quý I of the next year.
  const shifted = d >= 15 ? m + 1 : m;
  const year = shifted > 12 ? y + 1 : y;
  const month = shifted > 12 ? 1 : shifted;
  return { period: `q${Math.ceil(month / 3)}`, year: String(year), from: "", to: "" };
}

/** The choice to send, or a Vietnamese message saying what to fix. */
export function toChoice(form: PeriodForm): { choice: PeriodChoice | null; message: string } {
  if (form.period === "custom") {
    const from = dmyToYmd(form.from);
    const to = dmyToYmd(form.to);
    if (!from || !to) return { choice: null, message: "Từ ngày và đến ngày phải có dạng dd/mm/yyyy." };
    if (to < from) return { choice: null, message: "Đến ngày phải sau từ ngày." };
    return { choice: { choice: "custom", from, to }, message: "" };
  }
  const period = kindOf(form.period);
  const year = Number(form.year.trim());
  if (!period) return { choice: null, message: "Hãy chọn kỳ báo cáo." };
  if (!/^\d{4}$/.test(form.year.trim()) || year < 2000 || year > 2100) {
    return { choice: null, message: "Năm phải là số có 4 chữ số, từ 2000 đến 2100." };
  }
  return { choice: { choice: "official", period, year }, message: "" };
}

export interface HeaderCell {
  label: string;
  colspan: number;
  rowspan: number;
  /** The numbered column under a leaf. */
  column: number | null;
}

function width(node: HeaderNode): number {
  return node.children?.length ? node.children.reduce((sum, c) => sum + width(c), 0) : 1;
}

function depth(node: HeaderNode): number {
  return 1 + Math.max(0, ...(node.children ?? []).map(depth));
}

/** The merged header as rows of cells: a group spans its leaves; a leaf reaches the last header row. */
export function headerRows(header: HeaderNode[]): HeaderCell[][] {
  const rows = Math.max(1, ...header.map(depth));
  const out: HeaderCell[][] = Array.from({ length: rows }, () => []);
  const place = (node: HeaderNode, level: number) => {
    const leaf = !node.children?.length;
    out[level].push({
      label: node.label,
      colspan: width(node),
      rowspan: leaf ? rows - level : 1,
      column: leaf ? (node.column ?? null) : null,
    });
    for (const child of node.children ?? []) place(child, level + 1);
  };
  for (const node of header) place(node, 0);
  return out;
}

/** A figure as the form prints it: a thousands dot and a decimal comma (1.234; 12,5), notes as they are. */
export function cellText(value: CellValue | undefined): string {
  if (value === undefined) return "";
  if (typeof value === "number") return value.toLocaleString("vi-VN", { maximumFractionDigits: 3 });
  return value;
}

/** Whether a cell leads somewhere: a non-zero count (the Ghi chú text shows its own figure). */
export function drillable(value: CellValue | undefined): boolean {
  return typeof value === "number" && value > 0;
}

/** What a leader types for an opening balance: the first day (dd/mm/yyyy) and a figure per column. */
export interface OpeningInput {
  from: string;
  figures: Record<string, string>;
}

/**
 * The balances to send, or a Vietnamese message saying what to fix. Blank figures are left out (no
 * balance for that column); whether the figures keep the form's equations is Rust's to say.
 */
export function toOpening(form: FormKey, input: OpeningInput): { opening: Opening | null; message: string } {
  const from = dmyToYmd(input.from);
  if (!from) return { opening: null, message: "Ngày bắt đầu phải có dạng dd/mm/yyyy." };
  const columns: Record<string, number> = {};
  for (const [n, text] of Object.entries(input.figures)) {
    const t = text.trim();
    if (t === "") continue;
    if (!/^\d{1,9}$/.test(t)) return { opening: null, message: `Cột (${n}) phải là một số nguyên không âm.` };
    columns[n] = Number(t);
  }
  if (Object.keys(columns).length === 0) return { opening: null, message: "Chưa nhập số dư nào." };
  return { opening: { form, from, columns }, message: "" };
}
