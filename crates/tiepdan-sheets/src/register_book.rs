//! Sổ tiếp công dân (Mẫu số 03, Thông tư 04/2021/TT-TTCP) for a date range as one worksheet: the
//! issuer and "Mẫu số 03", the title and range, the twelve columns under their header with
//! "Hướng xử lý" merged over columns 8–10, the "(1) … (12)" row, then one row per visit.
//!
//! The rows are the print crate's [`BookRow`]s, built from the same [`RegisterBookForm`] the PDF
//! book takes, so both books say the same thing cell by cell and a masked denouncer is masked in
//! both by the same code. STT is a number cell and "Ngày tiếp" a date cell shown dd/mm/yyyy.

use crate::error::SheetError;
use crate::layout::{blocks, height, put, Span};
use crate::styles::Styles;
use chrono::Datelike;
use rust_xlsxwriter::{ColNum, ExcelDateTime, RowNum, Workbook};
use tiepdan_print::{
    book_issuer, register_book_rows, BookRow, RegisterBookForm, BOOK_CIRCULAR, BOOK_COLUMNS, BOOK_EMPTY,
    BOOK_FORM_NUMBER, BOOK_HANDLING_GROUP,
};

const SIZE: u16 = 10;
/// Column widths in characters, in proportion to the PDF book's millimetres.
const WIDTHS: [f64; 12] = [6.0, 11.0, 28.0, 16.0, 36.0, 14.0, 20.0, 10.0, 11.0, 16.0, 12.0, 22.0];
const A4: u8 = 9;

/// The book of `form` as XLSX bytes; refuses a range that ends before it starts.
pub fn register_book_xlsx(form: &RegisterBookForm) -> Result<Vec<u8>, SheetError> {
    if form.to < form.from {
        return Err(SheetError::Backwards { from: form.from, to: form.to });
    }
    let rows =
        register_book_rows(form).map_err(|_| SheetError::Backwards { from: form.from, to: form.to })?;
    let s = Styles::new(SIZE);
    let mut workbook = Workbook::new();
    // Most of a big book's save is deflating the sheet's XML: level 3 saves about a third of that
    // for files about 6 % larger (rust_xlsxwriter's own measurements; docs/performance.md).
    workbook.set_zip_compression_level(3);
    let ws = workbook.add_worksheet();
    ws.set_name("Sổ tiếp công dân")?;
    for (c, w) in WIDTHS.iter().enumerate() {
        ws.set_column_width(c as ColNum, *w)?;
    }
    let width = WIDTHS.len() as ColNum;
    let (left, right) = blocks(width);
    let all = (0, width - 1);
    let (upstream, issuer) = book_issuer(form.ward);
    put(ws, Span::row(0, left), &upstream, &s.plain_centre)?;
    put(ws, Span::row(0, right), BOOK_FORM_NUMBER, &s.bold_right)?;
    put(ws, Span::row(1, left), &issuer, &s.bold_centre)?;
    put(ws, Span::row(1, right), BOOK_CIRCULAR, &s.italic_right)?;
    put(ws, Span::row(3, all), "SỔ TIẾP CÔNG DÂN", &s.title)?;
    let range = format!("Từ ngày {} đến ngày {}", form.from.format("%d/%m/%Y"), form.to.format("%d/%m/%Y"));
    put(ws, Span::row(4, all), &range, &s.bold_centre)?;
    let top: RowNum = 6;
    let (group, first, last) = BOOK_HANDLING_GROUP;
    for (c, title) in BOOK_COLUMNS.iter().enumerate() {
        let span = if (first..=last).contains(&c) {
            Span::row(top + 1, (c as ColNum, c as ColNum))
        } else {
            Span { first_row: top, first_col: c as ColNum, last_row: top + 1, last_col: c as ColNum }
        };
        put(ws, span, title, &s.head)?;
    }
    put(ws, Span::row(top, (first as ColNum, last as ColNum)), group, &s.head)?;
    ws.set_row_height(top, height(2, SIZE))?;
    ws.set_row_height(top + 1, height(5, SIZE))?;
    for c in 0..width {
        ws.write_string_with_format(top + 2, c, format!("({})", c + 1), &s.number_head)?;
    }
    ws.set_repeat_rows(top, top + 2)?;
    let mut row = top + 3;
    if rows.is_empty() {
        for c in 0..width {
            ws.write_string_with_format(row, c, if c == 4 { BOOK_EMPTY } else { "" }, &s.text)?;
        }
    }
    for r in &rows {
        write_row(ws, row, r, &s)?;
        row += 1;
    }
    ws.set_landscape().set_paper_size(A4).set_print_fit_to_pages(1, 0).set_print_center_horizontally(true);
    ws.set_margins(0.4, 0.4, 0.6, 0.6, 0.3, 0.3);
    Ok(workbook.save_to_buffer()?)
}

fn write_row(
    ws: &mut rust_xlsxwriter::Worksheet,
    row: RowNum,
    r: &BookRow,
    s: &Styles,
) -> Result<(), SheetError> {
    let d = r.received_on;
    let date = ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
    let mark = |on: bool| if on { "x" } else { "" };
    ws.write_number_with_format(row, 0, r.number as f64, &s.count)?;
    ws.write_datetime_with_format(row, 1, &date, &s.date)?;
    ws.write_string_with_format(row, 2, r.person.text(), &s.text)?;
    ws.write_string_with_format(row, 3, &r.id_number, &s.text_centre)?;
    ws.write_string_with_format(row, 4, &r.summary, &s.text)?;
    ws.write_string_with_format(row, 5, &r.classification, &s.text_centre)?;
    ws.write_string_with_format(row, 6, &r.previous_handler, &s.text)?;
    ws.write_string_with_format(row, 7, mark(r.accepted), &s.text_centre)?;
    ws.write_string_with_format(row, 8, mark(r.guided), &s.text_centre)?;
    ws.write_string_with_format(row, 9, r.transfer_text(), &s.text_centre)?;
    ws.write_string_with_format(row, 10, &r.result, &s.text_centre)?;
    ws.write_string_with_format(row, 11, &r.notes, &s.text)?;
    Ok(())
}
