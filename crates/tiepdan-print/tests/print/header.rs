//! The letterhead (ND 30/2020): the issuing bodies on the left and the national motto on the right
//! keep their sizes whatever the unit's name, wrap by words into even lines, and never meet.
//!
//! The repository holds no administrative unit list, so the names are the longest real ones we
//! know (Hồ Chí Minh City as the governing body, "Thị trấn Nông trường Mộc Châu") and a longer
//! made-up one as the worst case.

use crate::fixtures::{officer, visit, ward};
use crate::pdf::{lines_of, write, WordBox};
use tiepdan_domain::officer::WardProfile;
use tiepdan_print::{render_receipt, Paper, ReceiptForm};

fn long_wards() -> Vec<WardProfile> {
    let mut hcm = ward();
    hcm.upstream = "Ủy ban nhân dân Thành phố Hồ Chí Minh".into();
    hcm.ward_name = "Phường Tân Sơn Nhất".into();
    hcm.place = "Thành phố Hồ Chí Minh".into();
    let mut moc_chau = ward();
    moc_chau.upstream = "Ủy ban nhân dân tỉnh Sơn La".into();
    moc_chau.ward_name = "Thị trấn Nông trường Mộc Châu".into();
    moc_chau.place = "Nông trường Mộc Châu".into();
    let mut worst = ward();
    worst.upstream = "Ủy ban nhân dân Thành phố Hồ Chí Minh".into();
    worst.ward_name = "Phường Bình Hưng Hòa Tây Thạnh Mỹ Lợi Phú Thuận Đông".into();
    worst.place = "Bình Hưng Hòa Tây Thạnh Mỹ Lợi Phú Thuận Đông".into();
    vec![hcm, moc_chau, worst]
}

/// Page 1's words above the title, split into the left block (issuing bodies, number) and the
/// right block (motto, sub-motto, place and date), by the order they are drawn in: the issuer, the
/// motto, "Số: …", the place and date.
fn header(ward: &WardProfile, paper: Paper, name: &str) -> (Vec<WordBox>, Vec<WordBox>) {
    let (v, o) = (visit(), officer());
    let form = ReceiptForm { ward, visit: &v, officer: Some(&o), copies: 2, reprint: None, paper };
    let pdf = write(name, &render_receipt(&form).unwrap());
    let (w, h) = if paper == Paper::A5 { (148.0, 210.0) } else { (210.0, 297.0) };
    pdf.assert_within_margins(w, h);
    let boxes: Vec<WordBox> = pdf.word_boxes().into_iter().filter(|b| b.page == 1).collect();
    let title = boxes.iter().position(|b| b.text == "GIẤY").expect("the title");
    let motto = boxes.iter().position(|b| b.text == "CỘNG").expect("the motto");
    let number = boxes.iter().position(|b| b.text == "Số:").expect("the number");
    let (mut left, mut right) = (Vec::new(), Vec::new());
    for (i, b) in boxes.into_iter().enumerate().take(title) {
        if i < motto || i == number || i == number + 1 {
            left.push(b);
        } else {
            right.push(b);
        }
    }
    (left, right)
}

fn assert_balanced(block: &[WordBox], what: &str) {
    let refs: Vec<&WordBox> = block.iter().collect();
    let lines = lines_of(&refs);
    for pair in lines.windows(2) {
        let (above, below) = (&pair[0], &pair[1]);
        let text = |l: &Vec<usize>| l.iter().map(|&i| refs[i].text.as_str()).collect::<Vec<_>>().join(" ");
        assert!(
            !(below.len() == 1 && above.len() >= 3),
            "{what}: a word left alone under a long line: {:?} / {:?}",
            text(above),
            text(below)
        );
    }
}

#[test]
fn long_unit_names_wrap_by_words_beside_the_motto_and_keep_their_sizes() {
    for paper in [Paper::A4, Paper::A5] {
        let (short_left, short_right) = header(&ward(), paper, &format!("header-short-{paper:?}"));
        let issuer_h = short_left.iter().find(|b| b.text == "ỦY").expect("the issuing body").height();
        let motto_h = short_right.iter().find(|b| b.text == "CỘNG").unwrap().height();
        let date_h = short_right.iter().find(|b| b.text == "ngày").unwrap().height();
        for (k, ward) in long_wards().iter().enumerate() {
            let what = format!("{paper:?} {}", ward.ward_name);
            let (left, right) = header(ward, paper, &format!("header-long-{k}-{paper:?}"));
            let motto_x = right.iter().map(|b| b.x_min).fold(f64::MAX, f64::min);
            for b in &left {
                assert!(b.x_max + 2.0 <= motto_x, "{what}: {:?} reaches into the motto's block", b.text);
            }
            let number_row = left.iter().find(|b| b.text == "Số:").unwrap().y_min;
            for b in left.iter().filter(|b| b.y_min < number_row - 1.0) {
                assert!(
                    (b.height() - issuer_h).abs() < 0.05,
                    "{what}: {:?} is not at the issuer's size",
                    b.text
                );
            }
            for b in &right {
                let want = if b.y_min >= number_row - 1.0 { date_h } else { b.height() };
                assert!((b.height() - want).abs() < 0.05, "{what}: the date word {:?} shrank", b.text);
            }
            let motto_line = right.iter().find(|b| b.text == "CỘNG").unwrap();
            assert!((motto_line.height() - motto_h).abs() < 0.05, "{what}: the motto keeps its size");
            let motto_words = right.iter().filter(|b| (b.y_min - motto_line.y_min).abs() < 1.0).count();
            assert_eq!(motto_words, 8, "{what}: the motto stays on one line");
            let issuer: Vec<WordBox> = left.into_iter().filter(|b| b.y_min < number_row - 1.0).collect();
            assert_balanced(&issuer, &what);
            let date: Vec<WordBox> = right.into_iter().filter(|b| b.y_min >= number_row - 1.0).collect();
            assert_balanced(&date, &what);
        }
    }
}
