import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import { mockDesk } from "../../test/ipc";
import SetupPage from "./SetupPage.svelte";

describe("first-run setup", () => {
  it("puts the caret in the first field on screen that has an error, whatever order Rust reported them in", async () => {
    const calls = mockDesk({
      setup_ward: () => {
        throw {
          code: "invalid",
          message: "Thông tin chưa hợp lệ.",
          problems: [
            { field: "officer.full_name", message: "Chưa nhập họ tên." },
            { field: "ward_name", message: "Chưa nhập tên đơn vị." },
          ],
        };
      },
    });
    render(SetupPage, { ondone: () => {} });
    await fireEvent.click(screen.getByTestId("setup-save"));
    await waitFor(() => expect((document.activeElement as HTMLInputElement | null)?.name).toBe("ward_name"));
    expect(screen.getByText("Chưa nhập tên đơn vị.")).toBeTruthy();
    expect(calls).toHaveLength(1);
  });

  it("shows the leader checkbox on its own line, before its words, apart from the password boxes", () => {
    render(SetupPage, { ondone: () => {} });
    const box = document.querySelector<HTMLInputElement>("[name='officer.also_leader']")!;
    const label = box.closest("label")!;
    expect(label.firstElementChild, "the box comes first, then its words").toBe(box);
    expect(label.textContent).toContain("Cũng là lãnh đạo");
    expect(label.contains(document.querySelector("[name='officer.password']")), "the password is not part of the leader's label").toBe(false);
    const password = document.querySelector<HTMLInputElement>("[name='officer.password']")!;
    expect(document.querySelector(`label[for='${password.id}']`)?.textContent).toContain("Mật khẩu mới");
  });
});
