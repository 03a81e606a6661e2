//! Petitions received without a visit (issue 16): registered from a source, numbered in their own
//! series, amended with history, searched, processed, followed up, and sealed like a denouncer.

use crate::common::{desk, visitor, Desk};
use crate::follow_up::day;
use tiepdan_domain::deadlines::Step;
use tiepdan_domain::identity::IdKind;
use tiepdan_domain::intake::{PetitionDraft, PetitionSource};
use tiepdan_domain::petition::{Field, Handling, PetitionKind};
use tiepdan_domain::processing::Processing;
use tiepdan_domain::receipt::Series;
use tiepdan_domain::validation::Problem;
use tiepdan_domain::visit::{Visit, SEALED_VISITOR_NAME};
use tiepdan_register::{PetitionQuery, ProcessingState, RegisterError};

/// A complaint sent by post by one named citizen, which arrived on 23/11/2026.
pub fn mailed(name: &str, summary: &str) -> PetitionDraft {
    PetitionDraft {
        source: PetitionSource::Post,
        received_on: Some(day(2026, 11, 23)),
        from_body: None,
        letter_no: None,
        letter_date: None,
        senders: vec![visitor(name)],
        sender_kind: Default::default(),
        organisation: None,
        signatories: None,
        summary: summary.into(),
        kind: PetitionKind::Complaint,
        field: Field::Land,
        anonymous: false,
        previous_handler: None,
        previous_result: None,
        stage: Default::default(),
        documents: vec![],
        notes: String::new(),
        officer_id: None,
    }
}

fn receive(d: &mut Desk, draft: PetitionDraft) -> Visit {
    d.register.receive_petition(&acting!(d), draft).unwrap()
}

fn problems(err: RegisterError) -> Vec<(String, Problem)> {
    match err {
        RegisterError::Invalid(invalid) => {
            invalid.problems.into_iter().map(|p| (p.field, p.problem)).collect()
        }
        other => panic!("expected invalid input, got {other:?}"),
    }
}

#[test]
fn a_mailed_petition_round_trips_with_its_source_and_its_own_number() {
    let mut d = desk();
    let visit_before =
        d.register.record_visit(&acting!(d), crate::common::draft("Phạm Thị Dung", "Hỏi đất")).unwrap();
    let first = receive(&mut d, mailed("Lê Văn Cường", "Khiếu nại quyết định thu hồi đất"));
    let second = receive(&mut d, mailed("Hoàng Thị Em", "Khiếu nại bồi thường"));
    assert_eq!(visit_before.receipt_no.to_string(), "0001/2026/A");
    assert_eq!(first.receipt_no.to_string(), "ĐT-0001/2026/A", "its own series, not the visits'");
    assert_eq!(second.receipt_no.to_string(), "ĐT-0002/2026/A");
    assert_eq!(first.receipt_no.series, Series::Petition);
    let visit_after =
        d.register.record_visit(&acting!(d), crate::common::draft("Đỗ Văn Giang", "Hỏi")).unwrap();
    assert_eq!(visit_after.receipt_no.to_string(), "0002/2026/A", "visits keep their own count");

    let stored = d.register.visit(first.id).unwrap();
    assert_eq!(stored, first);
    assert_eq!(stored.details.source, PetitionSource::Post);
    assert_eq!(stored.details.received_at.date_naive(), day(2026, 11, 23));
    assert_eq!(d.register.visit_by_receipt(&"DT-0001/2026/A".parse().unwrap()).unwrap().id, first.id);
}

