use super::*;
use crate::clock::{Clock, FixedClock};
use crate::petition::Handling;
use crate::processing::Processing;
use crate::validation::Invalid;
use crate::visit::{VisitDetails, Visitor};
use crate::VisitId;
use chrono::{TimeZone, Utc};

/// 25/11/2026 09:30 in Vietnam.
fn clock() -> FixedClock {
    FixedClock(Utc.with_ymd_and_hms(2026, 11, 25, 2, 30, 0).unwrap())
}

fn now() -> DateTime<FixedOffset> {
    clock().now().with_timezone(&vietnam_offset())
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

fn sender(name: &str) -> Visitor {
    Visitor { full_name: name.into(), ..Default::default() }
}

fn letter(source: PetitionSource, kind: PetitionKind) -> PetitionDraft {
    PetitionDraft {
        source,
        received_on: Some(day(24)),
        from_body: None,
        letter_no: None,
        letter_date: None,
        senders: vec![sender("Trần Thị Bình")],
        sender_kind: VisitorKind::Individual,
        organisation: None,
        signatories: None,
        summary: "Đề nghị xem xét việc lấn chiếm lối đi chung".into(),
        kind,
        field: Field::Land,
        anonymous: false,
        previous_handler: None,
        previous_result: None,
        stage: Stage::NotResolved,
        documents: vec![],
        notes: String::new(),
        officer_id: None,
    }
}

fn complete(draft: PetitionDraft) -> Result<VisitDetails, Invalid> {
    draft.into_visit_draft(now()).complete(&clock(), None)
}

fn fields(err: Invalid) -> Vec<String> {
    err.problems.into_iter().map(|p| p.field).collect()
}

#[test]
fn a_mailed_petition_is_a_record_with_its_source_day_and_an_undecided_petition() {
    let d = complete(letter(PetitionSource::Post, PetitionKind::Proposal)).unwrap();
    assert_eq!(d.source, PetitionSource::Post);
    // Received on an earlier day: the day, with no invented time.
    assert_eq!(d.received_at.to_rfc3339(), "2026-11-24T00:00:00+07:00");
    let p = d.petition.unwrap();
    assert_eq!((p.signatories, p.handling, p.processed_on), (1, None, None));
    // One that arrives today keeps the registration time.
    let today = complete(PetitionDraft {
        received_on: Some(day(25)),
        ..letter(PetitionSource::Post, PetitionKind::Proposal)
    });
    assert_eq!(today.unwrap().received_at, now());
}

#[test]
fn a_transfer_and_a_forward_need_the_sending_body() {
    for source in [PetitionSource::TransferredIn, PetitionSource::ForwardedByElected] {
        let err = complete(letter(source, PetitionKind::Proposal)).unwrap_err();
        assert_eq!(fields(err.clone()), ["from_body"], "{source:?}");
        assert_eq!(err.problems[0].message, "Chưa nhập thông tin bắt buộc.");
        let with_body = PetitionDraft {
            from_body: Some(" Thanh tra  tỉnh ".into()),
            letter_no: Some("125/TTr-TCD".into()),
            letter_date: Some(day(20)),
            ..letter(source, PetitionKind::Proposal)
        };
        let d = complete(with_body).unwrap();
        assert_eq!(d.from_body.as_deref(), Some("Thanh tra tỉnh"));
    }
    // Post and the one-stop office have no sending body to name.
    assert!(complete(letter(PetitionSource::Post, PetitionKind::Complaint)).is_ok());
    assert!(complete(letter(PetitionSource::OneStop, PetitionKind::Complaint)).is_ok());
}

#[test]
fn a_letter_dated_after_the_petition_arrived_is_refused_in_vietnamese() {
    let draft = PetitionDraft {
        from_body: Some("UBND tỉnh".into()),
        letter_date: Some(day(25)),
        ..letter(PetitionSource::TransferredIn, PetitionKind::Proposal)
    };
    let err = complete(draft).unwrap_err();
    assert_eq!(fields(err.clone()), ["letter_date"]);
    assert_eq!(err.problems[0].message, "Ngày văn bản không được sau ngày nhận đơn.");
}

#[test]
fn anonymous_is_allowed_by_post_but_not_for_a_transfer_of_a_named_complaint() {
    let anonymous = |source, kind| PetitionDraft {
        senders: vec![],
        anonymous: true,
        from_body: Some("Thanh tra huyện cũ".into()),
        ..letter(source, kind)
    };
    let by_post =
        PetitionDraft { from_body: None, ..anonymous(PetitionSource::Post, PetitionKind::Denunciation) };
    let d = complete(by_post).unwrap();
    assert!(d.visitors.is_empty() && d.petition.unwrap().anonymous);
    let err = complete(anonymous(PetitionSource::TransferredIn, PetitionKind::Complaint)).unwrap_err();
    assert_eq!(fields(err), ["petition.anonymous"]);
    // A transferred proposal may be anonymous.
    assert!(complete(anonymous(PetitionSource::TransferredIn, PetitionKind::Proposal)).is_ok());
    // Without the anonymous mark, a petition with no sender is missing its sender.
    let unnamed = PetitionDraft { senders: vec![], ..letter(PetitionSource::Post, PetitionKind::Proposal) };
    assert_eq!(fields(complete(unnamed).unwrap_err()), ["visitors[0].full_name"]);
}

#[test]
fn a_visit_takes_no_sending_body_and_a_mailed_petition_no_refusal_or_session() {
    let mut draft = letter(PetitionSource::Post, PetitionKind::Proposal).into_visit_draft(now());
    draft.source = PetitionSource::Desk;
    draft.from_body = Some("UBND tỉnh".into());
    assert_eq!(fields(draft.complete(&clock(), None).unwrap_err()), ["from_body"]);
    let mut mailed = letter(PetitionSource::Post, PetitionKind::Proposal).into_visit_draft(now());
    mailed.session_id = Some(crate::SessionId::new());
    mailed.petition = None;
    assert_eq!(fields(mailed.complete(&clock(), None).unwrap_err()), ["petition.kind", "session_id"]);
}

#[test]
fn online_reception_needs_its_linked_site() {
    let mut draft = letter(PetitionSource::Post, PetitionKind::Proposal).into_visit_draft(now());
    draft.source = PetitionSource::Desk;
    draft.reception = ReceptionMode::Online;
    assert_eq!(fields(draft.clone().complete(&clock(), None).unwrap_err()), ["online_site"]);
    draft.online_site = Some("Điểm cầu UBND phường Hà Đông".into());
    draft.recording_ref = Some("REC-2026-11-25-01".into());
    let d = draft.complete(&clock(), None).unwrap();
    assert_eq!(d.reception.label_vi(), "Tiếp trực tuyến");
}

#[test]
fn html_in_every_field_is_kept_as_text_and_overlong_text_is_refused() {
    let html = "<script>alert(1)</script>";
    let draft = PetitionDraft {
        from_body: Some(html.into()),
        letter_no: Some("x".repeat(MAX_LETTER_NO + 1)),
        summary: html.into(),
        ..letter(PetitionSource::TransferredIn, PetitionKind::Proposal)
    };
    assert_eq!(fields(complete(draft.clone()).unwrap_err()), ["letter_no"]);
    let d = complete(PetitionDraft { letter_no: None, ..draft }).unwrap();
    assert_eq!((d.summary.as_str(), d.from_body.as_deref()), (html, Some(html)));
}

#[test]
fn sources_read_and_write_their_documented_words() {
    for s in PetitionSource::ALL {
        assert_eq!(PetitionSource::from_word(s.word()), Some(s));
        assert_eq!(serde_json::to_value(s).unwrap(), s.word());
    }
    assert_eq!(PetitionSource::from_word("fax"), None);
}

#[test]
fn an_old_visit_encodes_without_the_new_fields() {
    let d = complete(PetitionDraft {
        received_on: Some(day(25)),
        ..letter(PetitionSource::Post, PetitionKind::Proposal)
    })
    .unwrap();
    let desk = VisitDetails { source: PetitionSource::Desk, ..d };
    let json = serde_json::to_value(&desk).unwrap();
    for absent in
        ["source", "from_body", "letter_no", "letter_date", "session_id", "online_site", "recording_ref"]
    {
        assert!(json.get(absent).is_none(), "{absent} must be left out when empty: {json}");
    }
    assert!(json["petition"].get("competent").is_none() && json["petition"].get("processed_on").is_none());
}

#[test]
fn processing_checks_competence_handling_and_its_day() {
    let d = complete(letter(PetitionSource::Post, PetitionKind::Denunciation)).unwrap();
    let petition = d.petition.unwrap();
    let decision = |handling, competent, on| Processing {
        visit_id: VisitId::new(),
        processed_on: on,
        eligible: true,
        ineligible_reason: None,
        competent,
        handling,
        transfer_to: Some("Công an phường".into()),
        guidance: None,
    };
    let ok = decision(Handling::Transfer, false, day(25)).checked(&petition, day(24), day(25)).unwrap();
    assert_eq!(ok.applied_to(&petition).handling, Some(Handling::Transfer));
    let errors = |p: Processing| fields(p.checked(&petition, day(24), day(25)).unwrap_err());
    assert_eq!(errors(decision(Handling::Transfer, true, day(25))), ["petition.competent"]);
    assert_eq!(errors(decision(Handling::Accept, false, day(25))), ["petition.competent"]);
    assert_eq!(errors(decision(Handling::Remind, false, day(23))), ["petition.processed_on"]);
    assert_eq!(errors(decision(Handling::Remind, false, day(26))), ["petition.processed_on"]);
    let no_body = Processing { transfer_to: None, ..decision(Handling::Remind, false, day(25)) };
    assert_eq!(errors(no_body), ["petition.transfer_to"]);
}
