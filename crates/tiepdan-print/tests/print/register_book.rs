//! Sổ tiếp công dân, Mẫu số 03: the twelve columns, header on every page, every row in order.

use crate::fixtures::{at, visit, ward};
use crate::pdf::{joined, write, WordBox, MM};
use chrono::{Duration, NaiveDate};
use tiepdan_domain::petition::{Handling, PetitionKind};
use tiepdan_domain::receipt::ReceiptNo;
use tiepdan_domain::visit::Visit;
use tiepdan_print::{render_register_book, RegisterBookForm, PROTECTED_DENOUNCER};

const NAMES: [&str; 4] = ["Đặng Hữu Ước", "Nguyễn Thị Ngọc Ánh", "Trần Văn Đức", "Lê Thị Hằng Nga"];

pub fn visits(n: usize) -> Vec<Visit> {
    (0..n)
        .map(|i| {
            let mut v = visit();
            v.receipt_no = ReceiptNo { series: Default::default(), number: i as u32 + 1, year: 2026, desk: 'A', epoch: 1 };
            v.details.received_at = at(1, 8, 0) + Duration::minutes(97 * i as i64);
            v.details.visitors[0].full_name = format!("{} {}", NAMES[i % 4], i + 1);
            if i % 7 == 3 {
                v.details.summary = "Khiếu nại việc thu hồi đất, đề nghị xem xét lại mức bồi thường, hỗ trợ và tái định cư cho hộ gia đình tại tổ dân phố số 5, đồng thời đề nghị cung cấp hồ sơ đo đạc, biên bản kiểm đếm và quyết định phê duyệt phương án bồi thường để đối chiếu.".into();
            }
            if i % 5 == 1 {
                let p = v.details.petition.as_mut().unwrap();
                p.kind = PetitionKind::Proposal;
                p.handling = Some(Handling::Transfer);
                p.transfer_to = Some("Sở Nông nghiệp và Môi trường".into());
            }
            v
        })
        .collect()
}

fn render(visits: &[Visit], protect: bool) -> Vec<u8> {
    let ward = ward();
    let form = RegisterBookForm {
        ward: &ward,
        visits,
        from: NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
        to: NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
        protect_denouncers: protect,
    };
    render_register_book(&form).unwrap()
}

#[test]
fn the_book_of_two_hundred_visits_repeats_its_header_and_keeps_every_row_in_order() {
    let visits = visits(200);
    let mut shuffled = visits.clone();
    shuffled.reverse();
    let pdf = write("register-200", &render(&shuffled, false));
    pdf.assert_sound();
    assert_eq!(pdf.page_size_mm(), (297, 210), "the book is A4 landscape");
    pdf.assert_within_margins(297.0, 210.0);
    let pages = pdf.pages_text();
    assert_eq!(pages.len(), pdf.page_count());
    assert!(pages.len() > 5, "200 visits need many pages, got {}", pages.len());
    let total = pages.len();
    for (i, page) in pages.iter().enumerate() {
        let text = joined(page);
        for title in ["STT", "Ngày tiếp", "Họ tên - Địa chỉ", "Nội dung vụ việc", "Ghi chú", "(1)", "(12)"]
        {
            assert!(text.contains(title), "page {} must repeat the header {title:?}:\n{text}", i + 1);
        }
        assert!(text.contains(&format!("Trang {}/{total}", i + 1)), "page {} is numbered", i + 1);
    }
    let first = joined(&pages[0]);
    assert!(first.contains("Mẫu số 03"), "the book carries its confirmed form number");
    assert!(first.contains("SỔ TIẾP CÔNG DÂN"));
    assert!(first.contains("Từ ngày 01/11/2026 đến ngày 30/11/2026"));
    let all = joined(&pdf.raw_text());
    let mut from = 0;
    for (i, v) in visits.iter().enumerate() {
        let name = &v.details.visitors[0].full_name;
        let pos = all[from..]
            .find(name.as_str())
            .unwrap_or_else(|| panic!("row {} ({name}) missing or out of order", i + 1));
        from += pos + name.len();
    }
    let long = &visits[3].details.summary;
    assert!(
        crate::pdf::words(&all).join(" ").contains(&crate::pdf::words(long).join(" "))
            || all.contains(long.as_str()),
        "long content is wrapped within its cell without losing a word"
    );
}

