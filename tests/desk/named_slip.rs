//! The slip handed to a denouncer, in the real window (issue 7 §2): the clerk who received the
//! denouncer prints the acknowledgement slip with F9 and it names them; after a screen lock the same
//! clerk's reprint is masked. What each paper said is read back from the print archive once the app
//! has closed (cups-pdf re-encodes the text it prints, so the archived PDF is the record to read):
//! the named slip is sealed there, so the leader reads it and the clerk cannot.

use crate::printing::{a_page_comes_out, choose_printer, cups_queue, pdfs, F9};
use std::path::Path;
use std::sync::Arc;
use tiepdan_domain::clock::SystemClock;
use tiepdan_keys::KdfFloor;
use tiepdan_register::paths::register_path;
use tiepdan_register::{Credentials, DeskCard, Register};
use tiepdan_tests::{enabled, run, Desk, ADMIN_PASSWORD};

const CLERK: &str = "Lê Văn Cường";
const CLERK_PASSWORD: &str = "lua-chin-vang";
const DENOUNCER: &str = "Vũ Thị Tố";
const MASKED: &str = "Người tố cáo (được bảo mật)";

/// The text of a PDF; pdftotext comes with poppler-utils, which scripts/setup.sh installs.
fn pdf_text(pdf: &[u8]) -> String {
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .arg("-layout")
        .arg(file.path())
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed by scripts/setup.sh");
    assert!(out.status.success(), "pdftotext: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The archived PDFs of the desk's print jobs, newest first, opened by `officer` (a named slip is
/// sealed: only a leader opens it).
fn archived_texts(data_dir: &Path, officer: &str, password: &str) -> Result<Vec<String>, String> {
    let path = register_path(data_dir);
    let card = DeskCard::read(&path).unwrap().expect("the clear card beside the register");
    let officer = card.officers.iter().find(|o| o.full_name == officer).expect("the officer is listed").id;
    let credentials = Credentials::Password { officer, password };
    let (mut register, session) =
        Register::open_signed_in(&path, Arc::new(SystemClock), KdfFloor::standard(), credentials).unwrap();
    let actor = tiepdan_register::Actor::signed_in(&session);
    let jobs = register.print_log(&actor, None).unwrap();
    jobs.iter()
        .map(|job| {
            let pdf = tiepdan_print_jobs::archived_pdf(&mut register, data_dir, job, &actor);
            pdf.map(|pdf| pdf_text(&pdf)).map_err(|e| e.to_string())
        })
        .collect()
}

#[tokio::test(flavor = "current_thread")]
async fn the_clerk_who_received_a_denouncer_prints_a_slip_naming_them_and_after_a_lock_a_masked_one() {
    if !enabled("named_slip") {
        return;
    }
    let (queue, out) = cups_queue();
    let dir = tempfile::tempdir().unwrap();
    let data_dir = dir.path().to_path_buf();
    run(async move {
        let desk = Desk::launch(&data_dir).await;
        desk.set_up_ward().await;
        choose_printer(&desk, &queue).await;
        desk.add_clerk_with_password(CLERK, CLERK_PASSWORD).await;
        desk.click("[data-testid=sign-out]").await;
        desk.sign_in(CLERK, CLERK_PASSWORD).await;

        // The clerk registers a denunciation and prints the slip for the denouncer standing there.
        desk.register_denunciation(DENOUNCER, "Tổ 3, phường Hà Đông").await;
        let before = pdfs(&out);
        desk.press("visitors[0].full_name", F9).await;
        let notice = desk.find_text("[data-testid=slip-notice]", "Đã in Giấy biên nhận").await;
        let notice = notice.text().await.unwrap();
        assert!(notice.contains("ghi tên người tố cáo"), "the clerk is told the slip names them: {notice}");
        a_page_comes_out(&out, &before).await;
        desk.screenshot("30-named-slip-printed").await;

        // Ctrl+L, then the same clerk again: the typed identity is gone, a reprint is masked.
        desk.press("visitors[0].full_name", "\u{E009}l").await;
        desk.find_text("h1", "Màn hình đã khóa").await;
        desk.sign_in(CLERK, CLERK_PASSWORD).await;
        desk.screen("register").await;
        let row = desk.find_text("[data-testid=register-table] tbody tr", "Tố cáo cán bộ").await;
        row.find(fantoccini::Locator::Css("td")).await.unwrap().click().await.unwrap();
        desk.find_text("[data-testid=print-job]", "Bản gốc · ghi tên người tố cáo").await;
        let before = pdfs(&out);
        desk.click("[data-testid=reprint]").await;
        let notice = desk.find_text("[data-testid=print-notice]", "Bản in lại lần 1").await;
        let notice = notice.text().await.unwrap();
        assert!(!notice.contains("ghi tên"), "the reprint after the lock names nobody: {notice}");
        a_page_comes_out(&out, &before).await;
        desk.screenshot("31-masked-reprint").await;
        desk.close().await;
    })
    .await;

    assert!(
        archived_texts(dir.path(), CLERK, CLERK_PASSWORD).is_err(),
        "the clerk cannot open the named slip"
    );
    let texts = archived_texts(dir.path(), "Trần Thị Bình", ADMIN_PASSWORD).expect("the leader opens both");
    assert_eq!(texts.len(), 2, "the original and the reprint");
    let (reprint, original) = (&texts[0], &texts[1]);
    assert!(original.contains(DENOUNCER), "the slip handed to the denouncer names them:\n{original}");
    assert!(original.contains("Tổ 3, phường Hà Đông"), "with their address:\n{original}");
    assert!(reprint.contains(MASKED) && !reprint.contains(DENOUNCER), "the reprint is masked:\n{reprint}");
    assert!(!reprint.contains("Tổ 3, phường Hà Đông"), "address too:\n{reprint}");
}
