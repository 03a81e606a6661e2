//! Sổ tiếp công dân (Mẫu số 03, Thông tư 04/2021/TT-TTCP) for a date range: A4 landscape, the
//! twelve columns of the official form, the header row repeated on every page, "Trang n/N".
//!
//! This is the only form that prints a "Mẫu số": it is the only number `shared/domain.md` confirms.
//! The book stays at the ward, but a copy may be shown to people not cleared to see denouncers, so
//! the caller decides whether denouncers' identities are masked.

use crate::dates::dmy;
use crate::document::{issuer_block, title};
use crate::error::PrintError;
use crate::fonts::Style;
use crate::forms::register_rows::{
    register_book_rows, BookPerson, BookRow, BOOK_CIRCULAR, BOOK_COLUMNS, BOOK_EMPTY, BOOK_HANDLING_GROUP,
};
use crate::forms::transfer::PROTECTED_DENOUNCER;
use crate::layout::page::{Geometry, MM};
use crate::layout::sheet::{Align, PageNumbers, Sheet};
use crate::layout::table::{Cell, Column, Group, Table};
use chrono::NaiveDate;
use tiepdan_domain::officer::WardProfile;
use tiepdan_domain::visit::Visit;

pub const FORM_NUMBER: &str = "Mẫu số 03";

#[derive(Debug, Clone, Copy)]
pub struct RegisterBookForm<'a> {
    pub ward: &'a WardProfile,
    /// The visits of the period, in any order; the book lists them by reception time.
    pub visits: &'a [Visit],
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Print "Người tố cáo (được bảo mật)" instead of a denouncer's name, address and ID.
    pub protect_denouncers: bool,
}

const SIZE: f32 = 9.0;
/// Under the STT of a row continued from the page before.
const CONTINUED: &str = "(tiếp)";
const HEADER_SIZE: f32 = 8.5;

fn columns() -> Vec<Column> {
    // Wide enough for "(tiếp)" under the number of a row continued from the page before (STT), and
    // for a petition's number ("BN ĐT-0007/2026/A") and a letter number unbroken (Ghi chú).
    let widths = [11.0, 17.0, 36.0, 23.0, 36.0, 19.0, 22.0, 14.0, 16.0, 20.0, 14.0, 24.0];
    let left = [2, 4, 6, 11];
    BOOK_COLUMNS
        .iter()
        .zip(widths)
        .enumerate()
        .map(|(i, (title, mm))| Column {
            title,
            width: mm * MM,
            align: if left.contains(&i) { Align::Left } else { Align::Center },
        })
        .collect()
}

/// Columns 8–10 are the three ways of "Hướng xử lý" under one merged title, as Mẫu số 03 draws them.
const GROUPS: &[Group] =
    &[Group { title: BOOK_HANDLING_GROUP.0, first: BOOK_HANDLING_GROUP.1, last: BOOK_HANDLING_GROUP.2 }];

fn plain(text: impl Into<String>) -> Cell {
    vec![(Style::Regular, text.into())]
}

/// The shared row drawn in PDF styles: names bold, a protected denouncer in italics.
fn cells(row: &BookRow) -> Vec<Cell> {
    let person: Cell = match &row.person {
        BookPerson::Protected => vec![(Style::Italic, PROTECTED_DENOUNCER.to_string())],
        BookPerson::Named { people, suffix } => {
            let mut cell = Vec::new();
            for (i, (name, address)) in people.iter().enumerate() {
                cell.push((Style::Bold, if i == 0 { name.clone() } else { format!("\n{name}") }));
                if let Some(a) = address {
                    cell.push((Style::Regular, format!("\n{a}")));
                }
            }
            if cell.is_empty() {
                cell.push((Style::Bold, String::new()));
            }
            if let Some(s) = suffix {
                cell.push((Style::Regular, format!("\n{s}")));
            }
            cell
        }
    };
    let mark = |on: bool| plain(if on { "x" } else { "" });
    vec![
        plain(row.number.to_string()),
        plain(dmy(row.received_on)),
        person,
        plain(row.id_number.clone()),
        plain(row.summary.clone()),
        plain(row.classification.clone()),
        plain(row.previous_handler.clone()),
        mark(row.accepted),
        mark(row.guided),
        plain(row.transfer_text()),
        plain(row.result.clone()),
        plain(row.notes.clone()),
    ]
}

pub fn render_register_book(form: &RegisterBookForm) -> Result<Vec<u8>, PrintError> {
    let rows = register_book_rows(form)?;
    let mut sheet = Sheet::new("Sổ tiếp công dân", Geometry::a4_landscape())?;
    let (x, w) = (sheet.left(), sheet.text_width());
    let top = sheet.y;
    let bottom = issuer_block(&mut sheet, form.ward, x, w * 0.35, top, 11.0);
    sheet.text(Align::Right, (x, w), top, Style::Bold, 11.0, FORM_NUMBER);
    sheet.text(Align::Right, (x, w), top + 13.0, Style::Italic, 9.5, BOOK_CIRCULAR);
    sheet.y = bottom + 4.0;
    let period = format!("Từ ngày {} đến ngày {}", dmy(form.from), dmy(form.to));
    title(&mut sheet, "Sổ tiếp công dân", Some(&period), 13.0);
    let columns = columns();
    let table =
        Table { columns: &columns, groups: GROUPS, x, size: SIZE, header_size: HEADER_SIZE, numbered: true };
    table.header(&mut sheet);
    if rows.is_empty() {
        let mut empty = vec![plain(""); 12];
        empty[4] = plain(BOOK_EMPTY);
        table.row(&mut sheet, &empty, CONTINUED);
    }
    for row in &rows {
        table.row(&mut sheet, &cells(row), CONTINUED);
    }
    Ok(sheet.finish(PageNumbers::OfTotal))
}
