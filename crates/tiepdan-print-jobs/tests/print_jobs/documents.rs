//! Papers of no single visit: the register book of a date range and a periodic report, printed
//! through the stand-in spooler and exported to a file, each in the access audit.

use crate::common::{desk, pdf_text, FakeSpooler};
use chrono::NaiveDate;
use std::collections::BTreeMap;
use tiepdan_domain::access::AccessAction;
use tiepdan_domain::reports::sheet::{Issuer, ReportSheet};
use tiepdan_domain::reports::{CellValue, Computed, FormKey, ReportPeriod};
use tiepdan_print_jobs::{export_report, print_register_book, print_report};
use tiepdan_register::{AccessEntry, AccessQuery, Register};

fn audit(register: &Register, owner: &tiepdan_register::Actor<'_>) -> Vec<AccessEntry> {
    register.access_log(owner, &AccessQuery::default()).unwrap()
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

fn report() -> ReportSheet {
    let def = FormKey::Tcd01.definition().unwrap();
    let period = ReportPeriod {
        from: NaiveDate::from_ymd_opt(2025, 12, 15).unwrap(),
        to: NaiveDate::from_ymd_opt(2026, 3, 14).unwrap(),
        label_vi: "Quý I năm 2026".into(),
    };
    let columns: BTreeMap<u16, CellValue> = def.columns.iter().map(|c| (c.n, CellValue::Count(7))).collect();
    let computed = Computed { form: def.form.clone(), from: period.from, to: period.to, columns };
    let issuer = Issuer {
        upstream: "UBND Thành phố Hà Nội".into(),
        unit: "UBND Phường Hà Đông".into(),
        place: "Hà Đông".into(),
    };
    ReportSheet::of_unit(def, &computed, period, issuer, NaiveDate::from_ymd_opt(2026, 3, 16).unwrap())
}

#[test]
fn the_register_book_of_a_range_goes_to_the_printer_and_into_the_audit() {
    let mut d = desk();
    let dir = d.data_dir().to_path_buf();
    let spooler = FakeSpooler::default();
    let sent = print_register_book(&mut d.register, &dir, &spooler, (day(1), day(30)), true, None, &d.owner)
        .unwrap();
    assert!(sent.sent(), "the book was queued: {sent:?}");
    assert_eq!(sent.printer.as_deref(), Some("Quầy A"), "the default printer took it");
    let jobs = spooler.sent.borrow();
    assert_eq!(jobs.len(), 1);
    assert_eq!(jobs[0].options.title, "Sổ tiếp công dân 01/11/2026 – 30/11/2026");
    if let Some(text) = pdf_text(&jobs[0].pdf) {
        assert!(text.contains("SỔ TIẾP CÔNG DÂN"), "the paper is the book: {text}");
        assert!(text.contains("Đặng Hữu Ước"), "the book lists the visit of the range");
    }
    let printed: Vec<_> =
        audit(&d.register, &d.owner).into_iter().filter(|e| e.action == AccessAction::Printed).collect();
    assert_eq!(printed.len(), 1, "printing the book is audited once");
    assert_eq!(printed[0].detail, "Sổ tiếp công dân 01/11/2026 – 30/11/2026 → Quầy A");
}

#[test]
fn a_stopped_printer_is_an_outcome_of_the_print_and_is_audited_too() {
    let mut d = desk();
    let dir = d.data_dir().to_path_buf();
    let spooler = FakeSpooler::default();
    *spooler.stopped.borrow_mut() = true;
    let sent = print_report(&mut d.register, &dir, &spooler, &report(), None, &d.owner).unwrap();
    assert!(!sent.sent(), "nothing was queued");
    assert_eq!(sent.error_code.as_deref(), Some("printer_stopped"), "the clerk is told why: {sent:?}");
    assert!(sent.message.as_deref().unwrap_or("").contains("Hết giấy"), "with the printer's own reason");
    let printed = audit(&d.register, &d.owner);
    let printed = printed.iter().find(|e| e.action == AccessAction::Printed).expect("the attempt is audited");
    assert!(printed.detail.starts_with("Biểu số 01/TCD Quý I năm 2026"), "{}", printed.detail);
    assert!(printed.detail.contains("printer_stopped"), "{}", printed.detail);
}

#[test]
fn a_report_exported_to_a_file_is_its_pdf_and_is_audited_as_an_export() {
    let mut d = desk();
    let out = d.data_dir().join("bao-cao-quy-1.pdf");
    let bytes = export_report(&mut d.register, &d.owner, &report(), &out).unwrap();
    let pdf = std::fs::read(&out).unwrap();
    assert_eq!(pdf.len(), bytes, "the size returned is the file's");
    if let Some(text) = pdf_text(&pdf) {
        assert!(text.contains("TỔNG HỢP KẾT QUẢ TIẾP CÔNG DÂN"), "the file is the report: {text}");
        assert!(text.contains("Quý I năm 2026"));
    }
    let exported: Vec<_> =
        audit(&d.register, &d.owner).into_iter().filter(|e| e.action == AccessAction::Exported).collect();
    assert_eq!(exported.len(), 1, "the export is audited once");
    assert_eq!(exported[0].detail, format!("Biểu số 01/TCD Quý I năm 2026 → {}", out.display()));
}