#[test]
fn a_masked_book_hides_denouncers() {
    let mut visits = visits(3);
    visits[1].details.petition.as_mut().unwrap().kind = PetitionKind::Denunciation;
    let hidden = visits[1].details.visitors[0].full_name.clone();
    let pdf = write("register-masked", &render(&visits, true));
    let all = joined(&pdf.raw_text());
    assert!(all.contains(PROTECTED_DENOUNCER));
    assert!(!all.contains(&hidden), "a masked book must not name the denouncer");
    assert!(all.contains(&visits[0].details.visitors[0].full_name), "other visitors stay named");
}

#[test]
fn an_empty_period_still_prints_a_book_page() {
    let pdf = write("register-empty", &render(&[], false));
    pdf.assert_sound();
    assert_eq!(pdf.page_count(), 1);
    assert!(joined(&pdf.raw_text()).contains("Không có lượt tiếp nào trong kỳ."));
}

#[test]
fn a_row_taller_than_a_page_is_split_across_pages_without_losing_a_word() {
    let mut visits = visits(2);
    let sentence = "Ông Đức trình bày nhiều lần về việc tranh chấp ranh giới thửa đất với hộ liền kề, đề nghị đo đạc lại và xử lý dứt điểm. ";
    // Numbered sentences, so a lost word cannot be matched by a later repetition.
    visits[0].details.summary =
        (1..=30).map(|n| format!("({n}) {sentence}")).collect::<String>().trim().to_string();
    let pdf = write("register-tall-row", &render(&visits, false));
    pdf.assert_sound();
    pdf.assert_within_margins(297.0, 210.0);
    assert!(pdf.page_count() >= 2, "a 3,600-character content cannot fit one page's row");
    for (i, page) in pdf.pages_text().iter().enumerate() {
        assert!(joined(page).contains("Nội dung vụ việc"), "page {} repeats the header", i + 1);
    }
    let all = joined(&pdf.raw_text());
    let want = joined(&visits[0].details.summary);
    // Cell text is extracted row by row; the summary's words must all be there in order.
    let mut from = 0;
    for word in want.split(' ') {
        let pos = all[from..].find(word).unwrap_or_else(|| panic!("word {word:?} lost after byte {from}"));
        from += pos + word.len();
    }
    assert!(all.contains(&visits[1].details.visitors[0].full_name), "the next row still follows");
}

/// Left edge of each column of Mẫu số 03 in points: the margin (30 mm) plus the widths before it.
fn column_x(index: usize) -> f64 {
    let widths = [11.0, 17.0, 36.0, 23.0, 36.0, 19.0, 22.0, 14.0, 16.0, 20.0, 14.0, 24.0];
    (30.0 + widths[..index].iter().sum::<f64>()) * MM
}

#[test]
fn handling_is_one_merged_title_over_columns_eight_to_ten_on_every_page() {
    let pdf = write("register-merged", &render(&visits(60), false));
    let boxes = pdf.word_boxes();
    let pages = pdf.page_count();
    assert!(pages >= 2);
    for page in 1..=pages {
        let on = |t: &str| {
            boxes
                .iter()
                .find(|b| b.page == page && b.text == t)
                .unwrap_or_else(|| panic!("{t} on page {page}"))
        };
        let (huong, ly) = (on("Hướng"), on("lý"));
        let centre = (huong.x_min + ly.x_max) / 2.0;
        let span = (column_x(7), column_x(10));
        assert!(
            (centre - (span.0 + span.1) / 2.0).abs() < 2.0,
            "page {page}: \"Hướng xử lý\" is centred over columns 8–10 ({centre:.1} in {span:?})"
        );
        for sub in ["Thụ", "Trả", "Chuyển"] {
            let b = on(sub);
            assert!(b.y_min > huong.y_max, "page {page}: {sub:?} sits under the merged title");
            assert!(b.x_min > span.0 && b.x_max < span.1, "page {page}: {sub:?} is inside columns 8–10");
        }
    }
}

