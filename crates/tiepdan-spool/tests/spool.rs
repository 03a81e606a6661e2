//! The spooler as the desk app meets it: errors for missing printers and files, and — when
//! `scripts/cups-test.sh` provides a cups-pdf queue in TIEPDAN_CUPS_PRINTER — a real slip printed
//! through `print_pdf` and read back from what the queue wrote.

use chrono::TimeZone;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};
use tiepdan_domain::clock::vietnam_offset;
use tiepdan_domain::identity::IdKind;
use tiepdan_domain::officer::{Officer, WardProfile};
use tiepdan_domain::petition::Document;
use tiepdan_domain::receipt::ReceiptNo;
use tiepdan_domain::visit::{ReceptionMode, Visit, VisitDetails, VisitStatus, Visitor, VisitorKind};
use tiepdan_domain::{OfficerId, VisitId};
use tiepdan_print::{render_receipt, Paper, ReceiptForm};
use tiepdan_spool::{cause, print_pdf, printers, JobOptions, Media, Printer, PrinterState, SpoolError};

/// A slip for the fixture visitor, or (`other`) for a different visitor with different content.
fn slip(other: bool) -> Vec<u8> {
    let ward = WardProfile {
        ward_code: "10105".into(),
        ward_name: "Phường Hà Đông".into(),
        place: "Hà Đông".into(),
        upstream: "UBND Thành phố Hà Nội".into(),
        desk: 'A',
    };
    let officer = Officer {
        id: OfficerId::new(),
        full_name: "Nguyễn Thị Ngọc Ánh".into(),
        position: "Công chức tiếp công dân".into(),
        active: true,
        roles: vec![tiepdan_domain::access::Role::Clerk],
    };
    let visit = Visit {
        id: VisitId::new(),
        receipt_no: ReceiptNo { series: Default::default(), number: 42, year: 2026, desk: 'A', epoch: 1 },
        status: VisitStatus::Active,
        details: VisitDetails {
            received_at: vietnam_offset().with_ymd_and_hms(2026, 11, 25, 9, 30, 0).unwrap(),
            reception: ReceptionMode::Regular,
            visitor_kind: VisitorKind::Individual,
            people_count: 1,
            organisation: None,
            visitors: vec![Visitor {
                full_name: if other { "Lê Thị Hằng Nga" } else { "Đặng Hữu Ước" }.into(),
                id_kind: Some(IdKind::Cccd),
                id_number: Some("001088012345".into()),
                id_issued_on: None,
                id_issued_by: None,
                birth_year: Some(1988),
                sex: None,
                address: Some("Số 12, ngõ 3, phố Quang Trung, Hà Đông".into()),
                phone: None,
                sealed: None,
            }],
            summary: if other {
                "Kiến nghị sửa chữa hệ thống thoát nước khu dân cư, tình trạng ngập úng kéo dài sau mỗi trận mưa lớn, ảnh hưởng đến sinh hoạt của nhiều hộ gia đình.".into()
            } else {
                "Khiếu nại quyết định thu hồi đất.".into()
            },
            petition: None,
            documents: vec![Document { title: "Đơn khiếu nại".into(), original: true, pages: 2 }],
            refusal: None,
            officer_id: None,
            notes: String::new(),
            source: Default::default(),
            from_body: None,
            letter_no: None,
            letter_date: None,
            session_id: None,
            online_site: None,
            recording_ref: None,
        },
    };
    let form = ReceiptForm {
        ward: &ward,
        visit: &visit,
        officer: Some(&officer),
        copies: 2,
        reprint: None,
        paper: Paper::A5,
    };
    render_receipt(&form).expect("the slip renders")
}

fn slip_file(dir: &Path) -> PathBuf {
    let path = dir.join("bien-nhan-0042.pdf");
    std::fs::write(&path, slip(false)).unwrap();
    path
}

