//! Issue 16 in the real window: a petition that came by post (a denunciation, so its sender is
//! sealed) is registered with the keyboard alone, processed as a transfer from the "Đơn thư" list, and
//! found in the register book, in search and in the due list; the head's reception session is planned, a visit is received in it, and a session
//! nobody came to is closed as such.

use tiepdan_tests::{enabled, run, Desk, ENTER};

const TAB: &str = "\u{E004}";
const DOWN: &str = "\u{E015}";
const CONTROL: &str = "\u{E009}";
const ALT: &str = "\u{E00A}";
/// Ctrl+Enter: saves on every entry form of the desk (Enter alone only moves on).
const SAVE: &str = "\u{E009}\u{E007}";

/// Sends keys to whatever has the caret, as a clerk's keyboard does.
async fn keys(desk: &Desk, text: &str) {
    desk.client.active_element().await.unwrap().send_keys(text).await.unwrap();
}

/// Whether the caret is on an element matching `css`.
async fn caret_on(desk: &Desk, css: &str) -> bool {
    let js = "return !!document.activeElement && document.activeElement.matches(arguments[0]);";
    desk.client.execute(js, vec![serde_json::json!(css)]).await.unwrap().as_bool().unwrap_or(false)
}

/// Presses Tab until the caret is on `css`, as a clerk would walk the form.
async fn tab_to(desk: &Desk, css: &str) {
    for _ in 0..80 {
        if caret_on(desk, css).await {
            return;
        }
        keys(desk, TAB).await;
    }
    desk.screenshot("failed").await;
    panic!("Tab never reached {css} (the window at that moment: target/e2e/failed.png)");
}

/// Tabs to the field named `name` and types `text` into it.
async fn type_in(desk: &Desk, name: &str, text: &str) {
    tab_to(desk, &format!("[name=\"{name}\"]")).await;
    keys(desk, text).await;
}

async fn value_of(desk: &Desk, name: &str) -> String {
    desk.field(name).await.prop("value").await.unwrap().unwrap_or_default()
}

