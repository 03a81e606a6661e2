import { asStored } from "../../test/visits";
import { describe, expect, it } from "vitest";
import { emptyForm, fromDetails, parseReceivedAt, toDraft } from "./form";

describe("the visit form", () => {
  it("turns a group visit with a land complaint and documents into the draft Rust checks", () => {
    const form = emptyForm();
    form.visitors[0].full_name = "Nguyễn Văn Ánh";
    form.visitors[0].id_number = "001085012345";
    form.visitors[0].birth_year = "1985";
    form.visitors[0].id_issued_on = "02/03/2021";
    form.summary = "Khiếu nại thu hồi đất";
    form.visitor_kind = "group";
    form.people_count = "6";
    form.has_petition = true;
    form.petition.field = "land";
    form.documents = [
      { title: "Đơn khiếu nại", original: true, pages: "2" },
      { title: "Bản sao quyết định", original: false, pages: "1" },
    ];
    const { draft, problems } = toDraft(form);
    expect(problems).toEqual([]);
    expect(draft.visitors[0]).toMatchObject({ id_kind: "cccd", birth_year: 1985, id_issued_on: "2021-03-02" });
    expect(draft.people_count).toBe(6);
    expect(draft.petition).toMatchObject({ kind: "complaint", field: "land", handling: null });
    expect(draft.documents.map((d) => d.pages)).toEqual([2, 1]);
    expect(draft.refusal).toBeNull();
  });

  it("reports a badly typed date or number at its field instead of sending it", () => {
    const form = emptyForm();
    form.visitors[0].id_issued_on = "31/02/2021";
    form.people_count = "sáu";
    const { problems } = toDraft(form);
    expect(problems.map((p) => p.field)).toEqual(["visitors[0].id_issued_on", "people_count"]);
    expect(problems[0].message).toContain("dd/mm/yyyy");
  });

  it("reads the reception time as dd/mm/yyyy hh:mm at the ward, empty meaning now", () => {
    expect(parseReceivedAt("25/11/2026 08:05")).toBe("2026-11-25T08:05:00+07:00");
    expect(parseReceivedAt("5/1/2026 7h30")).toBe("2026-01-05T07:30:00+07:00");
    expect(parseReceivedAt("25/11/2026 24:00")).toBeNull();
    const form = emptyForm();
    expect(toDraft(form).draft.received_at).toBeNull();
    form.received_at_text = "hôm qua";
    expect(toDraft(form).problems.map((p) => p.field)).toEqual(["received_at"]);
  });

  it("round-trips stored details into an editable form for an amendment", () => {
    const { draft } = toDraft({ ...emptyForm(), summary: "Phản ánh", visitors: [{ ...emptyForm().visitors[0], full_name: "An" }] });
    const officer = "0190f0f0-0000-7000-8000-0000000000aa";
    const details = { ...asStored(draft), received_at: "2026-11-25T08:00:00+07:00", people_count: 1, officer_id: officer };
    const form = fromDetails(details);
    expect(form.visitors[0].full_name).toBe("An");
    expect(form.received_at_text).toBe("25/11/2026 08:00");
    expect(toDraft(form).draft.received_at).toBe("2026-11-25T08:00:00+07:00");
    expect(toDraft(form).draft.officer_id).toBe(officer);
    expect(toDraft(form).draft.summary).toBe("Phản ánh");
  });

  it("keeps a mailed petition's source and letter through an amendment, and names nobody for an anonymous one", () => {
    const { draft } = toDraft({ ...emptyForm(), summary: "Tố cáo", has_petition: true });
    const stored = { ...asStored(draft), received_at: "2026-11-25T00:00:00+07:00", people_count: 1, visitors: [], source: "post" as const, letter_no: "12" };
    const form = fromDetails({ ...stored, petition: { ...stored.petition!, anonymous: true, competent: false, processed_on: "2026-11-26" } });
    const again = toDraft(form).draft;
    expect([again.source, again.letter_no, again.from_body]).toEqual(["post", "12", null]);
    expect(again.visitors, "an anonymous mailed petition names nobody").toEqual([]);
    expect([again.petition?.competent, again.petition?.processed_on], "processing is kept").toEqual([false, "2026-11-26"]);
  });
});
