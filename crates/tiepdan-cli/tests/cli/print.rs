//! `tiepdan print`: forms and the register book written to files, jobs sent to a printer and
//! logged, a failed printer leaving a retryable job and the visit untouched.

use crate::desk::{an_visit, visit, Desk};
use serde_json::Value;
use std::path::Path;
use std::process::Command;

/// The text of a PDF (`pdftotext -layout`), or `None` when poppler-utils is missing.
pub(crate) fn text(pdf: &Path) -> Option<String> {
    let out = Command::new("pdftotext").arg("-layout").arg(pdf).arg("-").output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn log(desk: &Desk) -> Vec<Value> {
    serde_json::from_str(&desk.ok(&["print", "log", "--json"])).expect("print log --json is a JSON list")
}

#[test]
fn a_receipt_is_written_by_receipt_number_and_a_file_alone_is_no_print_job() {
    let desk = Desk::ready();
    desk.add_visit(&visit("Đặng Hữu Ước", "001089012345", "2026-03-02T09:15:00+07:00"));
    let out = desk.scratch("bien-nhan.pdf");
    desk.ok(&["print", "receipt", "0001/2026/A", "--out", out.to_str().unwrap()]);
    let pdf = std::fs::read(&out).expect("the PDF was written");
    assert!(pdf.starts_with(b"%PDF"), "a PDF file");
    if let Some(text) = text(&out) {
        assert!(text.contains("GIẤY BIÊN NHẬN") && text.contains("Đặng Hữu Ước"), "{text}");
    }
    assert!(log(&desk).is_empty(), "writing a file is not printing: nothing logged");
}

#[cfg(unix)]
#[test]
fn a_form_written_over_a_file_others_could_read_is_owner_only_afterwards() {
    use std::os::unix::fs::PermissionsExt;
    let desk = Desk::ready();
    desk.add_visit(&visit("Đặng Hữu Ước", "001089012345", "2026-03-02T09:15:00+07:00"));
    let out = desk.scratch("bien-nhan.pdf");
    std::fs::write(&out, b"an old file").unwrap();
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o644)).unwrap();
    desk.ok(&["print", "receipt", "0001/2026/A", "--out", out.to_str().unwrap()]);
    assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF"));
    let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "a paper with a citizen's identity is the owner's alone: {mode:o}");
}

#[test]
fn every_visit_form_and_the_register_book_are_written_to_files() {
    let desk = Desk::ready();
    let id = desk.add_visit(&an_visit())["id"].as_str().unwrap().to_string();
    // A proposal is transferred to the competent body (a complaint never is: it is guided).
    let mut proposal = visit("Nguyễn Thị Ngọc Ánh", "001189012345", "2026-03-02T10:00:00+07:00");
    proposal["petition"] = serde_json::json!({
        "kind": "proposal", "field": "other", "handling": "transfer",
        "transfer_to": "Công ty Thoát nước Hà Nội"
    });
    let proposal = desk.add_visit(&proposal)["id"].as_str().unwrap().to_string();
    let forms: [&[&str]; 5] = [
        &["appointment", &id, "--at", "2026-03-09 08:00", "--contact", "024 3382 1234"],
        &[
            "guidance",
            &id,
            "--instructions",
            "Gửi đơn đến Tòa án nhân dân khu vực",
            "--missing",
            "Bản sao sổ đỏ",
        ],
        &["transfer", &proposal, "--petition-dated", "2026-03-01"],
        &["record", &id, "--paper", "a5"],
        &["receipt", &id, "--paper", "a4", "--copies", "3"],
    ];
    for args in forms {
        let out = desk.scratch(&format!("{}.pdf", args[0]));
        let mut full = vec!["print"];
        full.extend_from_slice(args);
        full.extend_from_slice(&["--out", out.to_str().unwrap()]);
        desk.ok(&full);
        assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF"), "{} written", args[0]);
    }
    let refused = desk.run(&["print", "refusal", &id, "--out", desk.scratch("r.pdf").to_str().unwrap()]);
    assert_eq!(refused.code, 3, "no refusal was recorded for this visit: {}", refused.stderr);

    let book = desk.scratch("so.pdf");
    desk.ok(&[
        "print",
        "register",
        "--from",
        "2026-03-01",
        "--to",
        "2026-03-31",
        "--out",
        book.to_str().unwrap(),
    ]);
    if let Some(text) = text(&book) {
        assert!(text.contains("SỔ TIẾP CÔNG DÂN") && text.contains("Nguyễn Văn An"), "{text}");
    }
}

