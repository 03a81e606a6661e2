use crate::common::{desk, draft, local};
use std::collections::HashSet;

#[test]
fn receipt_numbers_follow_each_other_never_repeat_and_restart_each_year() {
    let mut d = desk();
    let mut record = |at| {
        let mut v = draft("Đỗ Văn Hải", "Kiến nghị sửa đường");
        v.received_at = Some(at);
        d.register.record_visit(&acting!(d), v).unwrap().receipt_no.to_string()
    };
    let numbers = vec![
        record(local(2025, 12, 31, 16, 0)),
        record(local(2025, 12, 31, 23, 59)),
        // 00:30 on 1 Jan in Vietnam is still 31 Dec in UTC: the year is Vietnam's.
        record(local(2026, 1, 1, 0, 30)),
        record(local(2026, 3, 2, 9, 0)),
        // Entered late for last year: continues last year's numbers.
        record(local(2025, 12, 30, 10, 0)),
    ];
    assert_eq!(numbers, ["0001/2025/A", "0002/2025/A", "0001/2026/A", "0002/2026/A", "0003/2025/A"]);
    assert_eq!(numbers.iter().collect::<HashSet<_>>().len(), numbers.len());
}

#[test]
fn a_cancelled_visit_keeps_its_number_and_the_next_visit_gets_a_new_one() {
    let mut d = desk();
    let first = d.register.record_visit(&acting!(d), draft("Đỗ Văn Hải", "Kiến nghị")).unwrap();
    d.register.cancel_visit(&acting!(d), first.id, "Nhập nhầm").unwrap();
    let second = d.register.record_visit(&acting!(d), draft("Đỗ Văn Hải", "Kiến nghị")).unwrap();
    assert_eq!(first.receipt_no.number, 1);
    assert_eq!(second.receipt_no.number, 2, "a number once given is never given again");
}
