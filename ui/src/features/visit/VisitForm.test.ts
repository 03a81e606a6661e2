import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import type { Visit, VisitDraft } from "../../api/types";
import { mockDesk } from "../../test/ipc";
import VisitForm from "./VisitForm.svelte";

function stored(draft: VisitDraft): Visit {
  return {
    ...draft,
    id: "0190f0f0-0000-7000-8000-000000000001",
    receipt_no: "0042/2026/A",
    status: "active",
    received_at: "2026-11-25T09:15:00+07:00",
    people_count: draft.people_count ?? 1,
  };
}

const field = (container: HTMLElement, name: string) =>
  container.querySelector<HTMLInputElement>(`[name="${name}"]`)!;

describe("Tiếp công dân", () => {
  it("saves with Enter and shows the receipt number", async () => {
    const calls = mockDesk({ record_visit: ({ draft }) => stored(draft) });
    const { container } = render(VisitForm);
    await fireEvent.input(field(container, "visitors[0].full_name"), { target: { value: "Nguyễn Văn Ánh" } });
    await fireEvent.input(field(container, "summary"), { target: { value: "Khiếu nại đất" } });
    await fireEvent.keyDown(field(container, "visitors[0].full_name"), { key: "Enter" });
    await screen.findByText("0042/2026/A");
    expect(calls.filter((c) => c.command === "record_visit")).toHaveLength(1);
    const sent = calls.find((c) => c.command === "record_visit")!.args.draft as VisitDraft;
    expect(sent.visitors[0].full_name).toBe("Nguyễn Văn Ánh");
    expect(field(container, "visitors[0].full_name").value).toBe("");
  });

  it("Enter inside the content box adds a line; Ctrl+Enter saves", async () => {
    const calls = mockDesk({ record_visit: ({ draft }) => stored(draft) });
    const { container } = render(VisitForm);
    await fireEvent.keyDown(field(container, "summary"), { key: "Enter" });
    expect(calls).toHaveLength(0);
    await fireEvent.keyDown(field(container, "summary"), { key: "Enter", ctrlKey: true });
    await waitFor(() => expect(calls).toHaveLength(1));
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
    await fireEvent.input(field(container, "visitors[0].id_number"), { target: { value: "003085012345" } });
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
    await fireEvent.input(field(container, "visitors[0].full_name"), { target: { value: "nguyen van" } });
    const offer = await screen.findByText("Nguyễn Văn Ánh", {}, { timeout: 2000 });
    await fireEvent.click(offer.closest("button")!);
    await waitFor(() => expect(field(container, "visitors[0].id_issued_on").value).toBe("02/03/2021"));
    expect(field(container, "visitors[0].address").value).toBe("Tổ 5, Hà Đông");
  });
});
