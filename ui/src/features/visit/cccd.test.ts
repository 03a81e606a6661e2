import { describe, expect, it } from "vitest";
// The same cases tiepdan_domain::identity::cccd_facts is tested against (the_shared_cases_hold_…):
// the desk's copy of the rule and the register's rule cannot drift apart unnoticed.
import cases from "../../../../crates/tiepdan-domain/src/cccd_facts_cases.json";
import { cccdFacts, fillFromCccd, nothingFilled } from "./cccd";
import { emptyVisitor } from "./form";

describe("birth year and sex read from a CCCD number", () => {
  it.each(cases)("$number gives $birth_year, $sex as the register reads it", ({ number, birth_year, sex }) => {
    expect(cccdFacts(number)).toEqual(birth_year === null ? null : { birth_year, sex });
  });

  it("fills an empty birth year and sex, and says so", () => {
    const visitor = emptyVisitor();
    visitor.id_number = "079302000123";
    const filled = fillFromCccd(visitor, nothingFilled());
    expect([visitor.birth_year, visitor.sex]).toEqual(["2002", "female"]);
    expect(filled).toEqual({ birth_year: "2002", sex: "female" });
  });

  it("never replaces what the clerk typed, but follows a corrected number", () => {
    const visitor = emptyVisitor();
    visitor.birth_year = "1984";
    visitor.id_number = "001085012345";
    let filled = fillFromCccd(visitor, nothingFilled());
    expect(visitor.birth_year, "the typed year stays; Rust will say it disagrees").toBe("1984");
    expect(visitor.sex).toBe("male");
    visitor.id_number = "001186012345";
    filled = fillFromCccd(visitor, filled);
    expect(visitor.sex, "what the rule filled follows the corrected number").toBe("female");
    expect(visitor.birth_year).toBe("1984");
  });

  it("reads nothing from an old CMND or a passport", () => {
    const visitor = emptyVisitor();
    visitor.id_kind = "passport";
    visitor.id_number = "001085012345";
    fillFromCccd(visitor, nothingFilled());
    expect([visitor.birth_year, visitor.sex]).toEqual(["", ""]);
  });
});