#[test]
fn a_missing_printer_logs_a_failed_job_exits_6_and_the_job_can_be_retried() {
    let desk = Desk::ready();
    desk.add_visit(&an_visit());
    let before = desk.ok(&["visit", "show", "0001/2026/A", "--json"]);
    let run = desk.run(&["print", "receipt", "0001/2026/A", "--printer", "Không-có-máy-này"]);
    assert_eq!(run.code, 6, "logged but not printed: {}", run.stderr);
    assert!(run.stderr.contains("tiepdan print retry 1"), "says how to retry: {}", run.stderr);

    let jobs = log(&desk);
    assert_eq!(jobs.len(), 1);
    assert_eq!((jobs[0]["status"].as_str(), jobs[0]["copy"].as_u64()), (Some("failed"), Some(1)));
    assert_eq!(jobs[0]["form"], "receipt");
    // The cause in Vietnamese: no such printer, or (where cupsd is not running) no print service.
    let cause = jobs[0]["attempts"][0]["message"].as_str().unwrap();
    assert!(
        cause.starts_with("Không tìm thấy máy in") || cause.starts_with("Máy tính chưa sẵn sàng in"),
        "{}",
        jobs[0]
    );
    let archive = desk.data_dir().join(jobs[0]["archive"].as_str().unwrap());
    assert!(archive.is_file(), "the PDF is archived even though it did not print");

    let again = desk.run(&["print", "retry", "1", "--printer", "Vẫn-không-có"]);
    assert_eq!(again.code, 6, "{}", again.stderr);
    let jobs = log(&desk);
    assert_eq!(jobs.len(), 1, "a retry is another attempt of the same job");
    assert_eq!(jobs[0]["attempts"].as_array().unwrap().len(), 2);
    assert_eq!(jobs[0]["attempts"][1]["printer"], "Vẫn-không-có");
    assert_eq!(desk.ok(&["visit", "show", "0001/2026/A", "--json"]), before, "the visit is untouched");
    let table = desk.ok(&["print", "log", "--visit", "0001/2026/A"]);
    assert!(table.contains("Giấy biên nhận") && table.contains("Bản gốc"), "{table}");
}

#[test]
fn the_desk_printer_is_chosen_and_cleared_from_the_command_line() {
    let desk = Desk::ready();
    assert!(desk.ok(&["print", "printer", "--set", "Quầy A"]).contains("máy in của quầy: Quầy A"));
    assert!(desk.ok(&["print", "printer", "--clear"]).contains("máy in của quầy: máy in mặc định"));
}

/// The register book written with `--xlsx`, read back as a spreadsheet reader sees it: its rows
/// in reception order with STT as numbers, only the range's visits, and the denouncer masked.
#[test]
fn the_register_book_is_written_as_a_spreadsheet_owner_only_and_audited() {
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let (desk, _, _) = crate::reveal::desk_with_a_denunciation();
    desk.add_visit(&visit("Đặng Hữu Ước", "001089054321", "2026-03-03T08:00:00+07:00"));
    desk.add_visit(&visit("Lê Thị Hằng Nga", "001189054322", "2026-04-01T08:00:00+07:00"));
    let out = desk.scratch("so-tiep.xlsx");
    let said = desk.ok(&[
        "print",
        "register",
        "--from",
        "2026-03-01",
        "--to",
        "2026-03-31",
        "--xlsx",
        out.to_str().unwrap(),
    ]);
    assert!(said.contains("so-tiep.xlsx written"), "{said}");
    let mut book: Xlsx<_> = open_workbook(&out).expect("an XLSX file");
    let name = book.sheet_names()[0].clone();
    let cells = book.worksheet_range(&name).unwrap();
    let numbers = (0..cells.height() as u32)
        .find(|r| cells.get_value((*r, 0)) == Some(&Data::String("(1)".into())))
        .expect("the column numbers row");
    let text = |r: u32, c: u32| match cells.get_value((r, c)) {
        Some(Data::String(s)) => s.clone(),
        _ => String::new(),
    };
    assert_eq!(cells.get_value((numbers + 1, 0)), Some(&Data::Float(1.0)), "STT is a number");
    assert_eq!(text(numbers + 1, 2), crate::reveal::MASKED, "the denouncer is masked by default");
    assert_eq!(cells.get_value((numbers + 2, 0)), Some(&Data::Float(2.0)));
    assert!(text(numbers + 2, 2).starts_with("Đặng Hữu Ước\n"), "{}", text(numbers + 2, 2));
    assert_eq!(cells.get_value((numbers + 3, 0)), None, "April's visit is outside the range");
    let all: Vec<String> = cells.used_cells().map(|(_, _, d)| d.to_string()).collect();
    assert!(!all.iter().any(|t| t.contains("Nguyễn Văn An")), "the denouncer is named nowhere");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "a book of citizens' identities is the owner's alone: {mode:o}");
    }
    let audit: Value = serde_json::from_str(&desk.ok(&["audit", "--json"])).unwrap();
    let exported = audit.as_array().unwrap().iter().find(|e| e["action"] == "exported");
    let detail = exported.and_then(|e| e["detail"].as_str()).unwrap_or_default();
    assert!(detail.contains("(XLSX)") && detail.contains("so-tiep.xlsx"), "the export is audited: {audit}");
}

#[test]
fn a_reversed_or_malformed_range_is_refused_in_one_line_and_writes_nothing() {
    let desk = Desk::ready();
    desk.add_visit(&an_visit());
    let out = desk.scratch("so.xlsx");
    let path = out.to_str().unwrap();
    let reversed =
        desk.run(&["print", "register", "--from", "2026-03-31", "--to", "2026-03-01", "--xlsx", path]);
    assert_eq!(reversed.code, 3, "{}", reversed.stderr);
    assert_eq!(reversed.stderr.trim().lines().count(), 1, "one line: {}", reversed.stderr);
    assert!(reversed.stderr.contains("before --from"), "{}", reversed.stderr);
    let malformed =
        desk.run(&["print", "register", "--from", "2026-02-30", "--to", "2026-03-01", "--xlsx", path]);
    assert_eq!(malformed.code, 2, "{}", malformed.stderr);
    assert!(malformed.stderr.lines().next().unwrap().contains("2026-02-30"), "{}", malformed.stderr);
    assert!(!out.exists(), "nothing was written");
    let audit: Value = serde_json::from_str(&desk.ok(&["audit", "--json"])).unwrap();
    assert!(
        audit.as_array().unwrap().iter().all(|e| e["action"] != "exported"),
        "and nothing audited: {audit}"
    );
}
