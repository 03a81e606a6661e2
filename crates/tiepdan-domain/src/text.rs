//! Vietnamese text: normalisation for storage and printing, and folding for search.
//!
//! Clerks type with different input methods (Telex/VNI through Unikey, or the OS keyboard) that
//! produce NFC or NFD text for the same word, so everything stored is NFC, and everything searched is
//! *folded*: decomposed, stripped of combining marks, lower-cased, with **đ/Đ → d**. The last step is
//! ours alone: `đ` (U+0111) is a letter of its own, not `d` plus a mark, so neither Unicode
//! decomposition nor SQLite's FTS5 `remove_diacritics` ever turns it into `d`.

use std::borrow::Cow;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// `text` in NFC, borrowed when it already is, which the Unicode quick check tells without
/// allocating: always for ASCII, and for Vietnamese typed precomposed (Unikey's default). Only
/// text typed decomposed, or with marks in an unusual order, is normalised in full.
pub fn as_nfc(text: &str) -> Cow<'_, str> {
    if text.is_ascii() || is_nfc_quick(text.chars()) == IsNormalized::Yes {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.nfc().collect())
    }
}

/// The form every stored or printed string takes: NFC, with surrounding whitespace removed and runs
/// of inner whitespace (including tabs and newlines from pasted text) kept as typed.
pub fn nfc(text: &str) -> String {
    as_nfc(text.trim()).into_owned()
}

/// A one-line NFC string: inner whitespace runs collapse to one space. For names and short fields
/// where a pasted newline is never meant.
pub fn one_line(text: &str) -> String {
    let text = as_nfc(text.trim());
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The search key of a text: case and diacritics removed, đ folded to d, NFC and NFD alike,
/// punctuation turned into spaces, whitespace collapsed.
///
/// `fold("ĐẶNG Thị Ngọc Ánh") == fold("dang thi ngoc anh") == "dang thi ngoc anh"`.
///
/// Each character is decomposed on its own, without NFD's canonical reordering of the marks that
/// follow a letter: that reordering only moves characters of a non-zero combining class, and
/// every one of those is a combining mark, which folding drops anyway (a test checks this over all
/// of Unicode). The key is the same as with full NFD, for a fraction of the work.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    let mut push = |c: char| {
        if is_combining_mark(c) {
            return;
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
    };
    for c in text.chars() {
        decompose_canonical(c, &mut push);
    }
    out
}

/// Number of user-visible characters, the unit of every length limit (not bytes, which would
/// penalise Vietnamese letters that take 2–3 bytes in UTF-8).
pub fn char_len(text: &str) -> usize {
    as_nfc(text).chars().count()
}

/// The characters the printed forms can draw: what the embedded Liberation Serif faces hold,
/// narrowed to the scripts and signs a ward's papers need — Latin with every Vietnamese letter
/// (composed and combining marks), Greek, Cyrillic, common punctuation, currency (₫, €), №,
/// superscript digits, arrows and a few mathematical signs. `tiepdan-print` checks every character
/// here has a glyph in each face it embeds, so anything accepted reaches paper.
const PRINTABLE: &[(char, char)] = &[
    ('\t', '\n'),
    ('\r', '\r'),
    (' ', '~'),
    ('\u{a0}', '\u{36f}'),
    ('\u{391}', '\u{3a1}'),
    ('\u{3a3}', '\u{3ce}'),
    ('\u{400}', '\u{45f}'),
    ('\u{1e00}', '\u{1e9b}'),
    ('\u{1ea0}', '\u{1ef9}'),
    ('\u{2010}', '\u{2010}'),
    ('\u{2012}', '\u{2022}'),
    ('\u{2026}', '\u{2026}'),
    ('\u{2030}', '\u{2030}'),
    ('\u{2032}', '\u{2033}'),
    ('\u{2039}', '\u{203a}'),
    ('\u{2074}', '\u{2079}'),
    ('\u{20ab}', '\u{20ac}'),
    ('\u{2116}', '\u{2116}'),
    ('\u{2122}', '\u{2122}'),
    ('\u{2190}', '\u{2193}'),
    ('\u{2212}', '\u{2212}'),
    ('\u{2260}', '\u{2260}'),
    ('\u{2264}', '\u{2265}'),
];

/// Whether `c` can be printed on the forms ([`PRINTABLE`]).
pub fn is_printable(c: char) -> bool {
    PRINTABLE.iter().any(|(lo, hi)| (*lo..=*hi).contains(&c))
}

/// The first character of `text` the forms cannot print (an emoji, a CJK ideograph, a
/// mathematical letter): such text is refused at input rather than printed with a gap, because the
/// paper must say what the register holds. Checked on the NFC form, as stored.
pub fn unprintable(text: &str) -> Option<char> {
    as_nfc(text).chars().find(|c| !is_printable(*c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::char::canonical_combining_class;

    #[test]
    fn vietnamese_in_either_normal_form_is_printable_and_emoji_cjk_and_math_letters_are_not() {
        let all = "ĐẶNG Thị Ngọc Ánh, Ưu Ởi Ỷ Ỹ Ỵ: 120 m², 5 000 000 ₫, № 3 – «x» “y” …";
        assert_eq!(unprintable(all), None);
        assert_eq!(unprintable(&all.nfd().collect::<String>()), None, "NFD input is checked as stored");
        assert_eq!(unprintable("Ghi chú 😀"), Some('😀'));
        assert_eq!(unprintable("Tên 中文"), Some('中'));
        assert_eq!(unprintable("Ký hiệu 𝐀"), Some('𝐀'));
        assert_eq!(unprintable("chuông \u{7}"), Some('\u{7}'), "control characters do not print either");
    }

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

    /// The fold of the old definition: full NFD (with canonical reordering), then the same steps.
    fn fold_through_nfd(text: &str) -> String {
        let mut out = String::new();
        let mut pending_space = false;
        for c in text.nfd().filter(|&c| !is_combining_mark(c)) {
            let c = if matches!(c, 'đ' | 'Đ' | 'ð' | 'Ð') { 'd' } else { c };
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

    #[test]
    fn folding_gives_the_key_full_nfd_would_give_for_every_character() {
        for c in (0..=0x10FFFF_u32).filter_map(char::from_u32) {
            assert!(
                canonical_combining_class(c) == 0 || is_combining_mark(c),
                "U+{:04X} can be reordered by NFD but is not a mark, so folding must reorder too",
                c as u32
            );
            let text = format!("a{c}\u{0323}\u{0301}b {c}");
            assert_eq!(fold(&text), fold_through_nfd(&text), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn nfc_text_is_borrowed_and_decomposed_text_is_composed() {
        let composed = "Nguyễn Thị Ước, số 12 Hà Đông";
        assert!(matches!(as_nfc(composed), Cow::Borrowed(_)), "NFC text needs no copy");
        let decomposed: String = composed.nfd().collect();
        assert_eq!(as_nfc(&decomposed), composed);
        // Marks typed in a non-canonical order (dot below after the acute) are put in order.
        let unordered = "e\u{0301}\u{0323}";
        assert_eq!(as_nfc(unordered), unordered.nfc().collect::<String>());
        assert_eq!(one_line(&format!(" {decomposed}\n ")), composed);
    }

    #[test]
    fn lengths_count_letters_not_bytes() {
        assert_eq!(char_len("Ước"), 3);
        let decomposed: String = "Ước".nfd().collect();
        assert_eq!(char_len(&decomposed), 3);
    }
}
