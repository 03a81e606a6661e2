//! A sheet: the pages of one document being drawn, with a cursor that flows text downwards and
//! starts a new page when the next line would cross the bottom margin.
//!
//! Coordinates are points from the top-left corner of the page; the PDF's bottom-left origin is
//! applied only when an operation is emitted. Every string is NFC-normalised here, at the single
//! place text enters the PDF, because NFD input draws the wrong glyphs (`shared/tech-notes.md`).

use crate::error::PrintError;
use crate::fonts::{faces, Faces, Style};
use crate::layout::page::Geometry;
use crate::layout::wrap::{wrap, Line};
use printpdf::{
    Color, FontId, Line as PdfLine, LinePoint, Mm, Op, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions,
    Point, Pt, Rgb, TextItem, TextMatrix,
};
use unicode_normalization::UnicodeNormalization;

/// Line spacing as a multiple of the font size (ND 30/2020 allows single to 1.5).
pub(crate) const LEADING: f32 = 1.2;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Center,
    Right,
    /// Both edges flush, as ND 30/2020 body text is; a paragraph's last line stays left.
    Justify,
}

/// Stretching word gaps beyond this fraction of the font size looks worse than a ragged edge.
const MAX_JUSTIFY_GAP: f32 = 0.6;

pub(crate) struct Sheet {
    pub faces: &'static Faces,
    pub geo: Geometry,
    /// Top of the next line box, in points from the top edge.
    pub y: f32,
    doc: PdfDocument,
    /// Faces are added to the document when first drawn, so an unused face costs no bytes.
    font_ids: [Option<FontId>; 4],
    done: Vec<Vec<Op>>,
    ops: Vec<Op>,
}

impl Sheet {
    pub fn new(title: &str, geo: Geometry) -> Result<Sheet, PrintError> {
        let faces = faces()?;
        let mut doc = PdfDocument::new(&nfc(title));
        doc.metadata.info.creator = "Tiếp Dân".into();
        doc.metadata.info.producer = "Tiếp Dân (printpdf)".into();
        Ok(Sheet {
            faces,
            geo,
            y: geo.top,
            doc,
            font_ids: [None, None, None, None],
            done: Vec::new(),
            ops: Vec::new(),
        })
    }

    pub fn width(&self, style: Style, size: f32, text: &str) -> f32 {
        self.faces.width(style, size, text)
    }

    pub fn left(&self) -> f32 {
        self.geo.left
    }

    pub fn text_width(&self) -> f32 {
        self.geo.text_width()
    }

    pub fn new_page(&mut self) {
        self.done.push(std::mem::take(&mut self.ops));
        self.y = self.geo.top;
    }

    /// Starts a new page unless `height` points still fit above the bottom margin.
    pub fn ensure(&mut self, height: f32) -> bool {
        if self.y + height > self.geo.floor() && self.y > self.geo.top {
            self.new_page();
            return true;
        }
        false
    }

    pub fn gap(&mut self, points: f32) {
        self.y += points;
    }

    /// Draws one line of styled runs with its box top at `top`.
    pub fn draw_line(&mut self, x: f32, top: f32, size: f32, runs: &[(Style, String)]) {
        self.draw_spaced(x, top, size, runs, 0.0);
    }

    /// Draws a line whose every space is widened by `extra` points (justification). The space
    /// characters stay in the text so it extracts with its words apart; the extra room is a `TJ`
    /// offset after each space.
    fn draw_spaced(&mut self, x: f32, top: f32, size: f32, runs: &[(Style, String)], extra: f32) {
        let baseline = top + size * 0.95;
        let page_h = self.geo.page_height();
        let offset = -extra * 1000.0 / size;
        self.ops.push(Op::StartTextSection);
        self.ops.push(Op::SetTextMatrix { matrix: TextMatrix::Translate(Pt(x), Pt(page_h - baseline)) });
        for (style, text) in runs {
            let id = match &self.font_ids[style.index()] {
                Some(id) => id.clone(),
                None => {
                    let id = self.doc.add_font(&self.faces.parsed[style.index()]);
                    self.font_ids[style.index()] = Some(id.clone());
                    id
                }
            };
            let font = PdfFontHandle::External(id);
            self.ops.push(Op::SetFont { font, size: Pt(size) });
            let text = nfc(text);
            let items = if extra <= 0.0 {
                vec![TextItem::Text(text)]
            } else {
                let mut items = Vec::new();
                for piece in text.split_inclusive(' ') {
                    items.push(TextItem::Text(piece.to_string()));
                    if piece.ends_with(' ') {
                        items.push(TextItem::Offset(offset));
                    }
                }
                items
            };
            self.ops.push(Op::ShowText { items });
        }
        self.ops.push(Op::EndTextSection);
    }

