import { describe, expect, it } from "vitest";
import type { FieldProblem, Visit } from "../../api/types";
import { emptyVisitor } from "../visit/form";
import { emptyPetitionForm, onThisForm, petitionOutline, showsLetter, slipDue, toPetitionDraft } from "./form";

const named = (name: string) => ({ ...emptyVisitor(), full_name: name });

describe("a petition received without a visit, as the clerk types it", () => {
  it("sends the sending body and its letter only for a transfer or a forward", () => {
    const form = { ...emptyPetitionForm(), from_body: "Thanh tra thành phố", letter_no: "12/TTr", letter_date: "01/12/2026" };
    expect(showsLetter("post")).toBe(false);
    expect(toPetitionDraft(form).draft.from_body, "a mailed petition has no sending body").toBeNull();
    form.source = "transferred_in";
    const { draft, problems } = toPetitionDraft(form);
    expect(problems).toEqual([]);
    expect(draft.from_body).toBe("Thanh tra thành phố");
    expect(draft.letter_no).toBe("12/TTr");
    expect(draft.letter_date).toBe("2026-12-01");
    expect(showsLetter("forwarded_by_elected")).toBe(true);
  });

  it("reads dates as dd/mm/yyyy and names the field of one that is not", () => {
    const form = { ...emptyPetitionForm(), source: "transferred_in" as const, received_on: "3/12/2026", letter_date: "2026-12-01" };
    const { draft, problems } = toPetitionDraft(form);
    expect(draft.received_on).toBe("2026-12-03");
    expect(problems.map((p) => [p.field, p.message])).toEqual([["letter_date", "Ngày văn bản phải có dạng dd/mm/yyyy."]]);
    expect(toPetitionDraft(emptyPetitionForm()).draft.received_on, "empty means today, decided by Rust").toBeNull();
  });

  it("sends no sender for an anonymous petition, even one half typed before the box was ticked", () => {
    const form = { ...emptyPetitionForm(), anonymous: true, senders: [named("Lê Văn")] };
    const { draft } = toPetitionDraft(form);
    expect(draft.senders).toEqual([]);
    expect(draft.anonymous).toBe(true);
  });

  it("sends every named sender and keeps a blank first one for Rust to call required", () => {
    const two = toPetitionDraft({ ...emptyPetitionForm(), senders: [named("An"), named("Bình"), emptyVisitor()] });
    expect(two.draft.senders.map((s) => s.full_name)).toEqual(["An", "Bình"]);
    const blank = toPetitionDraft(emptyPetitionForm());
    expect(blank.draft.senders).toHaveLength(1);
    expect(blank.draft.senders[0].full_name).toBe("");
  });

  it("refuses a signatory count that is not a number, under its own field", () => {
    const { problems } = toPetitionDraft({ ...emptyPetitionForm(), signatories: "ba" });
    expect(problems.map((p) => p.field)).toEqual(["petition.signatories"]);
  });

  it("puts Rust's problems on this form's fields", () => {
    const rust = [
      { field: "received_at", code: "in_future", message: "Không được ở tương lai." },
      { field: "from_body", code: "required", message: "Bắt buộc." },
    ] as FieldProblem[];
    expect(onThisForm(rust).map((p) => p.field)).toEqual(["received_on", "from_body"]);
  });

  it("says in one line what the save will write", () => {
    const form = { ...emptyPetitionForm(), senders: [named("An")] };
    form.document_new.title = "Đơn khiếu nại";
    expect(petitionOutline(form, "Qua bưu chính", "Khiếu nại")).toBe("Qua bưu chính · 1 người gửi · Khiếu nại · 1 tài liệu");
    expect(petitionOutline({ ...form, anonymous: true }, "Qua bưu chính", "Tố cáo")).toContain("Nặc danh");
  });

  it("offers the sender's slip only when there is a named sender to give it to", () => {
    const base = { visitors: [{ ...named("An"), id_kind: null, id_number: null, id_issued_on: null, id_issued_by: null, birth_year: null, sex: null, address: null, phone: null }] };
    const petition = { anonymous: false };
    expect(slipDue({ ...base, petition } as unknown as Visit)).toBe(true);
    expect(slipDue({ visitors: [], petition: { anonymous: true } } as unknown as Visit)).toBe(false);
  });
});
