//! A periodic report (Biểu số 01/TCD, 01/XLD, … of Thông tư 01/2024/TT-TTCP) on A4 landscape,
//! drawn from the one [`ReportSheet`] the XLSX writer draws too.
//!
//! The page opens with the Nghị định 30/2020 header in three blocks: the issuing unit on the left,
//! the national motto with the place-and-date line in the middle, the form's number and its
//! circular on the right. Then the title in bold capitals, the period and its data range, the
//! table (see [`grid`]) and the two signatures: the preparer's on the left, the head's on the
//! right. A form longer than a page continues with its header repeated; the signatures never stand
//! alone at the top of a page without at least the total row above them.

mod grid;

use crate::dates::place_and_date;
use crate::document::{
    caps, centred_lines, issuer_lines, sign_off, sign_off_height, Signature, MOTTO, SUB_MOTTO,
};
use crate::error::PrintError;
use crate::fonts::Style;
use crate::layout::page::{Geometry, MM};
use crate::layout::sheet::{Align, PageNumbers, Sheet};
use crate::layout::wrap::wrap_balanced;
use grid::{Grid, Kind};
use tiepdan_domain::reports::sheet::{ReportSheet, SheetRow};
use tiepdan_domain::reports::CellValue;

/// The preparer's role, printed on the left.
pub const PREPARER: &str = "NGƯỜI LẬP BIỂU";
const PREPARER_NOTE: &str = "(Ký, ghi rõ họ tên)";
const HEAD_NOTE: &str = "(Ký, ghi rõ họ tên, đóng dấu)";
/// Header text size: the landscape sheet carries three blocks side by side.
const HEAD_SIZE: f32 = 11.0;
const BODY_SIZE: f32 = 12.0;

