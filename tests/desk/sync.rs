//! Sync with the district in the real window, against a real `tiepdan-server` process on
//! 127.0.0.1 (built by `scripts/e2e.sh`): enroll, register a visit, see it waiting, send now, see
//! everything sent; then the server goes away, a visit waits offline, the server comes back and the
//! desk drains by itself (the background runner's timer, no click); the day is closed and its
//! summary says the district has everything. The server is configured with its name, and once the
//! desk is enrolled every sentence about the upstream says it instead of "cấp trên".

use std::time::{Duration, Instant};
use tiepdan_tests::district::District;
use tiepdan_tests::{enabled, run, Desk, SAVE_VISIT};

/// What the server's operator named the upstream (`serve --name`).
pub(crate) const UPSTREAM: &str = "UBND tỉnh Ninh Bình";

/// Waits (up to `secs`) until the sync light says `text`.
pub(crate) async fn light(desk: &Desk, text: &str, secs: u64) {
    let deadline = Instant::now() + Duration::from_secs(secs);
    loop {
        let el = desk.find("[data-testid=sync-status]").await;
        let now = el.prop("textContent").await.ok().flatten().unwrap_or_default();
        if now == text {
            return;
        }
        if Instant::now() > deadline {
            desk.screenshot("failed").await;
            panic!("the sync light never said {text:?} (last: {now:?}; target/e2e/failed.png)");
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// Registers a plain visit by `name` on a fresh new-visit screen and waits until it is saved.
pub(crate) async fn register(desk: &Desk, name: &str) {
    desk.screen("register").await;
    desk.screen("visit").await;
    desk.fill("visitors[0].full_name", name).await;
    desk.fill("summary", "Hỏi thủ tục cấp giấy chứng nhận").await;
    desk.fill("visitors[0].address", "Tổ 5, phường Hà Đông").await;
    desk.press("visitors[0].address", SAVE_VISIT).await;
    desk.find("[data-testid=saved-receipt] .receipt-no").await;
}

#[tokio::test(flavor = "current_thread")]
async fn a_desk_enrolls_sends_and_drains_by_itself_after_the_district_comes_back() {
    if !enabled("sync") {
        return;
    }
    run(async {
        let dir = tempfile::tempdir().unwrap();
        let mut district = District::start_named(UPSTREAM);
        let desk = Desk::launch(&dir.path().join("desk")).await;
        desk.set_up_ward().await;
        light(&desk, "Chưa kết nối cấp trên", 20).await;

        desk.screen("settings").await;
        desk.fill("server_url", &district.url()).await;
        desk.fill("code", &district.code("A")).await;
        desk.click("[data-testid=enroll] button[type=submit]").await;
        desk.find_text("[data-testid=enrolled]", "Phường Hà Đông (12345), bàn A").await;
        desk.find_text("[data-testid=enroll] legend", &format!("Kết nối {UPSTREAM}")).await;
        light(&desk, "Đã gửi hết", 30).await;

        register(&desk, "Nguyễn Văn Ánh").await;
        light(&desk, "1 đang chờ gửi", 20).await;
        desk.screenshot("40-sync-waiting").await;
        desk.click("[data-testid=send-now]").await;
        desk.find_text(
            "[data-testid=sync-message]",
            &format!("Đã gửi hết: {UPSTREAM} đã nhận mọi lượt tiếp."),
        )
        .await;
        light(&desk, "Đã gửi hết", 20).await;
        let last =
            desk.find("[data-testid=sync-status]").await.attr("title").await.unwrap().unwrap_or_default();
        assert!(last.starts_with("Gửi thành công lần cuối: "), "the last success is shown: {last}");

        district.kill();
        register(&desk, "Lê Thị Bình").await;
        light(&desk, "1 đang chờ gửi", 20).await;
        desk.click("[data-testid=send-now]").await;
        desk.find_text("[data-testid=sync-message]", &format!("Không kết nối được máy chủ {UPSTREAM}."))
            .await;
        light(&desk, "Mất kết nối · 1 đang chờ gửi", 20).await;
        desk.screenshot("41-sync-offline").await;

        district.serve();
        // No click: the runner retries on its own timer with backoff.
        light(&desk, "Đã gửi hết", 90).await;
        desk.screenshot("42-sync-drained").await;

        // End of day: the close event, a round, and the day's summary from what the district holds.
        desk.screen("register").await;
        desk.click("[data-testid=close-day]").await;
        desk.find_text("[data-testid=close-day-dialog]", &format!("gửi lên {UPSTREAM}?")).await;
        desk.click("[data-testid=close-day-confirm]").await;
        desk.find_text("[data-testid=day-visits]", "2").await;
        desk.find_text("[data-testid=day-reached]", &format!("{UPSTREAM} đã nhận đầy đủ dữ liệu ngày")).await;
        light(&desk, "Đã gửi hết", 20).await;
        desk.screenshot("43-day-closed").await;
        desk.close().await;
    })
    .await;
}
