import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import type { PetitionEntry, Processing } from "../../api/types";
import { mockDesk } from "../../test/ipc";
import { choose } from "../../test/select";
import PetitionList from "./PetitionList.svelte";
import { processingText, sendersText, sourceText, toQuery } from "./list";

const entry: PetitionEntry = {
  visit_id: "0190f0f0-0000-7000-8000-000000000001",
  receipt_no: "ĐT-0001/2026/A",
  source: "transferred_in",
  source_vi: "Cơ quan khác chuyển đến",
  received_on: "2026-12-01",
  from_body: "Thanh tra thành phố",
  letter_no: "12/TTr",
  letter_date: "2026-11-28",
  names: ["Nguyễn Văn An"],
  summary: "Phản ánh lấn chiếm vỉa hè",
  kind: "reflection",
  kind_vi: "Phản ánh",
  anonymous: false,
  handling: null,
  handling_vi: null,
  transfer_to: null,
  processed_on: null,
  cancelled: false,
};

describe("the petition list", () => {
  it("reads an entry as the clerk says it", () => {
    expect(sourceText(entry)).toBe("Cơ quan khác chuyển đến: Thanh tra thành phố, văn bản số 12/TTr ngày 28/11/2026");
    expect(sendersText({ ...entry, anonymous: true })).toBe("Nặc danh");
    expect(processingText(entry)).toBe("Chưa xử lý");
    const done = { ...entry, handling: "transfer" as const, handling_vi: "Chuyển đơn", transfer_to: "UBND thành phố", processed_on: "2026-12-02" };
    expect(processingText(done)).toBe("Chuyển đơn → UBND thành phố (02/12/2026)");
  });

  it("asks by source and state, and refuses a filter date not in dd/mm/yyyy", () => {
    expect(toQuery({ source: "post", state: "unprocessed", from: "01/12/2026", to: "" }).query).toEqual({
      source: "post",
      state: "unprocessed",
      from: "2026-12-01",
      to: null,
    });
    const bad = toQuery({ source: "", state: "", from: "hôm qua", to: "" });
    expect(bad.query).toBeNull();
    expect(bad.problems.map((p) => p.field)).toEqual(["from"]);
  });

  it("processes a petition as a transfer from its row and shows the list as it now stands", async () => {
    let handled: PetitionEntry = entry;
    const calls = mockDesk({
      petitions: () => [handled],
      process_petition: ({ processing }) => {
        handled = { ...entry, handling: processing.handling, handling_vi: "Chuyển đơn", transfer_to: processing.transfer_to, processed_on: processing.processed_on };
        return {} as never;
      },
    });
    const { container } = render(PetitionList, { onopen: () => {} });
    const button = await screen.findByRole("button", { name: "Xử lý" });
    await fireEvent.click(button);
    const handling = container.querySelector<HTMLSelectElement>("[name='petition.handling']")!;
    expect(document.activeElement, "the caret starts on the handling").toBe(handling);
    await choose(handling, "transfer");
    const to = container.querySelector<HTMLInputElement>("[name='petition.transfer_to']")!;
    await fireEvent.input(to, { target: { value: "Công an thành phố" } });
    await fireEvent.keyDown(to, { key: "Enter" });
    expect(calls.filter((c) => c.command === "process_petition"), "Enter alone records nothing").toHaveLength(0);
    await fireEvent.keyDown(to, { key: "Enter", ctrlKey: true });
    await screen.findByTestId("process-notice");
    const sent = calls.find((c) => c.command === "process_petition")!.args.processing as Processing;
    expect([sent.handling, sent.transfer_to, sent.competent]).toEqual(["transfer", "Công an thành phố", false]);
    await waitFor(() => expect(container.querySelector("tbody")?.textContent).toContain("Chuyển đơn → Công an thành phố"));
    expect(container.querySelector("[data-testid=process-form]")).toBeNull();
  });
});