#[test]
fn a_transfer_in_keeps_the_sending_body_and_letter_and_a_transfer_without_one_changes_nothing() {
    let mut d = desk();
    let mut draft = mailed("Lê Văn Cường", "Khiếu nại việc cấp giấy chứng nhận");
    draft.source = PetitionSource::TransferredIn;
    let err = d.register.receive_petition(&acting!(d), draft.clone()).unwrap_err();
    assert!(problems(err).iter().any(|(f, p)| f == "from_body" && *p == Problem::Required));
    draft.from_body = Some("Thanh tra thành phố".into());
    draft.letter_no = Some("125/TTTP-TCD".into());
    draft.letter_date = Some(day(2026, 11, 24));
    let err = d.register.receive_petition(&acting!(d), draft.clone()).unwrap_err();
    assert!(
        problems(err).iter().any(|(f, p)| f == "letter_date" && *p == Problem::LetterAfterReceipt),
        "a letter dated after the day it arrived"
    );
    assert!(
        d.register.petitions(&acting!(d), &PetitionQuery::default()).unwrap().is_empty(),
        "nothing stored"
    );
    draft.letter_date = Some(day(2026, 11, 20));
    let v = receive(&mut d, draft);
    assert_eq!(v.receipt_no.to_string(), "ĐT-0001/2026/A", "refusals used no number");
    assert_eq!(v.details.from_body.as_deref(), Some("Thanh tra thành phố"));
    assert_eq!(v.details.letter_no.as_deref(), Some("125/TTTP-TCD"));
    assert_eq!(v.details.letter_date, Some(day(2026, 11, 20)));
}

#[test]
fn html_and_over_long_text_are_refused_field_by_field() {
    let mut d = desk();
    let mut draft = mailed("<b>Lê</b>", &"x".repeat(5000));
    draft.source = PetitionSource::ForwardedByElected;
    draft.from_body = Some("y".repeat(500));
    let found = problems(d.register.receive_petition(&acting!(d), draft).unwrap_err());
    let fields: Vec<&str> = found.iter().map(|(f, _)| f.as_str()).collect();
    assert!(fields.contains(&"summary"), "{found:?}");
    assert!(fields.contains(&"from_body"), "{found:?}");
    // Markup is text: stored as typed, never interpreted, so it is not a problem in itself.
    let v = receive(&mut d, mailed("<b>Lê</b>", "<script>alert(1)</script>"));
    assert_eq!(d.register.visit(v.id).unwrap().details.summary, "<script>alert(1)</script>");
}

#[test]
fn a_mailed_petition_is_amended_with_history_and_keeps_its_number_and_source() {
    let mut d = desk();
    let v = receive(&mut d, mailed("Lê Văn Cường", "Khiếu nại quyết định thu hồi đất"));
    let mut draft = tiepdan_domain::visit::VisitDraft::from(v.details.clone());
    draft.summary = "Khiếu nại quyết định thu hồi đất số 12/QĐ-UBND".into();
    draft.source = PetitionSource::Desk; // an attempt to move it to the visits' series is ignored
    let amended = d.register.amend_visit(&acting!(d), v.id, draft, "Bổ sung số quyết định").unwrap();
    assert_eq!(amended.receipt_no, v.receipt_no);
    assert_eq!(amended.details.source, PetitionSource::Post);
    let history = d.register.history(v.id).unwrap();
    assert_eq!(history.len(), 2, "{history:?}");
}

#[test]
fn a_mailed_petition_is_found_by_search_with_or_without_diacritics() {
    let mut d = desk();
    let v = receive(&mut d, mailed("Lê Văn Cường", "Khiếu nại quyết định thu hồi đất"));
    for query in ["thu hồi", "thu hoi", "Cuong", "ĐT-0001/2026/A"] {
        let hits = d.register.search(&acting!(d), query, 10).unwrap();
        assert!(hits.iter().any(|h| h.visit_id == v.id), "{query}: {hits:?}");
    }
}