#[tokio::test(flavor = "current_thread")]
async fn a_mailed_petition_is_registered_by_keyboard_processed_as_a_transfer_and_found_everywhere() {
    if !enabled("mailed_petition") {
        return;
    }
    run(async {
        let dir = tempfile::tempdir().unwrap();
        let desk = Desk::launch(dir.path()).await;
        desk.set_up_ward().await;
        desk.find("[name=\"visitors[0].full_name\"]:focus").await;

        // Alt+6 opens "Đơn thư", as its menu button's tooltip says; the caret starts on the source,
        // which is "Qua bưu chính" unless changed.
        let nav = desk.find("nav button[data-screen=petitions]").await;
        let tip = nav.attr("title").await.unwrap().unwrap_or_default();
        assert_eq!(tip, "Alt+6", "the shortcut is shown on the menu button");
        keys(&desk, &format!("{ALT}6")).await;
        desk.find("[name=source]:focus").await;
        assert_eq!(value_of(&desk, "source").await, "post");

        // Saved with the sender only: Rust names the missing summary under its field, nothing is written.
        type_in(&desk, "visitors[0].full_name", "Phạm Thị Hoa").await;
        keys(&desk, ENTER).await;
        desk.find("[name=\"visitors[0].address\"]:focus").await;
        keys(&desk, "Số 12 ngõ 5, phường Hà Đông").await;
        keys(&desk, ENTER).await;
        assert_eq!(desk.count("[data-testid=saved-petition]").await, 0, "Enter alone saves nothing");
        keys(&desk, SAVE).await;
        let problem = desk.find("[data-field=summary]").await.text().await.unwrap();
        assert!(!problem.trim().is_empty(), "the summary's problem is said in words");
        assert_eq!(desk.count("[data-testid=saved-petition]").await, 0, "nothing was registered");
        desk.screenshot("80-petition-refused").await;

        // The caret is on the field in error; everything else typed is still there.
        desk.find("[name=summary]:focus").await;
        assert_eq!(value_of(&desk, "visitors[0].full_name").await, "Phạm Thị Hoa");
        keys(&desk, "Tố cáo <b>lấn chiếm</b> vỉa hè tổ 7").await;
        // A denunciation (one step down from complaint): its transfer has a deadline (5 working
        // days), and its sender is sealed as a denouncer met at the desk.
        tab_to(&desk, "[name=\"petition.kind\"]").await;
        keys(&desk, DOWN).await;
        assert_eq!(value_of(&desk, "petition.kind").await, "denunciation");
        type_in(&desk, "document-new", "Đơn tố cáo").await;
        keys(&desk, ENTER).await;
        desk.find("[name=\"documents[0].title\"]").await;
        assert_eq!(value_of(&desk, "documents[0].title").await, "Đơn tố cáo", "Enter added the document");
        let outline = desk.find("[data-testid=petition-outline]").await.text().await.unwrap();
        assert!(outline.contains("Qua bưu chính") && outline.contains("1 tài liệu"), "{outline}");
        desk.screenshot("81-petition-typed").await;
        keys(&desk, SAVE).await;
        let number = desk.find("[data-testid=saved-petition] .receipt-no").await.text().await.unwrap();
        assert_eq!(number, "ĐT-0001/2026/A", "a petition has its own series");
        desk.find("[data-testid=print-slip]").await;
        desk.screenshot("82-petition-saved").await;

        // F3: the list; the petition is unprocessed; processed as a transfer from its row.
        keys(&desk, "\u{E033}").await;
        let row = desk.find_text("[data-testid=petition-table] tbody tr", &number).await;
        let text = row.prop("textContent").await.unwrap().unwrap_or_default();
        assert!(text.contains("Chưa xử lý") && text.contains("Qua bưu chính"), "{text}");
        assert!(!text.contains("Phạm Thị Hoa"), "the list masks a sealed sender: {text}");
        assert!(text.contains("<b>lấn chiếm</b>"), "HTML typed is shown as text: {text}");
        tab_to(&desk, "[data-testid=petition-table] button.process").await;
        keys(&desk, ENTER).await;
        desk.find("[name=\"petition.handling\"]:focus").await;
        // "", accept, guide, transfer
        keys(&desk, &DOWN.repeat(3)).await;
        assert_eq!(value_of(&desk, "petition.handling").await, "transfer");
        keys(&desk, SAVE).await;
        desk.find("[data-field=\"petition.transfer_to\"]").await;
        desk.screenshot("83-transfer-needs-body").await;
        desk.find("[name=\"petition.transfer_to\"]:focus").await;
        keys(&desk, "Công an thành phố Hà Nội").await;
        keys(&desk, SAVE).await;
        desk.find_text("[data-testid=process-notice]", &number).await;
        let row = desk.find_text("[data-testid=petition-table] tbody tr", "Công an thành phố Hà Nội").await;
        let text = row.text().await.unwrap();
        assert!(text.contains("Chuyển đơn"), "the list shows the handling: {text}");
        desk.screenshot("84-petition-transferred").await;

        // The register book of today holds it, labelled with its source; the denouncer is not named.
        keys(&desk, &format!("{ALT}2")).await;
        let row = desk.find_text("[data-testid=register-table] tbody tr", &number).await;
        let text = row.text().await.unwrap();
        assert!(text.contains("Qua bưu chính") && text.contains("được bảo mật"), "{text}");
        assert!(!text.contains("Phạm Thị Hoa"), "a mailed denouncer is sealed: {text}");
        assert!(text.contains("Công an thành phố Hà Nội"), "the transfer column: {text}");
        desk.screenshot("85-register-book-petition").await;

        // Search finds it without diacritics, labelled as a petition.
        keys(&desk, &format!("{CONTROL}f")).await;
        desk.find("#search-query:focus").await;
        keys(&desk, "lan chiem via he").await;
        let hit = desk.find_text("[data-testid=search-hits] li", &number).await.text().await.unwrap();
        assert!(hit.contains("Đơn thư"), "{hit}");
        desk.screenshot("86-search-petition").await;

        // The due list (every open petition) holds it: the transfer is still to be sent.
        keys(&desk, &format!("{ALT}5")).await;
        desk.find("[data-testid=due-table]").await;
        if desk.field("only_urgent").await.is_selected().await.unwrap() {
            desk.click("[name=only_urgent]").await;
        }
        let due = desk.find_text("[data-testid=due-table] tbody tr", &number).await.text().await.unwrap();
        assert!(due.contains("Chuyển tố cáo") && !due.contains("Phạm Thị Hoa"), "{due}");
        desk.screenshot("87-due-list-petition").await;
        desk.close().await;
    })
    .await;
}

