import { describe, expect, it } from "vitest";
import type { HeaderNode } from "../../api/types";
import { cellText, drillable, headerRows, periodContaining, toChoice, toOpening } from "./report";

describe("the period a clerk picks", () => {
  it("sends an official quarter of a year", () => {
    expect(toChoice({ period: "q1", year: "2026", from: "", to: "" })).toEqual({
      choice: { choice: "official", period: { kind: "quarter", n: 1 }, year: 2026 },
      message: "",
    });
    expect(toChoice({ period: "m12", year: "2026", from: "", to: "" }).choice).toEqual({
      choice: "official",
      period: { kind: "month", n: 12 },
      year: 2026,
    });
  });

  it("sends a custom range typed as dd/mm/yyyy and refuses a backwards one in Vietnamese", () => {
    expect(toChoice({ period: "custom", year: "", from: "01/01/2026", to: "31/01/2026" }).choice).toEqual({
      choice: "custom",
      from: "2026-01-01",
      to: "2026-01-31",
    });
    expect(toChoice({ period: "custom", year: "", from: "31/01/2026", to: "01/01/2026" }).message).toBe(
      "Đến ngày phải sau từ ngày.",
    );
    expect(toChoice({ period: "custom", year: "", from: "2026-01-01", to: "" }).choice).toBeNull();
  });

  it("refuses a year that is not four digits", () => {
    expect(toChoice({ period: "year", year: "26", from: "", to: "" }).message).toMatch(/4 chữ số/);
  });

  it("defaults to the official quarter of today, where 15/12 already opens next year's Quý I", () => {
    expect(periodContaining("2026-03-14")).toMatchObject({ period: "q1", year: "2026" });
    expect(periodContaining("2026-03-15")).toMatchObject({ period: "q2", year: "2026" });
    expect(periodContaining("2026-12-15")).toMatchObject({ period: "q1", year: "2027" });
    expect(periodContaining("2026-12-04")).toMatchObject({ period: "q4", year: "2026" });
  });
});

describe("the merged header", () => {
  const header: HeaderNode[] = [
    { label: "Tổng số", children: [{ label: "Lượt", column: 1 }, { label: "Người", column: 2 }] },
    {
      label: "Tiếp thường xuyên",
      children: [
        { label: "Lượt", column: 3 },
        { label: "Đoàn đông người", children: [{ label: "Số đoàn", column: 4 }, { label: "Người", column: 5 }] },
      ],
    },
    { label: "Ghi chú", column: 6 },
  ];

  it("spans each group over its leaves and takes each leaf down to the last header row", () => {
    const rows = headerRows(header);
    expect(rows).toHaveLength(3);
    expect(rows[0].map((c) => [c.label, c.colspan, c.rowspan])).toEqual([
      ["Tổng số", 2, 1],
      ["Tiếp thường xuyên", 3, 1],
      ["Ghi chú", 1, 3],
    ]);
    expect(rows[1].map((c) => [c.label, c.colspan, c.rowspan, c.column])).toEqual([
      ["Lượt", 1, 2, 1],
      ["Người", 1, 2, 2],
      ["Lượt", 1, 2, 3],
      ["Đoàn đông người", 2, 1, null],
    ]);
    expect(rows[2].map((c) => c.column)).toEqual([4, 5]);
  });
});

describe("cells", () => {
  it("print counts with the Vietnamese thousands dot and lead somewhere only when non-zero", () => {
    expect(cellText(1234)).toBe("1.234");
    expect(cellText("1 kỳ tiếp")).toBe("1 kỳ tiếp");
    expect(drillable(0)).toBe(false);
    expect(drillable(3)).toBe(true);
    expect(drillable("1 kỳ tiếp")).toBe(false);
  });
});

describe("an opening balance a leader types", () => {
  it("sends the figures typed, blank columns left out, the day as ISO", () => {
    expect(toOpening("xld01", { from: "15/12/2025", figures: { "2": "4", "5": " 4 ", "9": "" } })).toEqual({
      opening: { form: "xld01", from: "2025-12-15", columns: { "2": 4, "5": 4 } },
      message: "",
    });
  });

  it("refuses a bad day, a figure that is not a whole number, and nothing typed, in Vietnamese", () => {
    expect(toOpening("xld01", { from: "2025-12-15", figures: { "2": "4" } }).message).toBe(
      "Ngày bắt đầu phải có dạng dd/mm/yyyy.",
    );
    expect(toOpening("xld01", { from: "15/12/2025", figures: { "2": "-1" } }).message).toBe(
      "Cột (2) phải là một số nguyên không âm.",
    );
    expect(toOpening("xld01", { from: "15/12/2025", figures: { "2": "1,5" } }).opening).toBeNull();
    expect(toOpening("xld01", { from: "15/12/2025", figures: { "2": " " } }).message).toBe("Chưa nhập số dư nào.");
  });
});