    /// One line of one style, aligned inside `[x, x + width]`, at box top `top`; never wrapped.
    pub fn text(
        &mut self,
        align: Align,
        (x, width): (f32, f32),
        top: f32,
        style: Style,
        size: f32,
        text: &str,
    ) {
        let w = self.width(style, size, text);
        let x = match align {
            Align::Left | Align::Justify => x,
            Align::Center => x + (width - w) / 2.0,
            Align::Right => x + width - w,
        };
        self.draw_line(x, top, size, &[(style, text.to_string())]);
    }

    /// Wraps `spans` into `[x, x + width]` and draws them from the cursor down, breaking pages as
    /// needed. `hang` indents the lines after the first (a numbered list's text).
    pub fn flow(&mut self, x: f32, width: f32, size: f32, align: Align, hang: f32, spans: &[(Style, &str)]) {
        let lines = wrap(self.faces, size, width, width - hang, spans);
        for (i, line) in lines.iter().enumerate() {
            let (x, width) = if i == 0 { (x, width) } else { (x + hang, width - hang) };
            self.flow_line(x, width, size, align, line);
        }
    }

    fn flow_line(&mut self, x: f32, width: f32, size: f32, align: Align, line: &Line) {
        let height = size * LEADING;
        self.ensure(height);
        let top = self.y;
        let dx = match align {
            Align::Left | Align::Justify => 0.0,
            Align::Center => (width - line.width) / 2.0,
            Align::Right => width - line.width,
        };
        let spaces = line.runs.iter().map(|(_, t)| t.matches(' ').count()).sum::<usize>();
        let gap = if spaces > 0 { (width - line.width) / spaces as f32 } else { 0.0 };
        if align == Align::Justify && !line.last && gap > 0.0 && gap <= size * MAX_JUSTIFY_GAP {
            self.draw_spaced(x, top, size, &line.runs, gap);
        } else {
            self.draw_line(x + dx, top, size, &line.runs);
        }
        self.y += height;
    }

    /// A horizontal rule from `x1` to `x2` at `y`.
    pub fn rule(&mut self, x1: f32, x2: f32, y: f32, thickness: f32) {
        self.segment((x1, y), (x2, y), thickness);
    }

    pub fn segment(&mut self, from: (f32, f32), to: (f32, f32), thickness: f32) {
        let page_h = self.geo.page_height();
        let point =
            |(x, y): (f32, f32)| LinePoint { p: Point { x: Pt(x), y: Pt(page_h - y) }, bezier: false };
        self.ops.push(Op::SetOutlineColor { col: black() });
        self.ops.push(Op::SetOutlineThickness { pt: Pt(thickness) });
        self.ops
            .push(Op::DrawLine { line: PdfLine { points: vec![point(from), point(to)], is_closed: false } });
    }

    /// Finishes the document, numbering its pages as `numbers` says.
    pub fn finish(mut self, numbers: PageNumbers) -> Vec<u8> {
        self.done.push(std::mem::take(&mut self.ops));
        let total = self.done.len();
        let geo = self.geo;
        let pages: Vec<Vec<Op>> = std::mem::take(&mut self.done);
        let mut out = Vec::with_capacity(total);
        let slot = (geo.left, geo.text_width());
        for (i, mut ops) in pages.into_iter().enumerate() {
            std::mem::swap(&mut self.ops, &mut ops);
            match numbers {
                PageNumbers::FromSecond if i > 0 => {
                    self.text(Align::Center, slot, geo.top - 16.0, Style::Regular, 11.0, &(i + 1).to_string())
                }
                PageNumbers::OfTotal => {
                    let text = format!("Trang {}/{total}", i + 1);
                    self.text(Align::Center, slot, geo.floor() + 6.0, Style::Regular, 10.0, &text)
                }
                _ => {}
            }
            std::mem::swap(&mut self.ops, &mut ops);
            out.push(PdfPage::new(Mm(geo.width_mm), Mm(geo.height_mm), ops));
        }
        let options = PdfSaveOptions { subset_fonts: true, ..PdfSaveOptions::default() };
        self.doc.with_pages(out).save(&options, &mut Vec::new())
    }
}

/// How pages are numbered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PageNumbers {
    /// ND 30/2020: centred at the top of every page but the first.
    FromSecond,
    /// "Trang n/N" centred in the bottom margin, for the register book.
    OfTotal,
}

fn black() -> Color {
    Color::Rgb(Rgb { r: 0.0, g: 0.0, b: 0.0, icc_profile: None })
}

/// The one normal form printed text takes.
pub(crate) fn nfc(text: &str) -> String {
    text.nfc().collect()
}
