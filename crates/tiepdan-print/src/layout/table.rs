//! A ruled table whose header row (and the row of column numbers under it) is drawn again at the
//! top of every page, and whose cells wrap their text within the column. A row taller than what is
//! left of the page moves whole to the next page; a row taller than a whole page is split between
//! lines, so nothing is ever cut off.

use crate::fonts::Style;
use crate::layout::sheet::{Align, Sheet, LEADING};
use crate::layout::wrap::{wrap, Line};

const PAD: f32 = 2.5;
const BORDER: f32 = 0.5;

pub(crate) struct Column {
    pub title: &'static str,
    pub width: f32,
    pub align: Align,
}

/// One cell's content: styled spans, wrapped when drawn.
pub(crate) type Cell = Vec<(Style, String)>;

pub(crate) struct Table<'c> {
    pub columns: &'c [Column],
    pub x: f32,
    pub size: f32,
    pub header_size: f32,
    /// Draw the "(1) (2) …" row under the titles, as the official register does.
    pub numbered: bool,
}

impl Table<'_> {
    fn lines(&self, sheet: &Sheet, size: f32, cell: &[(Style, String)], col: &Column) -> Vec<Line> {
        let spans: Vec<(Style, &str)> = cell.iter().map(|(s, t)| (*s, t.as_str())).collect();
        let w = col.width - 2.0 * PAD;
        wrap(sheet.faces, size, w, w, &spans)
    }

    fn draw_band(&self, sheet: &mut Sheet, size: f32, cells: &[&[Line]], rows: usize) {
        let lh = size * LEADING;
        let top = sheet.y;
        let height = rows as f32 * lh + 2.0 * PAD;
        let mut x = self.x;
        for (col, lines) in self.columns.iter().zip(cells) {
            for (i, line) in lines.iter().enumerate() {
                let dx = match col.align {
                    Align::Left | Align::Justify => PAD,
                    Align::Center => (col.width - line.width) / 2.0,
                    Align::Right => col.width - PAD - line.width,
                };
                sheet.draw_line(x + dx, top + PAD + i as f32 * lh, size, &line.runs);
            }
            x += col.width;
        }
        let right = x;
        sheet.rule(self.x, right, top, BORDER);
        sheet.rule(self.x, right, top + height, BORDER);
        let mut x = self.x;
        sheet.segment((x, top), (x, top + height), BORDER);
        for col in self.columns {
            x += col.width;
            sheet.segment((x, top), (x, top + height), BORDER);
        }
        sheet.y = top + height;
    }

    /// Draws the header row at the cursor.
    pub fn header(&self, sheet: &mut Sheet) {
        let titles: Vec<Vec<Line>> = self
            .columns
            .iter()
            .map(|c| self.lines(sheet, self.header_size, &[(Style::Bold, c.title.to_string())], c))
            .collect();
        let rows = titles.iter().map(Vec::len).max().unwrap_or(1);
        let refs: Vec<&[Line]> = titles.iter().map(Vec::as_slice).collect();
        let centred = Table { columns: &self.centred_columns(), ..*self };
        centred.draw_band(sheet, self.header_size, &refs, rows);
        if self.numbered {
            let numbers: Vec<Vec<Line>> = (1..=self.columns.len())
                .zip(self.columns)
                .map(|(n, c)| {
                    self.lines(sheet, self.header_size - 1.0, &[(Style::Italic, format!("({n})"))], c)
                })
                .collect();
            let refs: Vec<&[Line]> = numbers.iter().map(Vec::as_slice).collect();
            centred.draw_band(sheet, self.header_size - 1.0, &refs, 1);
        }
    }

    fn centred_columns(&self) -> Vec<Column> {
        self.columns.iter().map(|c| Column { title: c.title, width: c.width, align: Align::Center }).collect()
    }

    /// Height of the header band(s), to keep a header from being orphaned at a page bottom.
    fn header_reserve(&self) -> f32 {
        3.0 * self.header_size * LEADING + 4.0 * PAD
    }

    /// Draws one row, starting a new page (with the header again) where needed.
    pub fn row(&self, sheet: &mut Sheet, cells: &[Cell]) {
        let lh = self.size * LEADING;
        let wrapped: Vec<Vec<Line>> =
            self.columns.iter().zip(cells).map(|(c, cell)| self.lines(sheet, self.size, cell, c)).collect();
        let total = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let full_page =
            ((sheet.geo.floor() - sheet.geo.top - self.header_reserve() - 2.0 * PAD) / lh) as usize;
        let mut start = 0;
        while start < total {
            let room = ((sheet.geo.floor() - sheet.y - 2.0 * PAD) / lh).max(0.0) as usize;
            let left = total - start;
            if room == 0 || (room < left && left <= full_page) {
                sheet.new_page();
                self.header(sheet);
                continue;
            }
            let take = left.min(room);
            let slices: Vec<&[Line]> = wrapped
                .iter()
                .map(|lines| &lines[start.min(lines.len())..(start + take).min(lines.len())])
                .collect();
            self.draw_band(sheet, self.size, &slices, take);
            start += take;
            if start < total {
                sheet.new_page();
                self.header(sheet);
            }
        }
    }
}
