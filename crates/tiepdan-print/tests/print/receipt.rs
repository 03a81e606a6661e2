//! Giấy biên nhận: the slip printed after nearly every visit.

use crate::fixtures::{documents, officer, visit, ward};
use crate::pdf::{between, has_line, joined, words, write};
use tiepdan_print::{render_receipt, Paper, PrintError, ReceiptForm};
use unicode_normalization::UnicodeNormalization;

fn render(visit: &tiepdan_domain::visit::Visit, paper: Paper, reprint: Option<u32>) -> Vec<u8> {
    let (ward, officer) = (ward(), officer());
    let form = ReceiptForm { ward: &ward, visit, officer: Some(&officer), copies: 2, reprint, paper };
    render_receipt(&form).expect("the fixture visit renders")
}

#[test]
fn a_receipt_is_one_a4_page_by_default_whose_key_lines_extract_exactly() {
    let pdf = write("receipt-a4-default", &render(&visit(), Paper::default(), None));
    pdf.assert_sound();
    assert_eq!(pdf.page_count(), 1, "a usual visit fits one slip");
    assert_eq!(pdf.page_size_mm(), (210, 297), "A4 is the default for what is handed out");
    let raw = pdf.raw_text();
    for line in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "UBND THÀNH PHỐ HÀ NỘI",
        "GIẤY BIÊN NHẬN",
        "Đã nhận được của ông (bà): Đặng Hữu Ước",
    ] {
        assert!(has_line(&raw, line), "the slip must show the line {line:?}:\n{raw}");
    }
    let layout = pdf.layout_text();
    for line in ["NGƯỜI CUNG CẤP NGƯỜI NHẬN", "Đặng Hữu Ước Nguyễn Thị Ngọc Ánh"] {
        assert!(has_line(&layout, line), "the two signature blocks sit side by side: {line:?}:\n{layout}");
    }
    assert!(layout.contains("Số: 0042/2026/A"), "the receipt number heads the slip:\n{layout}");
    assert!(layout.contains("Hà Đông, ngày 25 tháng 11 năm 2026"), "the place-and-date line:\n{layout}");
    let all = joined(&raw);
    for phrase in [
        "Vào hồi 09 giờ 30 phút, ngày 25/11/2026, tại nơi tiếp công dân của Ủy ban nhân dân phường Hà Đông.",
        "Đơn khiếu nại, lĩnh vực đất đai.",
        "Người nhận: Nguyễn Thị Ngọc Ánh, chức vụ: Công chức tiếp công dân.",
        "Số định danh cá nhân/CCCD: 001088012345, ngày cấp: 12/03/2021, nơi cấp: Cục Cảnh sát QLHC về TTXH",
        "1. Đơn khiếu nại về việc thu hồi đất số 1 (bản chính, 1 trang)",
        "2. Bản sao Giấy chứng nhận quyền sử dụng đất thửa số 101 (bản sao, 2 trang)",
        "Giấy biên nhận được lập thành 02 bản, người cung cấp giữ 01 bản, 01 bản lưu tại nơi tiếp công dân.",
        "(Ký, ghi rõ họ tên)",
    ] {
        assert!(all.contains(phrase), "the slip must say {phrase:?}:\n{all}");
    }
    assert!(!all.contains("Mẫu số"), "only the register book carries a confirmed form number");
    assert!(!all.contains("Bản in lại"), "an original is not marked as a reprint");
}

#[test]
fn a_slip_stays_small_enough_to_archive_every_one() {
    for paper in [Paper::A4, Paper::A5] {
        let bytes = render(&visit(), paper, None);
        assert!(bytes.len() <= 60 * 1024, "a {paper:?} slip must stay ≤ 60 KB, got {} bytes", bytes.len());
    }
}

#[test]
fn the_compact_a5_option_prints_on_a5() {
    let pdf = write("receipt-a5", &render(&visit(), Paper::A5, None));
    pdf.assert_sound();
    assert_eq!(pdf.page_size_mm(), (148, 210));
    pdf.assert_within_margins(148.0, 210.0);
    assert!(has_line(&pdf.raw_text(), "Đã nhận được của ông (bà): Đặng Hữu Ước"));
}

