import { fireEvent, render, screen } from "@testing-library/svelte";
import { tick } from "svelte";
import { describe, expect, it } from "vitest";
import { mockDesk } from "../../test/ipc";
import HelpOverlay from "../help/HelpOverlay.svelte";
import { forgetDraft, keepDraft } from "./draft";
import { emptyForm } from "./form";
import VisitForm from "./VisitForm.svelte";

const field = (container: HTMLElement, name: string) =>
  container.querySelector<HTMLInputElement>(`[name="${name}"]`)!;

const type = (container: HTMLElement, name: string, value: string) =>
  fireEvent.input(field(container, name), { target: { value } });

describe("Tiếp công dân: entering a visit", () => {
  it("a 12-digit CCCD fills birth year and sex, which stay editable", async () => {
    mockDesk({ returning_citizens: () => [] });
    const { container } = render(VisitForm);
    await type(container, "visitors[0].id_number", "079302000123");
    expect(field(container, "visitors[0].birth_year").value).toBe("2002");
    expect(field(container, "visitors[0].sex").value).toBe("female");
    expect(container.textContent).toContain("Theo CCCD");
    await type(container, "visitors[0].birth_year", "2003");
    expect(field(container, "visitors[0].birth_year").value, "the clerk may still change it").toBe("2003");
  });

  it("the kind of visitor is chosen before the people, and a new representative gets the caret", async () => {
    mockDesk({});
    // happy-dom cannot pick an option for Svelte's bound select, so the group comes in as a kept draft.
    const group = emptyForm();
    group.visitor_kind = "group";
    group.visitors[0].full_name = "Nguyễn Văn Ánh";
    keepDraft("clerk-1", group);
    const { container } = render(VisitForm, { draftOf: "clerk-1" });
    const names = Array.from(container.querySelectorAll("[name]")).map((el) => el.getAttribute("name"));
    expect(names.indexOf("visitor_kind")).toBeLessThan(names.indexOf("visitors[0].full_name"));
    expect(container.textContent).toContain("Đoàn: từ 5 người");
    await fireEvent.click(screen.getByTestId("add-representative"));
    await tick();
    expect(document.activeElement).toBe(field(container, "visitors[1].full_name"));
  });

  it("marks required fields for the eye and for a screen reader", () => {
    mockDesk({});
    const { container } = render(VisitForm);
    for (const name of ["visitors[0].full_name", "summary"]) {
      expect(field(container, name).getAttribute("aria-required"), name).toBe("true");
      expect(container.querySelector(`label[for="${field(container, name).id}"] .required-mark`), name).not.toBeNull();
    }
    expect(field(container, "visitors[0].address").getAttribute("aria-required")).toBeNull();
  });

  it("gives the visit being typed back to the same officer after a lock, and to nobody else", async () => {
    forgetDraft();
    mockDesk({});
    const first = render(VisitForm, { draftOf: "clerk-1" });
    await type(first.container, "visitors[0].full_name", "Nguyễn Văn Ánh");
    await type(first.container, "document-new", "Đơn khiếu nại");
    first.unmount();
    const again = render(VisitForm, { draftOf: "clerk-1" });
    expect(field(again.container, "visitors[0].full_name").value).toBe("Nguyễn Văn Ánh");
    expect(field(again.container, "document-new").value, "even the half-typed document").toBe("Đơn khiếu nại");
    expect(screen.getByTestId("draft-restored").textContent).toContain("được giữ nguyên");
    again.unmount();
    const other = render(VisitForm, { draftOf: "clerk-2" });
    expect(field(other.container, "visitors[0].full_name").value).toBe("");
    expect(other.container.querySelector("[data-testid=draft-restored]")).toBeNull();
  });
});

describe("F1 help", () => {
  it("opens with F1, lists the save shortcut and the flow, and closes with Esc", async () => {
    render(HelpOverlay);
    expect(screen.queryByTestId("help")).toBeNull();
    await fireEvent.keyDown(window, { key: "F1" });
    const help = screen.getByTestId("help");
    expect(help.textContent).toContain("Ctrl+Enter");
    expect(help.textContent).toContain("Chọn đối tượng");
    await fireEvent.keyDown(window, { key: "Escape" });
    expect(screen.queryByTestId("help")).toBeNull();
  });
});
