//! Repeat matters: a citizen who comes back about the same matter is suggested the earlier visit;
//! once linked, the visit counts as "lần tiếp 2" of that matter and is not a new case to follow up.

use crate::common::{desk, draft, local, visitor, Desk};
use crate::follow_up::{day, petition};
use tiepdan_domain::petition::PetitionKind;
use tiepdan_domain::visit::VisitDraft;
use tiepdan_register::{FollowUpRefusal, RegisterError, SameCitizen};

fn an(summary: &str, month: u32, id_number: Option<&str>) -> VisitDraft {
    let mut person = visitor("Nguyễn Văn An");
    person.id_number = id_number.map(str::to_string);
    person.address = Some("Số 5 ngõ 10 Quang Trung, Hà Đông".into());
    let mut input = draft("", summary);
    input.visitors = vec![person];
    input.received_at = Some(local(2026, month, 2, 9, 0));
    input.petition = Some(petition(PetitionKind::Complaint));
    input
}

const FIRST: &str = "Khiếu nại quyết định thu hồi đất thửa số 12 tờ bản đồ 5 của UBND phường";
const AGAIN: &str = "Tiếp tục khiếu nại việc thu hồi đất thửa số 12, đến nay chưa được giải quyết";

fn first_visit(d: &mut Desk) -> tiepdan_domain::VisitId {
    d.register.record_visit(&acting!(d), an(FIRST, 3, Some("001089012345"))).unwrap().id
}

#[test]
fn a_repeat_visit_is_suggested_linked_and_counted_as_the_second_visit_not_a_new_case() {
    let mut d = desk();
    let first = first_visit(&mut d);
    let again = an(AGAIN, 6, Some("001089012345"));
    let suggested = d.register.suggest_repeat_matters(&acting!(d), &again).unwrap();
    assert_eq!(suggested.len(), 1, "the earlier visit of the same citizen is suggested: {suggested:#?}");
    assert_eq!(suggested[0].visit_id, first);
    assert_eq!(suggested[0].matched_by, SameCitizen::IdNumber);
    assert!(suggested[0].common_words.contains(&"thua".to_string()), "{:?}", suggested[0].common_words);

    let second = d.register.record_visit(&acting!(d), again).unwrap().id;
    let link = d.register.link_repeat(&acting!(d), second, first).unwrap();
    assert_eq!((link.first_visit_id, link.visit_count), (first, 2), "lần tiếp 2");
    assert_eq!(d.register.visit_count(second).unwrap(), 2);
    assert_eq!(d.register.visit_count(first).unwrap(), 1);

    let today = day(2026, 11, 25);
    let open = d.register.open_petitions(&acting!(d), today, 3).unwrap();
    assert_eq!(open.len(), 1, "the second visit is not a new case: {open:#?}");
    assert_eq!((open[0].visit_id, open[0].visits_in_matter), (first, 2));
    let follow = d.register.petition_follow_up(&acting!(d), second, today, 3).unwrap();
    assert_eq!((follow.repeat_of, follow.visit_count), (Some(first), 2));
    assert!(follow.deadlines.is_empty(), "deadlines are followed on the first visit");
    assert!(d.register.history(second).unwrap().iter().any(|h| h.kind == "repeat_linked"));
}

#[test]
fn the_same_name_and_address_without_an_id_number_is_recognised_too() {
    let mut d = desk();
    let first = d.register.record_visit(&acting!(d), an(FIRST, 3, None)).unwrap().id;
    let suggested = d.register.suggest_repeat_matters(&acting!(d), &an(AGAIN, 6, None)).unwrap();
    assert_eq!(
        suggested.iter().map(|c| (c.visit_id, c.matched_by)).collect::<Vec<_>>(),
        [(first, SameCitizen::NameAndAddress)]
    );
}

#[test]
fn a_different_matter_of_the_same_citizen_is_not_suggested() {
    let mut d = desk();
    first_visit(&mut d);
    let other = an("Phản ánh tiếng ồn của quán karaoke gần nhà vào ban đêm", 6, Some("001089012345"));
    assert!(d.register.suggest_repeat_matters(&acting!(d), &other).unwrap().is_empty());
}

#[test]
fn a_third_visit_counts_three_and_a_visit_cannot_be_linked_twice_or_to_a_later_one() {
    let mut d = desk();
    let first = first_visit(&mut d);
    let second = d.register.record_visit(&acting!(d), an(AGAIN, 6, Some("001089012345"))).unwrap().id;
    let third = d.register.record_visit(&acting!(d), an(AGAIN, 9, Some("001089012345"))).unwrap().id;
    assert!(matches!(
        d.register.link_repeat(&acting!(d), first, second),
        Err(RegisterError::FollowUpRefused(FollowUpRefusal::RepeatLink(_)))
    ));
    // The third visit is linked to the second before the second is linked to the first: both end up
    // in the first visit's matter.
    d.register.link_repeat(&acting!(d), third, second).unwrap();
    d.register.link_repeat(&acting!(d), second, first).unwrap();
    let counts: Vec<u32> = d.register.matter(third).unwrap().iter().map(|v| v.visit_count).collect();
    assert_eq!(counts, [1, 2, 3]);
    assert_eq!(d.register.visit_count(third).unwrap(), 3);
    assert!(d.register.link_repeat(&acting!(d), third, first).is_err(), "already linked");
    assert!(d.register.verify().unwrap().is_intact());
}
