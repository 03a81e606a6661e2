//! Word wrap on the embedded fonts' advance widths.
//!
//! Input is a run of styled spans (a bold name inside a regular sentence); output is lines of
//! styled runs that each fit the width. Whitespace collapses to one space, `\n` is a hard break,
//! a no-break space (typed, or bound between a number and its unit) never breaks, and a word wider
//! than the whole line is cut between characters rather than overflowing. No word is ever dropped:
//! the lines joined with spaces give back the input's words.

use crate::fonts::{Faces, Style};

/// One drawn line: runs of text, each in one style, and its total width in points.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Line {
    pub runs: Vec<(Style, String)>,
    pub width: f32,
    /// Ends its paragraph (or a hard break): never stretched when justifying.
    pub last: bool,
}

impl Line {
    fn push(&mut self, style: Style, text: &str, width: f32) {
        match self.runs.last_mut() {
            Some((s, t)) if *s == style => t.push_str(text),
            _ => self.runs.push((style, text.to_string())),
        }
        self.width += width;
    }
}

enum Token {
    /// A word, possibly in several styles ("(bà)" with a bold name glued to it).
    Word(Vec<(Style, String)>),
    Break,
}

/// The no-break space: drawn as a space, never a line break, never stretched when justifying.
pub(crate) const NBSP: char = '\u{a0}';

/// Words that, after a number, are its unit: "120 m²", "3 trang", "02 bản", "09 giờ". The space
/// between them is bound (printed as a no-break space) so the number never ends a line alone.
const UNITS: &[&str] = &[
    "m", "m²", "m2", "m³", "m3", "cm", "mm", "km", "ha", "kg", "g", "tấn", "lít", "%", "đ", "đồng", "VNĐ",
    "VND", "USD", "trang", "tờ", "bản", "người", "tài", "hộ", "thửa", "lần", "giờ", "phút", "ngày", "tháng",
    "năm", "tuổi",
];

fn ends_with_number(word: &[(Style, String)]) -> bool {
    word.last().and_then(|(_, t)| t.chars().last()).is_some_and(|c| c.is_ascii_digit())
}

fn is_unit(word: &[(Style, String)]) -> bool {
    let text: String = word.iter().map(|(_, t)| t.as_str()).collect();
    let bare = text.trim_end_matches(|c: char| ",.;:)".contains(c));
    UNITS.iter().any(|u| *u == bare || u.to_lowercase() == bare.to_lowercase())
}

/// A character the faces lack, written as its code point ("[U+1F600]") rather than a blank: what
/// the register holds is never silently lost on paper. Input validation refuses such characters
/// (`tiepdan_domain::text::unprintable`); this only guards records made before it.
fn visible(faces: &Faces, c: char, out: &mut String) {
    if faces.has(c) {
        out.push(c);
    } else {
        out.push_str(&format!("[U+{:04X}]", c as u32));
    }
}

fn tokens(faces: &Faces, spans: &[(Style, &str)]) -> Vec<Token> {
    let mut out = Vec::new();
    let mut word: Vec<(Style, String)> = Vec::new();
    let flush = |word: &mut Vec<(Style, String)>, out: &mut Vec<Token>| {
        if word.is_empty() {
            return;
        }
        // A unit after a number joins it, across a bound space.
        if let Some(Token::Word(prev)) = out.last_mut() {
            if ends_with_number(prev) && is_unit(word) {
                let style = prev.last().map(|(s, _)| *s).unwrap_or(word[0].0);
                prev.push((style, NBSP.to_string()));
                prev.append(word);
                return;
            }
        }
        out.push(Token::Word(std::mem::take(word)));
    };
    for (style, text) in spans {
        for c in text.chars() {
            if c == '\n' {
                flush(&mut word, &mut out);
                out.push(Token::Break);
            } else if c.is_whitespace() && !matches!(c, NBSP | '\u{202f}' | '\u{2007}') {
                flush(&mut word, &mut out);
            } else {
                let c = if c.is_whitespace() { NBSP } else { c };
                match word.last_mut() {
                    Some((s, t)) if s == style => visible(faces, c, t),
                    _ => {
                        let mut t = String::new();
                        visible(faces, c, &mut t);
                        word.push((*style, t));
                    }
                }
            }
        }
    }
    flush(&mut word, &mut out);
    out
}

/// Wraps `spans` at `size` points: the first line no wider than `first` points, the others no
/// wider than `rest` (a hanging indent makes `rest` narrower).
pub(crate) fn wrap(faces: &Faces, size: f32, first: f32, rest: f32, spans: &[(Style, &str)]) -> Vec<Line> {
    let width = rest.max(size);
    let mut lines = Vec::new();
    let mut line = Line::default();
    let mut avail = first.max(size);
    for token in tokens(faces, spans) {
        let pieces = match token {
            Token::Break => {
                line.last = true;
                lines.push(std::mem::take(&mut line));
                avail = width;
                continue;
            }
            Token::Word(pieces) => pieces,
        };
        let word_width: f32 = pieces.iter().map(|(s, t)| faces.width(*s, size, t)).sum();
        let space_style = line.runs.last().map(|(s, _)| *s).unwrap_or(pieces[0].0);
        let space = faces.width(space_style, size, " ");
        if !line.runs.is_empty() && line.width + space + word_width <= avail {
            line.push(space_style, " ", space);
            pieces.iter().for_each(|(s, t)| line.push(*s, t, faces.width(*s, size, t)));
            continue;
        }
        if !line.runs.is_empty() {
            lines.push(std::mem::take(&mut line));
            avail = width;
        }
        if word_width <= avail {
            pieces.iter().for_each(|(s, t)| line.push(*s, t, faces.width(*s, size, t)));
            continue;
        }
        // Longer than a whole line: cut between characters.
        for (style, text) in &pieces {
            for c in text.chars() {
                let mut buf = [0u8; 4];
                let ch: &str = c.encode_utf8(&mut buf);
                let w = faces.width(*style, size, ch);
                if line.width + w > avail && !line.runs.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    avail = width;
                }
                line.push(*style, ch, w);
            }
        }
    }
    if !line.runs.is_empty() || lines.is_empty() {
        line.last = true;
        lines.push(line);
    }
    lines
}

/// Plain, single-style wrap.
pub(crate) fn wrap_plain(faces: &Faces, style: Style, size: f32, width: f32, text: &str) -> Vec<Line> {
    wrap(faces, size, width, width, &[(style, text)])
}

/// Single-style wrap into as few lines as greedy wrapping needs, with the lines made as even as
/// they can be: the narrowest width that still gives that many lines. A header block then reads
/// "ỦY BAN NHÂN DÂN / THÀNH PHỐ HỒ CHÍ MINH", never a last word alone on its line.
pub(crate) fn wrap_balanced(faces: &Faces, style: Style, size: f32, width: f32, text: &str) -> Vec<Line> {
    let greedy = wrap_plain(faces, style, size, width, text);
    if greedy.len() < 2 {
        return greedy;
    }
    // Never narrower than the longest word, so balancing never cuts a word.
    let longest = text
        .split(|c: char| c.is_whitespace() && c != NBSP)
        .map(|w| faces.width(style, size, w))
        .fold(0.0, f32::max);
    let (mut lo, mut hi) = (longest.min(width), width);
    for _ in 0..24 {
        let mid = (lo + hi) / 2.0;
        if wrap_plain(faces, style, size, mid, text).len() <= greedy.len() {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    wrap_plain(faces, style, size, hi, text)
}