#[test]
fn a_reprint_is_marked_as_a_copy() {
    let pdf = write("receipt-reprint", &render(&visit(), Paper::A5, Some(2)));
    assert!(has_line(&pdf.raw_text(), "Bản in lại lần 2"), "a reprint must say which reprint it is");
}

#[test]
fn decomposed_input_prints_the_same_letters_as_composed_input() {
    let mut v = visit();
    v.details.visitors[0].full_name = "Đặng Hữu Ước".nfd().collect();
    let pdf = write("receipt-nfd", &render(&v, Paper::A5, None));
    assert!(
        has_line(&pdf.raw_text(), "Đã nhận được của ông (bà): Đặng Hữu Ước"),
        "NFD names must be drawn as their NFC letters"
    );
}

#[test]
fn long_content_and_forty_documents_wrap_and_paginate_without_losing_a_word() {
    let mut v = visit();
    let summary: String = "Ông Ước trình bày việc thửa đất số 118 tờ bản đồ số 7 bị thu hồi mà chưa được bồi thường thỏa đáng, đề nghị xem xét lại giá đất, hỗ trợ tái định cư và giải thích căn cứ pháp luật. "
        .repeat(2)
        .chars()
        .take(300)
        .collect();
    assert_eq!(summary.chars().count(), 300);
    v.details.summary = summary.trim().to_string();
    v.details.documents = documents(40);
    let pdf = write("receipt-40-docs", &render(&v, Paper::A5, None));
    pdf.assert_sound();
    assert!(pdf.page_count() >= 2, "forty documents cannot fit one A5 page");
    pdf.assert_within_margins(148.0, 210.0);
    let got = words(&pdf.body_text());
    let content = between(&got, "Nội dung tóm tắt:", "Các thông tin, tài liệu,");
    let expected = words(&v.details.summary);
    assert_eq!(content, expected, "every word of the content must be printed, in order");
    let list = between(&got, "40 tài liệu, 120 trang:", "Giấy biên nhận được lập");
    let expected: Vec<String> = v
        .details
        .documents
        .iter()
        .enumerate()
        .flat_map(|(i, d)| {
            let kind = if d.original { "bản chính" } else { "bản sao" };
            words(&format!("{}. {} ({kind}, {} trang)", i + 1, d.title, d.pages))
        })
        .collect();
    assert_eq!(list, expected, "every document must be listed, in order, across the page break");
}

#[test]
fn zero_copies_is_refused() {
    let (ward, v, officer) = (ward(), visit(), officer());
    let form = ReceiptForm {
        ward: &ward,
        visit: &v,
        officer: Some(&officer),
        copies: 0,
        reprint: None,
        paper: Paper::A5,
    };
    assert!(matches!(render_receipt(&form), Err(PrintError::Invalid(_))));
}

#[test]
fn a_word_longer_than_the_line_is_cut_between_letters_not_run_off_the_page() {
    let mut v = visit();
    let token: String = "Đườngdẫnhồsơ/".repeat(12);
    v.details.summary = format!("Xem tài liệu tại {token} để đối chiếu.");
    let pdf = write("receipt-long-token", &render(&v, Paper::A5, None));
    pdf.assert_within_margins(148.0, 210.0);
    let all: String = words(&pdf.raw_text()).concat();
    assert!(all.contains(&token), "every letter of the long word is printed, in order");
}

#[test]
fn a_sealed_denouncer_is_named_as_protected_never_left_blank() {
    let mut sealed = visit();
    let lead = &mut sealed.details.visitors[0];
    lead.take_identity();
    lead.sealed = Some(tiepdan_domain::visit::SealedIdentity::new("sealed:v1:AAAA"));
    let pdf = write("receipt-sealed", &render(&sealed, Paper::A5, None));
    let all = joined(&pdf.raw_text());
    assert!(
        all.contains("Đã nhận được của ông (bà): Người tố cáo (được bảo mật)"),
        "the slip says the identity is protected:\n{all}"
    );
    assert!(
        !all.contains("Đặng Hữu Ước") && !all.contains("001088012345"),
        "nothing of the identity:\n{all}"
    );
}
