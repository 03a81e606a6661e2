import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import type { AppStatus, OutgoingSettings as Settings } from "../../api/types";
import { mockDesk } from "../../test/ipc";
import OutgoingSettings from "./OutgoingSettings.svelte";

const leaderId = "0190f0f0-0000-7000-8000-0000000000aa";

const status = {
  officers: [
    { id: leaderId, full_name: "Hoàng Minh Đức", position: "Chủ tịch", roles: ["leader"], active: true },
    { id: "0190f0f0-0000-7000-8000-0000000000bb", full_name: "Trần Thị Bình", position: "Công chức", roles: ["clerk"], active: true },
  ],
} as unknown as AppStatus;

const defaults: Settings = {
  style: { body: "UBND", transfer_slip: "PC", refusal_notice: "TB", guidance_slip: "HD" },
  signers: {
    transfer_slip: { capacity: "chair", officer_id: null },
    refusal_notice: { capacity: "chair", officer_id: null },
    guidance_slip: { capacity: "reception_officer", officer_id: null },
  },
};

describe("Văn bản đi in Settings", () => {
  it("shows the number a transfer slip will carry and refuses a bad abbreviation with the register's words", async () => {
    const calls = mockDesk({
      outgoing_settings: () => defaults,
      set_outgoing_style: () => {
        throw {
          code: "invalid",
          message: "Ký hiệu văn bản chưa đúng.",
          problems: [{ field: "body", message: "Sai định dạng: cần chữ in hoa viết tắt." }],
        };
      },
    });
    render(OutgoingSettings, { status });
    await screen.findByText(/Ví dụ số: 15\/PC-UBND/);
    const body = screen.getByLabelText(/Cơ quan ban hành/) as HTMLInputElement;
    await fireEvent.input(body, { target: { value: "UB ND" } });
    await fireEvent.click(screen.getByRole("button", { name: "Lưu ký hiệu" }));
    await screen.findByText("Sai định dạng: cần chữ in hoa viết tắt.");
    expect(screen.getAllByRole("alert").map((a) => a.textContent)).toContain("Ký hiệu văn bản chưa đúng.");
    expect(calls.find((c) => c.command === "set_outgoing_style")?.args).toEqual({
      style: { body: "UB ND", transfer_slip: "PC", refusal_notice: "TB", guidance_slip: "HD" },
    });
  });

  it("offers only active leaders to sign for the committee and keeps the saved choice", async () => {
    const saved = { ...defaults, signers: { ...defaults.signers, transfer_slip: { capacity: "chair" as const, officer_id: leaderId } } };
    const calls = mockDesk({
      outgoing_settings: () => saved,
      set_signer: (args) => ({ ...defaults, signers: { ...defaults.signers, transfer_slip: args.choice } }),
    });
    render(OutgoingSettings, { status });
    const who = (await screen.findByLabelText("Người ký Phiếu chuyển đơn")) as HTMLSelectElement;
    const names = [...who.options].map((o) => o.textContent);
    expect(names).toEqual(["Để trống, ký tay", "Hoàng Minh Đức — Chủ tịch"]);
    // (happy-dom does not carry a changed <select> into Svelte's binding; the window test does.)
    await waitFor(() => expect(who.value).toBe(leaderId));
    const row = who.closest("tr")!;
    await fireEvent.click(row.querySelector("button")!);
    await screen.findByText("Đã lưu người ký.");
    expect(calls.find((c) => c.command === "set_signer")?.args).toEqual({
      kind: "transfer_slip",
      choice: { capacity: "chair", officer_id: leaderId },
    });
    // The guidance slip is signed by whoever received the citizen: no one to choose.
    const guidance = document.querySelector("tr[data-kind=guidance_slip]")!;
    expect(guidance.textContent).toContain("Cán bộ đã tiếp công dân");
  });
});
