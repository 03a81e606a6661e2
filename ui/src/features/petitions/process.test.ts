import { describe, expect, it } from "vitest";
import type { PetitionEntry } from "../../api/types";
import { competenceFor, processFormFor, toProcessing } from "./process";

const entry: PetitionEntry = {
  visit_id: "0190f0f0-0000-7000-8000-000000000001",
  receipt_no: "ĐT-0001/2026/A",
  source: "post",
  source_vi: "Qua bưu chính",
  received_on: "2026-12-01",
  from_body: null,
  letter_no: null,
  letter_date: null,
  names: ["Nguyễn Văn An"],
  summary: "Khiếu nại về bồi thường",
  kind: "complaint",
  kind_vi: "Khiếu nại",
  anonymous: false,
  handling: null,
  handling_vi: null,
  transfer_to: null,
  processed_on: null,
  cancelled: false,
};

describe("processing a petition from the list", () => {
  it("starts on today's date with no handling chosen", () => {
    const form = processFormFor(entry, "2026-12-06");
    expect(form.processed_on).toBe("06/12/2026");
    expect(form.handling).toBe("");
  });

  it("will not send a decision without a handling or with a date not in dd/mm/yyyy", () => {
    const form = { ...processFormFor(entry, "2026-12-06"), processed_on: "6-12" };
    const { processing, problems } = toProcessing(entry.visit_id, form);
    expect(processing).toBeNull();
    expect(problems.map((p) => p.field)).toEqual(["petition.processed_on", "petition.handling"]);
    expect(problems.map((p) => p.message)).toContain("Chưa chọn hướng xử lý.");
  });

  it("sends a transfer with the body it goes to and nothing of a guidance", () => {
    const form = { ...processFormFor(entry, "2026-12-06"), handling: "transfer" as const, transfer_to: " Tòa án khu vực 1 ", guidance: "x", competent: false };
    const { processing } = toProcessing(entry.visit_id, form);
    expect(processing).toEqual({
      visit_id: entry.visit_id,
      processed_on: "2026-12-06",
      eligible: true,
      ineligible_reason: null,
      competent: false,
      handling: "transfer",
      transfer_to: "Tòa án khu vực 1",
      guidance: null,
    });
  });

  it("proposes the competence a handling implies and leaves the rest to the clerk", () => {
    expect(competenceFor("transfer", true)).toBe(false);
    expect(competenceFor("remind", true)).toBe(false);
    expect(competenceFor("accept", false)).toBe(true);
    expect(competenceFor("file", false)).toBe(false);
    expect(competenceFor("file", true)).toBe(true);
  });

  it("opens a processed petition with what was recorded", () => {
    const done = { ...entry, handling: "transfer" as const, transfer_to: "Thanh tra thành phố", processed_on: "2026-12-02" };
    const form = processFormFor(done, "2026-12-06");
    expect([form.handling, form.transfer_to, form.processed_on, form.competent]).toEqual(["transfer", "Thanh tra thành phố", "02/12/2026", false]);
  });
});
