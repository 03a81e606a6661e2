import { describe, expect, it, vi } from "vitest";
import { forgetDraft, keepDraft, takeDraft } from "./draft";
import { emptyForm } from "./form";

function typed(name: string) {
  const form = emptyForm();
  form.visitors[0].full_name = name;
  form.summary = "Khiếu nại đất";
  return form;
}

describe("the draft kept across a screen lock", () => {
  it("is given back to the officer who typed it, as often as the screen locks", () => {
    keepDraft("clerk-1", typed("Nguyễn Văn Ánh"));
    expect(takeDraft("clerk-1")?.visitors[0].full_name).toBe("Nguyễn Văn Ánh");
    expect(takeDraft("clerk-1")?.summary).toBe("Khiếu nại đất");
  });

  it("is never shown to another officer, and is gone for its own officer too once they came", () => {
    keepDraft("clerk-1", typed("Vũ Thị Tố"));
    expect(takeDraft("clerk-2")).toBeNull();
    expect(takeDraft("clerk-1"), "another officer took the desk: the draft was forgotten").toBeNull();
  });

  it("holds nothing for an untouched form, and nothing after it is forgotten", () => {
    keepDraft("clerk-1", emptyForm());
    expect(takeDraft("clerk-1")).toBeNull();
    keepDraft("clerk-1", typed("An"));
    forgetDraft();
    expect(takeDraft("clerk-1")).toBeNull();
  });

  it("is a copy: typing on after it was kept does not change what was kept", () => {
    const form = typed("An");
    keepDraft("clerk-1", form);
    form.visitors[0].full_name = "Bình";
    expect(takeDraft("clerk-1")?.visitors[0].full_name).toBe("An");
  });
});

describe("a draft and an app restart", () => {
  it("is written to no storage, so a restarted window (a fresh module) starts blank", async () => {
    localStorage.clear();
    sessionStorage.clear();
    keepDraft("clerk-1", typed("Vũ Thị Tố"));
    expect(localStorage.length + sessionStorage.length, "nothing of a draft leaves memory").toBe(0);
    vi.resetModules();
    const fresh = await import("./draft");
    expect(fresh.takeDraft("clerk-1")).toBeNull();
  });
});