/// A count as Vietnamese paper writes it: "1.234".
fn figure(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

fn cell_text(value: &CellValue) -> String {
    match value {
        CellValue::Count(n) => figure(*n),
        CellValue::Amount(a) => a.vi(),
        CellValue::Text(t) => t.clone(),
    }
}

fn row_texts(row: &SheetRow) -> Vec<String> {
    std::iter::once(row.label.clone()).chain(row.values.iter().map(cell_text)).collect()
}

/// Whether column `i` of the sheet holds text: a Ghi chú, or any text value in a row.
fn kinds(sheet: &ReportSheet) -> Vec<Kind> {
    let rows: Vec<&SheetRow> = sheet.rows.iter().chain(sheet.total.iter()).collect();
    let notes = note_columns(&sheet.header);
    let mut out = vec![Kind::Text];
    for (i, n) in sheet.columns.iter().enumerate() {
        let text = notes.contains(n)
            || rows.iter().any(|r| matches!(r.values.get(i), Some(CellValue::Text(t)) if !t.is_empty()));
        out.push(if text { Kind::Text } else { Kind::Figure });
    }
    out
}

/// The columns whose header leaf is "Ghi chú".
fn note_columns(nodes: &[tiepdan_domain::reports::definition::HeaderNode]) -> Vec<u16> {
    let mut out = Vec::new();
    for node in nodes {
        if node.children.is_empty() && node.label.trim().eq_ignore_ascii_case("Ghi chú") {
            out.extend(node.column);
        }
        out.extend(note_columns(&node.children));
    }
    out
}

/// The three header blocks; leaves the cursor under the date line.
fn letterhead(page: &mut Sheet, report: &ReportSheet) {
    let (x, total) = (page.left(), page.text_width());
    let gutter = 3.0 * MM;
    let (left_w, right_w) = (total * 0.30, total * 0.22);
    let mid_w = total - left_w - right_w - 2.0 * gutter;
    let mid_x = x + left_w + gutter;
    let right_x = mid_x + mid_w + gutter;
    let top = page.y;
    let issuer = (report.issuer.upstream.as_str(), report.issuer.unit.as_str());
    let left_bottom = issuer_lines(page, issuer, (x, left_w), top, HEAD_SIZE);

    let motto = wrap_balanced(page.faces, Style::Bold, HEAD_SIZE, mid_w, MOTTO);
    let y = centred_lines(page, &motto, HEAD_SIZE, (mid_x, mid_w), top);
    let sub = wrap_balanced(page.faces, Style::Bold, BODY_SIZE, mid_w, SUB_MOTTO);
    let y = centred_lines(page, &sub, BODY_SIZE, (mid_x, mid_w), y);
    let sub_w = sub.iter().map(|l| l.width).fold(0.0, f32::max);
    page.rule(mid_x + (mid_w - sub_w) / 2.0, mid_x + (mid_w + sub_w) / 2.0, y + 1.5, 0.6);
    let date = place_and_date(&report.issuer.place, report.dated);
    let date = wrap_balanced(page.faces, Style::Italic, BODY_SIZE, mid_w, &date);
    let mid_bottom = centred_lines(page, &date, BODY_SIZE, (mid_x, mid_w), y + 6.0);

    let number = wrap_balanced(page.faces, Style::Bold, HEAD_SIZE, right_w, &report.form);
    let y = centred_lines(page, &number, HEAD_SIZE, (right_x, right_w), top);
    // "(Ban hành kèm theo" over the circular's name, which is never split between lines.
    let small = HEAD_SIZE - 2.0;
    let lead = wrap_balanced(page.faces, Style::Italic, small, right_w, "(Ban hành kèm theo");
    let y = centred_lines(page, &lead, small, (right_x, right_w), y);
    let circular = wrap_balanced(page.faces, Style::Italic, small, right_w, &format!("{})", report.circular));
    let right_bottom = centred_lines(page, &circular, small, (right_x, right_w), y);

    page.y = left_bottom.max(mid_bottom).max(right_bottom) + 5.0 * MM;
}

/// Title, the uncertain status when there is one, the period and its data range.
fn heading(page: &mut Sheet, report: &ReportSheet) {
    let (x, w) = (page.left(), page.text_width());
    page.flow(x, w, BODY_SIZE + 1.0, Align::Center, 0.0, &[(Style::Bold, &caps(&report.title))]);
    if let Some(status) = &report.status {
        page.flow(x, w, BODY_SIZE - 2.0, Align::Center, 0.0, &[(Style::Italic, status)]);
    }
    page.flow(x, w, BODY_SIZE, Align::Center, 0.0, &[(Style::Bold, &report.period.label_vi)]);
    page.flow(x, w, BODY_SIZE - 1.0, Align::Center, 0.0, &[(Style::Italic, &report.period.range_vi())]);
    page.gap(BODY_SIZE * 0.6);
}

fn signatures(report: &ReportSheet) -> Vec<Signature> {
    let mut preparer = Signature::new(PREPARER, report.preparer.as_deref());
    preparer.note = PREPARER_NOTE;
    let mut head = Signature::new(&report.head_title, report.head.as_deref());
    head.note = HEAD_NOTE;
    vec![preparer, head]
}

/// Renders a filled report form as PDF bytes: A4 landscape, "Trang n/N" at the foot of each page.
pub fn render_report(report: &ReportSheet) -> Result<Vec<u8>, PrintError> {
    if report.rows.is_empty() {
        return Err(PrintError::Invalid("báo cáo không có dòng số liệu nào".into()));
    }
    let mut all_rows = report.rows.iter().chain(report.total.iter());
    if let Some(row) = all_rows.find(|r| r.values.len() != report.columns.len()) {
        return Err(PrintError::Invalid(format!(
            "dòng \"{}\" có {} ô, biểu có {} cột",
            row.label,
            row.values.len(),
            report.columns.len()
        )));
    }
    let mut page =
        Sheet::new(&format!("{} – {}", report.form, report.period.label_vi), Geometry::a4_landscape())?;
    letterhead(&mut page, report);
    heading(&mut page, report);
    let texts: Vec<(Vec<String>, Style)> = report
        .rows
        .iter()
        .map(|r| (row_texts(r), Style::Regular))
        .chain(report.total.iter().map(|r| (row_texts(r), Style::Bold)))
        .collect();
    let figures: Vec<String> = texts.iter().flat_map(|(t, _)| t.iter().skip(1).cloned()).collect();
    let grid = Grid::new(
        &page,
        (page.left(), page.text_width()),
        &report.unit_heading,
        &report.header,
        &report.columns,
        kinds(report),
        &figures,
    );
    let rows: Vec<_> = texts.iter().map(|(t, style)| grid.row_lines(&page, t, *style)).collect();
    let first = rows.first().map(|r| grid.row_height(r)).unwrap_or(0.0);
    page.ensure(grid.header_height(&page) + first);
    grid.header(&mut page);
    let blocks = signatures(report);
    let last = rows.len() - 1;
    for (i, lines) in rows.iter().enumerate() {
        let mut need = grid.row_height(lines);
        // The last row goes over with the signatures rather than leave them alone on a page.
        if i == last {
            need += sign_off_height(&page, &[], &blocks, BODY_SIZE);
        }
        if page.y + need > page.geo.floor() && page.y > page.geo.top {
            page.new_page();
            grid.header(&mut page);
        }
        grid.row(&mut page, lines);
    }
    sign_off(&mut page, &[], &blocks, BODY_SIZE);
    Ok(page.finish(PageNumbers::OfTotal))
}

#[cfg(test)]
mod tests {
    use super::figure;

    #[test]
    fn counts_are_grouped_by_thousands_with_dots() {
        assert_eq!(figure(0), "0");
        assert_eq!(figure(999), "999");
        assert_eq!(figure(1234), "1.234");
        assert_eq!(figure(1234567), "1.234.567");
    }
}
