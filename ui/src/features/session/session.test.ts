import { fireEvent, render, screen } from "@testing-library/svelte";
import { describe, expect, it, vi } from "vitest";
import type { AppStatus, Officer } from "../../api/types";
import { mockDesk } from "../../test/ipc";
import OwnPin from "./OwnPin.svelte";
import SignInPage from "./SignInPage.svelte";

const officer = (id: string, full_name: string, active = true): Officer => ({
  id,
  full_name,
  position: "Công chức",
  active,
  roles: ["clerk"],
});

const status = (over: Partial<AppStatus> = {}): AppStatus => ({
  data_dir: "/tmp/desk",
  ward: { ward_code: "12345", ward_name: "Phường Hà Đông", place: "Hà Đông", upstream: "", desk: "A" },
  officers: [officer("a", "Trần Thị Bình"), officer("b", "Lê Văn Cường"), officer("c", "Phạm Văn Dũng", false), officer("d", "Chưa Có Mật Khẩu")],
  current_officer: "b",
  has_passwords: true,
  can_sign_in: ["a", "b", "c"],
  signed_in: null,
  locked: false,
  pin_unlock: false,
  ...over,
});

describe("Đăng nhập", () => {
  it("offers only active officers who have a password, the one on duty first chosen", () => {
    mockDesk({});
    const { container } = render(SignInPage, { status: status(), onsignedin: () => {} });
    const names = [...container.querySelectorAll("option")].map((o) => o.textContent);
    expect(names).toEqual(["Trần Thị Bình", "Lê Văn Cường"]);
    expect((container.querySelector("select") as HTMLSelectElement).value).toBe("b");
  });

  it("shows the register's sentence for a wrong password and empties the field", async () => {
    const calls = mockDesk({
      sign_in: () => {
        throw { code: "sign_in_refused", message: "Sai mật khẩu. Hãy đợi 30 giây trước khi thử lại.", problems: [] };
      },
    });
    const { container } = render(SignInPage, { status: status(), onsignedin: () => {} });
    const password = container.querySelector("input[type=password]") as HTMLInputElement;
    await fireEvent.input(password, { target: { value: "sai-mat-khau" } });
    await fireEvent.click(screen.getByTestId("sign-in"));
    expect((await screen.findByRole("alert")).textContent).toContain("Hãy đợi 30 giây");
    expect(password.value).toBe("");
    expect(calls[0]).toEqual({ command: "sign_in", args: { officer_id: "b", password: "sai-mat-khau" } });
  });

  it("says the screen is locked when it is", () => {
    mockDesk({});
    render(SignInPage, { status: status({ locked: true, signed_in: { officer_id: "a", permissions: [], has_pin: false } }), onsignedin: () => {} });
    expect(screen.getByRole("heading").textContent).toBe("Màn hình đã khóa");
  });
});

describe("Mã PIN", () => {
  const lockedWithPin = () =>
    status({ locked: true, pin_unlock: true, signed_in: { officer_id: "b", permissions: [], has_pin: true } });

  it("asks the locked officer for their PIN and unlocks with it", async () => {
    const unlocked = status({ signed_in: { officer_id: "b", permissions: [], has_pin: true } });
    const calls = mockDesk({ unlock_with_pin: () => unlocked });
    let signedIn: AppStatus | null = null;
    const { container } = render(SignInPage, { status: lockedWithPin(), onsignedin: (s: AppStatus) => (signedIn = s) });
    expect(container.textContent).toContain("Lê Văn Cường");
    expect(container.querySelector("select")).toBeNull();
    await fireEvent.input(container.querySelector("input[name=pin]")!, { target: { value: "2580" } });
    await fireEvent.click(screen.getByTestId("pin-unlock"));
    await vi.waitFor(() => expect(signedIn).toBe(unlocked));
    expect(calls[0]).toEqual({ command: "unlock_with_pin", args: { pin: "2580" } });
  });

  it("after the last wrong PIN shows the register's sentence over the password form", async () => {
    mockDesk({
      unlock_with_pin: () => {
        throw { code: "sign_in_refused", message: "Sai mã PIN. Đã hết số lần thử: hãy đăng nhập bằng mật khẩu.", problems: [] };
      },
      app_status: () => status({ locked: true, pin_unlock: false, signed_in: { officer_id: "b", permissions: [], has_pin: true } }),
    });
    const { container } = render(SignInPage, { status: lockedWithPin(), onsignedin: () => {} });
    await fireEvent.input(container.querySelector("input[name=pin]")!, { target: { value: "0852" } });
    await fireEvent.click(screen.getByTestId("pin-unlock"));
    await vi.waitFor(() => expect(container.querySelector("input[name=password]")).not.toBeNull());
    expect(container.querySelector("input[name=pin]")).toBeNull();
    expect(screen.getByRole("alert").textContent).toContain("Đã hết số lần thử");
  });

  it("offers the password, or another officer, from the PIN screen", async () => {
    mockDesk({});
    const { container } = render(SignInPage, { status: lockedWithPin(), onsignedin: () => {} });
    await fireEvent.click(screen.getByTestId("use-password"));
    expect(container.querySelector("select")).not.toBeNull();
  });

  it("sets a PIN with the password after checking both entries match", async () => {
    const calls = mockDesk({ set_unlock_pin: () => status({ signed_in: { officer_id: "b", permissions: [], has_pin: true } }) });
    let changed: AppStatus | null = null;
    const { container } = render(OwnPin, { status: status({ signed_in: { officer_id: "b", permissions: [], has_pin: false } }), onchange: (s: AppStatus) => (changed = s) });
    const type = (name: string, value: string) => fireEvent.input(container.querySelector(`input[name=${name}]`)!, { target: { value } });
    await type("own-pin", "2580");
    await type("own-pin-again", "2581");
    await type("own-pin-password", "lua-chin-vang");
    await fireEvent.click(screen.getByTestId("save-pin"));
    expect((await screen.findByRole("alert")).textContent).toContain("chưa khớp");
    expect(calls).toHaveLength(0);
    await type("own-pin-again", "2580");
    await fireEvent.click(screen.getByTestId("save-pin"));
    expect((await screen.findByRole("status")).textContent).toContain("Đã đặt mã PIN");
    expect(calls[0]).toEqual({ command: "set_unlock_pin", args: { password: "lua-chin-vang", pin: "2580" } });
    expect(changed).not.toBeNull();
  });

  it("shows the PIN policy's own sentence for a weak PIN", async () => {
    mockDesk({
      set_unlock_pin: () => {
        throw { code: "invalid", message: "Dữ liệu chưa hợp lệ.", problems: [{ field: "pin", problem: { kind: "bad_format", expected: "mã PIN 4–8 chữ số" }, message: "Mã PIN này quá dễ đoán (một chữ số lặp lại hoặc dãy liên tiếp); hãy chọn mã khác." }] };
      },
    });
    const { container } = render(OwnPin, { status: status({ signed_in: { officer_id: "b", permissions: [], has_pin: true } }), onchange: () => {} });
    for (const name of ["own-pin", "own-pin-again"]) {
      await fireEvent.input(container.querySelector(`input[name=${name}]`)!, { target: { value: "1234" } });
    }
    await fireEvent.click(screen.getByTestId("save-pin"));
    expect((await screen.findByRole("alert")).textContent).toContain("quá dễ đoán");
    expect(screen.getByTestId("remove-pin")).toBeTruthy();
  });
});
