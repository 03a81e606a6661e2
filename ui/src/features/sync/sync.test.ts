import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import type { DayReport, SyncStatus, SyncView } from "../../api/types";
import { mockDesk } from "../../test/ipc";
import EnrollForm from "./EnrollForm.svelte";
import { handlingRows, reachedText, statusText, syncTime } from "./status";
import DayClose from "./DayClose.svelte";
import SyncStatusLight from "./SyncStatus.svelte";

function status(over: Partial<SyncStatus> = {}): SyncStatus {
  return {
    kind: "waiting",
    local_max_seq: 5,
    acknowledged_seq: 4,
    pending: 1,
    last_success: null,
    last_error: null,
    attention: [],
    stopped: [],
    clock_skew_seconds: null,
    clock_skew_warning: false,
    ...over,
  };
}

const enrollment = {
  server_url: "http://127.0.0.1:8080",
  ward_code: "12345",
  ward_name: "Phường Hà Đông",
  desk: "A",
  upstream_name: null,
};
const view = (over: Partial<SyncStatus> = {}): SyncView => ({ status: status(over), enrollment });

describe("the sync light", () => {
  it("says each state in words, from what the upstream acknowledged", () => {
    expect(statusText(status())).toBe("1 đang chờ gửi");
    expect(statusText(status({ kind: "all_sent", pending: 0 }))).toBe("Đã gửi hết");
    expect(statusText(status({ kind: "offline", pending: 3 }))).toBe("Mất kết nối · 3 đang chờ gửi");
    expect(statusText(status({ kind: "needs_attention" }))).toBe("Cần kiểm tra");
    expect(statusText(status({ kind: "not_enrolled" }))).toBe("Chưa kết nối cấp trên");
    // 02:05 UTC is 09:05 at the ward.
    expect(syncTime("2026-11-25T02:05:00Z")).toBe("25/11/2026 09:05");
  });

  it("opens where the cause is shown when it needs attention, and is only a light otherwise", async () => {
    let opened = 0;
    mockDesk({ sync_status: () => view({ kind: "needs_attention", attention: ["luồng bị dừng"] }) });
    const { unmount } = render(SyncStatusLight, { pollMs: 60_000, onattention: () => (opened += 1) });
    const light = await screen.findByTestId("sync-status");
    expect(light.tagName).toBe("BUTTON");
    expect(light.title).toContain("Bấm để xem lý do trong Cài đặt");
    await fireEvent.click(light);
    expect(opened).toBe(1);
    unmount();
    mockDesk({ sync_status: () => view() });
    render(SyncStatusLight, { pollMs: 60_000, onattention: () => (opened += 1) });
    expect((await screen.findByTestId("sync-status")).tagName).toBe("SPAN");
  });

  it("shows N waiting, and after Gửi ngay the true outcome and all sent", async () => {
    const calls = mockDesk({
      sync_status: () => view({ last_success: "2026-11-25T02:05:00Z" }),
      send_now: () => ({
        all_sent: true,
        message: "Đã gửi hết: cấp trên đã nhận mọi lượt tiếp.",
        view: view({ kind: "all_sent", pending: 0, acknowledged_seq: 5, last_success: "2026-11-25T03:00:00Z" }),
      }),
    });
    render(SyncStatusLight, { pollMs: 60_000 });
    expect((await screen.findByTestId("sync-status")).textContent).toBe("1 đang chờ gửi");
    expect(screen.getByTestId("sync-status").title).toBe("Gửi thành công lần cuối: 25/11/2026 09:05");
    await fireEvent.click(screen.getByTestId("send-now"));
    await waitFor(() => expect(screen.getByTestId("sync-status").textContent).toBe("Đã gửi hết"));
    expect(screen.getByTestId("sync-message").textContent).toContain("Đã gửi hết: cấp trên đã nhận mọi lượt tiếp.");
    expect(screen.getByTestId("sync-status").title).toContain("25/11/2026 10:00");
    expect(calls.map((c) => c.command)).toContain("send_now");
  });

  it("reports a failed send as it is, keeping the waiting count", async () => {
    mockDesk({
      sync_status: () => view(),
      send_now: () => ({
        all_sent: false,
        message: "Không kết nối được máy chủ cấp trên. Dữ liệu vẫn được giữ an toàn và sẽ tự gửi lại khi có mạng.",
        view: view({ kind: "offline", last_error: "connection refused" }),
      }),
    });
    render(SyncStatusLight, { pollMs: 60_000 });
    await screen.findByTestId("sync-status");
    await fireEvent.click(screen.getByTestId("send-now"));
    await waitFor(() => expect(screen.getByTestId("sync-status").textContent).toBe("Mất kết nối · 1 đang chờ gửi"));
    expect(screen.getByTestId("sync-message").textContent).toContain("Không kết nối được máy chủ cấp trên");
  });

  it("drops a failed send's message once the light shows the upstream was reached", async () => {
    let reached = false;
    mockDesk({
      sync_status: () => (reached ? view({ kind: "all_sent", pending: 0, acknowledged_seq: 5 }) : view()),
      send_now: () => ({
        all_sent: false,
        message: "Không kết nối được máy chủ cấp trên. Dữ liệu vẫn được giữ an toàn và sẽ tự gửi lại khi có mạng.",
        view: view({ kind: "offline", last_error: "connection refused" }),
      }),
    });
    render(SyncStatusLight, { pollMs: 50 });
    await screen.findByTestId("sync-status");
    await fireEvent.click(screen.getByTestId("send-now"));
    await screen.findByTestId("sync-message");
    reached = true;
    await waitFor(() => expect(screen.getByTestId("sync-status").textContent).toBe("Đã gửi hết"));
    expect(screen.queryByTestId("sync-message")).toBeNull();
  });

  it("lets the clerk close the message", async () => {
    mockDesk({
      sync_status: () => view(),
      send_now: () => ({ all_sent: false, message: "Còn 1 bản ghi chưa được cấp trên xác nhận.", view: view() }),
    });
    render(SyncStatusLight, { pollMs: 60_000 });
    await screen.findByTestId("sync-status");
    await fireEvent.click(screen.getByTestId("send-now"));
    await fireEvent.click(within(await screen.findByTestId("sync-message")).getByRole("button", { name: "Đóng" }));
    expect(screen.queryByTestId("sync-message")).toBeNull();
  });

  it("closes the day after a confirmation and shows the day's summary with what reached the upstream", async () => {
    const report: DayReport = {
      summary: {
        close: {
          date: "2026-11-25",
          visits: 3,
          cancelled: 1,
          petitions: { accept: 1, guide: 1, transfer: 0, return: 0, file: 0, undecided: 1 },
          first_seq: 1,
          last_seq: 9,
          chain_head: "ab",
        },
        stream: "0190f0f0-0000-7000-8000-000000000001",
        close_seq: 10,
        closed_at: "2026-11-25T10:00:00Z",
        earlier_closes: 0,
      },
      reached_district: true,
      acknowledged_seq: 10,
      pending: 0,
      sync_error: null,
      status: "all_sent",
    };
    const calls = mockDesk({ sync_status: () => view(), close_day: () => report });
    render(DayClose);
    await fireEvent.click(await screen.findByTestId("close-day"));
    await waitFor(() => expect(screen.getByTestId("close-day-dialog").textContent).toContain("gửi lên cấp trên?"));
    expect(calls.some((c) => c.command === "close_day"), "nothing is closed before the clerk confirms").toBe(false);
    await fireEvent.click(screen.getByTestId("close-day-confirm"));
    const summary = await screen.findByTestId("day-report");
    expect(summary.textContent).toContain("Tổng kết ngày 25/11/2026");
    expect(screen.getByTestId("day-visits").textContent).toBe("3");
    expect(screen.getByTestId("day-handling").textContent).toContain("Thụ lý giải quyết: 1");
    expect(screen.getByTestId("day-reached").textContent).toBe("Cấp trên đã nhận đầy đủ dữ liệu ngày 25/11/2026.");
    expect(calls.find((c) => c.command === "close_day")?.args).toEqual({ date: null });
  });

  it("asks a desk not yet enrolled only to write the day's close, never to send it anywhere, and Esc says no", async () => {
    const calls = mockDesk({ sync_status: () => ({ status: status({ kind: "not_enrolled" }), enrollment: null }) });
    render(DayClose);
    const open = await screen.findByTestId("close-day");
    await waitFor(() => expect(calls.some((c) => c.command === "sync_status")).toBe(true));
    await fireEvent.click(open);
    const dialog = screen.getByTestId("close-day-dialog");
    expect(dialog.textContent).toContain("Kết thúc ngày hôm nay: ghi tổng kết trong ngày vào sổ?");
    expect(dialog.textContent).not.toMatch(/quận|gửi lên/);
    await fireEvent.keyDown(window, { key: "Escape" });
    expect(screen.queryByTestId("close-day-dialog"), "Esc closes the confirmation").toBeNull();
    expect(calls.some((c) => c.command === "close_day"), "Esc closes nothing in the register").toBe(false);
    expect(document.activeElement, "focus returns to the button that opened it").toBe(open);
  });

  it("shows a new desk's day report in neutral words, not as a failure", () => {
    const r = { status: "not_enrolled", reached_district: false, pending: 4, summary: { close: { date: "2026-11-25" } } } as unknown as DayReport;
    expect(reachedText(r)).toBe("Chưa kết nối cấp trên — sổ vẫn làm việc bình thường, dữ liệu lưu tại phường.");
  });

  it("lists only the handlings that occurred", () => {
    expect(handlingRows({ accept: 0, guide: 2, transfer: 0, return: 1, file: 0, undecided: 0 })).toEqual([
      ["Hướng dẫn", 2],
      ["Trả lại đơn", 1],
    ]);
  });
});

