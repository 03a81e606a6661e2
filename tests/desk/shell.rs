//! The desk's frame as the clerk meets it at the window sizes of a ward's PCs: the header is one line,
//! print answers appear inside the window, nothing says "quận" (no districts since 07/2025), and the
//! day close asks first and Esc says no. Screenshots at 1280×800 and 1024×700 for the eye.

use fantoccini::elements::Element;
use fantoccini::Locator;
use tiepdan_tests::{enabled, run, Desk};

/// WebDriver's F9 and Escape keys.
const F9: &str = "\u{E039}";
const ESCAPE: &str = "\u{E00C}";

/// Sizes the window (outer size; under Xvfb without a window manager it is the page's size).
async fn window(desk: &Desk, width: u32, height: u32) {
    desk.client.set_window_size(width, height).await.expect("resize the window");
}

async fn rect(el: &Element) -> (f64, f64, f64, f64) {
    el.rectangle().await.expect("read an element's rectangle")
}

/// Asserts the header is a single line: every menu button on one row, each one line high, and the
/// header no taller than one button plus its padding.
async fn header_is_one_line(desk: &Desk, width: u32) {
    let (_, _, head_w, head_h) = rect(&desk.find("[data-testid=app-head]").await).await;
    let buttons = desk.client.find_all(Locator::Css(".app-head nav button")).await.unwrap();
    assert!(buttons.len() >= 5, "the menu is there");
    let (_, first_y, _, first_h) = rect(&buttons[0]).await;
    for b in &buttons {
        let label = b.text().await.unwrap();
        let (_, y, _, h) = rect(b).await;
        assert_eq!(y, first_y, "at {width} px every menu button is on the same row ({label} is not)");
        assert!(h < 40.0, "at {width} px the label {label:?} stays on one line (button {h} px high)");
    }
    assert!(
        head_h <= first_h + 16.0,
        "at {width} px the header is one line high: {head_h} px for a {first_h} px button"
    );
    let overflow = desk
        .script("const h = document.querySelector('.app-head'); return h.scrollWidth - h.clientWidth")
        .await;
    assert!(
        overflow.as_f64().unwrap_or(1.0) <= 0.0,
        "at {width} px nothing in the header is cut off ({overflow} px too wide, header {head_w} px)"
    );
}

/// The screens' visible words, lower-cased.
async fn page_text(desk: &Desk) -> String {
    desk.script("return document.body.innerText").await.as_str().unwrap_or_default().to_lowercase()
}

async fn no_district(desk: &Desk, screen: &str) {
    let text = page_text(desk).await;
    assert!(!text.contains("quận"), "the {screen} screen says \"quận\": …{}…", excerpt(&text, "quận"));
}

fn excerpt(text: &str, word: &str) -> String {
    let at = text.find(word).unwrap_or(0);
    text[at.saturating_sub(60)..].chars().take(140).collect()
}

#[tokio::test(flavor = "current_thread")]
async fn the_header_is_one_line_at_1280_and_1024_and_no_screen_says_quan() {
    if !enabled("header_one_line") {
        return;
    }
    run(async {
        let dir = tempfile::tempdir().unwrap();
        let desk = Desk::launch(dir.path()).await;
        window(&desk, 1280, 800).await;
        desk.screenshot("60-setup-1280").await;
        // Saved with nothing typed: the caret goes to the first field in error.
        desk.click("[data-testid=setup-save]").await;
        desk.find(".setup .field-error").await;
        let focused = desk.client.active_element().await.unwrap().attr("name").await.unwrap();
        assert_eq!(focused.as_deref(), Some("ward_code"), "setup errors put the caret in the first field");
        desk.screenshot("61-setup-errors-1280").await;
        window(&desk, 1024, 700).await;
        desk.screenshot("62-setup-1024").await;
        window(&desk, 1280, 800).await;
        desk.set_up_ward().await;

        let screens = desk
            .script(
                "return [...document.querySelectorAll('.app-head nav button')].map(b => b.dataset.screen)",
            )
            .await;
        let screens: Vec<String> = serde_json::from_value(screens).unwrap();
        assert!(screens.len() >= 5, "the administrator sees the screens: {screens:?}");
        for (width, height) in [(1280, 800), (1024, 700)] {
            window(&desk, width, height).await;
            for screen in screens.iter().map(String::as_str) {
                desk.screen(screen).await;
                desk.find(&format!("nav button[data-screen={screen}].active")).await;
                header_is_one_line(&desk, width).await;
                no_district(&desk, screen).await;
                if matches!(screen, "visit" | "register" | "settings") {
                    desk.screenshot(&format!("63-{screen}-{width}")).await;
                }
            }
        }
        // The register's columns stay readable at 1024: none squeezed to a word's width.
        desk.screen("register").await;
        let cols = desk
            .client
            .find_all(Locator::Css("[data-testid=register-table] thead tr:first-child th"))
            .await
            .unwrap();
        for c in &cols {
            let (_, _, w, _) = rect(c).await;
            assert!(w >= 40.0, "at 1024 px the register column {:?} is {w} px wide", c.text().await.unwrap());
        }
        desk.close().await;
    })
    .await;
}

