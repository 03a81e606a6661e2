import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import type { PetitionDraft, Visit } from "../../api/types";
import { mockDesk, type Call } from "../../test/ipc";
import { choose } from "../../test/select";
import { forgetPetitionDraft } from "./draft";
import PetitionEntry from "./PetitionEntry.svelte";

function stored(draft: PetitionDraft): Visit {
  return {
    id: "0190f0f0-0000-7000-8000-000000000009",
    receipt_no: "ĐT-0001/2026/A",
    status: "active",
    received_at: "2026-12-06T09:00:00+07:00",
    reception: "regular",
    visitor_kind: draft.sender_kind,
    people_count: Math.max(1, draft.senders.length),
    organisation: draft.organisation,
    visitors: draft.senders,
    summary: draft.summary,
    petition: {
      kind: draft.kind,
      field: draft.field,
      anonymous: draft.anonymous,
      signatories: 1,
      previous_handler: null,
      previous_result: null,
      stage: draft.stage,
      eligible: true,
      ineligible_reason: null,
      handling: null,
      transfer_to: null,
      guidance: null,
    },
    documents: draft.documents,
    refusal: null,
    officer_id: null,
    notes: draft.notes,
    source: draft.source,
  };
}

const field = (container: HTMLElement, name: string) => container.querySelector<HTMLInputElement>(`[name="${name}"]`)!;
const type = (container: HTMLElement, name: string, value: string) => fireEvent.input(field(container, name), { target: { value } });
const saves = (calls: Call[]) => calls.filter((c) => c.command === "receive_petition");

describe("Đơn thư: registering a petition is deliberate", () => {
  it("starts on the source, and Enter moves from field to field without saving", async () => {
    const calls = mockDesk({ receive_petition: ({ draft }) => stored(draft) });
    const { container } = render(PetitionEntry);
    expect(document.activeElement?.getAttribute("name"), "the caret starts on the source").toBe("source");
    await fireEvent.keyDown(field(container, "source"), { key: "Enter" });
    expect(document.activeElement?.getAttribute("name")).toBe("received_on");
    await type(container, "visitors[0].full_name", "Phạm Thị Hoa");
    await type(container, "summary", "Khiếu nại về bồi thường");
    await fireEvent.keyDown(field(container, "visitors[0].full_name"), { key: "Enter" });
    expect(saves(calls), "Enter must never write a record").toHaveLength(0);
  });

  it("saves with Ctrl+Enter and shows the petition's own number and the sender's slip", async () => {
    const calls = mockDesk({ receive_petition: ({ draft }) => stored(draft) });
    const { container } = render(PetitionEntry);
    await type(container, "visitors[0].full_name", "Phạm Thị Hoa");
    await type(container, "summary", "Khiếu nại về bồi thường");
    await type(container, "document-new", "Đơn khiếu nại");
    await fireEvent.keyDown(field(container, "summary"), { key: "Enter", ctrlKey: true });
    const banner = await screen.findByTestId("saved-petition");
    expect(banner.textContent).toContain("ĐT-0001/2026/A");
    const sent = saves(calls)[0].args.draft as PetitionDraft;
    expect(sent.source).toBe("post");
    expect(sent.documents.map((d) => d.title), "a document typed but not added is saved too").toEqual(["Đơn khiếu nại"]);
    expect(screen.getByTestId("print-slip")).toBeTruthy();
    expect(field(container, "summary").value, "the form is ready for the next petition").toBe("");
  });

  it("asks for the sending body and its letter when another body transferred the petition", async () => {
    mockDesk({});
    const { container } = render(PetitionEntry);
    expect(field(container, "from_body")).toBeNull();
    await choose(field(container, "source") as unknown as HTMLSelectElement, "transferred_in");
    expect(field(container, "from_body")).not.toBeNull();
    expect(field(container, "letter_no")).not.toBeNull();
    expect(field(container, "letter_date")).not.toBeNull();
  });

  it("shows each of Rust's problems under its field, keeps everything typed and writes nothing", async () => {
    mockDesk({
      receive_petition: () => {
        throw {
          code: "invalid",
          message: "Thông tin chưa hợp lệ.",
          problems: [
            { field: "from_body", code: "required", message: "Chưa nhập cơ quan chuyển đơn." },
            { field: "letter_date", code: "letter_after_receipt", message: "Ngày văn bản không được sau ngày nhận đơn." },
          ],
        };
      },
    });
    const { container } = render(PetitionEntry);
    await choose(field(container, "source") as unknown as HTMLSelectElement, "transferred_in");
    await type(container, "letter_date", "31/12/2026");
    await type(container, "summary", "<b>Tố cáo</b>");
    await fireEvent.keyDown(field(container, "summary"), { key: "Enter", ctrlKey: true });
    await waitFor(() => expect(container.querySelector('[data-field="letter_date"]')?.textContent).toContain("Ngày văn bản không được sau ngày nhận đơn."));
    expect(container.querySelector('[data-field="from_body"]')?.textContent).toContain("Chưa nhập cơ quan chuyển đơn.");
    await waitFor(() => expect(document.activeElement?.getAttribute("name"), "the caret goes to the first field in error").toBe("from_body"));
    expect(field(container, "summary").value, "HTML typed is kept as text").toBe("<b>Tố cáo</b>");
    expect(container.querySelector("b"), "and never becomes markup").toBeNull();
    expect(screen.queryByTestId("saved-petition")).toBeNull();
  });

  it("keeps a petition half typed for the same officer and never hands it to another", async () => {
    mockDesk({});
    forgetPetitionDraft();
    const first = render(PetitionEntry, { draftOf: "clerk-1" });
    await type(first.container, "summary", "Đơn gửi qua bưu điện");
    first.unmount();
    const again = render(PetitionEntry, { draftOf: "clerk-1" });
    expect(field(again.container, "summary").value).toBe("Đơn gửi qua bưu điện");
    expect(screen.getByTestId("petition-draft-restored")).toBeTruthy();
    again.unmount();
    const other = render(PetitionEntry, { draftOf: "clerk-2" });
    expect(field(other.container, "summary").value).toBe("");
  });
});