describe("enrollment in Settings", () => {
  it("sends the server address and the one-time code and shows the ward it is bound to", async () => {
    let enrolled = false;
    const calls = mockDesk({
      sync_status: () => ({ status: status({ kind: "not_enrolled" }), enrollment: null }),
      enroll_desk: () => {
        enrolled = true;
        return view();
      },
    });
    render(EnrollForm);
    expect((await screen.findByTestId("not-enrolled")).textContent).toContain("Chưa kết nối cấp trên — sổ vẫn làm việc bình thường");
    await fireEvent.input(document.querySelector<HTMLInputElement>("input[name=server_url]")!, {
      target: { value: " http://127.0.0.1:8080 " },
    });
    await fireEvent.input(document.querySelector<HTMLInputElement>("input[name=code]")!, { target: { value: "ABCD-1234" } });
    await fireEvent.click(screen.getByRole("button", { name: "Đăng ký" }));
    expect((await screen.findByTestId("enrolled")).textContent).toContain("Phường Hà Đông (12345), bàn A");
    expect(enrolled).toBe(true);
    expect(calls.find((c) => c.command === "enroll_desk")?.args).toEqual({ server_url: "http://127.0.0.1:8080", code: "ABCD-1234" });
  });

  it("shows the refusal of a used code in the clerk's words", async () => {
    mockDesk({
      sync_status: () => ({ status: status({ kind: "not_enrolled" }), enrollment: null }),
      enroll_desk: () => {
        throw { code: "refused", message: "Mã đăng ký không đúng, đã được dùng hoặc đã hết hạn. Hãy xin cấp trên mã mới.", problems: [] };
      },
    });
    render(EnrollForm);
    expect((await screen.findByTestId("not-enrolled")).textContent).toContain("Chưa kết nối cấp trên — sổ vẫn làm việc bình thường");
    await fireEvent.input(document.querySelector<HTMLInputElement>("input[name=server_url]")!, { target: { value: "http://x" } });
    await fireEvent.input(document.querySelector<HTMLInputElement>("input[name=code]")!, { target: { value: "OLD" } });
    await fireEvent.click(screen.getByRole("button", { name: "Đăng ký" }));
    expect((await screen.findByRole("alert")).textContent).toContain("Mã đăng ký không đúng");
  });
});

