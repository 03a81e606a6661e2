import { describe, expect, it } from "vitest";
import type { Visitor } from "../api/types";
import { isPetitionNumber, recordKind, roleLabel, SEALED_VISITOR_NAME, shownName, sourceLabel } from "./labels";

const visitor = (over: Partial<Visitor>): Visitor => ({
  full_name: "Nguyễn Văn An",
  id_kind: null,
  id_number: null,
  id_issued_on: null,
  id_issued_by: null,
  birth_year: null,
  sex: null,
  address: null,
  phone: null,
  ...over,
});

describe("a visitor's name in lists", () => {
  it("is the name when nothing is sealed", () => {
    expect(shownName(visitor({}))).toBe("Nguyễn Văn An");
  });

  it("says the identity is protected when sealed, never a blank", () => {
    expect(shownName(visitor({ full_name: "", sealed: "sealed:v1:AAAA" }))).toBe(SEALED_VISITOR_NAME);
    expect(shownName(visitor({ full_name: "" }))).toBe(SEALED_VISITOR_NAME);
  });
});

describe("roles", () => {
  it("are named in Vietnamese as the register names them", () => {
    expect(roleLabel("leader")).toBe("Lãnh đạo");
    expect(roleLabel("administrator")).toBe("Quản trị");
  });
});

describe("the two kinds of register record", () => {
  it("are told apart by their number: a petition's starts with ĐT- (DT- typed without Vietnamese input)", () => {
    expect(isPetitionNumber("ĐT-0012/2026/A")).toBe(true);
    expect(isPetitionNumber("DT-0012/2026/A")).toBe(true);
    expect(isPetitionNumber("0012/2026/A")).toBe(false);
    expect(recordKind("ĐT-0012/2026/A")).toBe("Đơn thư");
    expect(recordKind("0042/2026/A")).toBe("Lượt tiếp");
  });

  it("say where they came from; a visit is received at the desk", () => {
    expect(sourceLabel({})).toBe("Tiếp trực tiếp");
    expect(sourceLabel({ source: "post" })).toBe("Qua bưu chính");
  });
});
