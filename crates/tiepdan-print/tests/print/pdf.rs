//! Reading rendered PDFs back with the command-line tools of poppler-utils and qpdf.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A rendered PDF written to a temporary file so the tools can read it.
pub struct Rendered {
    _dir: tempfile::TempDir,
    pub path: PathBuf,
}

pub fn write(name: &str, bytes: &[u8]) -> Rendered {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(format!("{name}.pdf"));
    std::fs::File::create(&path).unwrap().write_all(bytes).unwrap();
    if let Ok(keep) = std::env::var("TIEPDAN_KEEP_PDF") {
        std::fs::create_dir_all(&keep).unwrap();
        std::fs::copy(&path, Path::new(&keep).join(format!("{name}.pdf"))).unwrap();
    }
    Rendered { _dir: dir, path }
}

fn run(program: &str, args: &[&str], path: &Path) -> String {
    let out = Command::new(program)
        .args(args)
        .arg(path)
        .args(if program == "pdftotext" { vec!["-"] } else { vec![] })
        .output()
        .unwrap_or_else(|e| panic!("{program} must be installed (poppler-utils / qpdf): {e}"));
    assert!(
        out.status.success(),
        "{program} failed on {}: {}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("tools print UTF-8")
}

impl Rendered {
    /// Text in reading order, lines kept as laid out.
    pub fn layout_text(&self) -> String {
        run("pdftotext", &["-layout", "-enc", "UTF-8"], &self.path)
    }

    /// Text in drawing order, one line of the PDF per line.
    pub fn raw_text(&self) -> String {
        run("pdftotext", &["-raw", "-enc", "UTF-8"], &self.path)
    }

    /// Each page's text, split at form feeds.
    pub fn pages_text(&self) -> Vec<String> {
        let text = self.raw_text();
        let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
        if pages.last().is_some_and(|p| p.trim().is_empty()) {
            pages.pop();
        }
        pages
    }

    /// The text in drawing order with the ND 30 page numbers (a lone number heading every page but
    /// the first, drawn last) taken out, after checking each is the right number.
    pub fn body_text(&self) -> String {
        let pages = self.pages_text();
        let mut out = Vec::new();
        for (i, page) in pages.iter().enumerate() {
            let mut lines: Vec<&str> = page.lines().collect();
            if i > 0 {
                let last = lines.iter().rposition(|l| !l.trim().is_empty()).unwrap_or(0);
                assert_eq!(lines[last].trim(), (i + 1).to_string(), "page {} carries its number", i + 1);
                lines.remove(last);
            }
            out.push(lines.join("\n"));
        }
        out.join("\n")
    }

    pub fn info(&self, key: &str) -> String {
        let info = run("pdfinfo", &[], &self.path);
        info.lines()
            .find_map(|l| l.strip_prefix(&format!("{key}:")))
            .map(|v| v.trim().to_string())
            .unwrap_or_else(|| panic!("pdfinfo has no {key}: {info}"))
    }

    pub fn page_count(&self) -> usize {
        self.info("Pages").parse().unwrap()
    }

    /// "148 x 210" style size in whole millimetres, from pdfinfo's points.
    pub fn page_size_mm(&self) -> (u32, u32) {
        let size = self.info("Page size");
        let mut nums = size.split_whitespace().filter_map(|t| t.parse::<f64>().ok());
        let (w, h) = (nums.next().unwrap(), nums.next().unwrap());
        ((w * 25.4 / 72.0).round() as u32, (h * 25.4 / 72.0).round() as u32)
    }

    /// Rows of `pdffonts`: (name, emb, sub).
    pub fn fonts(&self) -> Vec<(String, String, String)> {
        let out = run("pdffonts", &[], &self.path);
        out.lines()
            .skip(2)
            .map(|l| {
                let cols: Vec<&str> = l.split_whitespace().collect();
                let n = cols.len();
                (cols[0].to_string(), cols[n - 5].to_string(), cols[n - 4].to_string())
            })
            .collect()
    }

    pub fn qpdf_check(&self) {
        let out = Command::new("qpdf").arg("--check").arg(&self.path).output().expect("qpdf installed");
        assert!(
            out.status.success(),
            "qpdf --check must pass: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// The checks every form must pass: fonts embedded and subset, a valid file.
    pub fn assert_sound(&self) {
        self.qpdf_check();
        let fonts = self.fonts();
        assert!(!fonts.is_empty(), "a form must use the embedded fonts");
        for (name, emb, sub) in fonts {
            assert_eq!(
                (emb.as_str(), sub.as_str()),
                ("yes", "yes"),
                "font {name} must be embedded and subset"
            );
        }
    }
}

/// The words of a text, whitespace-separated, for "nothing was lost" comparisons.
pub fn words(text: &str) -> Vec<String> {
    text.split_whitespace().map(str::to_string).collect()
}

/// Whether some line of `text`, with its whitespace collapsed, is exactly `line`.
pub fn has_line(text: &str, line: &str) -> bool {
    text.lines().any(|l| words(l).join(" ") == line)
}

/// All the text on one line with whitespace collapsed, for phrases that wrap.
pub fn joined(text: &str) -> String {
    words(text).join(" ")
}

/// The words strictly between the first occurrence of the phrase `start` and the next occurrence
/// of the phrase `end` after it.
pub fn between(words: &[String], start: &str, end: &str) -> Vec<String> {
    let find = |from: usize, phrase: &str| {
        let p: Vec<&str> = phrase.split_whitespace().collect();
        (from..words.len().saturating_sub(p.len() - 1))
            .find(|&i| words[i..i + p.len()].iter().zip(&p).all(|(a, b)| a == b))
            .unwrap_or_else(|| panic!("no {phrase:?} after word {from} in {words:?}"))
    };
    let from = find(0, start) + start.split_whitespace().count();
    words[from..find(from, end)].to_vec()
}

/// One word as `pdftotext -bbox` places it, in points from the page's top-left corner.
pub struct WordBox {
    pub page: usize,
    pub text: String,
    pub x_min: f64,
    pub y_min: f64,
    pub x_max: f64,
    pub y_max: f64,
}

fn attr(line: &str, name: &str) -> f64 {
    let start = line.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
    line[start..].split('"').next().unwrap().parse().unwrap()
}

impl Rendered {
    pub fn word_boxes(&self) -> Vec<WordBox> {
        let html = run("pdftotext", &["-bbox", "-enc", "UTF-8"], &self.path);
        let mut page = 0;
        let mut out = Vec::new();
        for line in html.lines().map(str::trim) {
            if line.starts_with("<page ") {
                page += 1;
            } else if line.starts_with("<word ") {
                let text = line.split('>').nth(1).unwrap_or("").split('<').next().unwrap_or("").to_string();
                let (x_min, y_min) = (attr(line, "xMin"), attr(line, "yMin"));
                let (x_max, y_max) = (attr(line, "xMax"), attr(line, "yMax"));
                out.push(WordBox { page, text, x_min, y_min, x_max, y_max });
            }
        }
        out
    }

    /// No word crosses the ND 30/2020 margins (left 30, right 15, top 20, bottom 20 mm), except
    /// the page number in the bottom margin and the reprint mark in the top one.
    pub fn assert_within_margins(&self, page_width_mm: f64, page_height_mm: f64) {
        let mm = 72.0 / 25.4;
        let (left, right) = (30.0 * mm - 0.5, (page_width_mm - 15.0) * mm + 0.5);
        let (top, bottom) = (20.0 * mm - 0.5, (page_height_mm - 20.0) * mm + 1.0);
        let boxes = self.word_boxes();
        assert!(!boxes.is_empty());
        for w in boxes {
            assert!(
                w.x_min >= left && w.x_max <= right,
                "page {}: {:?} crosses a side margin ({:.1}–{:.1} pt, allowed {left:.1}–{right:.1})",
                w.page,
                w.text,
                w.x_min,
                w.x_max
            );
            let in_footer = w.y_min > bottom && (w.text == "Trang" || w.text.contains('/'));
            let in_header = w.y_max < top + 1.0 && w.y_min >= 0.0;
            assert!(
                (w.y_min >= top - 1.0 || in_header) && (w.y_max <= bottom || in_footer),
                "page {}: {:?} crosses the top or bottom margin ({:.1}–{:.1} pt)",
                w.page,
                w.text,
                w.y_min,
                w.y_max
            );
        }
    }
}

impl WordBox {
    pub fn height(&self) -> f64 {
        self.y_max - self.y_min
    }
}

/// Words grouped into printed lines (same page, same top within 1 pt), top to bottom, each line's
/// words left to right.
pub fn lines_of(boxes: &[&WordBox]) -> Vec<Vec<usize>> {
    let mut order: Vec<usize> = (0..boxes.len()).collect();
    order.sort_by(|&a, &b| {
        (boxes[a].page, boxes[a].y_min).partial_cmp(&(boxes[b].page, boxes[b].y_min)).unwrap()
    });
    let mut lines: Vec<Vec<usize>> = Vec::new();
    for i in order {
        match lines.last_mut() {
            Some(line)
                if boxes[line[0]].page == boxes[i].page
                    && (boxes[line[0]].y_min - boxes[i].y_min).abs() < 1.0 =>
            {
                line.push(i)
            }
            _ => lines.push(vec![i]),
        }
    }
    for line in &mut lines {
        line.sort_by(|&a, &b| boxes[a].x_min.partial_cmp(&boxes[b].x_min).unwrap());
    }
    lines
}

pub const MM: f64 = 72.0 / 25.4;