describe("a stream the server stopped, in Settings", () => {
  const stream = "0b6f3c1e-8f35-4a8e-9d7c-2c4b1f0a9e11";
  const stop = {
    stream,
    code: "bad_hash",
    seq: 1,
    explanation: "Máy chủ thấy dữ liệu không khớp mã kiểm tra. Hãy báo cán bộ quản trị máy chủ và cập nhật ứng dụng, rồi bấm “Thử gửi lại”.",
    detail: "payload hash does not match",
    since: "2026-11-25T02:05:00Z",
  };
  const stopped = view({
    kind: "needs_attention",
    attention: [`${stream}: payload hash does not match (bad_hash)`, "needs_update: app too old"],
    stopped: [stop],
  });

  it("explains the stop once, keeps other attention, and lifts it with Thử gửi lại", async () => {
    const calls = mockDesk({
      sync_status: () => stopped,
      resume_sync_stream: () => ({
        resumed: true,
        message: "Đã gửi lại: luồng không còn bị dừng và cấp trên đã nhận được.",
        view: view({ kind: "all_sent", pending: 0 }),
      }),
    });
    render(EnrollForm);
    const list = await screen.findByTestId("stopped-streams");
    expect(list.textContent).toContain("Luồng dữ liệu bị dừng từ 25/11/2026 09:05: Máy chủ thấy dữ liệu không khớp");
    expect(list.textContent).toContain("từ bản ghi số 1");
    const alerts = [...document.querySelectorAll(".error")].map((e) => e.textContent);
    expect(alerts.filter((a) => a?.startsWith("Cần kiểm tra"))).toEqual(["Cần kiểm tra: needs_update: app too old"]);
    await fireEvent.click(within(list).getByRole("button", { name: "Thử gửi lại" }));
    expect((await screen.findByTestId("resume-message")).textContent).toContain("Đã gửi lại");
    expect(calls.find((c) => c.command === "resume_sync_stream")?.args).toEqual({ stream });
    expect(screen.queryByTestId("stopped-streams")).toBeNull();
  });

  it("appears while Settings is open, when a round stops the stream after the page was read", async () => {
    let stops = false;
    mockDesk({ sync_status: () => (stops ? stopped : view()) });
    render(EnrollForm, { pollMs: 50 });
    expect((await screen.findByTestId("enrolled")).textContent).toContain("Phường Hà Đông (12345), bàn A");
    expect(screen.queryByTestId("stopped-streams")).toBeNull();
    stops = true;
    const list = await screen.findByTestId("stopped-streams");
    expect(within(list).getByRole("button", { name: "Thử gửi lại" })).toBeTruthy();
  });

  it("says so when the stream stops again, and offers no button for a fork", async () => {
    const fork = { ...stop, stream: "1c7a4d2f-9046-4b9f-8e8d-3d5c2a1b0f22", code: "fork", explanation: "Máy chủ đang giữ một bản khác…" };
    mockDesk({
      sync_status: () => view({ kind: "needs_attention", stopped: [stop, fork] }),
      resume_sync_stream: () => ({
        resumed: false,
        message: "Luồng vẫn bị dừng: Máy chủ thấy dữ liệu không khớp mã kiểm tra.",
        view: view({ kind: "needs_attention", stopped: [stop, fork] }),
      }),
    });
    render(EnrollForm);
    const list = await screen.findByTestId("stopped-streams");
    const buttons = within(list).getAllByRole("button", { name: "Thử gửi lại" });
    expect(buttons).toHaveLength(1);
    await fireEvent.click(buttons[0]);
    expect((await screen.findByTestId("resume-error")).textContent).toContain("Luồng vẫn bị dừng");
  });
});