#[test]
fn a_missing_printer_is_a_typed_error_with_a_vietnamese_message() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = slip_file(dir.path());
    let err = print_pdf(Some("KhongCoMayInNay"), &pdf, &JobOptions::new(Media::A5)).unwrap_err();
    if std::env::var("TIEPDAN_CUPS_PRINTER").is_ok() {
        assert_eq!(err, SpoolError::PrinterNotFound { name: "KhongCoMayInNay".into() });
        assert_eq!(err.code(), "printer_not_found");
    } else {
        // Without a running spooler the check cannot reach CUPS; the clerk is told that instead.
        assert!(
            matches!(err, SpoolError::PrinterNotFound { .. } | SpoolError::SpoolerUnavailable { .. }),
            "unexpected {err:?}"
        );
    }
    let message = err.to_string();
    assert!(
        message.contains("máy in") || message.contains("dịch vụ in"),
        "the message is Vietnamese: {message}"
    );
}

#[test]
fn a_stopped_print_service_reads_as_one_vietnamese_sentence_without_the_tools_own_words() {
    let down = |detail: &str| SpoolError::SpoolerUnavailable { detail: detail.into() }.to_string();
    let message = down("lpstat: Scheduler is not running");
    for raw in ["lpstat", "Scheduler", "running"] {
        assert!(!message.contains(raw), "the clerk never reads the tool's English ({raw}): {message}");
    }
    assert!(message.starts_with("Máy tính chưa sẵn sàng in"), "said in Vietnamese: {message}");
    assert_eq!(
        message,
        down("powershell: không chạy được"),
        "one cause, one sentence, whatever the tool said"
    );
}

#[test]
fn settings_names_the_same_cause_a_print_would_meet() {
    let printer =
        |name: &str, is_default: bool, state: PrinterState| Printer { name: name.into(), is_default, state };
    assert_eq!(cause(&[], None), Some(SpoolError::NoDefaultPrinter), "no printer at all");
    let office = [
        printer("Office", true, PrinterState::Stopped("Out of paper".into())),
        printer("Desk", false, PrinterState::Ready),
    ];
    assert_eq!(
        cause(&office, None),
        Some(SpoolError::PrinterStopped { name: "Office".into(), reason: "Out of paper".into() }),
        "the default printer is stopped"
    );
    assert_eq!(
        cause(&office, Some("desk")),
        None,
        "the chosen printer is ready (names compare as CUPS does)"
    );
    assert_eq!(
        cause(&office, Some("Gone")),
        Some(SpoolError::PrinterNotFound { name: "Gone".into() }),
        "the chosen printer was removed"
    );
    // Printing to a queue this machine does not have meets the very cause Settings names.
    let dir = tempfile::tempdir().unwrap();
    if let (Ok(list), Err(err)) =
        (printers(), print_pdf(Some("NoSuchQueue"), &slip_file(dir.path()), &JobOptions::new(Media::A5)))
    {
        assert_eq!(cause(&list, Some("NoSuchQueue")).map(|e| e.to_string()), Some(err.to_string()));
    }
}

#[test]
fn a_missing_file_is_reported_before_any_printer_is_asked() {
    let err =
        print_pdf(Some("BatKy"), Path::new("/khong/co/tep.pdf"), &JobOptions::new(Media::A5)).unwrap_err();
    assert_eq!(err.code(), "file_unreadable");
    assert!(err.to_string().starts_with("Không đọc được tệp cần in"));
}

