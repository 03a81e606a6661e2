import { describe, expect, it } from "vitest";
import type { Visitor } from "../api/types";
import { roleLabel, SEALED_VISITOR_NAME, shownName } from "./labels";

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
