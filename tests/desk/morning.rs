//! A clerk's first morning (issue 13, the desk): nothing typed is lost to a stray Enter or a screen
//! lock, the CCCD fills what it says, F1 explains the keys, and a group's representatives are entered
//! where the eye is.

use tiepdan_tests::{enabled, run, Desk, ADMIN_PASSWORD, ENTER, SAVE_VISIT};

const CLERK: &str = "Lê Thị Hoa";
const CLERK_PASSWORD: &str = "hoa-mai-2026";
const TAB: &str = "\u{E004}";
const F1: &str = "\u{E031}";
const ESCAPE: &str = "\u{E00C}";
const LOCK: &str = "\u{E009}l";

/// The `name` of the element that has the caret.
async fn caret(desk: &Desk) -> String {
    let el = desk.client.active_element().await.unwrap();
    el.attr("name").await.unwrap().unwrap_or_default()
}

async fn value(desk: &Desk, name: &str) -> String {
    desk.field(name).await.prop("value").await.unwrap().unwrap_or_default()
}

#[tokio::test(flavor = "current_thread")]
async fn enter_on_the_original_checkbox_saves_nothing_and_a_half_typed_document_is_kept() {
    if !enabled("enter_is_not_save") {
        return;
    }
    run(async {
        let dir = tempfile::tempdir().unwrap();
        let desk = Desk::launch(dir.path()).await;
        desk.set_up_ward().await;
        desk.fill("visitors[0].full_name", "Đỗ Minh Châu").await;
        desk.fill("summary", "Khiếu nại việc cấp giấy chứng nhận quyền sử dụng đất").await;
        desk.fill("document-new", "Đơn khiếu nại").await;
        desk.press("document-new", ENTER).await;
        // The second title is typed and not added; one Tab short, Enter lands on "Bản chính".
        desk.fill("document-new", "Bản sao sổ đỏ").await;
        desk.press("document-new", TAB).await;
        assert_eq!(caret(&desk).await, "document-new-original");
        desk.press("document-new-original", ENTER).await;
        assert_eq!(caret(&desk).await, "document-new-pages", "Enter moves on, as Tab does");
        assert_eq!(desk.count("[data-testid=saved-receipt]").await, 0, "Enter wrote no record");
        let outline = desk.find("[data-testid=visit-outline]").await.text().await.unwrap();
        assert!(
            outline.contains("1 người · Không có đơn · 2 tài liệu"),
            "beside the save button: what a save would write, the half-typed document counted: {outline}"
        );
        desk.screenshot("70-enter-does-not-save").await;

        desk.press("document-new-pages", SAVE_VISIT).await;
        let banner = desk.find("[data-testid=saved-receipt]").await.text().await.unwrap();
        assert!(banner.contains("Đỗ Minh Châu"), "the banner names the citizen: {banner}");
        assert!(banner.contains("2 tài liệu"), "and says what was saved: {banner}");
        let counts = desk.find_text("[data-testid=today-counts]", "1 lượt tiếp").await.text().await.unwrap();
        assert!(counts.contains("1 người · 0 đơn"), "today's count above the form: {counts}");
        desk.screenshot("71-saved-with-both-documents").await;

        desk.screen("register").await;
        let row = desk.find_text("[data-testid=register-table] tbody tr", "Đỗ Minh Châu").await;
        row.find(fantoccini::Locator::Css("td")).await.unwrap().click().await.unwrap();
        desk.find_text("[data-testid=visit-detail]", "Bản sao sổ đỏ").await;
        desk.find_text("[data-testid=today-counts]", "1 lượt tiếp").await;
        desk.close().await;
    })
    .await;
}

