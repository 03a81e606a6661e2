//! Biểu 01/TCD from its real definition, written and read back: every figure a number equal to
//! the computed one, the letterhead, title, period and unit on the sheet, and the header merged
//! exactly as the paper form draws it.

use crate::read::read;
use calamine::Data;
use chrono::NaiveDate;
use tiepdan_domain::ids::{SessionId, VisitId};
use tiepdan_domain::reports::count::{compute, CellValue};
use tiepdan_domain::reports::facts::{Facts, SessionFact, VisitFact};
use tiepdan_domain::reports::period::ReportCalendar;
use tiepdan_domain::reports::sheet::{Issuer, ReportSheet, SheetRow};
use tiepdan_domain::reports::{FormKey, PeriodKind};
use tiepdan_domain::sessions::{SessionKind, SessionOutcome, Sitter};
use tiepdan_domain::visit::ReceptionMode;
use tiepdan_sheets::{report_xlsx, SheetError};

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

/// A quarter with regular visits (one a repeat, one a group of six), a head's session with a
/// visit, and a delegated session nobody came to.
fn facts() -> Facts {
    let head = SessionId::new();
    let delegated = SessionId::new();
    let first = VisitId::new();
    let visit = |on, mode, people, matter, no, session| VisitFact {
        id: VisitId::new(),
        on,
        mode,
        people,
        matter,
        matter_visit_no: no,
        session,
    };
    let mut visits = vec![VisitFact {
        id: first,
        on: day(1, 5),
        mode: ReceptionMode::Regular,
        people: 1,
        matter: first,
        matter_visit_no: 1,
        session: None,
    }];
    visits.push(visit(day(2, 9), ReceptionMode::Regular, 1, first, 2, None));
    visits.push(visit(day(2, 10), ReceptionMode::Regular, 6, VisitId::new(), 1, None));
    visits.push(visit(day(3, 2), ReceptionMode::LeaderPeriodic, 2, VisitId::new(), 1, Some(head)));
    let sessions = vec![
        SessionFact {
            id: head,
            on: day(3, 2),
            sat: Sitter::Head,
            kind: SessionKind::Periodic,
            outcome: Some(SessionOutcome::Held),
            visits: 1,
        },
        SessionFact {
            id: delegated,
            on: day(3, 10),
            sat: Sitter::Delegate,
            kind: SessionKind::Periodic,
            outcome: Some(SessionOutcome::Unattended),
            visits: 0,
        },
    ];
    Facts { visits, petitions: vec![], sessions, decisions: vec![] }
}

fn issuer() -> Issuer {
    Issuer {
        upstream: "UBND THÀNH PHỐ HÀ NỘI".into(),
        unit: "UBND PHƯỜNG HÀ ĐÔNG".into(),
        place: "Hà Đông".into(),
    }
}

fn tcd01() -> (ReportSheet, std::collections::BTreeMap<u16, CellValue>) {
    let def = FormKey::Tcd01.definition().expect("01/TCD is defined");
    let period = ReportCalendar::default().period(PeriodKind::Quarter(1), 2026).unwrap();
    let computed = compute(def, &facts(), &period, &[]).expect("the quarter adds up");
    let sheet = ReportSheet::of_unit(def, &computed, period, issuer(), day(3, 16));
    (sheet, computed.columns)
}

#[test]
fn every_figure_of_01_tcd_is_a_number_cell_equal_to_the_computed_value() {
    let (sheet, columns) = tcd01();
    assert!(
        columns.values().any(|v| v.count() > 0),
        "the fixture must fill some cells, or this proves nothing"
    );
    let book = read(&report_xlsx(&sheet).unwrap());
    assert_eq!(book.name, "01-TCD");
    let numbers = book.row_of(1, "(1)");
    for n in 1..=30u16 {
        assert_eq!(book.text(numbers, n as u32), format!("({n})"), "column ({n}) is numbered in order");
    }
    let row = numbers + 1;
    assert_eq!(book.text(row, 0), "UBND PHƯỜNG HÀ ĐÔNG", "the unit's row is labelled");
    for (n, value) in &columns {
        let cell = book.cells.get_value((row, *n as u32)).cloned().unwrap_or(Data::Empty);
        match value {
            CellValue::Count(c) => {
                assert_eq!(cell, Data::Float(*c as f64), "column ({n}) is the number {c}, not text")
            }
            CellValue::Amount(a) => {
                assert_eq!(cell, Data::Float(a.0 as f64 / 1000.0), "column ({n}) is the amount {a}")
            }
            CellValue::Text(t) if t.is_empty() => {
                assert!(matches!(cell, Data::Empty) || cell == Data::String(String::new()), "({n}) blank")
            }
            CellValue::Text(t) => assert_eq!(cell, Data::String(t.clone()), "column ({n}) is its note"),
        }
    }
    assert!(
        matches!(&columns[&30], CellValue::Text(t) if !t.is_empty()),
        "the unattended delegated session fills Ghi chú, so a text cell is checked too"
    );
}

