import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import type { Visit, VisitDraft } from "../../api/types";
import { mockDesk } from "../../test/ipc";
import { asStored } from "../../test/visits";
import { emptyForm } from "./form";
import VisitForm from "./VisitForm.svelte";

function stored(draft: VisitDraft): Visit {
  return {
    ...asStored(draft),
    id: "0190f0f0-0000-7000-8000-000000000001",
    receipt_no: "0042/2026/A",
    status: "active",
    received_at: "2026-11-25T09:15:00+07:00",
    people_count: draft.people_count ?? 1,
  };
}

const field = (container: HTMLElement, name: string) =>
  container.querySelector<HTMLInputElement>(`[name="${name}"]`)!;

const type = (container: HTMLElement, name: string, value: string) =>
  fireEvent.input(field(container, name), { target: { value } });

const saves = (calls: { command: string }[]) => calls.filter((c) => c.command === "record_visit");

describe("Tiếp công dân: saving is deliberate", () => {
  it("Enter in a one-line field moves to the next field and saves nothing", async () => {
    const calls = mockDesk({ record_visit: ({ draft }) => stored(draft) });
    const { container } = render(VisitForm);
    await type(container, "visitors[0].full_name", "Nguyễn Văn Ánh");
    await type(container, "summary", "Khiếu nại đất");
    await fireEvent.keyDown(field(container, "visitors[0].full_name"), { key: "Enter" });
    expect(document.activeElement).toBe(field(container, "visitors[0].address"));
    await fireEvent.keyDown(field(container, "visitors[0].address"), { key: "Enter" });
    expect(document.activeElement?.getAttribute("name")).toBe("visitors[0].id_kind");
    expect(saves(calls), "Enter must never write a record").toHaveLength(0);
    expect(container.querySelector("[data-testid=saved-receipt]")).toBeNull();
  });

  it("Enter on a checkbox neither saves nor ticks it", async () => {
    const calls = mockDesk({ record_visit: ({ draft }) => stored(draft) });
    const { container } = render(VisitForm);
    await type(container, "visitors[0].full_name", "An");
    await type(container, "summary", "Phản ánh");
    const box = field(container, "document-new-original");
    await fireEvent.keyDown(box, { key: "Enter" });
    expect(box.checked).toBe(false);
    expect(saves(calls)).toHaveLength(0);
    expect(document.activeElement).toBe(field(container, "document-new-pages"));
  });

  it("Ctrl+Enter saves from a one-line field and the banner names the citizen and the receipt", async () => {
    const calls = mockDesk({ record_visit: ({ draft }) => stored(draft) });
    const { container } = render(VisitForm);
    await type(container, "visitors[0].full_name", "Nguyễn Văn Ánh");
    await type(container, "summary", "Khiếu nại đất");
    await fireEvent.keyDown(field(container, "visitors[0].address"), { key: "Enter", ctrlKey: true });
    const banner = await screen.findByTestId("saved-receipt");
    expect(banner.textContent).toContain("0042/2026/A");
    expect(banner.textContent).toContain("Nguyễn Văn Ánh");
    expect(saves(calls)).toHaveLength(1);
    expect((saves(calls)[0] as unknown as { args: { draft: VisitDraft } }).args.draft.visitors[0].full_name).toBe("Nguyễn Văn Ánh");
    expect(field(container, "visitors[0].full_name").value).toBe("");
  });

  it("the save button shows the shortcut it answers to", () => {
    mockDesk({});
    render(VisitForm);
    expect(screen.getByTestId("save-visit").textContent).toContain("Ctrl+Enter");
  });

  it("Enter inside the content box adds a line; Ctrl+Enter there saves", async () => {
    const calls = mockDesk({ record_visit: ({ draft }) => stored(draft) });
    const { container } = render(VisitForm);
    await fireEvent.keyDown(field(container, "summary"), { key: "Enter" });
    expect(saves(calls)).toHaveLength(0);
    await fireEvent.keyDown(field(container, "summary"), { key: "Enter", ctrlKey: true });
    await waitFor(() => expect(saves(calls)).toHaveLength(1));
  });

  it("a document title typed and not yet added is saved with the visit, not dropped", async () => {
    const calls = mockDesk({ record_visit: ({ draft }) => stored(draft) });
    const { container } = render(VisitForm);
    await type(container, "visitors[0].full_name", "An");
    await type(container, "summary", "Khiếu nại đất");
    await type(container, "document-new", "Đơn khiếu nại");
    await fireEvent.keyDown(field(container, "document-new"), { key: "Enter" });
    await type(container, "document-new", "Bản sao sổ đỏ");
    await type(container, "document-new-pages", "3");
    await fireEvent.keyDown(field(container, "document-new"), { key: "Enter", ctrlKey: true });
    await waitFor(() => expect(saves(calls)).toHaveLength(1));
    const sent = saves(calls)[0] as unknown as { args: { draft: VisitDraft } };
    expect(sent.args.draft.documents.map((d) => [d.title, d.pages])).toEqual([
      ["Đơn khiếu nại", 1],
      ["Bản sao sổ đỏ", 3],
    ]);
  });

  it("says what will be saved beside the save button, as it is typed", async () => {
    mockDesk({});
    const { container } = render(VisitForm);
    const outline = screen.getByTestId("visit-outline");
    expect(outline.textContent).toContain("1 người · Không có đơn · 0 tài liệu");
    await fireEvent.click(field(container, "has_petition"));
    await fireEvent.change(field(container, "petition.field"), { target: { value: "land" } });
    await type(container, "document-new", "Đơn khiếu nại");
    await fireEvent.keyDown(field(container, "document-new"), { key: "Enter" });
    await type(container, "document-new", "Bản sao quyết định");
    await type(container, "people_count", "2");
    expect(outline.textContent).toContain("2 người · Khiếu nại (đất đai) · 2 tài liệu");
  });

  it("the saved banner never names a denouncer whose identity the register sealed", async () => {
    mockDesk({
      record_visit: ({ draft }) => {
        const visit = stored(draft);
        visit.visitors = [{ ...visit.visitors[0], full_name: "", sealed: "sealed:v1:AAAA" }];
        return visit;
      },
    });
    const { container } = render(VisitForm);
    await type(container, "visitors[0].full_name", "Vũ Thị Tố");
    await type(container, "summary", "Tố cáo cán bộ");
    await fireEvent.keyDown(field(container, "summary"), { key: "Enter", ctrlKey: true });
    const banner = await screen.findByTestId("saved-receipt");
    expect(banner.textContent).toContain("Người tố cáo (được bảo mật)");
    expect(banner.textContent).not.toContain("Vũ Thị Tố");
  });

  it("shows Rust's field problems next to their fields and keeps what was typed", async () => {
    mockDesk({
      record_visit: () => {
        throw {
          code: "invalid",
          message: "Thông tin chưa hợp lệ: xem các ô được đánh dấu.",
          problems: [
            {
              field: "visitors[0].id_number",
              code: "id_unknown_province",
              province: "003",
              message: 'Mã tỉnh nơi đăng ký khai sinh "003" không tồn tại.',
            },
          ],
        };
      },
    });
    const { container } = render(VisitForm);
    await type(container, "visitors[0].id_number", "003085012345");
    await fireEvent.submit(container.querySelector("form")!);
    const error = await waitFor(() => {
      const el = container.querySelector('[data-field="visitors[0].id_number"]');
      expect(el).not.toBeNull();
      return el!;
    });
    expect(error.textContent).toContain("003");
    expect(container.querySelector("[data-testid=saved-receipt]")).toBeNull();
    expect(field(container, "visitors[0].id_number").value).toBe("003085012345");
  });

  it("offers a returning citizen while the name is typed and fills their details", async () => {
    mockDesk({
      returning_citizens: () => [
        {
          full_name: "Nguyễn Văn Ánh",
          id_kind: "cccd",
          id_number: "001085012345",
          id_issued_on: "2021-03-02",
          id_issued_by: "Cục Cảnh sát QLHC về TTXH",
          birth_year: 1985,
          sex: "male",
          address: "Tổ 5, Hà Đông",
          phone: null,
        },
      ],
    });
    const { container } = render(VisitForm);
    await type(container, "visitors[0].full_name", "nguyen van");
    const offer = await screen.findByText("Nguyễn Văn Ánh", {}, { timeout: 2000 });
    await fireEvent.click(offer.closest("button")!);
    await waitFor(() => expect(field(container, "visitors[0].id_issued_on").value).toBe("02/03/2021"));
    expect(field(container, "visitors[0].address").value).toBe("Tổ 5, Hà Đông");
  });
});

