//! What both sheets share: a text spanning a range of cells (merged only when it spans more than
//! one), the left and right blocks of the Nghị định 30/2020 letterhead, and the date line.

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{ColNum, Format, RowNum, Worksheet, XlsxError};

pub(crate) const MOTTO: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
pub(crate) const SUB_MOTTO: &str = "Độc lập - Tự do - Hạnh phúc";

/// A range of cells, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    pub first_row: RowNum,
    pub first_col: ColNum,
    pub last_row: RowNum,
    pub last_col: ColNum,
}

impl Span {
    pub fn row(row: RowNum, (first_col, last_col): (ColNum, ColNum)) -> Span {
        Span { first_row: row, first_col, last_row: row, last_col }
    }
}

/// Writes `text` over `span`: a merged range, or the one cell (Excel refuses a one-cell merge).
pub(crate) fn put(ws: &mut Worksheet, span: Span, text: &str, format: &Format) -> Result<(), XlsxError> {
    if span.first_row == span.last_row && span.first_col == span.last_col {
        ws.write_string_with_format(span.first_row, span.first_col, text, format)?;
    } else {
        ws.merge_range(span.first_row, span.first_col, span.last_row, span.last_col, text, format)?;
    }
    Ok(())
}

/// The columns of the letterhead's left block (the issuer) and right block (the motto, the date
/// line, the head's signature) for a table `width` columns wide: about a third on the left and
/// half on the right, never overlapping.
pub(crate) fn blocks(width: ColNum) -> ((ColNum, ColNum), (ColNum, ColNum)) {
    let last = width.saturating_sub(1);
    let left = (0, (width / 3).saturating_sub(1).min(last));
    let right_first = (width - width / 2).max(left.1 + 1).min(last);
    (left, (right_first, last))
}

/// "Hà Đông, ngày 05 tháng 02 năm 2026": ND 30/2020 writes a leading zero for days below 10 and for
/// months 1 and 2 only (as the print crate's date line does).
pub(crate) fn place_and_date(place: &str, date: NaiveDate) -> String {
    let month = if date.month() <= 2 { format!("{:02}", date.month()) } else { date.month().to_string() };
    // A unit with no place on record (the district's own sheet) still gets a proper date line.
    match place.trim() {
        "" => format!("Ngày {:02} tháng {month} năm {}", date.day(), date.year()),
        place => format!("{place}, ngày {:02} tháng {month} năm {}", date.day(), date.year()),
    }
}

/// A row height in points that shows `lines` lines of `size`-point text.
pub(crate) fn height(lines: usize, size: u16) -> f64 {
    (lines.max(1) as f64) * (size as f64 * 1.3) + 4.0
}

/// About how many lines `text` takes in a cell `chars` characters wide (Excel wraps at words).
pub(crate) fn lines(text: &str, chars: f64) -> usize {
    text.split('\n')
        .map(|part| ((part.chars().count() as f64) / chars.max(1.0)).ceil().max(1.0) as usize)
        .sum()
}
