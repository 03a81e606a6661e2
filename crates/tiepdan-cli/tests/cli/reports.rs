//! `tiepdan report` and `tiepdan opening`: a quarter counted with its cut-off (14/03 in, 15/03 out),
//! the JSON keyed by the form's column numbers, the form written as XLSX and PDF, bad periods refused
//! with one line, and an opening balance carried into the period it opens.

use crate::desk::{visit, Desk};
use crate::print::text;
use calamine::{Data, Reader, Xlsx};
use serde_json::Value;

/// A ward with visits on the first and last day of Quý I 2026 and one on the first day of Quý II.
fn quarter() -> Desk {
    let desk = Desk::ready();
    desk.add_visit(&visit("Nguyễn Văn An", "001089012345", "2025-12-15T08:00:00+07:00"));
    let mut group = visit("Lê Thị Bình", "001189012346", "2026-03-14T16:30:00+07:00");
    group["people_count"] = serde_json::json!(6);
    desk.add_visit(&group);
    desk.add_visit(&visit("Trần Văn Cường", "001089012347", "2026-03-15T08:00:00+07:00"));
    desk
}

fn report(desk: &Desk, args: &[&str]) -> Value {
    let mut all = vec!["report"];
    all.extend_from_slice(args);
    all.push("--json");
    serde_json::from_str(&desk.ok(&all)).expect("report --json prints JSON")
}

#[test]
fn a_quarter_counts_from_the_fifteenth_of_december_to_the_fourteenth_of_march() {
    let desk = quarter();
    let tcd = report(&desk, &["tcd01", "--period", "q1", "--year", "2026"]);
    assert_eq!(tcd["form"], "01/TCD");
    assert_eq!(tcd["unit"], "Phường Hà Đông");
    assert_eq!(tcd["period"], "Quý I năm 2026");
    assert_eq!((tcd["from"].as_str(), tcd["to"].as_str()), (Some("2025-12-15"), Some("2026-03-14")));
    let c = &tcd["columns"];
    assert_eq!(c["1"], 2, "15/12 and 14/03 count, 15/03 is Quý II: {c}");
    assert_eq!(c["2"], 7, "1 + 6 people");
    assert_eq!((c["8"].as_u64(), c["9"].as_u64()), (Some(1), Some(6)), "the six are a group");
    assert_eq!(c["30"], "", "Ghi chú is text, empty without unattended sessions");
    let xld = report(&desk, &["xld01", "--from", "2026-03-15", "--to", "2026-06-14"]);
    assert_eq!(xld["form"], "01/XLD");
    assert_eq!(xld["columns"]["3"], 1, "the custom range takes the 15/03 petition: {}", xld["columns"]);
    assert_eq!(xld["columns"]["14"], 1, "accepted at the desk: within the ward's competence");
}

#[test]
fn the_form_is_written_as_a_spreadsheet_with_numbers_and_as_a_landscape_pdf() {
    let desk = quarter();
    let (xlsx, pdf) = (desk.scratch("q1.xlsx"), desk.scratch("q1.pdf"));
    let x = xlsx.to_str().unwrap();
    let p = pdf.to_str().unwrap();
    desk.ok(&["report", "tcd01", "--period", "q1", "--year", "2026", "--xlsx", x, "--pdf", p]);
    let mut book: Xlsx<_> = calamine::open_workbook(&xlsx).expect("an XLSX file");
    let name = book.sheet_names()[0].clone();
    let sheet = book.worksheet_range(&name).expect("the form's sheet");
    let numbers: Vec<f64> =
        sheet.rows().flatten().filter_map(|c| if let Data::Float(f) = c { Some(*f) } else { None }).collect();
    assert!(numbers.contains(&7.0), "people received, written as a number: {numbers:?}");
    let paper = text(&pdf).expect("pdftotext (poppler-utils) reads the file");
    assert!(paper.contains("TỔNG HỢP KẾT QUẢ TIẾP CÔNG DÂN"), "{paper}");
    assert!(paper.contains("Quý I năm 2026"), "{paper}");
    assert!(paper.contains("PHƯỜNG HÀ ĐÔNG"), "{paper}");
}

#[test]
fn a_bad_period_is_refused_in_one_line_and_nothing_is_written() {
    let desk = quarter();
    let out = desk.scratch("never.xlsx");
    let run = desk.run(&[
        "report",
        "tcd01",
        "--from",
        "2026-03-14",
        "--to",
        "2026-01-01",
        "--xlsx",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 3, "a backwards range is invalid input: {}", run.stderr);
    assert_eq!(run.stderr.trim().lines().count(), 1, "{}", run.stderr);
    assert!(!out.exists(), "nothing is written");
    assert_eq!(desk.run(&["report", "tcd09", "--period", "q1", "--year", "2026"]).code, 2, "unknown form");
    assert_eq!(desk.run(&["report", "tcd01", "--period", "q5", "--year", "2026"]).code, 2, "unknown period");
    assert_eq!(desk.run(&["report", "tcd01", "--period", "q1"]).code, 2, "a period needs its year");
}

#[test]
fn an_opening_balance_enters_the_period_it_opens_and_an_unbalanced_one_is_refused() {
    let desk = quarter();
    // The desk's officer is a clerk on a register without passwords: acting as the OS user, who may
    // do everything on such a register (docs/access.md).
    let unbalanced = desk.run(&["opening", "declare", "xld01", "--from", "2025-12-15", "--column", "2=4"]);
    assert_eq!(
        unbalanced.code, 3,
        "4 carried in but none pending breaks (1) = (4) + (5): {}",
        unbalanced.stderr
    );
    desk.ok(&["opening", "declare", "xld01", "--from", "2025-12-15", "--column", "2=4", "--column", "5=4"]);
    let q1 = report(&desk, &["xld01", "--period", "q1", "--year", "2026"]);
    assert_eq!((q1["columns"]["2"].as_u64(), q1["columns"]["5"].as_u64()), (Some(4), Some(4)));
    let q2 = report(&desk, &["xld01", "--period", "q2", "--year", "2026"]);
    assert_eq!(q2["columns"]["2"], 0, "later periods carry over by computation only");
    let again = desk.run(&[
        "opening",
        "declare",
        "xld01",
        "--from",
        "2025-12-15",
        "--column",
        "2=1",
        "--column",
        "5=1",
    ]);
    assert_eq!(again.code, 3, "declared once per form: {}", again.stderr);
    let listed = desk.ok(&["opening", "list"]);
    assert!(listed.contains("Biểu 01/XLD, từ ngày 15/12/2025: (2) = 4, (5) = 4"), "{listed}");
}
