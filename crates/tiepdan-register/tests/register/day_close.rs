//! Closing a reception day: the counts come from the register, the close is a journal event sealing
//! the chain head, a second close of a date says so, and a future date is refused.

use crate::common::{desk, draft, local};
use chrono::NaiveDate;
use tiepdan_domain::event::EventBody;
use tiepdan_domain::petition::{Handling, Petition, PetitionKind};
use tiepdan_register::RegisterError;

fn petition(handling: Option<Handling>) -> Petition {
    serde_json::from_value(serde_json::json!({ "kind": "complaint", "field": "land" }))
        .map(|p: Petition| Petition {
            kind: PetitionKind::Complaint,
            handling,
            guidance: Some("Gửi đơn đến UBND thành phố".into()),
            ..p
        })
        .expect("a petition")
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

#[test]
fn a_day_close_counts_the_days_visits_and_petitions_and_seals_the_chain_head() {
    let mut d = desk();
    for handling in [Some(Handling::Accept), Some(Handling::Guide), None] {
        let mut v = draft("Nguyễn Văn An", "Khiếu nại quyết định thu hồi đất");
        v.petition = Some(petition(handling));
        d.register.record_visit(&acting!(d), v).unwrap();
    }
    let cancelled = d.register.record_visit(&acting!(d), draft("Lê Thị Cúc", "Hỏi thủ tục")).unwrap();
    d.register.cancel_visit(&acting!(d), cancelled.id, "Ghi nhầm").unwrap();
    let mut yesterday = draft("Phạm Văn Dũng", "Kiến nghị về đường ngõ");
    yesterday.received_at = Some(local(2026, 11, 24, 15, 0));
    d.register.record_visit(&acting!(d), yesterday).unwrap();
    let head = d.register.current_stream().unwrap();

    let summary = d.register.close_day(&acting!(d), today()).unwrap();
    let close = &summary.close;
    assert_eq!((close.visits, close.cancelled), (3, 1), "standing and cancelled visits of the day");
    let p = close.petitions;
    assert_eq!((p.accept, p.guide, p.undecided, p.total()), (1, 1, 1, 3), "petitions by handling: {p:?}");
    assert_eq!(close.first_seq, Some(1), "every event of this fresh desk was written today");
    assert_eq!(close.last_seq, head.max_seq, "the close seals the journal as it stood");
    assert_eq!(close.chain_head, hex::encode(head.head));
    assert_eq!(summary.close_seq, head.max_seq + 1, "the close is the next event");
    assert_eq!(summary.earlier_closes, 0);

    let event = d.register.events_after(summary.stream, head.max_seq, 1).unwrap().remove(0);
    assert_eq!(event.kind, "day_closed");
    assert_eq!(event.body().unwrap(), EventBody::DayClosed(close.clone()), "the event records the counts");
    assert!(d.register.verify().unwrap().is_intact(), "the chain stays valid");
}

#[test]
fn closing_a_day_again_is_a_new_event_that_says_it_is_not_the_first() {
    let mut d = desk();
    let first = d.register.close_day(&acting!(d), today()).unwrap();
    d.register.record_visit(&acting!(d), draft("Nguyễn Văn An", "Hỏi thủ tục")).unwrap();
    let again = d.register.close_day(&acting!(d), today()).unwrap();
    assert_eq!(again.earlier_closes, 1, "the summary says the day was closed before");
    assert_eq!(again.close.visits, 1, "the late registration is counted in the new close");
    assert_eq!(again.close_seq, first.close_seq + 2);
    let past = d.register.close_day(&acting!(d), NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()).unwrap();
    assert_eq!((past.earlier_closes, past.close.visits, past.close.first_seq), (0, 0, None));
}

#[test]
fn a_day_in_the_future_cannot_be_closed_and_nothing_is_written() {
    let mut d = desk();
    let before = d.register.current_stream().unwrap().max_seq;
    let err = d.register.close_day(&acting!(d), NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()).unwrap_err();
    assert!(matches!(err, RegisterError::Invalid(_)), "refused as invalid input: {err:?}");
    assert_eq!(d.register.current_stream().unwrap().max_seq, before, "no event was appended");
}