/// Waits for cups-pdf to finish writing a new file into `dir`. cups-pdf runs as a separate
/// process after `lp` returns, so the test polls the directory up to a deadline.
fn wait_for_new_pdf(dir: &Path, before: &[PathBuf]) -> PathBuf {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let mut fresh: Vec<PathBuf> = std::fs::read_dir(dir)
            .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
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

fn tool(program: &str, args: &[&str], path: &Path) -> String {
    let out =
        Command::new(program).args(args).arg(path).output().unwrap_or_else(|e| panic!("{program}: {e}"));
    assert!(out.status.success(), "{program} failed on {}", path.display());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The first page rasterised at 30 dpi in grey: (width, height, pixels).
fn grey_page(pdf: &Path) -> (usize, usize, Vec<u8>) {
    let out = Command::new("pdftoppm")
        .args(["-q", "-r", "30", "-gray", "-singlefile", "-f", "1"])
        .arg(pdf)
        .output()
        .expect("pdftoppm (poppler-utils) installed");
    assert!(out.status.success());
    let data = out.stdout;
    // Binary PGM: "P5\n<w> <h>\n255\n" then one byte per pixel.
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

/// Pearson correlation of two grey rasters over their common `w` × `h` pixels.
fn correlation(a: &(usize, usize, Vec<u8>), b: &(usize, usize, Vec<u8>), w: usize, h: usize) -> f64 {
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

fn listing(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir).map(|e| e.filter_map(|e| e.ok().map(|e| e.path())).collect()).unwrap_or_default()
}

#[test]
fn a_slip_printed_to_the_cups_pdf_queue_comes_out_intact() {
    let Ok(queue) = std::env::var("TIEPDAN_CUPS_PRINTER") else {
        println!("SKIPPED a_slip_printed_to_the_cups_pdf_queue_comes_out_intact: set TIEPDAN_CUPS_PRINTER (run scripts/cups-test.sh) to print through a real CUPS queue");
        return;
    };
    let out_dir =
        PathBuf::from(std::env::var("TIEPDAN_CUPS_PDF_DIR").expect("cups-test.sh sets TIEPDAN_CUPS_PDF_DIR"));
    let listed = printers().expect("CUPS answers");
    let printer =
        listed.iter().find(|p| p.name == queue).unwrap_or_else(|| panic!("{queue} listed in {listed:?}"));
    assert!(!matches!(printer.state, PrinterState::Stopped(_)), "the test queue is ready: {printer:?}");

    let dir = tempfile::tempdir().unwrap();
    let pdf = slip_file(dir.path());
    let before = listing(&out_dir);
    let job = print_pdf(Some(&queue), &pdf, &JobOptions::new(Media::A5)).expect("the queue accepts the slip");
    assert!(job.id.starts_with(&queue), "CUPS job ids name their queue: {job}");
    let printed = wait_for_new_pdf(&out_dir, &before);
    // cups-pdf re-renders through Ghostscript into Type 3 fonts, so its text no longer extracts:
    // compare what the page looks like instead, and its size and page count.
    let info = tool("pdfinfo", &[], &printed);
    assert!(info.contains("Pages:           1"), "one page comes out:\n{info}");
    assert!(info.contains("(A5)"), "the slip comes out on A5:\n{info}");
    let (sent, got) = (grey_page(&pdf), grey_page(&printed));
    // Page boxes may differ by a fraction of a point, so compare the overlapping pixels.
    assert!(
        sent.0.abs_diff(got.0) <= 2 && sent.1.abs_diff(got.1) <= 2,
        "same page size: {sent:?} vs {got:?}"
    );
    let (w, h) = (sent.0.min(got.0), sent.1.min(got.1));
    let ink = got.2.iter().filter(|p| **p < 128).count() as f64 / got.2.len() as f64;
    assert!(ink > 0.01, "the printed page is not blank");
    // cups-pdf's Ghostscript re-rendering moves glyph edges a little, so no raster is identical;
    // the page printed must correlate with the slip sent clearly better than with another slip
    // of the same layout for a different visitor.
    let other_path = dir.path().join("khac.pdf");
    std::fs::write(&other_path, slip(true)).unwrap();
    let other = grey_page(&other_path);
    let same = correlation(&sent, &got, w, h);
    let different = correlation(&other, &got, w, h);
    println!(
        "correlation of the printed page with the slip sent {same:.3}, with another slip {different:.3}"
    );
    assert!(
        same > 0.55 && same > different + 0.1,
        "the printed page must be the slip sent ({same:.3} vs {different:.3})"
    );
    println!("printed {job} → {}", printed.display());
    std::fs::remove_file(&printed).expect("the test removes the page it printed");

    // A stopped queue is refused up front with its reason.
    let status = Command::new("cupsdisable").args(["-r", "Hết giấy", &queue]).status().unwrap();
    assert!(status.success());
    let err = print_pdf(Some(&queue), &pdf, &JobOptions::new(Media::A5)).unwrap_err();
    Command::new("cupsenable").arg(&queue).status().unwrap();
    assert_eq!(err.code(), "printer_stopped", "{err:?}");
    assert!(err.to_string().contains("Hết giấy"), "the spooler's reason reaches the clerk: {err}");
}
