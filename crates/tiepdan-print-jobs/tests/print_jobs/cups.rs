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

/// The first page rasterised at 30 dpi in grey: (width, height, pixels).
fn grey_page(pdf: &Path) -> (usize, usize, Vec<u8>) {
    let out = Command::new("pdftoppm")
        .args(["-q", "-r", "30", "-gray", "-singlefile", "-f", "1"])
        .arg(pdf)
        .output()
        .expect("pdftoppm (poppler-utils) installed");
    assert!(out.status.success());
    // Binary PGM: "P5\n<w> <h>\n255\n" then one byte per pixel.
    let data = out.stdout;
    let mut fields = Vec::new();
    let mut i = 0;
    while fields.len() < 4 {
        while data[i].is_ascii_whitespace() {
            i += 1;
        }
        let start = i;
        while !data[i].is_ascii_whitespace() {
            i += 1;
        }
        fields.push(String::from_utf8_lossy(&data[start..i]).into_owned());
    }
    let (w, h): (usize, usize) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    (w, h, data[i + 1..i + 1 + w * h].to_vec())
}

/// Pearson correlation of two grey rasters over their common pixels.
fn correlation(a: &(usize, usize, Vec<u8>), b: &(usize, usize, Vec<u8>)) -> f64 {
    let (w, h) = (a.0.min(b.0), a.1.min(b.1));
    let pixels = |p: &(usize, usize, Vec<u8>)| -> Vec<f64> {
        (0..h).flat_map(|y| (0..w).map(move |x| p.2[y * p.0 + x] as f64)).collect()
    };
    let (xs, ys) = (pixels(a), pixels(b));
    let n = xs.len() as f64;
    let (mx, my) = (xs.iter().sum::<f64>() / n, ys.iter().sum::<f64>() / n);
    let cov: f64 = xs.iter().zip(&ys).map(|(x, y)| (x - mx) * (y - my)).sum();
    let vx: f64 = xs.iter().map(|x| (x - mx).powi(2)).sum();
    let vy: f64 = ys.iter().map(|y| (y - my).powi(2)).sum();
    cov / (vx * vy).sqrt()
}

/// Pages and paper of what came out of the queue, and that it looks like the archived slip (cups-pdf
/// re-renders through Ghostscript, so text no longer extracts: rasters are compared), then the file
/// is removed.
fn check_and_remove(printed: &Path, archived: &Path) {
    let out = Command::new("pdfinfo").arg(printed).output().expect("pdfinfo (poppler-utils) installed");
    let info = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(info.contains("(A4)"), "the slip comes out on A4, the default paper:\n{info}");
    let pages: u32 = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("pdfinfo reports pages:\n{info}"));
    assert!(pages == 1 || pages == 2, "a one-page slip, once or in its two copies: {pages} pages");
    let (sent, got) = (grey_page(archived), grey_page(printed));
    assert!(sent.0.abs_diff(got.0) <= 2 && sent.1.abs_diff(got.1) <= 2, "same page size");
    let same = correlation(&sent, &got);
    println!("printed page vs archived slip: correlation {same:.3}");
    assert!(same > 0.55, "the page that came out is the archived slip ({same:.3})");
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
    d.register.set_printer_setting(&d.owner, Some(&queue)).unwrap();
    let options = PrintOptions::new(FormRequest::receipt());

    let before = listing(&out_dir);
    let first =
        print(&mut d.register, d.dir.path(), &OsSpooler, d.visit.id, &options, None, &d.owner).unwrap();
    assert_eq!(first.status, PrintStatus::Sent, "{first:?}");
    assert!(first.attempts[0].spool_job.as_deref().unwrap().starts_with(&queue));
    check_and_remove(&wait_for_new_pdf(&out_dir, &before), &d.data_dir().join(&first.archive));

    let before = listing(&out_dir);
    let second = reprint(&mut d.register, d.dir.path(), &OsSpooler, first.id, None, &d.owner).unwrap();
    assert_eq!((second.status, second.copy), (PrintStatus::Sent, 2));
    assert_eq!(second.copy_mark.as_deref(), Some("Bản in lại lần 1"));
    check_and_remove(&wait_for_new_pdf(&out_dir, &before), &d.data_dir().join(&second.archive));

    let status = Command::new("cupsdisable").args(["-r", "Hết giấy", &queue]).status().unwrap();
    assert!(status.success());
    let failed = reprint(&mut d.register, d.dir.path(), &OsSpooler, first.id, None, &d.owner);
    Command::new("cupsenable").arg(&queue).status().unwrap();
    let failed = failed.unwrap();
    assert_eq!(failed.status, PrintStatus::Failed);
    assert_eq!(failed.attempts[0].error_code.as_deref(), Some("printer_stopped"));
    assert!(failed.attempts[0].message.as_deref().unwrap().contains("Hết giấy"));
    assert_eq!(d.register.visit(d.visit.id).unwrap(), d.visit, "the visit is intact");

    let before = listing(&out_dir);
    let retried = retry(&mut d.register, d.dir.path(), &OsSpooler, failed.id, None, &d.owner).unwrap();
    assert_eq!((retried.status, retried.copy, retried.attempts.len()), (PrintStatus::Sent, 3, 2));
    check_and_remove(&wait_for_new_pdf(&out_dir, &before), &d.data_dir().join(&retried.archive));

    let log = d.register.print_log(&d.owner, Some(d.visit.id)).unwrap();
    let copies: Vec<_> = log.iter().map(|j| (j.copy, j.status, j.copy_mark.clone())).collect();
    println!("print log: {copies:?}");
    assert_eq!(log.len(), 3, "every job kept");
    assert_eq!(log[2].copy_mark, None);
    assert_eq!(log[1].copy_mark.as_deref(), Some("Bản in lại lần 1"));
    assert_eq!(log[0].copy_mark.as_deref(), Some("Bản in lại lần 2"));
}
