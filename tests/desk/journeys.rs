//! What a clerk does all day: set up, register a visit, find it, amend it, and find it all again
//! after a restart.

use tiepdan_tests::{enabled, run, Desk, ADMIN_PASSWORD, ENTER, SAVE_VISIT};

#[tokio::test(flavor = "current_thread")]
async fn the_first_run_asks_for_the_ward_and_then_opens_the_desk() {
    if !enabled("first_run") {
        return;
    }
    run(async {
        let dir = tempfile::tempdir().unwrap();
        let desk = Desk::launch(dir.path()).await;
        desk.find_text("h1", "Thiết lập lần đầu").await;
        desk.screenshot("01-setup").await;
        desk.fill("ward_code", "123").await;
        desk.click("[data-testid=setup-save]").await;
        desk.find("[data-field=\"ward_code\"]").await;
        desk.set_up_ward().await;
        // Tab follows the paper register: name, address, then the ID document (columns 3–4).
        let mut order = Vec::new();
        desk.field("visitors[0].full_name").await.click().await.unwrap();
        for _ in 0..4 {
            let el = desk.client.active_element().await.unwrap();
            order.push(el.attr("name").await.unwrap().unwrap_or_default());
            el.send_keys("\u{E004}").await.unwrap();
        }
        assert_eq!(
            order,
            ["visitors[0].full_name", "visitors[0].address", "visitors[0].id_kind", "visitors[0].id_number"]
        );
        // The shortcuts shown in the header work from the keyboard.
        desk.press("visitors[0].full_name", "\u{E00A}2").await;
        desk.find("[data-testid=register-table]").await;
        desk.press("from", "\u{E009}f").await;
        desk.find("#search-query:focus").await;
        desk.press("query", "\u{E009}n").await;
        desk.find("[name=\"visitors[0].full_name\"]:focus").await;
        // Settings: officers are added and retired, never deleted.
        desk.screen("settings").await;
        desk.fill("full_name", "Phạm Văn Dũng").await;
        desk.press("full_name", ENTER).await;
        let row = desk.find_text(".officers tbody tr", "Phạm Văn Dũng").await;
        row.find(fantoccini::Locator::XPath(".//button[contains(., 'Cho thôi')]"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        desk.find_text(".officers tbody tr.retired", "Phạm Văn Dũng").await;
        desk.screenshot("10-settings").await;
        let head = desk.find(".app-head").await.text().await.unwrap();
        assert!(head.contains("Phường Hà Đông"), "the header names the ward: {head}");
        assert!(head.contains("Trần Thị Bình"), "the header names the officer on duty: {head}");
        desk.close().await;

        let desk = Desk::launch(dir.path()).await;
        assert_eq!(desk.count("form.setup").await, 0, "setup is asked only once");
        desk.sign_in("Trần Thị Bình", ADMIN_PASSWORD).await;
        desk.close().await;
    })
    .await;
}

/// Registers the group visit of the issue: Nguyễn Văn Ánh and others, a land complaint, two documents.
async fn register_group_visit(desk: &Desk) -> String {
    desk.fill("visitors[0].full_name", "Nguyễn Văn Ánh").await;
    desk.fill("visitors[0].address", "Tổ 5, phường Hà Đông").await;
    desk.fill("visitors[0].id_number", "001085012345").await;
    desk.fill("visitors[0].birth_year", "1985").await;
    desk.fill("summary", "Khiếu nại quyết định thu hồi đất của 6 hộ dân tổ 5").await;
    desk.choose("visitor_kind", "group").await;
    desk.fill("people_count", "6").await;
    desk.click("[name=has_petition]").await;
    desk.choose("petition.kind", "complaint").await;
    desk.choose("petition.field", "land").await;
    desk.fill("petition.signatories", "6").await;
    desk.fill("document-new", "Đơn khiếu nại").await;
    desk.press("document-new", ENTER).await;
    desk.fill("document-new", "Bản sao quyết định thu hồi đất").await;
    desk.press("document-new", ENTER).await;
    assert_eq!(desk.count(".doc-list li").await, 2, "Enter in the quick list adds a document");
    desk.screenshot("02-new-visit-filled").await;
    desk.press("visitors[0].address", SAVE_VISIT).await;
    let saved = desk.find("[data-testid=saved-receipt] .receipt-no").await;
    let receipt = saved.text().await.unwrap();
    assert!(receipt.ends_with("/A"), "a receipt number like 0001/2026/A is shown: {receipt}");
    desk.screenshot("03-visit-saved").await;
    receipt
}

#[tokio::test(flavor = "current_thread")]
async fn a_group_visit_is_registered_found_amended_and_still_there_after_a_restart() {
    if !enabled("group_visit") {
        return;
    }
    run(async {
        let dir = tempfile::tempdir().unwrap();
        let desk = Desk::launch(dir.path()).await;
        desk.set_up_ward().await;
        let receipt = register_group_visit(&desk).await;

        // A returning citizen is offered while the name is typed, and chosen with the keyboard.
        desk.fill("visitors[0].full_name", "nguyen van").await;
        desk.find_text(".suggestions button", "001085012345").await;
        desk.press("visitors[0].full_name", "\u{E015}").await;
        desk.client.active_element().await.unwrap().send_keys(ENTER).await.unwrap();
        let id = desk.field("visitors[0].id_number").await.prop("value").await.unwrap();
        assert_eq!(id.as_deref(), Some("001085012345"), "choosing the citizen fills their ID number");
        desk.screenshot("03b-returning-citizen").await;
        desk.press("visitors[0].id_number", "\u{E009}n").await;

        desk.screen("register").await;
        let row = desk.find_text("[data-testid=register-table] tbody tr", "Nguyễn Văn Ánh").await;
        let text = row.text().await.unwrap();
        assert!(text.contains("Khiếu nại – Đất đai"), "column 6 shows the land complaint: {text}");
        assert!(text.contains("6 người"), "column 6 shows the head count: {text}");
        assert!(text.contains(&receipt), "the row carries the receipt number: {text}");
        desk.screenshot("04-register-today").await;

        desk.screen("search").await;
        desk.fill("query", "nguyen van anh").await;
        let hit = desk.find_text("[data-testid=search-hits] button", "Nguyễn Văn Ánh").await;
        desk.screenshot("05-search").await;
        hit.click().await.unwrap();
        desk.find_text("[data-testid=visit-detail] h1", &receipt).await;
        let detail = desk.find("[data-testid=visit-detail]").await.text().await.unwrap();
        assert!(
            detail.contains("Bản sao quyết định thu hồi đất"),
            "the detail lists the documents: {detail}"
        );

        desk.click("[data-testid=amend]").await;
        desk.fill("summary", "Khiếu nại quyết định thu hồi đất và bồi thường của 6 hộ dân").await;
        desk.fill("reason", "Bổ sung nội dung bồi thường").await;
        desk.press("reason", SAVE_VISIT).await;
        desk.find_text("[data-testid=history] li", "Bổ sung nội dung bồi thường").await;
        assert_eq!(desk.count("[data-testid=history] li").await, 2, "recorded, then amended");
        desk.screenshot("06-visit-history").await;
        desk.close().await;

        let desk = Desk::launch(dir.path()).await;
        desk.sign_in("Trần Thị Bình", ADMIN_PASSWORD).await;
        desk.screen("search").await;
        desk.fill("query", "nguyen van anh").await;
        desk.find_text("[data-testid=search-hits] button", "bồi thường").await.click().await.unwrap();
        desk.find_text("[data-testid=history] li", "Bổ sung nội dung bồi thường").await;
        desk.screen("register").await;
        desk.find_text("[data-testid=register-table] tbody tr", "bồi thường").await;
        desk.screenshot("07-register-after-restart").await;
        desk.close().await;
    })
    .await;
}
