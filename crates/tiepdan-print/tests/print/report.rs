//! The periodic reports on paper: the forms' own words, the unit and period, the figures, A4
//! landscape, and a district's sixty wards continuing over pages with the header on each.

use crate::pdf::{joined, write, Rendered};
use chrono::NaiveDate;
use std::collections::BTreeMap;
use tiepdan_domain::reports::sheet::{Issuer, ReportSheet, SheetRow};
use tiepdan_domain::reports::{CellValue, Computed, Definition, FormKey, ReportPeriod};
use tiepdan_print::render_report;

fn period() -> ReportPeriod {
    ReportPeriod {
        from: NaiveDate::from_ymd_opt(2025, 12, 15).unwrap(),
        to: NaiveDate::from_ymd_opt(2026, 3, 14).unwrap(),
        label_vi: "Quý I năm 2026".into(),
    }
}

fn issuer() -> Issuer {
    Issuer {
        upstream: "UBND Thành phố Hà Nội".into(),
        unit: "UBND Phường Hà Đông".into(),
        place: "Hà Đông".into(),
    }
}

/// Column n holds 100 + n, except the notes, which say what they say.
fn computed(def: &Definition) -> Computed {
    let columns: BTreeMap<u16, CellValue> = def
        .columns
        .iter()
        .map(|c| {
            let v = match &c.note {
                Some(_) => CellValue::Text("02 kỳ tiếp không có công dân đến".into()),
                None => CellValue::Count(100 + c.n as u64),
            };
            (c.n, v)
        })
        .collect();
    let p = period();
    Computed { form: def.form.clone(), from: p.from, to: p.to, columns }
}

fn sheet(key: FormKey) -> ReportSheet {
    let def = key.definition().expect("this build defines the form");
    let dated = NaiveDate::from_ymd_opt(2026, 3, 16).unwrap();
    ReportSheet::of_unit(def, &computed(def), period(), issuer(), dated)
}

/// Media box width and height in points, from pdfinfo's "Page size".
fn page_points(pdf: &Rendered) -> (f64, f64) {
    let size = pdf.info("Page size");
    let mut nums = size.split_whitespace().filter_map(|t| t.parse::<f64>().ok());
    (nums.next().unwrap(), nums.next().unwrap())
}

#[test]
fn a_wards_01_tcd_carries_its_title_unit_period_and_figures_on_a_landscape_page() {
    let pdf = write("report-tcd01", &render_report(&sheet(FormKey::Tcd01)).unwrap());
    pdf.assert_sound();
    let (w, h) = page_points(&pdf);
    assert!(w > h, "a report is printed landscape ({w} × {h} pt)");
    assert_eq!(pdf.page_size_mm(), (297, 210), "on A4");
    pdf.assert_within_margins(297.0, 210.0);
    assert_eq!(pdf.page_count(), 1, "one ward's 01/TCD fits one page");
    let text = joined(&pdf.raw_text());
    for phrase in [
        "TỔNG HỢP KẾT QUẢ TIẾP CÔNG DÂN THƯỜNG XUYÊN, ĐỊNH KỲ VÀ ĐỘT XUẤT",
        "Biểu số 01/TCD",
        "UBND PHƯỜNG HÀ ĐÔNG",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Hà Đông, ngày 16 tháng 3 năm 2026",
        "Quý I năm 2026",
        "(Số liệu tính từ ngày 15/12/2025 đến ngày 14/03/2026)",
        "NGƯỜI LẬP BIỂU",
        "THỦ TRƯỞNG ĐƠN VỊ",
        "(Ký, ghi rõ họ tên, đóng dấu)",
        "Tiếp định kỳ và đột xuất của Thủ trưởng",
    ] {
        assert!(text.contains(phrase), "the report shows {phrase:?}: {text}");
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    for n in [101, 104, 112, 129] {
        assert!(words.contains(&n.to_string().as_str()), "column ({}) shows its figure {n}", n - 100);
    }
    assert!(words.contains(&"(30)"), "the numbers row reaches column (30)");
    assert!(text.contains("02 kỳ tiếp không có công dân đến"), "the Ghi chú text is printed whole");
}

#[test]
fn a_wards_01_xld_prints_its_own_header_and_figures() {
    let pdf = write("report-xld01", &render_report(&sheet(FormKey::Xld01)).unwrap());
    pdf.assert_sound();
    pdf.assert_within_margins(297.0, 210.0);
    let text = joined(&pdf.raw_text());
    for phrase in ["Biểu số 01/XLD", "Kết quả xử lý đơn", "Quý I năm 2026", "UBND PHƯỜNG HÀ ĐÔNG"]
    {
        assert!(text.contains(phrase), "01/XLD shows {phrase:?}: {text}");
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    for n in [101, 106, 114, 122] {
        assert!(words.contains(&n.to_string().as_str()), "column ({}) shows its figure {n}", n - 100);
    }
}

/// A district's 01/TCD: one row per ward (ward k has k in column 1) and the total row.
fn district(wards: u64) -> ReportSheet {
    let mut s = sheet(FormKey::Tcd01);
    s.issuer = Issuer {
        upstream: "UBND Thành phố Hà Nội".into(),
        unit: "UBND Quận Hà Đông".into(),
        place: "Hà Đông".into(),
    };
    let blank = s.rows[0].values.iter().map(|v| match v {
        CellValue::Count(_) | CellValue::Amount(_) => CellValue::Count(0),
        CellValue::Text(_) => CellValue::Text(String::new()),
    });
    let blank: Vec<CellValue> = blank.collect();
    s.rows = (1..=wards)
        .map(|k| {
            let mut values = blank.clone();
            values[0] = CellValue::Count(k);
            SheetRow { label: format!("Phường Số {k}"), code: Some(format!("{:05}", 10000 + k)), values }
        })
        .collect();
    let mut total = blank;
    total[0] = CellValue::Count(wards * (wards + 1) / 2);
    s.total = Some(SheetRow { label: "Tổng cộng".into(), code: None, values: total });
    s
}

#[test]
fn a_districts_sixty_wards_continue_over_pages_each_with_the_header() {
    let pdf = write("report-district", &render_report(&district(60)).unwrap());
    pdf.assert_sound();
    pdf.assert_within_margins(297.0, 210.0);
    let pages = pdf.pages_text();
    assert!(pages.len() >= 2, "sixty wards need more than one page, got {}", pages.len());
    let mut seen = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        let text = joined(page);
        assert!(
            text.contains("Tiếp định kỳ và đột xuất của Thủ trưởng") && text.contains("(30)"),
            "page {} repeats the header and its numbers row: {text}",
            i + 1
        );
        assert!(text.contains(&format!("Trang {}/{}", i + 1, pages.len())), "page {} is numbered", i + 1);
        let words: Vec<&str> = text.split_whitespace().collect();
        seen.extend(words.windows(2).filter(|w| w[0] == "Số").filter_map(|w| w[1].parse::<u64>().ok()));
    }
    assert_eq!(seen, (1..=60).collect::<Vec<_>>(), "every ward is printed once, in order");
    let last = joined(pages.last().unwrap());
    assert!(last.contains("Tổng cộng 1.830"), "the total row closes the table: {last}");
    assert!(last.contains("NGƯỜI LẬP BIỂU"), "the signatures follow the total on the last page");
}

#[test]
fn a_sheet_whose_rows_do_not_match_its_columns_is_refused() {
    let mut s = sheet(FormKey::Tcd01);
    s.rows[0].values.pop();
    assert!(
        render_report(&s).is_err(),
        "a row short of a column would print figures under the wrong heading"
    );
}
