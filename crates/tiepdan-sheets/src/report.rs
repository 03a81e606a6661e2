//! A periodic report (Biểu 01/TCD, 01/XLD, …) as one worksheet laid out like the paper form:
//! letterhead, title, period and data range, the unit, the merged header exactly as the form's
//! header tree, the "(1) (2) …" row, one row per unit, the total row in bold, and the signatures.

use crate::error::SheetError;
use crate::header::place;
use crate::layout::{blocks, height, lines, place_and_date, put, Span, MOTTO, SUB_MOTTO};
use crate::styles::Styles;
use rust_xlsxwriter::{ColNum, Format, RowNum, Workbook, Worksheet};
use tiepdan_domain::reports::count::CellValue;
use tiepdan_domain::reports::sheet::{ReportSheet, SheetRow};

const SIZE: u16 = 11;
/// Widths in characters: the unit column, a count column, a text column (Ghi chú).
const UNIT_WIDTH: f64 = 26.0;
const COUNT_WIDTH: f64 = 8.5;
const NOTE_WIDTH: f64 = 22.0;
/// A4 in Excel's paper codes.
const A4: u8 = 9;

/// The report as XLSX bytes: one worksheet named after the form ("01-TCD"), printing on A4
/// landscape one page wide. Counts are number cells, the Ghi chú text cells.
pub fn report_xlsx(sheet: &ReportSheet) -> Result<Vec<u8>, SheetError> {
    for row in sheet.rows.iter().chain(&sheet.total) {
        if row.values.len() != sheet.columns.len() {
            return Err(SheetError::Shape {
                row: row.label.clone(),
                values: row.values.len(),
                columns: sheet.columns.len(),
            });
        }
    }
    let styles = Styles::new(SIZE);
    let mut workbook = Workbook::new();
    // Most of a big book's save is deflating the sheet's XML: level 3 saves about a third of that
    // for files about 6 % larger (rust_xlsxwriter's own measurements; docs/performance.md).
    workbook.set_zip_compression_level(3);
    let ws = workbook.add_worksheet();
    ws.set_name(sheet.form.trim_start_matches("Biểu số ").replace('/', "-"))?;
    let width = (sheet.columns.len() + 1) as ColNum;
    let widths = column_widths(sheet);
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as ColNum, *w)?;
    }
    let mut row = letterhead(ws, sheet, &styles, width)?;
    let depth = sheet.header_depth();
    let top = row;
    header(ws, sheet, &styles, top, depth, &widths)?;
    row += depth as RowNum;
    for (i, n) in sheet.columns.iter().enumerate() {
        ws.write_string_with_format(row, i as ColNum + 1, format!("({n})"), &styles.number_head)?;
    }
    ws.write_string_with_format(row, 0, "", &styles.number_head)?;
    // The header and its numbers repeat on every printed page of a district's long report.
    ws.set_repeat_rows(top, row)?;
    row += 1;
    for r in &sheet.rows {
        data_row(ws, row, r, (&styles.text, &styles.count))?;
        row += 1;
    }
    if let Some(total) = &sheet.total {
        data_row(ws, row, total, (&styles.text_bold, &styles.count_bold))?;
        row += 1;
    }
    signatures(ws, sheet, &styles, row + 1, width)?;
    ws.set_landscape().set_paper_size(A4).set_print_fit_to_pages(1, 0).set_print_center_horizontally(true);
    ws.set_margins(0.4, 0.4, 0.6, 0.6, 0.3, 0.3);
    Ok(workbook.save_to_buffer()?)
}

fn column_widths(sheet: &ReportSheet) -> Vec<f64> {
    let text_column = |i: usize| {
        sheet.rows.iter().chain(&sheet.total).any(|r| matches!(r.values.get(i), Some(CellValue::Text(_))))
    };
    std::iter::once(UNIT_WIDTH)
        .chain((0..sheet.columns.len()).map(|i| if text_column(i) { NOTE_WIDTH } else { COUNT_WIDTH }))
        .collect()
}

