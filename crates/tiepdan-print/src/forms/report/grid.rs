//! The report's table: the merged multi-level header drawn from the definition's header tree, the
//! row of column numbers, and the figure rows, repeated header and all on every page.
//!
//! A group cell spans exactly its leaves; a leaf that sits higher than the deepest branch extends
//! down to the last header row, as the official forms draw it. Up to ~30 numbered columns share
//! the landscape width, so the header and the figures take the largest sizes at which their
//! longest word and widest figure fit their narrowest cell (never below a legible floor; a word
//! still too long is cut between characters by the wrapper rather than crossing a rule).

use crate::fonts::Style;
use crate::layout::sheet::{Sheet, LEADING};
use crate::layout::wrap::{wrap, wrap_plain, Line};
use tiepdan_domain::reports::definition::HeaderNode;

/// Padding inside a cell, points.
const PAD: f32 = 1.6;
const BORDER: f32 = 0.5;
/// Sizes the header and the figures may take, points.
const HEADER_SIZES: (f32, f32) = (5.5, 9.0);
const FIGURE_SIZES: (f32, f32) = (6.0, 9.0);

/// One merged header cell: its label, its columns (index into the table's columns, the unit's
/// column being 0) and its header rows.
struct HeaderCell {
    label: String,
    first: usize,
    last: usize,
    row: usize,
    rows: usize,
}

/// Column alignment for figure rows.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// The unit's name, and the Ghi chú text: left, wrapped.
    Text,
    /// A count: right-aligned, never wrapped in practice.
    Figure,
}

pub(super) struct Grid {
    x: f32,
    widths: Vec<f32>,
    kinds: Vec<Kind>,
    cells: Vec<HeaderCell>,
    /// The column numbers under the header ("(1)" …), blank over the unit's column.
    numbers: Vec<String>,
    depth: usize,
    pub header_size: f32,
    pub figure_size: f32,
}

fn collect(nodes: &[HeaderNode], depth: usize, row: usize, next: &mut usize, out: &mut Vec<HeaderCell>) {
    for node in nodes {
        let first = *next;
        if node.children.is_empty() {
            *next += 1;
            out.push(HeaderCell { label: node.label.clone(), first, last: first, row, rows: depth - row });
        } else {
            collect(&node.children, depth, row + 1, next, out);
            out.push(HeaderCell { label: node.label.clone(), first, last: *next - 1, row, rows: 1 });
        }
    }
}

impl Grid {
    /// Lays out the columns across `width` from `x`: the unit's column first (11 %), text columns three
    /// times as wide as a figure column. `figures` are every value that will be drawn, to size
    /// the figure font.
    pub(super) fn new(
        sheet: &Sheet,
        (x, width): (f32, f32),
        unit_heading: &str,
        header: &[HeaderNode],
        columns: &[u16],
        kinds: Vec<Kind>,
        figures: &[String],
    ) -> Grid {
        let depth = header.iter().map(HeaderNode::depth).max().unwrap_or(1);
        let mut cells =
            vec![HeaderCell { label: unit_heading.into(), first: 0, last: 0, row: 0, rows: depth }];
        let mut next = 1;
        collect(header, depth, 0, &mut next, &mut cells);
        let unit_w = width * 0.11;
        let weight = |k: &Kind| if *k == Kind::Text { 3.0 } else { 1.0 };
        let units: f32 = kinds.iter().skip(1).map(weight).sum();
        let per = (width - unit_w) / units.max(1.0);
        let widths: Vec<f32> =
            kinds.iter().enumerate().map(|(i, k)| if i == 0 { unit_w } else { per * weight(k) }).collect();
        let mut numbers = vec![String::new()];
        numbers.extend(columns.iter().map(|n| format!("({n})")));
        let mut grid =
            Grid { x, widths, kinds, cells, numbers, depth, header_size: HEADER_SIZES.1, figure_size: 0.0 };
        grid.header_size = grid.fitting_header_size(sheet);
        grid.figure_size = grid.fitting_figure_size(sheet, figures);
        grid
    }

    fn span_width(&self, first: usize, last: usize) -> f32 {
        self.widths[first..=last].iter().sum()
    }

    fn left_of(&self, i: usize) -> f32 {
        self.x + self.widths[..i].iter().sum::<f32>()
    }

    /// The largest header size at which every label's longest word fits its cell.
    fn fitting_header_size(&self, sheet: &Sheet) -> f32 {
        let mut size = HEADER_SIZES.1;
        let mut fit = |text: &str, room: f32, style: Style| {
            for word in text.split_whitespace() {
                let w = sheet.width(style, 1.0, word);
                if w > 0.0 {
                    size = size.min(room / w);
                }
            }
        };
        for c in &self.cells {
            fit(&c.label, self.span_width(c.first, c.last) - 2.0 * PAD, Style::Bold);
        }
        for (n, w) in self.numbers.iter().zip(&self.widths) {
            fit(n, w - 2.0 * PAD, Style::Italic);
        }
        ((size * 4.0).floor() / 4.0).clamp(HEADER_SIZES.0, HEADER_SIZES.1)
    }

