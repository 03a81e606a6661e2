//! Typography of ND 30/2020 a reader notices: the first-line indent, "Nơi nhận:" in bold italic,
//! the kind of unit in lower case inside a sentence, and no character lost for want of a glyph.

use crate::fixtures::{officer, visit, ward};
use crate::pdf::{joined, write, MM};
use tiepdan_print::{render_receipt, render_refusal, Paper, ReceiptForm, RefusalForm};

fn receipt(v: &tiepdan_domain::visit::Visit) -> crate::pdf::Rendered {
    let (ward, officer) = (ward(), officer());
    let form = ReceiptForm {
        ward: &ward,
        visit: v,
        officer: Some(&officer),
        copies: 2,
        reprint: None,
        paper: Paper::A4,
    };
    write("typography-receipt", &render_receipt(&form).unwrap())
}

#[test]
fn a_paragraph_indents_its_first_line_only() {
    let pdf = receipt(&visit());
    let boxes = pdf.word_boxes();
    let left = 30.0 * MM;
    let indent = 13.0 * 2.2;
    for (first, second) in [("Vào", "hồi"), ("Nội", "dung")] {
        let i = boxes.windows(2).position(|w| w[0].text == first && w[1].text == second).unwrap();
        assert!((boxes[i].x_min - (left + indent)).abs() < 0.6, "{first:?} opens an indented first line");
        // The paragraph's second line starts back at the margin.
        let next = boxes[i + 1..].iter().find(|b| b.y_min > boxes[i].y_max - 1.0).unwrap();
        assert!(
            (next.x_min - left).abs() < 0.6,
            "the line after {first:?} starts at the margin: {:?}",
            next.text
        );
    }
}

#[test]
fn recipients_are_headed_in_bold_italic_and_unused_faces_are_not_embedded() {
    let (ward, v, o) = (ward(), visit(), officer());
    let mut refused = v.clone();
    refused.details.refusal = Some(tiepdan_domain::petition::Refusal {
        ground: tiepdan_domain::petition::RefusalGround::Disruptive,
        detail: String::new(),
    });
    let form = RefusalForm {
        ward: &ward,
        visit: &refused,
        number: "07/TB-UBND",
        issued_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
        signer: tiepdan_print::Signer {
            capacity: tiepdan_domain::outgoing::SigningCapacity::Chair,
            officer: Some(&o),
        },
        reprint: None,
        paper: Paper::A4,
    };
    let pdf = write("typography-refusal", &render_refusal(&form).unwrap());
    let fonts: Vec<String> = pdf.fonts().into_iter().map(|f| f.0).collect();
    assert!(fonts.iter().any(|f| f.contains("BoldItalic")), "\"Nơi nhận:\" is bold italic: {fonts:?}");
    let receipt_fonts: Vec<String> = receipt(&v).fonts().into_iter().map(|f| f.0).collect();
    assert!(
        !receipt_fonts.iter().any(|f| f.contains("BoldItalic")),
        "the slip has no \"Nơi nhận\" and carries no bold-italic face: {receipt_fonts:?}"
    );
}

#[test]
fn a_character_the_font_lacks_is_printed_as_its_code_rather_than_a_blank() {
    let mut v = visit();
    v.details.summary = "Ghi chú 😀, tên 中文 và ký hiệu 𝐀 trong đơn.".into();
    let all = joined(&receipt(&v).raw_text());
    for code in ["[U+1F600]", "[U+4E2D][U+6587]", "[U+1D400]"] {
        assert!(all.contains(code), "the paper shows {code} where the font has no glyph:\n{all}");
    }
    assert!(all.contains("Ghi chú [U+1F600], tên [U+4E2D][U+6587] và ký hiệu [U+1D400] trong đơn."));
}
