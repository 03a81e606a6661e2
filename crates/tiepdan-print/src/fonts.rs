//! The embedded Liberation Serif faces (Times New Roman metrics, SIL OFL — `fonts/OFL.txt`) and
//! text measurement on their advance widths.
//!
//! Forms never use system fonts: what a ward prints must not depend on the PC it runs on. The faces
//! are parsed once per process. Widths are measured exactly as printpdf draws them: one glyph per
//! character through the font's cmap, advancing by the `hmtx` width, no kerning.

use crate::error::PrintError;
use printpdf::ParsedFont;
use std::sync::OnceLock;

const REGULAR: &[u8] = include_bytes!("../fonts/LiberationSerif-Regular.ttf");
const BOLD: &[u8] = include_bytes!("../fonts/LiberationSerif-Bold.ttf");
const ITALIC: &[u8] = include_bytes!("../fonts/LiberationSerif-Italic.ttf");
const BOLD_ITALIC: &[u8] = include_bytes!("../fonts/LiberationSerif-BoldItalic.ttf");

/// The four faces the forms use (bold italic only for "Nơi nhận:", as ND 30/2020 sets it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Style {
    Regular,
    Bold,
    Italic,
    BoldItalic,
}

impl Style {
    pub(crate) fn index(self) -> usize {
        self as usize
    }
}

pub(crate) struct Faces {
    pub(crate) parsed: [ParsedFont; 4],
    /// Advance of each char below U+2000 in 1/1000 em, precomputed: measuring is the hot path of
    /// wrapping a 1,000-row register book.
    advances: [Vec<f32>; 4],
}

static FACES: OnceLock<Result<Faces, PrintError>> = OnceLock::new();

pub(crate) fn faces() -> Result<&'static Faces, PrintError> {
    FACES.get_or_init(load).as_ref().map_err(Clone::clone)
}

fn load() -> Result<Faces, PrintError> {
    let parse = |bytes: &[u8], name: &'static str| {
        ParsedFont::from_bytes(bytes, 0, &mut Vec::new()).ok_or(PrintError::FontUnreadable(name))
    };
    let parsed = [
        parse(REGULAR, "LiberationSerif-Regular")?,
        parse(BOLD, "LiberationSerif-Bold")?,
        parse(ITALIC, "LiberationSerif-Italic")?,
        parse(BOLD_ITALIC, "LiberationSerif-BoldItalic")?,
    ];
    let advances = [0, 1, 2, 3].map(|i| (0..0x2000u32).map(|c| advance_of(&parsed[i], c)).collect());
    Ok(Faces { parsed, advances })
}

fn advance_of(font: &ParsedFont, codepoint: u32) -> f32 {
    let units = font.pdf_font_metrics.units_per_em.max(1) as f32;
    let gid = font.lookup_glyph_index(codepoint).unwrap_or(0);
    // Truncated like the `/W` widths printpdf writes, so our pen and the viewer's agree.
    (font.get_horizontal_advance(gid) as f32 * 1000.0 / units).trunc()
}

impl Faces {
    /// Whether the faces draw `c`. The four faces cover the same characters (a test checks it), so
    /// the regular face answers for all.
    pub(crate) fn has(&self, c: char) -> bool {
        c == ' ' || self.parsed[0].lookup_glyph_index(c as u32).is_some_and(|g| g != 0)
    }

    /// Width of `text` in points at `size`.
    pub(crate) fn width(&self, style: Style, size: f32, text: &str) -> f32 {
        let table = &self.advances[style.index()];
        let font = &self.parsed[style.index()];
        let thousandths: f32 = text
            .chars()
            .map(|c| table.get(c as usize).copied().unwrap_or_else(|| advance_of(font, c as u32)))
            .sum();
        thousandths * size / 1000.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_character_input_accepts_has_a_glyph_in_every_face() {
        let faces = faces().unwrap();
        let accepted = (0..0x11_0000u32)
            .filter_map(char::from_u32)
            .filter(|c| tiepdan_domain::text::is_printable(*c) && !c.is_control());
        let mut count = 0;
        for c in accepted {
            for (i, font) in faces.parsed.iter().enumerate() {
                let glyph = font.lookup_glyph_index(c as u32).unwrap_or(0);
                assert_ne!(
                    glyph, 0,
                    "face {i} has no glyph for {c:?} (U+{:04X}), which input accepts",
                    c as u32
                );
            }
            count += 1;
        }
        assert!(count > 700, "the printable repertoire covers Vietnamese and more, got {count}");
    }
}
