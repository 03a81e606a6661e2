//! A stream the district's server stopped for something other than a fork (issue 14 §11), in the
//! real window: a middlebox damages the desk's first push, the real `tiepdan-server` answers
//! `bad_hash`, and Settings shows the stopped stream with what it means and "Thử gửi lại". From
//! another screen the light ("Cần kiểm tra") opens it with the caret on the button; the
//! administrator presses Enter once the cause is gone; the stream goes through, the
//! light says everything was sent, and the district's checker finds the events, invariants intact.

use crate::sync::{light, register, UPSTREAM};
use std::time::{Duration, Instant};
use tiepdan_tests::district::District;
use tiepdan_tests::proxy::{Fault, Proxy};
use tiepdan_tests::{enabled, run, Desk, ENTER};

/// What the desk says a `bad_hash` stop means (`tiepdan_sync::stops::explanation`), word for word.
const BAD_HASH: &str = concat!(
    "Máy chủ thấy dữ liệu không khớp mã kiểm tra. Hãy báo cán bộ quản trị máy chủ và cập nhật ứng dụng, ",
    "rồi bấm \u{201c}Thử gửi lại\u{201d}."
);

/// Waits (up to `secs`) until nothing matches `css`.
async fn gone(desk: &Desk, css: &str, why: &str, secs: u64) {
    let deadline = Instant::now() + Duration::from_secs(secs);
    while desk.count(css).await > 0 {
        if Instant::now() > deadline {
            desk.screenshot("failed").await;
            panic!("{css} is still shown: {why} (target/e2e/failed.png)");
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[tokio::test(flavor = "current_thread")]
async fn a_stream_stopped_for_a_damaged_push_is_explained_and_sent_again_from_the_keyboard() {
    if !enabled("stops") {
        return;
    }
    run(async {
        let dir = tempfile::tempdir().unwrap();
        let district = District::start_named(UPSTREAM);
        let proxy = Proxy::start(&district.url(), Fault::CorruptFirstPush);
        let desk = Desk::launch(&dir.path().join("desk")).await;
        desk.set_up_ward().await;

        // Enrolled through the middlebox: the first round's push (the setup's events) arrives damaged.
        desk.screen("settings").await;
        desk.fill("server_url", &proxy.url).await;
        desk.fill("code", &district.code("A")).await;
        desk.click("[data-testid=enroll] button[type=submit]").await;
        desk.find_text("[data-testid=enrolled]", "Phường Hà Đông (12345), bàn A").await;
        light(&desk, "Cần kiểm tra", 30).await;
        // Settings, still open, follows the round that stopped the stream: the administrator who
        // just enrolled sees what to do where they are, not only after leaving the page.
        desk.find_text("[data-testid=stopped-streams] li", BAD_HASH).await;
        assert_eq!(
            district.events(),
            0,
            "the server stored nothing of the damaged push: a bad hash refuses the whole batch"
        );

        // A visit recorded meanwhile waits behind the stop, kept on the desk; the light still asks
        // for a person rather than counting it as merely waiting.
        register(&desk, "Nguyễn Văn Ánh").await;
        light(&desk, "Cần kiểm tra", 20).await;

        // From any screen, the light that asks for a person is a button: it opens Settings at the
        // sync section with the caret on "Thử gửi lại", so the clerk needs neither to know where to
        // scroll nor a mouse after that.
        desk.click("[data-testid=sync-status]").await;
        let stop = desk.find_text("[data-testid=stopped-streams] li", BAD_HASH).await;
        let said = stop.prop("textContent").await.unwrap().unwrap_or_default();
        assert!(
            said.contains("Luồng dữ liệu bị dừng từ ") && said.contains("máy chủ báo:"),
            "the stop says since when and what the server said, for the administrator: {said}"
        );
        let button = desk.find_text("[data-testid=stopped-streams] li button", "Thử gửi lại").await;
        assert_eq!(district.events(), 0, "a stopped stream waits for a person: nothing reached the district");
        let deadline = Instant::now() + Duration::from_secs(10);
        let focused = loop {
            let focused = desk.client.active_element().await.unwrap();
            if focused.element_id() == button.element_id() || Instant::now() > deadline {
                break focused;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        };
        assert_eq!(
            focused.element_id(),
            button.element_id(),
            "the light leaves the caret on \"Thử gửi lại\", so Enter is all the clerk needs"
        );
        // Taken once two frames have been painted (a screenshot right after the scroll could still
        // show the top of the page).
        let painted = "const painted = arguments[arguments.length - 1];
            requestAnimationFrame(() => requestAnimationFrame(() => painted(0)));";
        desk.client.execute_async(painted, vec![]).await.expect("two frames painted");
        desk.screenshot("45-sync-stopped").await;

        focused.send_keys(ENTER).await.unwrap();

        desk.find_text(
            "[data-testid=resume-message]",
            &format!("Đã gửi lại: luồng không còn bị dừng và {UPSTREAM} đã nhận được."),
        )
        .await;
        gone(
            &desk,
            "[data-testid=stopped-streams]",
            "a stream sent again is no longer listed as stopped",
            20,
        )
        .await;
        light(&desk, "Đã gửi hết", 20).await;
        let stored = district.events();
        assert!(
            stored > 0,
            "once sent again, the district's checker (invariants hold) counts the stream's events: {stored}"
        );
        desk.screenshot("46-sync-resumed").await;
        desk.close().await;
    })
    .await;
}
