//! Word wrap on the embedded fonts' advance widths.
//!
//! Input is a run of styled spans (a bold name inside a regular sentence); output is lines of
//! styled runs that each fit the width. Whitespace collapses to one space, `\n` is a hard break,
//! and a word wider than the whole line is cut between characters rather than overflowing. No
//! word is ever dropped: the lines joined with spaces give back the input's words.

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

fn tokens(spans: &[(Style, &str)]) -> Vec<Token> {
    let mut out = Vec::new();
    let mut word: Vec<(Style, String)> = Vec::new();
    let flush = |word: &mut Vec<(Style, String)>, out: &mut Vec<Token>| {
        if !word.is_empty() {
            out.push(Token::Word(std::mem::take(word)));
        }
    };
    for (style, text) in spans {
        for c in text.chars() {
            if c == '\n' {
                flush(&mut word, &mut out);
                out.push(Token::Break);
            } else if c.is_whitespace() {
                flush(&mut word, &mut out);
            } else {
                match word.last_mut() {
                    Some((s, t)) if s == style => t.push(c),
                    _ => word.push((*style, c.to_string())),
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
    for token in tokens(spans) {
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