#[test]
fn processing_records_the_decision_and_the_due_list_follows_it() {
    let mut d = desk();
    // A complaint is never transferred (the citizen is guided instead): a proposal is.
    let mut draft = mailed("Lê Văn Cường", "Kiến nghị sửa đường ngõ 5 Quang Trung");
    draft.kind = PetitionKind::Proposal;
    let v = receive(&mut d, draft);
    let today = day(2026, 11, 25);
    let open = d.register.open_petitions(&acting!(d), today, 3).unwrap();
    let item = open.iter().find(|i| i.visit_id == v.id).expect("an unprocessed petition is followed up");
    assert_eq!(item.received_on, day(2026, 11, 23));
    // Mon 23/11: ten working days to process → 24–27, 30/11, 1–4, 7/12 → Mon 07/12/2026.
    let deadlines = d.register.petition_deadlines(v.id, today, 3).unwrap();
    let process = deadlines.iter().find(|x| x.step == Step::Process).expect("a processing step");
    assert_eq!(process.due, day(2026, 12, 7));
    assert!(process.done_on.is_none());

    let unprocessed = PetitionQuery { state: Some(ProcessingState::Unprocessed), ..Default::default() };
    assert_eq!(d.register.petitions(&acting!(d), &unprocessed).unwrap().len(), 1);

    let before = Processing {
        visit_id: v.id,
        processed_on: day(2026, 11, 20),
        eligible: true,
        ineligible_reason: None,
        competent: false,
        handling: Handling::Transfer,
        transfer_to: Some("UBND phường Văn Quán".into()),
        guidance: None,
    };
    let err = d.register.process_petition(&acting!(d), before.clone()).unwrap_err();
    assert!(problems(err).iter().any(|(_, p)| *p == Problem::ProcessedBeforeReceipt));
    let processed = d
        .register
        .process_petition(&acting!(d), Processing { processed_on: day(2026, 11, 24), ..before })
        .unwrap();
    let p = processed.details.petition.unwrap();
    assert_eq!(
        (p.handling, p.competent, p.processed_on),
        (Some(Handling::Transfer), Some(false), Some(day(2026, 11, 24)))
    );
    let deadlines = d.register.petition_deadlines(v.id, today, 3).unwrap();
    let process = deadlines.iter().find(|x| x.step == Step::Process).unwrap();
    assert_eq!(process.done_on, Some(day(2026, 11, 24)), "processing is done on the day it was decided");

    let listed = d.register.petitions(&acting!(d), &PetitionQuery::default()).unwrap();
    assert_eq!(listed[0].handling, Some(Handling::Transfer));
    assert_eq!(listed[0].source_vi, "Qua bưu chính");
    let by_source = PetitionQuery { source: Some(PetitionSource::OneStop), ..Default::default() };
    assert!(d.register.petitions(&acting!(d), &by_source).unwrap().is_empty());
}

#[test]
fn a_mailed_denunciations_sender_is_sealed_and_masked_in_the_list() {
    let mut d = crate::sealing::desk_with_keys();
    let mut draft = mailed(crate::sealing::NAME, "Tố cáo cán bộ địa chính nhận tiền");
    draft.kind = PetitionKind::Denunciation;
    draft.field = Field::Corruption;
    draft.senders[0].id_kind = Some(IdKind::Cccd);
    draft.senders[0].id_number = Some("001090001234".into());
    let v = receive(&mut d, draft);
    let sender = &d.register.visit(v.id).unwrap().details.visitors[0];
    assert!(sender.is_sealed() && !sender.has_identity(), "{sender:?}");
    let listed = d.register.petitions(&acting!(d), &PetitionQuery::default()).unwrap();
    assert_eq!(listed[0].names, [SEALED_VISITOR_NAME]);
    let hits = d.register.search(&acting!(d), "Nguyễn Văn An", 10).unwrap();
    assert!(hits.iter().all(|h| h.visit_id != v.id), "the sealed name finds nothing");
}

#[test]
fn an_anonymous_letter_by_post_is_registered_but_an_anonymous_transferred_complaint_is_not() {
    let mut d = desk();
    let mut draft = mailed("", "Phản ánh tiếng ồn karaoke");
    draft.senders.clear();
    draft.anonymous = true;
    draft.kind = PetitionKind::Reflection;
    let v = receive(&mut d, draft.clone());
    assert!(v.details.visitors.is_empty());
    draft.kind = PetitionKind::Complaint;
    draft.source = PetitionSource::TransferredIn;
    draft.from_body = Some("Thanh tra thành phố".into());
    let found = problems(d.register.receive_petition(&acting!(d), draft).unwrap_err());
    assert!(found.iter().any(|(_, p)| *p == Problem::AnonymousComplaintTransferred), "{found:?}");
}