#[test]
fn the_sheet_carries_the_letterhead_title_period_unit_and_signatures() {
    let (sheet, _) = tcd01();
    let text = read(&report_xlsx(&sheet).unwrap()).all_text();
    for line in [
        "Biểu số 01/TCD",
        "(Ban hành kèm theo Thông tư 01/2024/TT-TTCP)",
        "UBND THÀNH PHỐ HÀ NỘI",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "TỔNG HỢP KẾT QUẢ TIẾP CÔNG DÂN THƯỜNG XUYÊN, ĐỊNH KỲ VÀ ĐỘT XUẤT",
        "Quý I năm 2026",
        "(Số liệu tính từ ngày 15/12/2025 đến ngày 14/03/2026)",
        "Đơn vị báo cáo: UBND PHƯỜNG HÀ ĐÔNG",
        "NGƯỜI LẬP BIỂU",
        "THỦ TRƯỞNG ĐƠN VỊ",
        "(Ký, ghi rõ họ tên, đóng dấu)",
        "Hà Đông, ngày 16 tháng 3 năm 2026",
    ] {
        assert!(text.lines().any(|l| l == line), "the sheet shows {line:?}:\n{text}");
    }
}

/// The header of Biểu 01/TCD as the paper form draws it, as (row, col, last row, last col) from
/// the "Đơn vị" cell: four header rows; a group spans its leaves; a leaf reaches the last row.
fn tcd01_merges() -> Vec<(u32, u32, u32, u32)> {
    let mut m = vec![
        (0, 0, 3, 0),  // Đơn vị
        (0, 1, 0, 3),  // Tổng số
        (1, 1, 3, 1),  // Lượt
        (1, 2, 3, 2),  // Người
        (1, 3, 3, 3),  // Vụ việc
        (0, 4, 0, 11), // Tiếp thường xuyên
        (1, 4, 3, 4),
        (1, 5, 3, 5),
        (1, 6, 1, 7), // Vụ việc
        (2, 6, 3, 6),
        (2, 7, 3, 7),
        (1, 8, 1, 11), // Đoàn đông người
        (2, 8, 3, 8),
        (2, 9, 3, 9),
        (2, 10, 2, 11), // its Vụ việc; (10) and (11) sit on the last row alone
        (0, 30, 3, 30), // Ghi chú
    ];
    // Thủ trưởng tiếp (12–20) and ủy quyền (21–29) have one more leaf, Số kỳ tiếp, in front.
    for first in [12, 21] {
        m.extend([
            (0, first, 0, first + 8),
            (1, first, 3, first),
            (1, first + 1, 3, first + 1),
            (1, first + 2, 3, first + 2),
            (1, first + 3, 1, first + 4),
            (2, first + 3, 3, first + 3),
            (2, first + 4, 3, first + 4),
            (1, first + 5, 1, first + 8),
            (2, first + 5, 3, first + 5),
            (2, first + 6, 3, first + 6),
            (2, first + 7, 2, first + 8),
        ]);
    }
    m.sort();
    m
}

#[test]
fn the_merged_header_of_01_tcd_is_the_forms_own() {
    let (sheet, _) = tcd01();
    let book = read(&report_xlsx(&sheet).unwrap());
    let top = book.row_of(0, "Đơn vị");
    let numbers = book.row_of(1, "(1)");
    assert_eq!(numbers, top + 4, "four header rows, then the column numbers");
    let header: Vec<_> = book
        .merged
        .iter()
        .filter(|m| m.0 >= top && m.2 < numbers)
        .map(|m| (m.0 - top, m.1, m.2 - top, m.3))
        .collect();
    assert_eq!(header, tcd01_merges());
    assert_eq!(book.text(top, 4), "Tiếp thường xuyên");
    assert_eq!(book.text(top, 12), "Tiếp định kỳ và đột xuất của Thủ trưởng");
    assert_eq!(book.text(top + 2, 8), "Số đoàn");
    assert_eq!(book.text(top + 3, 10), "Tiếp lần đầu");
    assert_eq!(book.text(top, 30), "Ghi chú");
}

#[test]
fn a_district_report_has_a_row_per_ward_and_a_total_row() {
    let (mut sheet, columns) = tcd01();
    let values = sheet.rows[0].values.clone();
    sheet.rows = vec![
        SheetRow { label: "Phường Hà Đông".into(), code: Some("10105".into()), values: values.clone() },
        SheetRow {
            label: "Phường Yên Nghĩa".into(), code: Some("10106".into()), values: values.clone()
        },
    ];
    let doubled = values
        .iter()
        .map(|v| match v {
            CellValue::Count(n) => CellValue::Count(2 * n),
            t => t.clone(),
        })
        .collect();
    sheet.total = Some(SheetRow { label: "Tổng cộng".into(), code: None, values: doubled });
    let book = read(&report_xlsx(&sheet).unwrap());
    let first = book.row_of(1, "(1)") + 1;
    assert_eq!(book.text(first, 0), "Phường Hà Đông");
    assert_eq!(book.text(first + 1, 0), "Phường Yên Nghĩa");
    assert_eq!(book.text(first + 2, 0), "Tổng cộng");
    let lượt = columns[&1].count() as f64;
    assert_eq!(book.cells.get_value((first + 2, 1)), Some(&Data::Float(2.0 * lượt)), "the total is a number");
}

#[test]
fn a_row_that_does_not_fit_the_columns_is_refused() {
    let (mut sheet, _) = tcd01();
    sheet.rows[0].values.pop();
    assert!(matches!(report_xlsx(&sheet), Err(SheetError::Shape { values: 29, columns: 30, .. })));
}
