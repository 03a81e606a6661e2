//! Việc cần làm and the due dates of a petition, in the real window: petitions received on past days
//! are written up through the form's reception time (column 2), as a clerk catching up would.

use fantoccini::Locator;
use tiepdan_tests::{enabled, run, Desk, ENTER, SAVE_VISIT};

/// Registers a petition of `kind` received at `received_at` ("dd/mm/yyyy hh:mm", empty for now);
/// `transfer_to` chooses transfer as the handling. Waits for the receipt number `receipt`.
async fn register_petition(
    desk: &Desk,
    receipt: &str,
    received_at: &str,
    name: &str,
    summary: &str,
    kind: &str,
    transfer_to: Option<&str>,
) {
    if !received_at.is_empty() {
        desk.fill("received_at", received_at).await;
    }
    desk.fill("visitors[0].full_name", name).await;
    desk.fill("summary", summary).await;
    desk.click("[name=has_petition]").await;
    desk.choose("petition.kind", kind).await;
    if let Some(body) = transfer_to {
        desk.choose("petition.handling", "transfer").await;
        desk.fill("petition.transfer_to", body).await;
    }
    desk.fill("visitors[0].address", "Tổ 3, phường Hà Đông").await;
    desk.press("visitors[0].address", SAVE_VISIT).await;
    desk.find_text("[data-testid=saved-receipt] .receipt-no", receipt).await;
}

/// Clicks the row of the due list naming `name` (on a cell: WebKit does not click a table row itself).
async fn open_row(desk: &Desk, name: &str) {
    let row = desk.find_text("[data-testid=due-table] tbody tr", name).await;
    row.find(Locator::Css("td")).await.unwrap().click().await.unwrap();
}

#[tokio::test(flavor = "current_thread")]
async fn a_denunciation_received_on_the_friday_before_gio_to_shows_its_due_dates() {
    if !enabled("due_dates_over_holidays") {
        return;
    }
    run(async {
        let dir = tempfile::tempdir().unwrap();
        let desk = Desk::launch(dir.path()).await;
        desk.set_up_ward().await;
        // Friday 24/04/2026; Giỗ Tổ (Sunday 26/04) is taken on Monday 27/04, then 30/04 and 01/05.
        let (checked, transferred) = ("0001/2026/A", "0002/2026/A");
        register_petition(
            &desk,
            checked,
            "24/04/2026 09:00",
            "Vũ Thị Tố",
            "Tố cáo cán bộ địa chính nhận tiền",
            "denunciation",
            None,
        )
        .await;
        desk.press("visitors[0].full_name", "\u{E009}n").await;
        register_petition(
            &desk,
            transferred,
            "24/04/2026 10:00",
            "Đỗ Văn Chuyển",
            "Tố cáo giáo viên trường huyện",
            "denunciation",
            Some("Phòng Giáo dục và Đào tạo"),
        )
        .await;

        desk.screen("due").await;
        // Denouncers are sealed: the list names neither, and the receipt number tells the rows apart.
        let row = desk.find_text("[data-testid=due-table] tbody tr", checked).await.text().await.unwrap();
        assert!(row.contains("Người tố cáo (được bảo mật)") && !row.contains("Vũ Thị Tố"), "{row}");
        open_row(&desk, checked).await;
        desk.find_text("[data-testid=visit-detail] h1", checked).await;
        // 7 working days from Friday 24/04: 28, 29/04, 04–08/05 → 08/05/2026.
        let check = desk.find("[data-testid=deadlines] tr[data-step=check]").await;
        let text = check.text().await.unwrap();
        assert!(text.contains("08/05/2026"), "the check of the denunciation is due 08/05/2026: {text}");
        assert!(text.contains("Quá hạn"), "long past, and said in words: {text}");
        // Processing after receipt, 10 working days → 13/05/2026: the date the appointment slip proposes.
        let proposal = desk.find("[data-testid=appointment]").await.text().await.unwrap();
        assert!(proposal.contains("Ngày hẹn đề xuất: 13/05/2026"), "proposed appointment: {proposal}");
        // The working is there for the clerk to check: the days skipped, with why.
        check.find(Locator::Css("summary")).await.unwrap().click().await.unwrap();
        let working = check.find(Locator::Css("ul.days")).await.unwrap().text().await.unwrap();
        assert!(working.contains("27/04/2026"), "the nghỉ bù of Giỗ Tổ is skipped: {working}");
        assert!(working.contains("30/04/2026") && working.contains("01/05/2026"), "30/4–1/5: {working}");
        desk.screenshot("20-deadlines-denunciation").await;

        // Esc goes back to the list; the denunciation to transfer: 5 working days → 06/05/2026.
        desk.client.active_element().await.unwrap().send_keys("\u{E00C}").await.unwrap();
        open_row(&desk, transferred).await;
        desk.find_text("[data-testid=visit-detail] h1", transferred).await;
        let transfer =
            desk.find("[data-testid=deadlines] tr[data-step=transfer]").await.text().await.unwrap();
        assert!(transfer.contains("06/05/2026"), "the transfer is due 06/05/2026: {transfer}");
        desk.screenshot("21-deadlines-transfer").await;
        desk.close().await;
    })
    .await;
}

