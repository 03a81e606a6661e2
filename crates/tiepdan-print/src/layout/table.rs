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

/// A title spanning several adjacent columns above their own titles ("Hướng xử lý" over the
/// register's columns 8–10).
pub(crate) struct Group {
    pub title: &'static str,
    /// First and last column index, inclusive.
    pub first: usize,
    pub last: usize,
}

pub(crate) struct Table<'c> {
    pub columns: &'c [Column],
    pub groups: &'c [Group],
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

    /// Draws the header row at the cursor: a grouped column's title sits under its group's title,
    /// every other title spans both.
    pub fn header(&self, sheet: &mut Sheet) {
        let size = self.header_size;
        let lh = size * LEADING;
        let group_of = |i: usize| self.groups.iter().find(|g| (g.first..=g.last).contains(&i));
        let group_lines: Vec<Vec<Line>> = self
            .groups
            .iter()
            .map(|g| {
                let width: f32 = self.columns[g.first..=g.last].iter().map(|c| c.width).sum();
                let col = Column { title: g.title, width, align: Align::Center };
                self.lines(sheet, size, &[(Style::Bold, g.title.to_string())], &col)
            })
            .collect();
        let group_rows = group_lines.iter().map(Vec::len).max().unwrap_or(0);
        let group_h = if group_rows > 0 { group_rows as f32 * lh + 2.0 * PAD } else { 0.0 };
        let titles: Vec<Vec<Line>> = self
            .columns
            .iter()
            .map(|c| self.lines(sheet, size, &[(Style::Bold, c.title.to_string())], c))
            .collect();
        let sub_rows = (0..titles.len()).filter(|&i| group_of(i).is_some()).map(|i| titles[i].len()).max();
        let own_rows = (0..titles.len()).filter(|&i| group_of(i).is_none()).map(|i| titles[i].len()).max();
        let height = (own_rows.unwrap_or(1) as f32 * lh + 2.0 * PAD)
            .max(group_h + sub_rows.unwrap_or(0) as f32 * lh + 2.0 * PAD);
        let top = sheet.y;
        let mut x = self.x;
        for (i, (col, lines)) in self.columns.iter().zip(&titles).enumerate() {
            // Titles centred in their box, vertically too.
            let (box_top, box_h) = match group_of(i) {
                Some(_) => (top + group_h, height - group_h),
                None => (top, height),
            };
            let y0 = box_top + (box_h - lines.len() as f32 * lh) / 2.0;
            for (k, line) in lines.iter().enumerate() {
                sheet.draw_line(x + (col.width - line.width) / 2.0, y0 + k as f32 * lh, size, &line.runs);
            }
            x += col.width;
        }
        let right = x;
        sheet.rule(self.x, right, top, BORDER);
        sheet.rule(self.x, right, top + height, BORDER);
        for (g, lines) in self.groups.iter().zip(&group_lines) {
            let gx: f32 = self.x + self.columns[..g.first].iter().map(|c| c.width).sum::<f32>();
            let gw: f32 = self.columns[g.first..=g.last].iter().map(|c| c.width).sum();
            for (k, line) in lines.iter().enumerate() {
                sheet.draw_line(gx + (gw - line.width) / 2.0, top + PAD + k as f32 * lh, size, &line.runs);
            }
            sheet.rule(gx, gx + gw, top + group_h, BORDER);
        }
        // Vertical rules: full height, except between the columns of one group (below its title).
        let mut x = self.x;
        sheet.segment((x, top), (x, top + height), BORDER);
        for i in 0..self.columns.len() {
            x += self.columns[i].width;
            let inside = self.groups.iter().any(|g| g.first <= i && i < g.last);
            let from = if inside { top + group_h } else { top };
            sheet.segment((x, from), (x, top + height), BORDER);
        }
        sheet.y = top + height;
        if self.numbered {
            let numbers: Vec<Vec<Line>> = (1..=self.columns.len())
                .zip(self.columns)
                .map(|(n, c)| self.lines(sheet, size - 1.0, &[(Style::Italic, format!("({n})"))], c))
                .collect();
            let refs: Vec<&[Line]> = numbers.iter().map(Vec::as_slice).collect();
            let centred = Table { columns: &self.centred_columns(), ..*self };
            centred.draw_band(sheet, size - 1.0, &refs, 1);
        }
    }

    fn centred_columns(&self) -> Vec<Column> {
        self.columns.iter().map(|c| Column { title: c.title, width: c.width, align: Align::Center }).collect()
    }

    /// Height of the header band(s), to keep a header from being orphaned at a page bottom.
    fn header_reserve(&self) -> f32 {
        4.0 * self.header_size * LEADING + 6.0 * PAD
    }

    /// Draws one row, starting a new page (with the header again) where needed. A row split
    /// across pages repeats its first column's first line (the STT) on every continuation, with
    /// `continued` ("(tiếp)") under it.
    pub fn row(&self, sheet: &mut Sheet, cells: &[Cell], continued: &str) {
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
            let mut slices: Vec<&[Line]> = wrapped
                .iter()
                .map(|lines| &lines[start.min(lines.len())..(start + take).min(lines.len())])
                .collect();
            let mut marker = Vec::new();
            if start > 0 {
                marker.extend(wrapped[0].first().cloned());
                let col = &self.columns[0];
                marker.extend(self.lines(sheet, self.size, &[(Style::Italic, continued.to_string())], col));
                marker.truncate(take.max(1));
                slices[0] = &marker;
            }
            self.draw_band(sheet, self.size, &slices, take);
            start += take;
            if start < total {
                sheet.new_page();
                self.header(sheet);
            }
        }
    }
}
