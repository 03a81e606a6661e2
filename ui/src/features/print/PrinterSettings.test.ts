import { fireEvent, render, screen } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import type { PrinterSettings as Settings } from "../../api/types";
import { mockDesk } from "../../test/ipc";
import PrinterSettings from "./PrinterSettings.svelte";

const queue = { name: "TiepDanTest", is_default: false, ready: true, stopped_reason: null };
const listed: Settings = { printers: [queue], chosen: null, spooler_error: null };

describe("Máy in in Settings", () => {
  it("keeps the saved notice and choice when a refresh started before the save answers after it", async () => {
    // The refresh's answer is held back until the save has answered, as on a slow CUPS.
    let releaseRefresh: (s: Settings) => void = () => {};
    let reads = 0;
    mockDesk({
      printer_settings: () => {
        reads += 1;
        if (reads === 1) return { ...listed, chosen: "TiepDanTest" };
        return new Promise<Settings>((resolve) => (releaseRefresh = resolve));
      },
      print_log: () => [],
      set_printer: (args) => ({ ...listed, chosen: args.printer }),
    });
    render(PrinterSettings);
    const choice = (await screen.findByLabelText("Máy in của bàn tiếp")) as HTMLSelectElement;
    await screen.findByRole("option", { name: "TiepDanTest" });
    expect(choice.value).toBe("TiepDanTest");
    await fireEvent.click(screen.getByRole("button", { name: "Làm mới" }));
    // (happy-dom does not carry a changed <select> into Svelte's binding, so the desk already has
    // the queue chosen here; the window test picks it.)
    await fireEvent.click(screen.getByRole("button", { name: "Lưu máy in" }));
    await screen.findByText("Máy in của bàn tiếp: TiepDanTest.");
    releaseRefresh(listed);
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.getByTestId("printer-notice").textContent).toBe("Máy in của bàn tiếp: TiepDanTest.");
    expect(choice.value).toBe("TiepDanTest");
  });
});
