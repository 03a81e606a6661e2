import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import type { DuplicateCandidate, PetitionDraft, Visit } from "../../api/types";
import { mockDesk } from "../../test/ipc";
import { emptyVisitor } from "../visit/form";
import { duplicateLine, worthAsking } from "./duplicates";
import { emptyPetitionForm } from "./form";
import PetitionEntry from "./PetitionEntry.svelte";

const earlier: DuplicateCandidate = {
  visit_id: "0190f0f0-0000-7000-8000-0000000000e1",
  receipt_no: "ĐT-0001/2026/A",
  received_on: "2026-12-01",
  source: "post",
  source_vi: "Qua bưu chính",
  names: ["Nguyễn Văn An"],
  summary: "Khiếu nại về bồi thường đất tổ 7",
  likeness: "name",
  likeness_vi: "Cùng họ tên",
  similarity: 80,
  common_words: ["boi", "thuong"],
  first_visit_id: "0190f0f0-0000-7000-8000-0000000000e1",
  in_matter: 2,
};

describe("duplicate proposals", () => {
  it("read as the clerk compares them", () => {
    expect(duplicateLine(earlier)).toBe(
      "ĐT-0001/2026/A · 01/12/2026 · Qua bưu chính · Nguyễn Văn An · Cùng họ tên · nội dung giống 80% · vụ việc đã có 2 lần",
    );
  });

  it("are asked for once there is a sender or a few words to compare, never for a blank form", () => {
    expect(worthAsking(emptyPetitionForm())).toBe(false);
    expect(worthAsking({ ...emptyPetitionForm(), summary: "Khiếu nại" })).toBe(false);
    expect(worthAsking({ ...emptyPetitionForm(), summary: "Khiếu nại bồi thường đất" })).toBe(true);
    expect(worthAsking({ ...emptyPetitionForm(), senders: [{ ...emptyVisitor(), full_name: "An Văn" }] })).toBe(true);
  });

  it("link the saved petition to the earlier one the clerk chose, and say which time of the matter it is", async () => {
    const calls = mockDesk({
      petition_duplicates: () => [earlier],
      receive_petition: ({ draft }: { draft: PetitionDraft }) =>
        ({ id: "0190f0f0-0000-7000-8000-0000000000e2", receipt_no: "ĐT-0002/2026/A", received_at: "2026-12-06T09:00:00+07:00", visitors: draft.senders, petition: { anonymous: false } }) as unknown as Visit,
      link_duplicate: ({ visit_id, earlier_visit_id }) => ({ visit_id, earlier_visit_id, first_visit_id: earlier_visit_id, visit_count: 3 }),
    });
    const { container } = render(PetitionEntry);
    const input = (name: string) => container.querySelector<HTMLInputElement>(`[name="${name}"]`)!;
    await fireEvent.input(input("visitors[0].full_name"), { target: { value: "Nguyen Van An" } });
    await fireEvent.input(input("summary"), { target: { value: "Khiếu nại bồi thường đất" } });
    await screen.findByTestId("duplicates", {}, { timeout: 2000 });
    const radios = container.querySelectorAll<HTMLInputElement>("[name=duplicate_of]");
    expect(radios[0].checked, "a petition is new unless the clerk says otherwise").toBe(true);
    await fireEvent.click(radios[1]);
    await fireEvent.keyDown(input("summary"), { key: "Enter", ctrlKey: true });
    const linked = await screen.findByTestId("duplicate-linked");
    expect(linked.textContent).toContain("lần thứ 3");
    const link = calls.find((c) => c.command === "link_duplicate")!;
    expect(link.args).toEqual({ visit_id: "0190f0f0-0000-7000-8000-0000000000e2", earlier_visit_id: earlier.visit_id });
  });

  it("link nothing when the clerk leaves the petition new", async () => {
    const calls = mockDesk({
      petition_duplicates: () => [earlier],
      receive_petition: ({ draft }: { draft: PetitionDraft }) =>
        ({ id: "x", receipt_no: "ĐT-0002/2026/A", received_at: "2026-12-06T09:00:00+07:00", visitors: draft.senders, petition: { anonymous: false } }) as unknown as Visit,
    });
    const { container } = render(PetitionEntry);
    const input = (name: string) => container.querySelector<HTMLInputElement>(`[name="${name}"]`)!;
    await fireEvent.input(input("summary"), { target: { value: "Khiếu nại bồi thường đất" } });
    await screen.findByTestId("duplicates", {}, { timeout: 2000 });
    await fireEvent.keyDown(input("summary"), { key: "Enter", ctrlKey: true });
    await screen.findByTestId("saved-petition");
    await waitFor(() => expect(calls.some((c) => c.command === "receive_petition")).toBe(true));
    expect(calls.some((c) => c.command === "link_duplicate")).toBe(false);
    expect(screen.queryByTestId("duplicate-linked")).toBeNull();
  });
});