#[test]
fn a_group_row_names_every_representative() {
    let mut visits = visits(1);
    let d = &mut visits[0].details;
    d.visitor_kind = tiepdan_domain::visit::VisitorKind::Group;
    d.people_count = 12;
    let mut second = d.visitors[0].clone();
    second.full_name = "Phạm Thị Xuân Mai".into();
    second.address = Some("Tổ dân phố số 9, phường Hà Đông".into());
    let mut third = second.clone();
    third.full_name = "Vũ Đình Khôi".into();
    d.visitors.extend([second, third]);
    let all = joined(&write("register-group", &render(&visits, false)).raw_text());
    for name in ["Đặng Hữu Ước 1", "Phạm Thị Xuân Mai", "Vũ Đình Khôi"] {
        assert!(all.contains(name), "the group's representative {name} is in the book:\n{all}");
    }
    assert!(all.contains("(Đoàn 12 người)"));
}

#[test]
fn a_row_continued_on_the_next_page_repeats_its_number_marked_continued() {
    let mut visits = visits(2);
    let sentence = "Ông Đức trình bày nhiều lần về việc tranh chấp ranh giới thửa đất với hộ liền kề, đề nghị đo đạc lại và xử lý dứt điểm. ";
    visits[0].details.summary = sentence.repeat(30);
    let pdf = write("register-continued", &render(&visits, false));
    assert!(pdf.page_count() >= 2);
    let boxes = pdf.word_boxes();
    let stt = (column_x(0), column_x(1));
    for page in 2..=pdf.page_count() {
        let header_bottom = boxes.iter().find(|b| b.page == page && b.text == "(12)").unwrap().y_max;
        let mut first: Vec<&WordBox> = boxes
            .iter()
            .filter(|b| b.page == page && b.y_min > header_bottom && b.x_min > stt.0 && b.x_max < stt.1)
            .collect();
        first.sort_by(|a, b| a.y_min.partial_cmp(&b.y_min).unwrap());
        let texts: Vec<&str> = first.iter().take(2).map(|b| b.text.as_str()).collect();
        if page < pdf.page_count() || texts.first() == Some(&"1") {
            assert_eq!(texts, ["1", "(tiếp)"], "page {page}: the continued row shows its STT and \"(tiếp)\"");
        }
    }
}

#[test]
fn classification_and_count_print_without_stray_spaces() {
    let pdf = write("register-class", &render(&visits(3), false));
    let layout = pdf.layout_text();
    assert!(layout.contains("Khiếu nại/1"), "column 6 reads \"Khiếu nại/1\":\n{layout}");
    assert!(layout.contains("đơn/Số người"), "its title reads \"Phân loại đơn/Số người\"");
    assert!(!layout.contains("/ "), "no slash followed by a stray space:\n{layout}");
}

#[test]
fn a_number_never_ends_a_line_without_its_unit() {
    // Every position of "120 m²" in the line, by growing the text before it a letter at a time.
    for pad in 0..40 {
        let mut visits = visits(1);
        visits[0].details.summary = format!("{} diện tích 120 m² đất ở và 35 m² đất vườn.", "a".repeat(pad));
        let pdf = write("register-unit", &render(&visits, false));
        let boxes = pdf.word_boxes();
        for number in ["120", "35"] {
            let n = boxes.iter().position(|b| b.text.starts_with(number)).expect("the number");
            let unit = &boxes[if boxes[n].text.contains("m²") { n } else { n + 1 }];
            assert!(unit.text.contains("m²"), "pad {pad}: {number} is followed by its unit");
            assert!(
                (unit.y_min - boxes[n].y_min).abs() < 1.0,
                "pad {pad}: \"{number} m²\" is split between two lines"
            );
        }
    }
}
