//! Vietnamese text: normalisation for storage and printing, and folding for search.
//!
//! Clerks type with different input methods (Telex/VNI through Unikey, or the OS keyboard) that
//! produce NFC or NFD text for the same word, so everything stored is NFC, and everything searched is
//! *folded*: decomposed, stripped of combining marks, lower-cased, with **đ/Đ → d**. The last step is
//! ours alone: `đ` (U+0111) is a letter of its own, not `d` plus a mark, so neither Unicode
//! decomposition nor SQLite's FTS5 `remove_diacritics` ever turns it into `d`.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// The form every stored or printed string takes: NFC, with surrounding whitespace removed and runs
/// of inner whitespace (including tabs and newlines from pasted text) kept as typed.
pub fn nfc(text: &str) -> String {
    text.trim().nfc().collect()
}

/// A one-line NFC string: inner whitespace runs collapse to one space. For names and short fields
/// where a pasted newline is never meant.
pub fn one_line(text: &str) -> String {
    nfc(text).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The search key of a text: case and diacritics removed, đ folded to d, NFC and NFD alike,
/// punctuation turned into spaces, whitespace collapsed.
///
/// `fold("ĐẶNG Thị Ngọc Ánh") == fold("dang thi ngoc anh") == "dang thi ngoc anh"`.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        let c = match c {
            'đ' | 'Đ' => 'd',
            // Letters that NFD leaves whole but readers treat as the plain letter.
            'ð' | 'Ð' => 'd',
            c => c,
        };
        if c.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.extend(c.to_lowercase());
        } else {
            pending_space = true;
        }
    }
    out
}

/// Number of user-visible characters, the unit of every length limit (not bytes, which would
/// penalise Vietnamese letters that take 2–3 bytes in UTF-8).
pub fn char_len(text: &str) -> usize {
    text.nfc().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_removes_tones_case_and_the_bar_of_d() {
        assert_eq!(fold("ĐẶNG Thị Ngọc Ánh"), "dang thi ngoc anh");
        assert_eq!(fold("dang thi ngoc anh"), "dang thi ngoc anh");
        assert_eq!(fold("Đặng Hữu Ước"), "dang huu uoc");
        assert_eq!(fold("Nguyễn Văn Ánh"), fold("nguyen van anh"));
    }

    #[test]
    fn nfc_and_nfd_input_fold_to_the_same_key() {
        let composed: String = "ĐẶNG Thị Ngọc Ánh".nfc().collect();
        let decomposed: String = "ĐẶNG Thị Ngọc Ánh".nfd().collect();
        assert_ne!(composed, decomposed, "the test needs two different byte forms");
        assert_eq!(fold(&composed), fold(&decomposed));
        assert_eq!(nfc(&decomposed), composed);
    }

    #[test]
    fn punctuation_and_spacing_do_not_change_the_key() {
        assert_eq!(fold("  Số 12,  ngõ 3 - Hà Đông "), "so 12 ngo 3 ha dong");
        assert_eq!(fold("0042/2026/A"), "0042 2026 a");
    }

    #[test]
    fn one_line_collapses_pasted_newlines() {
        assert_eq!(one_line(" Nguyễn \n Văn\tAn "), "Nguyễn Văn An");
    }

    #[test]
    fn lengths_count_letters_not_bytes() {
        assert_eq!(char_len("Ước"), 3);
        let decomposed: String = "Ước".nfd().collect();
        assert_eq!(char_len(&decomposed), 3);
    }
}
