//! Signature blocks: a name of any allowed length (1–100 characters) wraps inside its own block,
//! within the margins, never over the other block; and the blocks stay on the page of the closing
//! paragraph, never alone on a page of their own.

use crate::fixtures::{documents, officer, visit, ward};
use crate::pdf::{write, WordBox, MM};
use tiepdan_print::{render_receipt, Paper, ReceiptForm};

const SYLLABLES: &str = "Công Tôn Nữ Thị Hoàng Phương Thảo Nguyên Bảo Ngọc Khánh Linh Huyền Trân Minh Châu Diệu Anh Thục Đoan Quỳnh Như Tuyết Mai";
const OFFICER: &str = "Tôn Thất Nguyễn Phước Hoàng Long Vĩnh Thụy Bảo Đại Khải Định Đồng Khánh Hàm Nghi Kiến Phúc Hiệp Hòa Dục Đức";

/// A name of exactly `n` characters, cut at a syllable, never ending on a space.
fn name(source: &str, n: usize) -> String {
    let cut: String = source.chars().take(n).collect();
    if cut.ends_with(' ') {
        format!("{}x", cut.trim_end())
    } else {
        cut
    }
}

fn size_mm(paper: Paper) -> (f64, f64) {
    if paper == Paper::A5 {
        (148.0, 210.0)
    } else {
        (210.0, 297.0)
    }
}

/// The words under the "(Ký, ghi rõ họ tên)" notes, on the page that carries them.
fn under_the_notes(boxes: &[WordBox]) -> Vec<&WordBox> {
    let note = boxes.iter().rev().find(|b| b.text == "(Ký,").expect("a signature note");
    let bottom =
        boxes.iter().filter(|b| b.page == note.page && b.text == "tên)").map(|b| b.y_max).fold(0.0, f64::max);
    boxes.iter().filter(|b| b.page == note.page && b.y_min > bottom).collect()
}

#[test]
fn a_name_of_any_length_wraps_inside_its_own_signature_block() {
    let ward = ward();
    for paper in [Paper::A4, Paper::A5] {
        let (w, h) = size_mm(paper);
        let (left, right) = (30.0 * MM, (w - 15.0) * MM);
        let mid = (left + right) / 2.0;
        for n in 1..=100 {
            let (citizen, clerk) = (name(SYLLABLES, n), name(OFFICER, n));
            assert_eq!(citizen.chars().count(), n);
            let mut v = visit();
            v.details.visitors[0].full_name = citizen.clone();
            let mut o = officer();
            o.full_name = clerk.clone();
            let form =
                ReceiptForm { ward: &ward, visit: &v, officer: Some(&o), copies: 2, reprint: None, paper };
            let pdf = write("signature-names", &render_receipt(&form).unwrap());
            pdf.assert_within_margins(w, h);
            let boxes = pdf.word_boxes();
            let names = under_the_notes(&boxes);
            let (mut got_left, mut got_right) = (String::new(), String::new());
            for b in names {
                assert!(
                    b.x_min >= left - 0.5 && b.x_max <= right + 0.5,
                    "{paper:?} n={n}: {:?} crosses a margin",
                    b.text
                );
                if b.x_min < mid {
                    assert!(
                        b.x_max <= mid,
                        "{paper:?} n={n}: {:?} of the left block runs into the right one",
                        b.text
                    );
                    got_left.push_str(&b.text);
                } else {
                    got_right.push_str(&b.text);
                }
            }
            let bare = |s: &str| s.split_whitespace().collect::<String>();
            assert_eq!(
                got_left,
                bare(&citizen),
                "{paper:?} n={n}: the citizen's block holds their whole name"
            );
            assert_eq!(
                got_right,
                bare(&clerk),
                "{paper:?} n={n}: the officer's block holds their whole name"
            );
        }
    }
}

#[test]
fn the_signatures_stay_on_the_page_of_the_closing_paragraph() {
    let (ward, o) = (ward(), officer());
    for paper in [Paper::A4, Paper::A5] {
        for k in 0..=45 {
            let mut v = visit();
            v.details.documents = documents(k);
            let form =
                ReceiptForm { ward: &ward, visit: &v, officer: Some(&o), copies: 2, reprint: None, paper };
            let pdf = write("signature-page", &render_receipt(&form).unwrap());
            let pages = pdf.pages_text();
            let signed = pages.iter().position(|p| p.contains("NGƯỜI NHẬN")).expect("the signature blocks");
            assert!(
                pages[signed].contains("Giấy biên nhận được lập thành"),
                "{paper:?}, {k} documents: the signatures on page {} without the closing paragraph",
                signed + 1
            );
        }
    }
}

/// A transfer slip signed by `signer` for the committee, as a vice-chair: a capacity of three lines.
fn transfer_signed_by(signer: &tiepdan_domain::officer::Officer, paper: Paper) -> Vec<u8> {
    let ward = ward();
    let mut v = visit();
    let p = v.details.petition.as_mut().unwrap();
    p.kind = tiepdan_domain::petition::PetitionKind::Proposal;
    p.transfer_to = Some("Sở Nông nghiệp và Môi trường".into());
    let form = tiepdan_print::TransferForm {
        ward: &ward,
        visit: &v,
        number: "15/PC-UBND",
        signer: tiepdan_print::Signer {
            capacity: tiepdan_domain::outgoing::SigningCapacity::ViceChairForCommittee,
            officer: Some(signer),
        },
        issued_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
        petition_dated: None,
        legal_basis: None,
        reprint: None,
        paper,
    };
    tiepdan_print::render_transfer(&form).unwrap()
}

#[test]
fn a_leaders_block_with_a_capacity_of_several_lines_keeps_a_long_name_beside_the_recipients() {
    for paper in [Paper::A4, Paper::A5] {
        let (w, h) = size_mm(paper);
        let (left, right) = (30.0 * MM, (w - 15.0) * MM);
        let text_w = right - left;
        let (recipients_end, block_start) = (left + 0.42 * text_w, left + 0.45 * text_w);
        for n in (1..=100).step_by(3).chain([100]) {
            let mut leader = officer();
            leader.full_name = name(OFFICER, n);
            let pdf = write("signature-leader", &transfer_signed_by(&leader, paper));
            pdf.assert_within_margins(w, h);
            let boxes = pdf.word_boxes();
            let page = boxes.iter().rev().find(|b| b.text == "(Ký,").unwrap().page;
            let role_top =
                boxes.iter().rev().find(|b| b.page == page && b.text == "TM.").expect("the capacity").y_min;
            let mut block = String::new();
            for b in boxes.iter().filter(|b| b.page == page && b.y_min >= role_top - 1.0) {
                if b.x_max <= recipients_end + 0.5 {
                    continue; // "Nơi nhận" and its list
                }
                assert!(
                    b.x_min >= block_start - 0.5,
                    "{paper:?} n={n}: {:?} straddles the recipients' column",
                    b.text
                );
                block.push_str(&b.text);
            }
            let want: String = format!(
                "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH (Ký, ghi rõ họ tên) {}",
                leader.full_name
            )
            .split_whitespace()
            .collect();
            assert_eq!(block, want, "{paper:?} n={n}: the block holds the whole capacity and name, in order");
        }
    }
}