#[tokio::test(flavor = "current_thread")]
async fn f9_answers_inside_the_window_on_an_unsaved_form_and_on_a_visit_s_detail() {
    if !enabled("f9_in_view") {
        return;
    }
    run(async {
        let dir = tempfile::tempdir().unwrap();
        let desk = Desk::launch(dir.path()).await;
        window(&desk, 1024, 700).await;
        desk.set_up_ward().await;

        // Nothing saved yet: F9 says so, in Vietnamese, where the clerk looks.
        desk.fill("visitors[0].full_name", "Lê Thị Hoa").await;
        desk.press("visitors[0].full_name", F9).await;
        let toast = desk.find_text("[data-testid=print-toast]", "chưa được lưu").await;
        toast_in_view(&desk, &toast).await;
        desk.screenshot("64-f9-unsaved").await;
        desk.click("[data-testid=print-toast] button").await;

        // A saved visit's detail, scrolled to its foot: F9 prints it, and the answer is in view.
        desk.register_denunciation("Phạm Văn Đức", "Tổ 3, phường Hà Đông").await;
        desk.screen("register").await;
        // The clerk clicks in the row, on its summary (WebKitWebDriver refuses a click on a <tr> itself).
        let row = desk.find_text("[data-testid=register-table] tbody tr", "Tố cáo").await;
        row.find(Locator::Css("td:nth-child(5)")).await.unwrap().click().await.unwrap();
        desk.find("[data-testid=print-panel]").await;
        desk.script("window.scrollTo(0, document.body.scrollHeight)").await;
        assert_eq!(desk.count("[data-testid=print-toast]").await, 0, "the earlier answer was closed");
        desk.client.active_element().await.unwrap().send_keys(F9).await.unwrap();
        let toast = desk.find("[data-testid=print-toast]").await;
        let said = toast.text().await.unwrap();
        assert!(
            !said.contains("chưa được lưu") && !said.contains("Hãy mở một lượt tiếp"),
            "F9 on a detail prints that visit: {said}"
        );
        toast_in_view(&desk, &toast).await;
        desk.screenshot("65-f9-detail").await;
        desk.close().await;
    })
    .await;
}

/// The toast lies inside the viewport and below the sticky header, not under it.
async fn toast_in_view(desk: &Desk, toast: &Element) {
    let (x, y, w, h) = rect(toast).await;
    let (_, head_y, _, head_h) = rect(&desk.find("[data-testid=app-head]").await).await;
    let vw = desk.script("return window.innerWidth").await.as_f64().unwrap();
    let vh = desk.script("return window.innerHeight").await.as_f64().unwrap();
    let scroll = desk.script("return window.scrollY").await.as_f64().unwrap();
    // Rectangles are in page coordinates: subtract the scroll to get where they are on screen.
    let (top, head_bottom) = (y - scroll, head_y - scroll + head_h);
    assert!(top >= head_bottom - 1.0, "the answer is below the header ({top} < {head_bottom})");
    assert!(
        top + h <= vh && x >= 0.0 && x + w <= vw,
        "the answer is inside the {vw}×{vh} window: ({x}, {top}, {w}, {h})"
    );
}

#[tokio::test(flavor = "current_thread")]
async fn the_day_close_lives_on_the_register_asks_without_quan_and_esc_closes_it() {
    if !enabled("day_close_esc") {
        return;
    }
    run(async {
        let dir = tempfile::tempdir().unwrap();
        let desk = Desk::launch(dir.path()).await;
        window(&desk, 1280, 800).await;
        desk.set_up_ward().await;
        assert_eq!(
            desk.count(".app-head [data-testid=close-day]").await,
            0,
            "the day close is not a header button"
        );
        desk.screen("register").await;
        desk.click("[data-testid=close-day]").await;
        let dialog = desk.find("[data-testid=close-day-dialog]").await.text().await.unwrap();
        assert!(!dialog.to_lowercase().contains("quận"), "the question names no district: {dialog}");
        assert!(
            !dialog.contains("gửi lên"),
            "a desk not enrolled sends nothing, so it is not asked to: {dialog}"
        );
        desk.screenshot("66-day-close-ask").await;
        desk.client.active_element().await.unwrap().send_keys(ESCAPE).await.unwrap();
        for _ in 0..50 {
            if desk.count("[data-testid=close-day-dialog]").await == 0 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert_eq!(desk.count("[data-testid=close-day-dialog]").await, 0, "Esc closes the confirmation");
        assert_eq!(desk.count("[data-testid=day-report]").await, 0, "and closes no day");
        desk.close().await;
    })
    .await;
}
