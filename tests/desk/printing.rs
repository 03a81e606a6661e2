//! Printing in the real window, to a real CUPS queue (cups-pdf): the desk's printer chosen in
//! Settings, a visit saved and its slip printed with F9, the slip reprinted from the visit's detail,
//! both jobs in the print log with the copy marked, and the register book printed from the register
//! screen. `scripts/e2e.sh` starts cupsd and the queue and sets TIEPDAN_CUPS_PRINTER and
//! TIEPDAN_CUPS_PDF_DIR; without them the printing tests fail (a test that passed without a printer
//! would hide a missing install step).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use tiepdan_tests::{enabled, run, Desk, SAVE_VISIT};

/// WebDriver's F9 key.
pub const F9: &str = "\u{E039}";

/// The CUPS test queue and the folder cups-pdf writes into, which scripts/e2e.sh started.
pub fn cups_queue() -> (String, PathBuf) {
    match (std::env::var("TIEPDAN_CUPS_PRINTER"), std::env::var("TIEPDAN_CUPS_PDF_DIR")) {
        (Ok(queue), Ok(out)) => (queue, PathBuf::from(out)),
        _ => panic!(
            "no CUPS test queue: run scripts/e2e.sh as root with cups and printer-driver-cups-pdf \
             installed (scripts/setup.sh installs them); it starts cupsd and the queue"
        ),
    }
}

/// Settings: the desk prints to `queue` (the list is read from CUPS when Settings opens; "Làm mới"
/// reads it again).
pub async fn choose_printer(desk: &Desk, queue: &str) {
    desk.screen("settings").await;
    let listed = format!(
        "return [...document.querySelectorAll('#printer-choice option')].some(o => o.value === {queue:?})"
    );
    for _ in 0..20 {
        if desk.script(&listed).await == serde_json::Value::Bool(true) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
        desk.click("[data-testid=refresh-printers]").await;
    }
    desk.find_text("#printer-choice option", queue).await;
    desk.choose("printer", queue).await;
    desk.click("[data-testid=save-printer]").await;
    desk.find_text("[data-testid=printer-notice]", queue).await;
}

pub fn pdfs(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|e| e.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    found.retain(|p| p.extension().is_some_and(|e| e == "pdf"));
    found
}

/// Waits for cups-pdf to write a new PDF into `dir`, then removes it.
pub async fn a_page_comes_out(dir: &Path, before: &[PathBuf]) {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Some(p) = pdfs(dir).into_iter().find(|p| !before.contains(p)) {
            let size = std::fs::metadata(&p).map(|m| m.len()).unwrap_or(0);
            tokio::time::sleep(Duration::from_millis(300)).await;
            if size > 0 && std::fs::metadata(&p).map(|m| m.len()).unwrap_or(0) == size {
                std::fs::remove_file(&p).expect("the test removes the page it printed");
                return;
            }
        }
        assert!(Instant::now() < deadline, "no PDF came out of the queue into {}", dir.display());
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[tokio::test(flavor = "current_thread")]
async fn a_saved_visit_s_slip_is_printed_with_f9_reprinted_from_its_detail_and_both_jobs_are_logged() {
    if !enabled("printing") {
        return;
    }
    let (queue, out) = cups_queue();
    run(async move {
        let dir = tempfile::tempdir().unwrap();
        let desk = Desk::launch(dir.path()).await;
        desk.set_up_ward().await;
        choose_printer(&desk, &queue).await;

        // A visit saved, then F9 prints its slip.
        desk.screen("visit").await;
        desk.fill("visitors[0].full_name", "Đặng Hữu Ước").await;
        desk.fill("summary", "Khiếu nại quyết định thu hồi đất").await;
        desk.press("visitors[0].full_name", SAVE_VISIT).await;
        let receipt = desk.find("[data-testid=saved-receipt] .receipt-no").await.text().await.unwrap();
        let hint = desk.find("[data-testid=print-slip]").await.text().await.unwrap();
        assert!(hint.contains("F9"), "the print key is shown on screen: {hint}");
        let before = pdfs(&out);
        desk.press("visitors[0].full_name", F9).await;
        let notice = desk.find_text("[data-testid=slip-notice]", "Đã in Giấy biên nhận").await;
        assert!(notice.text().await.unwrap().contains(&receipt));
        a_page_comes_out(&out, &before).await;
        desk.screenshot("20-slip-printed").await;

        // The visit's detail: its print log, a preview, and a reprint marked as a copy.
        desk.screen("search").await;
        desk.fill("query", "dang huu uoc").await;
        desk.find_text("[data-testid=search-hits] button", "Đặng Hữu Ước").await.click().await.unwrap();
        desk.find_text("[data-testid=visit-detail] h1", &receipt).await;
        desk.find_text("[data-testid=print-job]", "Bản gốc").await;
        desk.click("[data-testid=print-preview-button]").await;
        desk.find("[data-testid=print-preview] iframe").await;
        tokio::time::sleep(Duration::from_millis(1500)).await; // let the viewer draw for the screenshot
        desk.screenshot("21-slip-preview").await;
        desk.click("[data-testid=preview-close]").await;

        let before = pdfs(&out);
        desk.click("[data-testid=reprint]").await;
        desk.find_text("[data-testid=print-notice]", "Bản in lại lần 1").await;
        a_page_comes_out(&out, &before).await;
        let rows = desk.client.find_all(fantoccini::Locator::Css("[data-testid=print-job]")).await.unwrap();
        assert_eq!(rows.len(), 2, "both jobs are in the visit's print log");
        let newest = rows[0].text().await.unwrap();
        let oldest = rows[1].text().await.unwrap();
        assert!(newest.contains("Bản in lại lần 1") && newest.contains(&queue), "the reprint: {newest}");
        assert!(oldest.contains("Bản gốc") && oldest.contains("Đã gửi"), "the original: {oldest}");
        desk.screenshot("22-print-log").await;

        // The desk's whole print log in Settings.
        desk.screen("settings").await;
        desk.find_text("[data-testid=printer-settings] [data-testid=print-job]", "Bản in lại lần 1").await;
        assert_eq!(desk.count("[data-testid=printer-settings] [data-testid=print-job]").await, 2);

        // The register book of the range on screen, printed from the register screen ("In sổ").
        desk.screen("register").await;
        desk.find_text("[data-testid=register-table] tbody tr", "Đặng Hữu Ước").await;
        let before = pdfs(&out);
        desk.click("[data-testid=print-register]").await;
        desk.find_text("[data-testid=register-print-notice]", &queue).await;
        a_page_comes_out(&out, &before).await;
        desk.screenshot("23-register-book-printed").await;
        desk.close().await;
    })
    .await;
}
