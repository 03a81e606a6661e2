import { fireEvent, render, screen } from "@testing-library/svelte";
import { describe, expect, it, vi } from "vitest";
import RecoveryKeyNotice from "./RecoveryKeyNotice.svelte";

describe("the recovery key shown once", () => {
  it("prints a sheet with the key and the ward through the print dialog, and says the dialog was opened", async () => {
    // happy-dom has no print dialog: the test stands in for the webview's.
    const print = vi.fn();
    vi.stubGlobal("print", print);
    render(RecoveryKeyNotice, { recoveryKey: "ABCD-EFGH-IJKL", wardName: "Phường Hà Đông", ondone: () => {} });
    await fireEvent.click(screen.getByRole("button", { name: "In khóa khôi phục" }));
    expect(print).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId("recovery-print-status").textContent).toContain("Đã mở hộp thoại in");
    const sheet = screen.getByTestId("recovery-sheet");
    expect(sheet.textContent).toContain("ABCD-EFGH-IJKL");
    expect(sheet.textContent).toContain("Phường Hà Đông");
    expect(sheet.classList.contains("print-only"), "the sheet is for paper, not the screen").toBe(true);
    vi.unstubAllGlobals();
  });
});