describe("Tiếp công dân: a denouncer stays protected in the clerk's own words", () => {
  const amending = (kind: "denunciation" | "complaint") => {
    const initial = emptyForm();
    initial.visitors[0].full_name = "Nguyễn Văn Ánh";
    initial.summary = "Tố cáo cán bộ địa chính";
    initial.has_petition = true;
    initial.petition.kind = kind;
    return { amend: { visitId: "0190f0f0-0000-7000-8000-000000000001", receiptNo: "0042/2026/A", initial } };
  };

  it("warns while a denunciation's summary or amendment reason names the denouncer", async () => {
    mockDesk({});
    const { container } = render(VisitForm, amending("denunciation"));
    expect(screen.queryByTestId("identity-in-text")).toBeNull();
    await type(container, "summary", "Ông nguyen van anh tố cáo cán bộ địa chính");
    const warning = await screen.findByTestId("identity-in-text");
    expect(warning.textContent).toContain("Tóm tắt nội dung");
    await type(container, "summary", "Tố cáo cán bộ địa chính nhận tiền");
    await waitFor(() => expect(screen.queryByTestId("identity-in-text")).toBeNull());
    await type(container, "reason", "Sửa theo lời Nguyễn Văn Ánh");
    expect((await screen.findByTestId("identity-in-text")).textContent).toContain("Lý do sửa");
  });

  it("says nothing when a complaint's summary names its sender, who is not protected", async () => {
    mockDesk({});
    const { container } = render(VisitForm, amending("complaint"));
    await type(container, "summary", "Ông Nguyễn Văn Ánh khiếu nại");
    expect(screen.queryByTestId("identity-in-text")).toBeNull();
  });
});
