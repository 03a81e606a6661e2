//! Issue 17 in the real window: the leader picks "Quý I" of 2026 on the "Báo cáo" screen, sees Biểu
//! 01/TCD counted from the register (a visit on 14/03 counts, one on 15/03 belongs to Quý II), opens
//! the visits behind a cell with the keyboard, and exports the form as an Excel file.

use tiepdan_tests::{enabled, run, Desk, ENTER, SAVE_VISIT};

const TAB: &str = "\u{E004}";
const ESCAPE: &str = "\u{E00C}";

/// Records a visit received at `when` ("dd/mm/yyyy hh:mm") by `name`, for `people` people, and
/// returns its receipt number.
async fn visit(desk: &Desk, when: &str, name: &str, people: u32, nth: usize) -> String {
    desk.screen("visit").await;
    desk.fill("received_at", when).await;
    desk.fill("visitors[0].full_name", name).await;
    desk.fill("visitors[0].address", "Tổ 5, phường Hà Đông").await;
    desk.fill("summary", "Phản ánh việc lấn chiếm vỉa hè").await;
    if people > 1 {
        desk.fill("people_count", &people.to_string()).await;
    }
    desk.press("summary", SAVE_VISIT).await;
    let saved = desk.find_text("[data-testid=saved-receipt] .receipt-no", &format!("{nth:04}/")).await;
    saved.text().await.unwrap()
}

async fn keys(desk: &Desk, text: &str) {
    desk.client.active_element().await.unwrap().send_keys(text).await.unwrap();
}

async fn caret_on(desk: &Desk, css: &str) -> bool {
    let js = "return !!document.activeElement && document.activeElement.matches(arguments[0]);";
    desk.client.execute(js, vec![serde_json::json!(css)]).await.unwrap().as_bool().unwrap_or(false)
}

async fn tab_to(desk: &Desk, css: &str) {
    for _ in 0..120 {
        if caret_on(desk, css).await {
            return;
        }
        keys(desk, TAB).await;
    }
    desk.screenshot("failed").await;
    panic!("Tab never reached {css} (the window at that moment: target/e2e/failed.png)");
}

/// The figure shown in column `n` of the ward's row.
async fn cell(desk: &Desk, n: u16) -> String {
    desk.find(&format!("[data-testid=report-table] td[data-column=\"{n}\"]"))
        .await
        .text()
        .await
        .unwrap()
        .trim()
        .to_string()
}