#[test]
fn a_photocopy_sent_again_by_the_same_person_with_other_diacritics_is_proposed_as_a_duplicate() {
    let mut d = desk();
    let mut first =
        mailed("Lê Văn Cường", "Khiếu nại quyết định thu hồi đất số 12/QĐ-UBND của thửa đất 45 tờ bản đồ 7");
    first.senders[0].address = Some("Số 3 ngõ 5 Quang Trung".into());
    let first = receive(&mut d, first);
    let other = receive(&mut d, mailed("Phạm Thị Dung", "Phản ánh tiếng ồn của quán karaoke"));
    // The same letter, photocopied and sent again, typed in by another clerk without diacritics.
    let mut again =
        mailed("Le Van Cuong", "Khieu nai quyet dinh thu hoi dat so 12/QD-UBND cua thua dat 45 to ban do 7");
    again.senders[0].address = Some("so 3 ngo 5 quang trung".into());
    let proposed = d.register.suggest_petition_duplicates(&acting!(d), &again).unwrap();
    assert_eq!(proposed.first().map(|p| p.visit_id), Some(first.id), "{proposed:?}");
    assert_eq!(proposed[0].likeness, tiepdan_register::Likeness::NameAndAddress);
    assert!(proposed[0].similarity >= 90, "{proposed:?}");
    assert!(proposed.iter().all(|p| p.visit_id != other.id), "an unrelated petition is not proposed");

    // Sent by someone else (a relative) with the same content: still proposed, by content.
    let mut relative = again.clone();
    relative.senders = vec![visitor("Lê Thị Mai")];
    let proposed = d.register.suggest_petition_duplicates(&acting!(d), &relative).unwrap();
    assert_eq!(
        proposed.first().map(|p| (p.visit_id, p.likeness)),
        Some((first.id, tiepdan_register::Likeness::Content))
    );

    // The clerk links it: it counts as the matter's second petition.
    let second = receive(&mut d, again);
    let link = d.register.link_repeat(&acting!(d), second.id, first.id).unwrap();
    assert_eq!((link.first_visit_id, link.visit_count), (first.id, 2));
}

#[test]
fn a_sealed_denouncer_is_never_proposed_by_name_and_is_shown_masked_when_proposed_by_content() {
    let mut d = crate::sealing::desk_with_keys();
    let mut draft =
        mailed(crate::sealing::NAME, "Tố cáo cán bộ địa chính nhận tiền khi cấp sổ đỏ cho hộ ông Tám");
    draft.kind = PetitionKind::Denunciation;
    draft.field = Field::Corruption;
    let sealed = receive(&mut d, draft.clone());
    let proposed = d.register.suggest_petition_duplicates(&acting!(d), &draft).unwrap();
    let found = proposed.iter().find(|p| p.visit_id == sealed.id).expect("found by its content");
    assert_eq!(found.likeness, tiepdan_register::Likeness::Content, "never by the sealed name");
    assert_eq!(found.names, [SEALED_VISITOR_NAME]);
}

#[test]
fn a_petition_from_the_desk_is_not_received_as_one_without_a_visit() {
    let mut d = desk();
    let mut draft = mailed("Lê Văn Cường", "Khiếu nại");
    draft.source = PetitionSource::Desk;
    let found = problems(d.register.receive_petition(&acting!(d), draft).unwrap_err());
    assert!(matches!(found.as_slice(), [(f, Problem::NotForSource { .. })] if f == "source"), "{found:?}");
    assert!(
        d.register.petitions(&acting!(d), &PetitionQuery::default()).unwrap().is_empty(),
        "nothing stored"
    );
}