    fn fitting_figure_size(&self, sheet: &Sheet, figures: &[String]) -> f32 {
        let narrowest = self
            .widths
            .iter()
            .zip(&self.kinds)
            .filter(|(_, k)| **k == Kind::Figure)
            .map(|(w, _)| *w)
            .fold(f32::MAX, f32::min);
        let widest = figures.iter().map(|f| sheet.width(Style::Bold, 1.0, f)).fold(0.0, f32::max);
        let size = if widest > 0.0 { (narrowest - 2.0 * PAD) / widest } else { FIGURE_SIZES.1 };
        ((size * 4.0).floor() / 4.0).clamp(FIGURE_SIZES.0, FIGURE_SIZES.1)
    }

    fn header_lines(&self, sheet: &Sheet, cell: &HeaderCell) -> Vec<Line> {
        let w = self.span_width(cell.first, cell.last) - 2.0 * PAD;
        wrap_plain(sheet.faces, Style::Bold, self.header_size, w, &cell.label)
    }

    /// Each header row's height: what its one-row cells need, then a cell that extends down
    /// several rows adds what it still lacks to the last of them.
    fn row_heights(&self, sheet: &Sheet) -> Vec<f32> {
        let lh = self.header_size * LEADING;
        let need = |c: &HeaderCell| self.header_lines(sheet, c).len() as f32 * lh + 2.0 * PAD;
        let mut heights = vec![lh + 2.0 * PAD; self.depth];
        for c in self.cells.iter().filter(|c| c.rows == 1) {
            heights[c.row] = heights[c.row].max(need(c));
        }
        let mut tall: Vec<&HeaderCell> = self.cells.iter().filter(|c| c.rows > 1).collect();
        tall.sort_by_key(|c| c.rows);
        for c in tall {
            let have: f32 = heights[c.row..c.row + c.rows].iter().sum();
            let last = c.row + c.rows - 1;
            heights[last] += (need(c) - have).max(0.0);
        }
        heights
    }

    fn numbers_height(&self) -> f32 {
        (self.header_size - 0.5) * LEADING + 2.0 * PAD
    }

    /// Height of the header and its row of numbers.
    pub(super) fn header_height(&self, sheet: &Sheet) -> f32 {
        self.row_heights(sheet).iter().sum::<f32>() + self.numbers_height()
    }

    fn boxed(&self, sheet: &mut Sheet, (x, w): (f32, f32), (top, h): (f32, f32)) {
        sheet.rule(x, x + w, top, BORDER);
        sheet.rule(x, x + w, top + h, BORDER);
        sheet.segment((x, top), (x, top + h), BORDER);
        sheet.segment((x + w, top), (x + w, top + h), BORDER);
    }

    /// Draws the header and the column numbers at the cursor.
    pub(super) fn header(&self, sheet: &mut Sheet) {
        let heights = self.row_heights(sheet);
        let top = sheet.y;
        let lh = self.header_size * LEADING;
        for cell in &self.cells {
            let lines = self.header_lines(sheet, cell);
            let (x, w) = (self.left_of(cell.first), self.span_width(cell.first, cell.last));
            let y = top + heights[..cell.row].iter().sum::<f32>();
            let h: f32 = heights[cell.row..cell.row + cell.rows].iter().sum();
            let y0 = y + (h - lines.len() as f32 * lh) / 2.0;
            for (k, line) in lines.iter().enumerate() {
                sheet.draw_line(x + (w - line.width) / 2.0, y0 + k as f32 * lh, self.header_size, &line.runs);
            }
            self.boxed(sheet, (x, w), (y, h));
        }
        sheet.y = top + heights.iter().sum::<f32>();
        let size = self.header_size - 0.5;
        let h = self.numbers_height();
        for (i, n) in self.numbers.iter().enumerate() {
            let (x, w) = (self.left_of(i), self.widths[i]);
            let width = sheet.width(Style::Italic, size, n);
            sheet.draw_line(x + (w - width) / 2.0, sheet.y + PAD, size, &[(Style::Italic, n.clone())]);
            self.boxed(sheet, (x, w), (sheet.y, h));
        }
        sheet.y += h;
    }

    /// A figure row's wrapped cells: the unit's name and text columns wrap, figures do not.
    pub(super) fn row_lines(&self, sheet: &Sheet, cells: &[String], style: Style) -> Vec<Vec<Line>> {
        let size = self.figure_size;
        cells
            .iter()
            .zip(&self.widths)
            .map(|(text, w)| wrap(sheet.faces, size, w - 2.0 * PAD, w - 2.0 * PAD, &[(style, text)]))
            .collect()
    }

    pub(super) fn row_height(&self, lines: &[Vec<Line>]) -> f32 {
        let n = lines.iter().map(Vec::len).max().unwrap_or(1).max(1);
        n as f32 * self.figure_size * LEADING + 2.0 * PAD
    }

    /// Draws one figure row at the cursor (the caller has made room for it).
    pub(super) fn row(&self, sheet: &mut Sheet, lines: &[Vec<Line>]) {
        let size = self.figure_size;
        let lh = size * LEADING;
        let top = sheet.y;
        let h = self.row_height(lines);
        for (i, cell) in lines.iter().enumerate() {
            let (x, w) = (self.left_of(i), self.widths[i]);
            for (k, line) in cell.iter().enumerate() {
                let dx = match self.kinds[i] {
                    Kind::Text => PAD,
                    Kind::Figure => w - PAD - line.width,
                };
                sheet.draw_line(x + dx, top + PAD + k as f32 * lh, size, &line.runs);
            }
            self.boxed(sheet, (x, w), (top, h));
        }
        sheet.y = top + h;
    }
}
