//! What must never happen: markup typed by a clerk running as code, or an invalid visit saved.

use tiepdan_tests::{enabled, run, Desk, SAVE_VISIT};

#[tokio::test(flavor = "current_thread")]
async fn a_name_containing_markup_is_shown_as_text_and_runs_nothing() {
    if !enabled("markup_name") {
        return;
    }
    run(async {
        let dir = tempfile::tempdir().unwrap();
        let desk = Desk::launch(dir.path()).await;
        desk.set_up_ward().await;
        let name = "<img src=x onerror=alert(1)>";
        desk.fill("visitors[0].full_name", name).await;
        desk.fill("summary", "Phản ánh tiếng ồn").await;
        desk.press("visitors[0].full_name", SAVE_VISIT).await;
        desk.find("[data-testid=saved-receipt]").await;
        desk.screen("register").await;
        let row = desk.find_text("[data-testid=register-table] tbody tr", "onerror").await;
        assert!(row.text().await.unwrap().contains(name), "the name is shown exactly as typed");
        assert_eq!(desk.count("img").await, 0, "no element was made from the typed markup");
        assert!(desk.client.get_alert_text().await.is_err(), "no alert was opened");
        desk.screenshot("08-markup-as-text").await;
        desk.close().await;
    })
    .await;
}

#[tokio::test(flavor = "current_thread")]
async fn an_invalid_twelve_digit_id_shows_a_field_error_and_saves_nothing() {
    if !enabled("invalid_id") {
        return;
    }
    run(async {
        let dir = tempfile::tempdir().unwrap();
        let desk = Desk::launch(dir.path()).await;
        desk.set_up_ward().await;
        desk.fill("visitors[0].full_name", "Lê Văn Cường").await;
        // 003 was never a province code.
        desk.fill("visitors[0].id_number", "003085012345").await;
        desk.fill("summary", "Kiến nghị sửa đường").await;
        desk.press("summary", SAVE_VISIT).await;
        let error = desk.find("[data-field=\"visitors[0].id_number\"]").await.text().await.unwrap();
        assert!(error.contains("003"), "the error says what is wrong with the number: {error}");
        assert_eq!(desk.count("[data-testid=saved-receipt]").await, 0, "no receipt: nothing saved");
        desk.screenshot("09-invalid-id").await;
        desk.screen("register").await;
        desk.find_text("[data-testid=register-table] tbody td", "Chưa có lượt tiếp").await;
        desk.close().await;
    })
    .await;
}
