//! The workflow against a real CUPS queue (cups-pdf), the code path the desk app and the CLI use:
//! a slip printed after a registration, its reprint, a stopped queue and the retry. Runs when
//! `scripts/cups-test.sh` sets TIEPDAN_CUPS_PRINTER and TIEPDAN_CUPS_PDF_DIR; one test, so no
//! other test prints into the queue while it reads what comes out.

use crate::common::desk;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};
use tiepdan_print_jobs::{print, reprint, retry, FormRequest, OsSpooler, PrintOptions};
use tiepdan_register::PrintStatus;

fn listing(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir).map(|e| e.filter_map(|e| e.ok().map(|e| e.path())).collect()).unwrap_or_default()
}

/// Waits for cups-pdf (a separate process after `lp` returns) to finish a new PDF in `dir`.
fn wait_for_new_pdf(dir: &Path, before: &[PathBuf]) -> PathBuf {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let mut fresh = listing(dir);
        fresh.retain(|p| p.extension().is_some_and(|e| e == "pdf") && !before.contains(p));
        if let Some(p) = fresh.pop() {
            let size = std::fs::metadata(&p).map(|m| m.len()).unwrap_or(0);
            std::thread::sleep(Duration::from_millis(300));
            if size > 0 && std::fs::metadata(&p).map(|m| m.len()).unwrap_or(0) == size {
                return p;
            }
        }
        assert!(Instant::now() < deadline, "no PDF came out of the cups-pdf queue into {}", dir.display());
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// Pages and paper of what came out of the queue, then the file is removed.
fn check_and_remove(printed: &Path) {
    let out = Command::new("pdfinfo").arg(printed).output().expect("pdfinfo (poppler-utils) installed");
    let info = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(info.contains("(A5)"), "the slip comes out on A5:\n{info}");
    let pages: u32 = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("pdfinfo reports pages:\n{info}"));
    assert!(pages == 1 || pages == 2, "a one-page slip, once or in its two copies: {pages} pages");
    std::fs::remove_file(printed).expect("the test removes the page it printed");
}

#[test]
fn a_slip_after_a_registration_prints_reprints_and_survives_a_stopped_queue() {
    let Ok(queue) = std::env::var("TIEPDAN_CUPS_PRINTER") else {
        println!("SKIPPED print_jobs cups test: set TIEPDAN_CUPS_PRINTER (run scripts/cups-test.sh)");
        return;
    };
    let out_dir = PathBuf::from(std::env::var("TIEPDAN_CUPS_PDF_DIR").expect("cups-test.sh sets it"));
    let mut d = desk();
    d.register.set_printer_setting(Some(&queue)).unwrap();
    let options = PrintOptions::new(FormRequest::receipt());

    let before = listing(&out_dir);
    let first = print(&mut d.register, d.dir.path(), &OsSpooler, d.visit.id, &options, None).unwrap();
    assert_eq!(first.status, PrintStatus::Sent, "{first:?}");
    assert!(first.attempts[0].spool_job.as_deref().unwrap().starts_with(&queue));
    check_and_remove(&wait_for_new_pdf(&out_dir, &before));

    let before = listing(&out_dir);
    let second = reprint(&mut d.register, d.dir.path(), &OsSpooler, first.id, None).unwrap();
    assert_eq!((second.status, second.copy), (PrintStatus::Sent, 2));
    assert_eq!(second.copy_mark.as_deref(), Some("Bản in lại lần 1"));
    check_and_remove(&wait_for_new_pdf(&out_dir, &before));

    let status = Command::new("cupsdisable").args(["-r", "Hết giấy", &queue]).status().unwrap();
    assert!(status.success());
    let failed = reprint(&mut d.register, d.dir.path(), &OsSpooler, first.id, None);
    Command::new("cupsenable").arg(&queue).status().unwrap();
    let failed = failed.unwrap();
    assert_eq!(failed.status, PrintStatus::Failed);
    assert_eq!(failed.attempts[0].error_code.as_deref(), Some("printer_stopped"));
    assert!(failed.attempts[0].message.as_deref().unwrap().contains("Hết giấy"));
    assert_eq!(d.register.visit(d.visit.id).unwrap(), d.visit, "the visit is intact");

    let before = listing(&out_dir);
    let retried = retry(&mut d.register, d.dir.path(), &OsSpooler, failed.id, None).unwrap();
    assert_eq!((retried.status, retried.copy, retried.attempts.len()), (PrintStatus::Sent, 3, 2));
    check_and_remove(&wait_for_new_pdf(&out_dir, &before));

    let log = d.register.print_log(Some(d.visit.id)).unwrap();
    let copies: Vec<_> = log.iter().map(|j| (j.copy, j.status, j.copy_mark.clone())).collect();
    println!("print log: {copies:?}");
    assert_eq!(log.len(), 3, "every job kept");
    assert_eq!(log[2].copy_mark, None);
    assert_eq!(log[1].copy_mark.as_deref(), Some("Bản in lại lần 1"));
    assert_eq!(log[0].copy_mark.as_deref(), Some("Bản in lại lần 2"));
}