#[tokio::test(flavor = "current_thread")]
async fn the_head_s_session_is_planned_a_visit_is_received_in_it_and_an_empty_one_is_unattended() {
    if !enabled("reception_session") {
        return;
    }
    run(async {
        let dir = tempfile::tempdir().unwrap();
        let desk = Desk::launch(dir.path()).await;
        desk.set_up_ward().await;
        desk.find("[name=\"visitors[0].full_name\"]:focus").await;

        // Alt+7: the calendar. The head's fixed day is set (Thursday morning, the first one offered)
        // and the planner then offers the next Thursdays.
        keys(&desk, &format!("{ALT}7")).await;
        desk.find("[data-testid=session-plan]").await;
        desk.click("[data-testid=add-head-day]").await;
        assert_eq!(value_of(&desk, "head_days[0].weekday").await, "4");
        desk.click("[data-testid=save-schedule]").await;
        desk.find_text("[data-testid=schedule] .saved", "Đã lưu lịch").await;
        let offered = desk.find(".session-plan .upcoming").await.text().await.unwrap();
        assert!(offered.contains("(buổi sáng)"), "the next fixed days are offered: {offered}");
        tab_to(&desk, "[name=officer_id]").await;
        keys(&desk, DOWN).await;
        assert!(!value_of(&desk, "officer_id").await.is_empty(), "the head is named");
        keys(&desk, SAVE).await;
        let row = desk.find_text("[data-testid=session-table] tbody tr", "Trần Thị Bình").await;
        assert!(row.text().await.unwrap().contains("Chưa kết thúc"));
        // A second one, this afternoon: nobody will come.
        desk.choose("part", "afternoon").await;
        desk.click("[data-testid=plan-session]").await;
        desk.find_text("[data-testid=session-table] tbody tr", "Buổi chiều").await;
        desk.screenshot("90-sessions-planned").await;

        // A visit received in the morning session takes its mode.
        keys(&desk, &format!("{ALT}1")).await;
        desk.find("[name=session_id]").await;
        desk.fill("visitors[0].full_name", "Đỗ Văn Khánh").await;
        desk.fill("summary", "Kiến nghị sửa đường ngõ 9").await;
        let morning = desk
            .script("return [...document.querySelector('[name=session_id]').options].find(o => o.textContent.includes('Buổi sáng')).value")
            .await;
        desk.choose("session_id", morning.as_str().unwrap()).await;
        let mode = desk.find("[data-testid=session-mode]").await.text().await.unwrap();
        assert_eq!(mode, "Lãnh đạo tiếp định kỳ", "the session gives the visit its mode");
        desk.screenshot("91-visit-in-session").await;
        keys(&desk, SAVE).await;
        desk.find("[data-testid=saved-receipt] .receipt-no").await;

        // Back in the calendar: one visit in the morning; closed as held. The afternoon one is closed
        // with nobody received, and the register says so.
        keys(&desk, &format!("{ALT}7")).await;
        let morning = desk.find_text("[data-testid=session-table] tbody tr", "Buổi sáng").await;
        assert_eq!(morning.find(fantoccini::Locator::Css(".visits")).await.unwrap().text().await.unwrap(), "1");
        morning.find(fantoccini::Locator::Css("button.close-held")).await.unwrap().click().await.unwrap();
        desk.find_text("[data-testid=session-table] tbody tr", "Đã tiếp").await;
        let afternoon = desk.find_text("[data-testid=session-table] tbody tr", "Buổi chiều").await;
        afternoon.find(fantoccini::Locator::Css("button.close-held")).await.unwrap().click().await.unwrap();
        let closed = desk.find_text("[data-testid=session-table] tbody tr", "Không có công dân đến").await;
        assert!(closed.text().await.unwrap().contains("Buổi chiều"));
        desk.screenshot("92-sessions-closed").await;

        // The visit's detail names its mode.
        keys(&desk, &format!("{ALT}2")).await;
        let row = desk.find_text("[data-testid=register-table] tbody tr", "Đỗ Văn Khánh").await;
        row.send_keys(ENTER).await.unwrap();
        desk.find_text("[data-testid=visit-detail]", "Lãnh đạo tiếp định kỳ").await;
        desk.close().await;
    })
    .await;
}

#[tokio::test(flavor = "current_thread")]
async fn the_same_sender_s_second_letter_is_proposed_as_a_duplicate_and_linked_by_keyboard() {
    if !enabled("petition_duplicate") {
        return;
    }
    run(async {
        let dir = tempfile::tempdir().unwrap();
        let desk = Desk::launch(dir.path()).await;
        desk.set_up_ward().await;
        desk.find("[name=\"visitors[0].full_name\"]:focus").await;
        keys(&desk, &format!("{ALT}6")).await;
        desk.find("[name=source]:focus").await;
        type_in(&desk, "visitors[0].full_name", "Lê Văn Bình").await;
        type_in(&desk, "summary", "Kiến nghị sửa chữa cống thoát nước ngõ 12 bị tắc").await;
        keys(&desk, SAVE).await;
        let first = desk.find("[data-testid=saved-petition] .receipt-no").await.text().await.unwrap();

        // The photocopy sent again, the name typed without diacritics: proposed, and chosen with
        // the arrow keys in the proposals (the first choice is "new").
        type_in(&desk, "visitors[0].full_name", "Le Van Binh").await;
        type_in(&desk, "summary", "Kien nghi sua chua cong thoat nuoc ngo 12 bi tac").await;
        let proposal = desk.find_text("[data-testid=duplicates]", &first).await.text().await.unwrap();
        assert!(proposal.contains("Lê Văn Bình"), "the earlier sender is named as registered: {proposal}");
        desk.screenshot("88-duplicate-proposed").await;
        tab_to(&desk, "[name=duplicate_of]").await;
        keys(&desk, DOWN).await;
        let chosen = desk.script("return document.querySelector('[name=duplicate_of]:checked').value").await;
        assert_ne!(chosen, serde_json::json!(""), "the earlier petition is chosen");
        keys(&desk, SAVE).await;
        let linked = desk.find("[data-testid=duplicate-linked]").await.text().await.unwrap();
        assert!(linked.contains("lần thứ 2"), "{linked}");
        desk.screenshot("89-duplicate-linked").await;
        desk.close().await;
    })
    .await;
}