#[tokio::test(flavor = "current_thread")]
async fn the_due_view_lists_an_overdue_petition_first() {
    if !enabled("due_view_order") {
        return;
    }
    run(async {
        let dir = tempfile::tempdir().unwrap();
        let desk = Desk::launch(dir.path()).await;
        desk.set_up_ward().await;
        // The recent one is registered first, so the order on screen is the register's urgency, not
        // the order of entry.
        register_petition(
            &desk,
            "0001/2026/A",
            "",
            "Hoàng Văn Mới",
            "Khiếu nại quyết định xử phạt",
            "complaint",
            None,
        )
        .await;
        desk.press("visitors[0].full_name", "\u{E009}n").await;
        let old = "0002/2026/A";
        register_petition(
            &desk,
            old,
            "01/09/2026 08:30",
            "Lê Văn Cũ",
            "Khiếu nại thu hồi đất từ tháng 9",
            "complaint",
            None,
        )
        .await;

        // Alt+5, as the navigation shows.
        // The header stays one line, so the shortcut is the button's tooltip (and in the F1 help).
        let nav = desk.find("nav button[data-screen=due]").await;
        let (label, key) = (nav.text().await.unwrap(), nav.attr("title").await.unwrap().unwrap_or_default());
        assert!(
            label.contains("Việc cần làm") && key.contains("Alt+5"),
            "the shortcut is shown: {label} {key}"
        );
        desk.press("visitors[0].full_name", "\u{E00A}5").await;
        desk.find_text("[data-testid=due-table] tbody tr", "Hoàng Văn Mới").await;
        let rows = desk.client.find_all(Locator::Css("[data-testid=due-table] tbody tr")).await.unwrap();
        assert_eq!(rows.len(), 2, "both open complaints are listed");
        let first = rows[0].text().await.unwrap();
        let second = rows[1].text().await.unwrap();
        assert!(first.contains("Lê Văn Cũ"), "the overdue complaint comes first: {first}");
        assert!(
            first.contains("01/09/2026") && first.contains("11/09/2026"),
            "received and due dates: {first}"
        );
        assert!(first.contains("Quá hạn"), "overdue is said in words: {first}");
        let class = rows[0].attr("class").await.unwrap().unwrap_or_default();
        assert!(class.split(' ').any(|c| c == "overdue"), "and highlighted: {class}");
        assert!(
            second.contains("Hoàng Văn Mới") && !second.contains("Quá hạn"),
            "then the recent one: {second}"
        );
        desk.screenshot("22-due-list").await;

        // Opening a row opens the visit, from the keyboard too.
        rows[0].send_keys(ENTER).await.unwrap();
        desk.find_text("[data-testid=visit-detail] h1", old).await;
        desk.find_text("[data-testid=deadlines] tr[data-step=accept]", "11/09/2026").await;
        desk.screenshot("23-due-opened").await;

        // Recording the acceptance (late, on 15/09) closes that step and opens the resolution:
        // 30 days from 15/09/2026 → 15/10/2026.
        desk.click("[data-testid=result-forms] button[data-action=accept]").await;
        desk.fill("on", "31/08/2026").await;
        desk.press("on", ENTER).await;
        desk.find_text(".result-form .form-error", "Ngày 31/08/2026 trước ngày tiếp nhận 01/09/2026.").await;
        desk.screenshot("24a-acceptance-refused").await;
        desk.fill("on", "15/09/2026").await;
        desk.press("on", ENTER).await;
        desk.find_text("[data-testid=deadlines] tr[data-step=resolve]", "15/10/2026").await;
        let accept = desk.find("[data-testid=deadlines] tr[data-step=accept]").await.text().await.unwrap();
        assert!(accept.contains("Đã xong ngày 15/09/2026 (trễ hạn)"), "accepted late, and said so: {accept}");
        desk.screenshot("24-acceptance-recorded").await;
        desk.client.active_element().await.unwrap().send_keys("\u{E00C}").await.unwrap();
        let first =
            desk.find_text("[data-testid=due-table] tbody tr", "Lê Văn Cũ").await.text().await.unwrap();
        assert!(first.contains("15/10/2026"), "the due list now follows the resolution: {first}");
        desk.close().await;
    })
    .await;
}
