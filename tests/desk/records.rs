//! Records a person can trust (issue 13 §9), in the real window: results walked with ↓ and ↑, an
//! amendment's changes shown before → after on the visit's detail, and the access audit naming the
//! visit opened by its receipt number, with a way to open it.

use tiepdan_tests::{enabled, run, Desk, ENTER, SAVE_VISIT};

const DOWN: &str = "\u{E015}";
const UP: &str = "\u{E013}";

/// Registers a visit by `name` and waits for its receipt number; returns it.
async fn register(desk: &Desk, name: &str, summary: &str, nth: usize) -> String {
    desk.fill("visitors[0].full_name", name).await;
    desk.fill("summary", summary).await;
    desk.fill("visitors[0].address", "Tổ 3, phường Hà Đông").await;
    desk.press("visitors[0].address", SAVE_VISIT).await;
    let saved = desk.find_text("[data-testid=saved-receipt] .receipt-no", &format!("{nth:04}/")).await;
    saved.text().await.unwrap()
}

/// The receipt number of the focused search result (or the focused element's id).
async fn focused(desk: &Desk) -> String {
    let js = "const a = document.activeElement; return a.querySelector('.receipt-no')?.textContent ?? a.id;";
    desk.script(js).await.as_str().unwrap_or_default().to_string()
}

/// Presses `key` in whatever has the focus, as the clerk's next keystroke.
async fn keystroke(desk: &Desk, key: &str) {
    desk.client.active_element().await.unwrap().send_keys(key).await.unwrap();
}

#[tokio::test(flavor = "current_thread")]
async fn search_results_are_walked_with_arrows_and_an_amendment_shows_what_it_changed() {
    if !enabled("records") {
        return;
    }
    run(async {
        let dir = tempfile::tempdir().unwrap();
        let desk = Desk::launch(dir.path()).await;
        desk.set_up_ward().await;
        let first = register(&desk, "Phạm Thị Hoa", "Phản ánh đèn đường hỏng ở ngõ 5", 1).await;
        let second = register(&desk, "Phạm Văn Hùng", "Phản ánh rác thải tồn đọng ở chợ", 2).await;
        let third = register(&desk, "Phạm Thị Lan", "Phản ánh tiếng ồn từ xưởng gỗ", 3).await;

        desk.screen("search").await;
        desk.fill("query", "pham").await;
        desk.find_text("[data-testid=search-hits]", "Phạm Thị Lan").await;
        desk.find_text("[data-testid=search-hits]", "Phạm Văn Hùng").await;
        desk.find_text("[data-testid=search-hits]", "Phạm Thị Hoa").await;
        let order: Vec<String> = {
            let js = "return [...document.querySelectorAll('[data-testid=search-hits] .receipt-no')].map(e => e.textContent)";
            let v = desk.script(js).await;
            v.as_array().unwrap().iter().map(|s| s.as_str().unwrap().to_string()).collect()
        };
        assert_eq!(order.len(), 3, "three results: {order:?}");
        let mut all = order.clone();
        all.sort();
        assert_eq!(all, [first.clone(), second.clone(), third.clone()], "every visit is found");

        desk.press("query", DOWN).await;
        assert_eq!(focused(&desk).await, order[0], "↓ from the box chooses the first result");
        keystroke(&desk, DOWN).await;
        assert_eq!(focused(&desk).await, order[1], "↓ again chooses the second");
        keystroke(&desk, DOWN).await;
        assert_eq!(focused(&desk).await, order[2], "and the third");
        keystroke(&desk, UP).await;
        assert_eq!(focused(&desk).await, order[1], "↑ goes back");
        desk.screenshot("records-01-search-walked").await;
        keystroke(&desk, ENTER).await;
        let chosen = order[1].clone();
        desk.find_text("[data-testid=visit-detail] h1", &chosen).await;

        desk.click("[data-testid=amend]").await;
        let before = desk.field("summary").await.prop("value").await.unwrap().unwrap_or_default();
        desk.fill("summary", "Phản ánh kéo dài, đề nghị phường xử lý trong tuần").await;
        desk.fill("visitors[0].phone", "0912345678").await;
        desk.fill("reason", "Ghi thiếu số điện thoại và nội dung").await;
        desk.press("reason", SAVE_VISIT).await;
        desk.find_text("[data-testid=history] [data-testid=changes]", "Nội dung vụ việc").await;
        let rows = desk
            .script(
                "return [...document.querySelectorAll('[data-testid=changes] tbody tr')]
                   .map(r => [...r.children].map(c => c.textContent.trim()))",
            )
            .await;
        let rows: Vec<Vec<String>> = serde_json::from_value(rows).unwrap();
        assert!(
            rows.contains(&vec![
                "Nội dung vụ việc".to_string(),
                before.clone(),
                "Phản ánh kéo dài, đề nghị phường xử lý trong tuần".to_string()
            ]),
            "the summary's change reads before → after: {rows:?}"
        );
        assert!(
            rows.contains(&vec!["Người 1 — Điện thoại".into(), "(trống)".into(), "0912345678".into()]),
            "the phone added reads (trống) → the number: {rows:?}"
        );
        assert!(
            !rows.iter().any(|r| r[0] == "Người 1 — Họ và tên"),
            "a field that did not change is not listed: {rows:?}"
        );
        desk.script("document.querySelector('[data-testid=history]').scrollIntoView({block: 'center'}); return 0").await;
        desk.screenshot("records-02-amendment-changes").await;

        // The access audit names the visit opened by its receipt number, and opens it.
        desk.screen("audit").await;
        let row = desk.find_text("[data-testid=access-log] tbody tr[data-action=opened_visit]", &chosen).await;
        desk.screenshot("records-03-audit-names-visit").await;
        row.find(fantoccini::Locator::Css("button")).await.unwrap().click().await.unwrap();
        desk.find_text("[data-testid=visit-detail] h1", &chosen).await;
        desk.close().await;
    })
    .await;
}
