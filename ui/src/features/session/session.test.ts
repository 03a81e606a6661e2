import { fireEvent, render, screen } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import type { AppStatus, Officer } from "../../api/types";
import { mockDesk } from "../../test/ipc";
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
    render(SignInPage, { status: status({ locked: true, signed_in: { officer_id: "a", permissions: [] } }), onsignedin: () => {} });
    expect(screen.getByRole("heading").textContent).toBe("Màn hình đã khóa");
  });
});