describe("the upstream's configured name", () => {
  const named = (name: string | null): SyncView => ({ status: status({ kind: "all_sent", pending: 0 }), enrollment: { ...enrollment, upstream_name: name } });

  it("replaces cấp trên in Settings and in the day close once the server has said it", async () => {
    mockDesk({ sync_status: () => named("UBND tỉnh Ninh Bình") });
    render(EnrollForm);
    await waitFor(() => expect(screen.getByTestId("enroll").querySelector("legend")?.textContent).toBe("Kết nối UBND tỉnh Ninh Bình"));
    render(DayClose);
    await fireEvent.click(await screen.findByTestId("close-day"));
    await waitFor(() => expect(screen.getByTestId("close-day-dialog").textContent).toContain("gửi lên UBND tỉnh Ninh Bình?"));
    expect(document.body.textContent).not.toContain("cấp trên");
    expect(document.body.textContent).not.toMatch(/quận/i);
  });

  it("goes back to cấp trên when the server no longer names itself", async () => {
    let name: string | null = "UBND tỉnh Ninh Bình";
    mockDesk({ sync_status: () => named(name) });
    render(EnrollForm);
    await waitFor(() => expect(screen.getByTestId("enroll").querySelector("legend")?.textContent).toBe("Kết nối UBND tỉnh Ninh Bình"));
    name = null;
    render(DayClose);
    await fireEvent.click(await screen.findByTestId("close-day"));
    await waitFor(() => expect(screen.getByTestId("close-day-dialog").textContent).toContain("gửi lên cấp trên?"));
    expect(screen.getByTestId("enroll").querySelector("legend")?.textContent).toBe("Kết nối cấp trên");
  });
});