#[tokio::test(flavor = "current_thread")]
async fn a_locked_draft_comes_back_to_its_officer_only() {
    if !enabled("draft_across_lock") {
        return;
    }
    run(async {
        let dir = tempfile::tempdir().unwrap();
        let desk = Desk::launch(dir.path()).await;
        desk.set_up_ward().await;
        desk.add_clerk_with_password(CLERK, CLERK_PASSWORD).await;
        desk.screen("visit").await;
        desk.fill("visitors[0].full_name", "Vũ Thị Tố").await;
        desk.fill("summary", "Tố cáo cán bộ địa chính nhận tiền").await;
        desk.fill("document-new", "Đơn tố cáo").await;

        desk.press("document-new", LOCK).await;
        desk.find_text("h1", "Màn hình đã khóa").await;
        desk.sign_in("Trần Thị Bình", ADMIN_PASSWORD).await;
        assert_eq!(
            value(&desk, "visitors[0].full_name").await,
            "Vũ Thị Tố",
            "the same officer finds the draft"
        );
        assert_eq!(value(&desk, "document-new").await, "Đơn tố cáo", "even the half-typed document");
        desk.find("[data-testid=draft-restored]").await;
        desk.screenshot("72-draft-after-unlock").await;

        desk.press("visitors[0].full_name", LOCK).await;
        desk.find_text("h1", "Màn hình đã khóa").await;
        desk.sign_in(CLERK, CLERK_PASSWORD).await;
        desk.screen("visit").await;
        assert_eq!(value(&desk, "visitors[0].full_name").await, "", "another officer never sees it");
        assert_eq!(value(&desk, "summary").await, "");
        assert_eq!(desk.count("[data-testid=draft-restored]").await, 0);
        desk.screenshot("73-other-officer-blank-form").await;

        desk.press("visitors[0].full_name", LOCK).await;
        desk.find_text("h1", "Màn hình đã khóa").await;
        desk.sign_in("Trần Thị Bình", ADMIN_PASSWORD).await;
        assert_eq!(
            value(&desk, "visitors[0].full_name").await,
            "",
            "once another officer took the desk the draft is gone for good"
        );

        desk.close().await;
    })
    .await;
}

#[tokio::test(flavor = "current_thread")]
async fn a_cccd_fills_birth_year_and_sex_and_f1_explains_the_keys() {
    if !enabled("cccd_and_help") {
        return;
    }
    run(async {
        let dir = tempfile::tempdir().unwrap();
        let desk = Desk::launch(dir.path()).await;
        desk.set_up_ward().await;
        for (name, mark) in
            [("visitors[0].full_name", true), ("summary", true), ("visitors[0].address", false)]
        {
            let required = desk.field(name).await.attr("aria-required").await.unwrap();
            assert_eq!(required.as_deref() == Some("true"), mark, "{name} is marked required: {mark}");
        }
        desk.fill("visitors[0].id_number", "079302000123").await;
        assert_eq!(value(&desk, "visitors[0].birth_year").await, "2002", "digits 4–6: 3 → 2000s, 02");
        assert_eq!(value(&desk, "visitors[0].sex").await, "female", "an odd 4th digit is female");
        desk.screenshot("74-cccd-filled").await;
        // Still checked: a year typed over the filled one that the number contradicts is refused.
        desk.fill("visitors[0].birth_year", "2003").await;
        desk.fill("visitors[0].full_name", "Hồ Thị Lan").await;
        desk.fill("summary", "Hỏi thủ tục tách thửa").await;
        desk.press("summary", SAVE_VISIT).await;
        let error = desk.find("[data-field=\"visitors[0].id_number\"]").await.text().await.unwrap();
        assert!(error.contains("2002"), "the register still checks the year against the number: {error}");
        assert_eq!(desk.count("[data-testid=saved-receipt]").await, 0);

        desk.press("visitors[0].full_name", F1).await;
        let help = desk.find("[data-testid=help]").await.text().await.unwrap();
        assert!(help.contains("Ctrl+Enter"), "the help names the save key: {help}");
        assert!(help.contains("Chọn đối tượng"), "and the order of a visit: {help}");
        desk.screenshot("75-help").await;
        desk.client.active_element().await.unwrap().send_keys(ESCAPE).await.unwrap();
        assert_eq!(desk.count("[data-testid=help]").await, 0, "Esc closes the help");
        assert_eq!(caret(&desk).await, "visitors[0].full_name", "and gives the caret back");
        desk.close().await;
    })
    .await;
}

#[tokio::test(flavor = "current_thread")]
async fn a_new_representative_gets_the_caret_where_the_eye_is() {
    if !enabled("group_focus") {
        return;
    }
    run(async {
        let dir = tempfile::tempdir().unwrap();
        let desk = Desk::launch(dir.path()).await;
        desk.set_up_ward().await;
        desk.choose("visitor_kind", "group").await;
        desk.fill("visitors[0].full_name", "Nguyễn Văn Ánh").await;
        desk.fill("visitors[0].address", "Tổ 5, phường Hà Đông").await;
        desk.click("[data-testid=add-representative]").await;
        assert_eq!(caret(&desk).await, "visitors[1].full_name", "the caret is in the new name field");
        let seen = desk
            .script(
                "const r = document.activeElement.getBoundingClientRect();
                 const bar = document.querySelector('.save-bar').getBoundingClientRect();
                 return r.top >= 0 && r.bottom <= bar.top;",
            )
            .await;
        assert_eq!(seen, serde_json::json!(true), "the new field is on screen, not under the save bar");
        desk.screenshot("76-new-representative").await;
        desk.close().await;
    })
    .await;
}