#[tokio::test(flavor = "current_thread")]
async fn the_leader_sees_quarter_one_of_01_tcd_drills_into_a_cell_exports_and_prints_it() {
    if !enabled("reports") {
        return;
    }
    let (queue, out) = crate::printing::cups_queue();
    run(async move {
        let dir = tempfile::tempdir().unwrap();
        let desk = Desk::launch(dir.path()).await;
        desk.set_up_ward().await;
        crate::printing::choose_printer(&desk, &queue).await;
        let first = visit(&desk, "20/01/2026 08:30", "Ngô Văn Lâm", 1, 1).await;
        let last_day = visit(&desk, "14/03/2026 16:45", "Đỗ Thị Mai", 6, 2).await;
        let next_quarter = visit(&desk, "15/03/2026 08:00", "Vũ Văn Nam", 1, 3).await;

        // "Báo cáo" follows the calendar in the menu (Alt+8); the form defaults to 01/TCD.
        desk.screen("reports").await;
        desk.choose("period", "q1").await;
        desk.fill("year", "2026").await;
        desk.press("year", ENTER).await;
        desk.find_text("[data-testid=report-period]", "Quý I năm 2026").await;
        desk.find_text("[data-testid=report-period]", "15/12/2025").await;
        desk.find_text("[data-testid=report-period]", "14/03/2026").await;
        assert_eq!(cell(&desk, 1).await, "2", "two receptions in Quý I: 20/01 and 14/03, not 15/03");
        assert_eq!(cell(&desk, 2).await, "7", "1 + 6 people received");
        assert_eq!(cell(&desk, 4).await, "2", "both at the regular desk");
        assert_eq!(cell(&desk, 8).await, "1", "the six came as a group (đoàn đông người)");
        assert_eq!(cell(&desk, 13).await, "0", "no head's reception");
        desk.screenshot("95-report-q1-01tcd").await;

        // The clerk's keyboard: Tab to the cell of column (1), Enter opens the visits behind it.
        tab_to(&desk, "td[data-column=\"1\"] button").await;
        keys(&desk, ENTER).await;
        let list = desk.find_text("[data-testid=drill-list] h2", "Cột (1): 2 hồ sơ").await;
        let text = desk.find("[data-testid=drill-list]").await.text().await.unwrap();
        assert!(text.contains(&first) && text.contains(&last_day), "the two visits are listed: {text}");
        assert!(!text.contains(&next_quarter), "15/03 belongs to Quý II: {text}");
        assert!(text.contains("Đỗ Thị Mai") && text.contains("6 người"), "{text}");
        drop(list);
        desk.screenshot("96-report-drill-down").await;
        keys(&desk, ESCAPE).await;
        assert!(caret_on(&desk, "td[data-column=\"1\"] button").await, "Esc goes back to the cell");
        assert_eq!(desk.count("[data-testid=drill-list]").await, 0, "and closes the list");

        // Xuất Excel writes the form where IT staff pointed exports (scripts/e2e.sh), named after it.
        tab_to(&desk, "[data-testid=report-xlsx]").await;
        keys(&desk, ENTER).await;
        let notice =
            desk.find_text("[data-testid=report-notice]", "Đã lưu tệp Excel").await.text().await.unwrap();
        let path = notice.split(": ").nth(1).unwrap_or_default().trim().to_string();
        assert!(
            path.ends_with("01-TCD_quy-i-nam-2026.xlsx"),
            "the file is named after the form and period: {path}"
        );
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("read {path}: {e}"));
        assert!(bytes.starts_with(b"PK"), "an XLSX file is a zip archive");
        desk.screenshot("97-report-exported").await;

        // In biểu sends the form to the desk's printer: A4 landscape, the Nghị định 30 header.
        let before = crate::printing::pdfs(&out);
        tab_to(&desk, "[data-testid=report-print]").await;
        keys(&desk, ENTER).await;
        desk.find_text("[data-testid=report-notice]", &format!("Đã gửi biểu đến máy in {queue}")).await;
        // cups-pdf re-renders the page, so its text cannot be read back; what the form prints is
        // checked on printpdf's own output (tiepdan-print's and the CLI's tests).
        crate::printing::a_page_comes_out(&out, &before).await;
        desk.screenshot("98-report-printed").await;

        // Số dư đầu kỳ: the head declares what the paper register carried into Quý I of 01/XLD
        // (Enter saves), and the form counts it.
        desk.choose("form", "xld01").await;
        tab_to(&desk, "[data-testid=opening-toggle]").await;
        keys(&desk, ENTER).await;
        desk.find_text("[data-testid=opening-panel] h2", "01/XLD").await;
        desk.fill("opening-from", "15/12/2025").await;
        desk.fill("opening-2", "4").await;
        desk.fill("opening-5", "4").await;
        desk.press("opening-5", ENTER).await;
        desk.find_text("[data-testid=opening-notice]", "Đã khai báo số dư đầu kỳ của biểu 01/XLD").await;
        desk.find_text("[data-testid=opening-save]", "Sửa số dư").await;
        desk.press("year", ENTER).await;
        desk.find_text("[data-testid=report-table] th", "(2)").await;
        assert_eq!(cell(&desk, 2).await, "4", "carried over from the paper register into Quý I");
        desk.screenshot("99-report-opening-declared").await;
        desk.close().await;
    })
    .await;
}
