import { describe, expect, it } from "vitest";
import { emptyForm } from "./form";
import { fold, identityInText, identityWarning } from "./identityInText";

function denunciation() {
  const form = emptyForm();
  form.visitors[0].full_name = "Nguyễn Văn Ánh";
  form.visitors[0].id_number = "001085012345";
  form.has_petition = true;
  form.petition.kind = "denunciation";
  return form;
}

describe("a denouncer named in the free text", () => {
  it("is found in the summary whether typed with or without diacritics", () => {
    const form = denunciation();
    form.summary = "Ông nguyen van anh tố cáo cán bộ địa chính";
    expect(identityInText(form)).toEqual([{ field: "summary", label: "Tóm tắt nội dung", found: "name" }]);
  });

  it("is found by ID number in the notes, a document title and an amendment's reason", () => {
    const form = denunciation();
    form.notes = "CCCD 001 085 012 345";
    form.documents = [{ title: "Đơn của ông Nguyễn Văn Ánh", original: true, pages: "1" }];
    const fields = identityInText(form, "Sửa theo lời Nguyễn Văn Ánh").map((m) => m.field);
    expect(fields).toEqual(["notes", "reason", "documents[0].title"]);
  });

  it("warns the clerk in Vietnamese, naming the fields", () => {
    const form = denunciation();
    form.summary = "Nguyễn Văn Ánh trình bày";
    const text = identityWarning(identityInText(form));
    expect(text).toContain("giữ bí mật");
    expect(text).toContain('"Tóm tắt nội dung"');
  });

  it("says nothing for a complaint, whose sender is not protected", () => {
    const form = denunciation();
    form.petition.kind = "complaint";
    form.summary = "Nguyễn Văn Ánh khiếu nại";
    expect(identityInText(form)).toEqual([]);
    expect(identityWarning([])).toBe("");
  });

  it("matches a name as whole words only, never inside another word", () => {
    const form = denunciation();
    form.visitors[0].full_name = "An";
    form.summary = "Cán bộ an ninh nhận tiền";
    expect(identityInText(form).map((m) => m.field)).toEqual(["summary"]);
    form.summary = "Cán bộ Anh nhận tiền";
    expect(identityInText(form)).toEqual([]);
    expect(fold("Đặng  Thị-Ánh")).toBe("dang thi anh");
  });
});
