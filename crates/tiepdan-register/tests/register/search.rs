use crate::common::{desk, draft, visitor, Desk};
use tiepdan_domain::visit::VisitDraft;
use unicode_normalization::UnicodeNormalization;

fn with_id(name: &str, id: &str, summary: &str) -> VisitDraft {
    let mut v = visitor(name);
    v.id_number = Some(id.into());
    VisitDraft { visitors: vec![v], summary: summary.into(), ..Default::default() }
}

fn names(d: &Desk, query: &str) -> Vec<String> {
    d.register.search(&acting!(d), query, 10).unwrap().into_iter().map(|h| h.names.join(", ")).collect()
}

#[test]
fn a_query_without_tones_finds_names_with_tones_and_the_bar_of_d() {
    let mut d = desk();
    d.register.record_visit(&acting!(d), draft("Nguyễn Văn An", "Tranh chấp ranh giới đất")).unwrap();
    d.register.record_visit(&acting!(d), draft("Đặng Thị Ngọc Ánh", "Phản ánh ô nhiễm")).unwrap();
    d.register.record_visit(&acting!(d), draft("Trần Quốc Toản", "Hỏi chế độ chính sách")).unwrap();
    assert_eq!(names(&d, "nguyen van an"), ["Nguyễn Văn An"]);
    assert_eq!(names(&d, "dang thi ngoc anh"), ["Đặng Thị Ngọc Ánh"]);
    assert_eq!(names(&d, "ĐẶNG"), ["Đặng Thị Ngọc Ánh"]);
    assert_eq!(names(&d, "o nhiem"), ["Đặng Thị Ngọc Ánh"], "content words are searched too");
    assert!(names(&d, "pham").is_empty());
}

#[test]
fn a_query_typed_in_decomposed_unicode_finds_the_same_visits() {
    let mut d = desk();
    d.register.record_visit(&acting!(d), draft("Nguyễn Thị Hương", "Kiến nghị về điện chiếu sáng")).unwrap();
    let nfd: String = "Nguyễn Thị Hương".nfd().collect();
    assert_ne!(nfd, "Nguyễn Thị Hương");
    assert_eq!(names(&d, &nfd), ["Nguyễn Thị Hương"]);
    let stored_nfd: String = "Lê Văn Đức".nfd().collect();
    d.register.record_visit(&acting!(d), draft(&stored_nfd, "Hỏi thủ tục")).unwrap();
    assert_eq!(names(&d, "le van duc"), ["Lê Văn Đức"], "NFD input is stored as NFC and still found");
}

#[test]
fn words_match_as_prefixes_while_the_clerk_types() {
    let mut d = desk();
    d.register.record_visit(&acting!(d), draft("Phạm Thị Thuỳ Dương", "Khiếu nại")).unwrap();
    assert_eq!(names(&d, "pham thi thu"), ["Phạm Thị Thuỳ Dương"]);
    assert_eq!(names(&d, "duo"), ["Phạm Thị Thuỳ Dương"]);
}

#[test]
fn id_numbers_and_receipt_numbers_find_their_visit_first() {
    let mut d = desk();
    d.register
        .record_visit(&acting!(d), with_id("Nguyễn Văn Bình", "001085012345", "Khiếu nại đất"))
        .unwrap();
    let second =
        d.register.record_visit(&acting!(d), with_id("Nguyễn Văn Cường", "036190004321", "Tố cáo")).unwrap();
    let by_id = d.register.search(&acting!(d), "036 190 004321", 10).unwrap();
    assert_eq!(by_id[0].visit_id, second.id, "an exact ID number comes first");
    assert_eq!(by_id.len(), 1);
    let by_receipt = d.register.search(&acting!(d), "0002/2026/A", 10).unwrap();
    assert_eq!(by_receipt[0].visit_id, second.id);
    assert_eq!(by_receipt[0].receipt_no, second.receipt_no);
    assert_eq!(names(&d, "0010850"), ["Nguyễn Văn Bình"], "an ID prefix finds it while typing");
}

#[test]
fn an_exact_full_name_ranks_above_partial_matches() {
    let mut d = desk();
    d.register.record_visit(&acting!(d), draft("Nguyễn Văn Anh", "Kiến nghị")).unwrap();
    d.register.record_visit(&acting!(d), draft("Nguyễn Văn An Khang", "Kiến nghị")).unwrap();
    d.register.record_visit(&acting!(d), draft("Nguyễn Văn An", "Kiến nghị")).unwrap();
    d.register.record_visit(&acting!(d), draft("Trần Văn Anh", "Nguyễn Văn An nhờ nộp hộ")).unwrap();
    let hits = d.register.search(&acting!(d), "nguyen van an", 10).unwrap();
    assert_eq!(hits[0].names, ["Nguyễn Văn An"], "the exact name first: {hits:?}");
    assert_eq!(hits.len(), 4);
    assert!(hits.windows(2).all(|w| w[0].rank >= w[1].rank), "hits come best first");
}

#[test]
fn returning_citizens_are_offered_once_with_their_latest_details() {
    let mut d = desk();
    let mut first = with_id("Hoàng Văn Nam", "001085012345", "Lần 1");
    first.visitors[0].address = Some("Tổ 1, Hà Đông".into());
    d.register.record_visit(&acting!(d), first).unwrap();
    let mut again = with_id("Hoàng Văn Nam", "001085012345", "Lần 2");
    again.visitors[0].address = Some("Tổ 5, Hà Đông".into());
    d.register.record_visit(&acting!(d), again).unwrap();
    d.register.record_visit(&acting!(d), draft("Hoàng Thị Năm", "Khác")).unwrap();

    let people = d.register.returning_citizens(&acting!(d), "hoang van", 10).unwrap();
    assert_eq!(people.len(), 1);
    assert_eq!(people[0].address.as_deref(), Some("Tổ 5, Hà Đông"), "the latest address is offered");
    let by_id = d.register.returning_citizens(&acting!(d), "00108", 10).unwrap();
    assert_eq!(by_id.len(), 1);
    assert_eq!(by_id[0].full_name, "Hoàng Văn Nam");
    assert_eq!(d.register.returning_citizens(&acting!(d), "hoang", 10).unwrap().len(), 2);
}

#[test]
fn an_amended_visit_is_found_by_its_new_words_not_its_old_ones() {
    let mut d = desk();
    let v = d.register.record_visit(&acting!(d), draft("Mai Văn Tùng", "Phản ánh đèn đường hỏng")).unwrap();
    d.register
        .amend_visit(&acting!(d), v.id, draft("Mai Văn Tùng", "Phản ánh cống thoát nước"), "Sửa nội dung")
        .unwrap();
    assert!(names(&d, "den duong").is_empty());
    assert_eq!(names(&d, "cong thoat nuoc"), ["Mai Văn Tùng"]);
}