/// The letterhead, title, period and unit; returns the first header row.
fn letterhead(
    ws: &mut Worksheet,
    sheet: &ReportSheet,
    s: &Styles,
    width: ColNum,
) -> Result<RowNum, SheetError> {
    let (left, right) = blocks(width);
    let all = (0, width - 1);
    put(ws, Span::row(0, right), &sheet.form, &s.bold_right)?;
    let circular = format!("(Ban hành kèm theo {})", sheet.circular);
    put(ws, Span::row(1, right), &circular, &s.italic_right)?;
    put(ws, Span::row(2, left), &sheet.issuer.upstream, &s.plain_centre)?;
    put(ws, Span::row(2, right), MOTTO, &s.bold_centre)?;
    put(ws, Span::row(3, left), &sheet.issuer.unit, &s.bold_centre)?;
    put(ws, Span::row(3, right), SUB_MOTTO, &s.bold_centre)?;
    let mut row = 5;
    ws.set_row_height(row, height(2, SIZE + 2))?;
    put(ws, Span::row(row, all), &sheet.title, &s.title.clone().set_text_wrap())?;
    row += 1;
    if let Some(status) = &sheet.status {
        put(ws, Span::row(row, all), status, &s.italic_centre)?;
        row += 1;
    }
    put(ws, Span::row(row, all), &sheet.period.label_vi, &s.bold_centre)?;
    put(ws, Span::row(row + 1, all), &sheet.period.range_vi(), &s.italic_centre)?;
    let unit = format!("Đơn vị báo cáo: {}", sheet.issuer.unit);
    put(ws, Span::row(row + 2, all), &unit, &s.plain_centre)?;
    Ok(row + 4)
}

/// The merged header: the unit heading down every header row, then the form's tree.
fn header(
    ws: &mut Worksheet,
    sheet: &ReportSheet,
    s: &Styles,
    top: RowNum,
    depth: usize,
    widths: &[f64],
) -> Result<(), SheetError> {
    let last = top + depth as RowNum - 1;
    put(
        ws,
        Span { first_row: top, first_col: 0, last_row: last, last_col: 0 },
        &sheet.unit_heading,
        &s.head,
    )?;
    // Each header row is as tall as the cells that end on it need (merged cells never grow a row
    // by themselves in Excel).
    let mut needed = vec![1usize; depth];
    for cell in place(&sheet.header, top, 1, depth) {
        put(ws, cell.span, cell.label, &s.head)?;
        let chars: f64 = (cell.span.first_col..=cell.span.last_col).map(|c| widths[c as usize]).sum();
        let rows = (cell.span.last_row - cell.span.first_row + 1) as usize;
        let need = lines(cell.label, chars * 0.95).div_ceil(rows);
        for r in cell.span.first_row..=cell.span.last_row {
            let i = (r - top) as usize;
            needed[i] = needed[i].max(need);
        }
    }
    for (i, n) in needed.iter().enumerate() {
        ws.set_row_height(top + i as RowNum, height(*n, SIZE))?;
    }
    Ok(())
}

fn data_row(
    ws: &mut Worksheet,
    row: RowNum,
    r: &SheetRow,
    (text, count): (&Format, &Format),
) -> Result<(), SheetError> {
    ws.write_string_with_format(row, 0, &r.label, text)?;
    for (i, v) in r.values.iter().enumerate() {
        let col = i as ColNum + 1;
        match v {
            CellValue::Count(n) => ws.write_number_with_format(row, col, *n as f64, count)?,
            // Thousandths of a triệu đồng or m², a number in the General format ("12.5").
            CellValue::Amount(a) => ws.write_number_with_format(row, col, a.0 as f64 / 1000.0, count)?,
            CellValue::Text(t) => ws.write_string_with_format(row, col, t, text)?,
        };
    }
    Ok(())
}

/// "NGƯỜI LẬP BIỂU" on the left, the date line and the head's title on the right, each with its
/// "(Ký, …)" line and, when known, the name under the space left for signing.
fn signatures(
    ws: &mut Worksheet,
    sheet: &ReportSheet,
    s: &Styles,
    row: RowNum,
    width: ColNum,
) -> Result<(), SheetError> {
    let (left, right) = blocks(width);
    let dated = place_and_date(&sheet.issuer.place, sheet.dated);
    let italic = &s.italic_centre;
    put(ws, Span::row(row, right), &dated, italic)?;
    put(ws, Span::row(row + 1, left), "NGƯỜI LẬP BIỂU", &s.bold_centre)?;
    put(ws, Span::row(row + 1, right), &sheet.head_title, &s.bold_centre)?;
    put(ws, Span::row(row + 2, left), "(Ký, ghi rõ họ tên)", italic)?;
    put(ws, Span::row(row + 2, right), "(Ký, ghi rõ họ tên, đóng dấu)", italic)?;
    if let Some(name) = &sheet.preparer {
        put(ws, Span::row(row + 6, left), name, &s.bold_centre)?;
    }
    if let Some(name) = &sheet.head {
        put(ws, Span::row(row + 6, right), name, &s.bold_centre)?;
    }
    Ok(())
}
