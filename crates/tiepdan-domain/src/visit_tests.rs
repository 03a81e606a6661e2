use super::*;
use crate::clock::FixedClock;
use crate::petition::{Field, Handling, PetitionKind};
use chrono::{TimeZone, Utc};

fn clock() -> FixedClock {
    FixedClock(Utc.with_ymd_and_hms(2026, 11, 25, 2, 30, 0).unwrap())
}

fn visitor(name: &str) -> Visitor {
    Visitor {
        full_name: name.into(),
        id_kind: None,
        id_number: None,
        id_issued_on: None,
        id_issued_by: None,
        birth_year: None,
        sex: None,
        address: None,
        phone: None,
        sealed: None,
    }
}

fn complaint(handling: Option<Handling>) -> Petition {
    serde_json::from_value(serde_json::json!({ "kind": "complaint", "field": "land", "handling": handling }))
        .unwrap()
}

fn fields(err: Invalid) -> Vec<String> {
    err.problems.into_iter().map(|p| p.field).collect()
}

#[test]
fn defaults_fill_one_visitor_regular_reception_now_and_the_desk_officer() {
    let officer = OfficerId::new();
    let draft = VisitDraft {
        visitors: vec![visitor(" Nguyễn  Văn Ánh ")],
        summary: "Tranh chấp đất".into(),
        ..Default::default()
    };
    let d = draft.complete(&clock(), Some(officer)).unwrap();
    assert_eq!(d.people_count, 1);
    assert_eq!(d.reception, ReceptionMode::Regular);
    assert_eq!(d.visitors[0].full_name, "Nguyễn Văn Ánh");
    assert_eq!(d.received_at, clock().now().with_timezone(&vietnam_offset()));
    assert_eq!(d.officer_id, Some(officer));
}

#[test]
fn every_problem_is_reported_at_once_with_its_field() {
    let mut v = visitor("");
    v.id_number = Some("00108501234".into());
    let draft = VisitDraft { visitors: vec![v], ..Default::default() };
    let err = draft.complete(&clock(), None).unwrap_err();
    assert_eq!(fields(err.clone()), ["visitors[0].full_name", "visitors[0].id_number", "summary"]);
    assert!(err.problems[1].message.contains("12 chữ số"), "the clerk reads: {}", err.problems[1].message);
}

#[test]
fn a_character_the_forms_cannot_print_is_refused_naming_it() {
    let mut v = visitor("Nguyễn Văn Ánh 😀");
    v.address = Some("Số 12 phố 中山".into());
    let draft =
        VisitDraft { visitors: vec![v], summary: "Tranh chấp 120 m² đất".into(), ..Default::default() };
    let err = draft.complete(&clock(), None).unwrap_err();
    assert_eq!(fields(err.clone()), ["visitors[0].full_name", "visitors[0].address"]);
    assert_eq!(
        err.problems[0].message,
        "Ký tự \"😀\" (U+1F600) không in được trên giấy tờ: hãy xóa hoặc thay bằng chữ thường."
    );
    assert!(
        err.problems[1].message.contains("\"中\" (U+4E2D)"),
        "the clerk reads: {}",
        err.problems[1].message
    );
}

#[test]
fn a_reception_time_in_the_future_beyond_clock_skew_is_refused() {
    let soon = Utc.with_ymd_and_hms(2026, 11, 25, 2, 34, 0).unwrap().fixed_offset();
    let later = Utc.with_ymd_and_hms(2026, 11, 25, 2, 36, 0).unwrap().fixed_offset();
    let draft = |t| VisitDraft {
        received_at: Some(t),
        visitors: vec![visitor("An")],
        summary: "x".into(),
        ..Default::default()
    };
    assert!(draft(soon).complete(&clock(), None).is_ok(), "4 minutes is within the tolerance");
    assert_eq!(fields(draft(later).complete(&clock(), None).unwrap_err()), ["received_at"]);
}

#[test]
fn a_group_has_at_least_five_people_and_a_limited_number_of_representatives() {
    let group = |people, reps: usize| VisitDraft {
        visitor_kind: VisitorKind::Group,
        people_count: Some(people),
        visitors: (0..reps).map(|i| visitor(&format!("Người đại diện {i}"))).collect(),
        summary: "Đòi bồi thường".into(),
        ..Default::default()
    };
    assert!(group(8, 2).complete(&clock(), None).is_ok());
    assert_eq!(fields(group(4, 1).complete(&clock(), None).unwrap_err()), ["people_count"]);
    assert_eq!(
        fields(group(8, 3).complete(&clock(), None).unwrap_err()),
        ["visitors"],
        "5–10 people: 2 representatives"
    );
    assert!(group(30, 5).complete(&clock(), None).is_ok(), "more than 10 people: up to 5 representatives");
}

#[test]
fn handling_rules_follow_the_petition_kind() {
    let with = |p: Petition| VisitDraft {
        visitors: vec![visitor("An")],
        summary: "x".into(),
        petition: Some(p),
        ..Default::default()
    };
    assert_eq!(
        fields(with(complaint(Some(Handling::Transfer))).complete(&clock(), None).unwrap_err()),
        ["petition.handling"],
        "complaints are guided, never transferred"
    );
    assert_eq!(
        fields(with(complaint(Some(Handling::Guide))).complete(&clock(), None).unwrap_err()),
        ["petition.guidance"]
    );
    let mut proposal = complaint(Some(Handling::Transfer));
    proposal.kind = PetitionKind::Proposal;
    assert_eq!(
        fields(with(proposal.clone()).complete(&clock(), None).unwrap_err()),
        ["petition.transfer_to"]
    );
    proposal.transfer_to = Some("Phòng Tài nguyên và Môi trường".into());
    assert!(with(proposal).complete(&clock(), None).is_ok());
    let mut corruption = complaint(None);
    corruption.field = Field::Corruption;
    assert_eq!(fields(with(corruption).complete(&clock(), None).unwrap_err()), ["petition.field"]);
}

#[test]
fn unknown_input_fields_are_refused_rather_than_ignored() {
    let err = serde_json::from_value::<VisitDraft>(serde_json::json!({ "sumary": "typo" })).unwrap_err();
    assert!(err.to_string().contains("sumary"), "{err}");
}

#[test]
fn an_amendment_starts_from_the_stored_details() {
    let d = VisitDraft { visitors: vec![visitor("An")], summary: "x".into(), ..Default::default() }
        .complete(&clock(), None)
        .unwrap();
    let again = VisitDraft::from(d.clone()).complete(&clock(), None).unwrap();
    assert_eq!(again, d, "re-completing unchanged details changes nothing");
}

#[test]
fn an_event_written_before_sealing_existed_decodes_and_re_encodes_byte_identically() {
    use crate::event::{canonical_json, EventBody};
    // A visit_recorded body as the journal held it before `sealed` existed: its bytes are hashed.
    let old = r#"{"body":{"documents":[],"id":"0193a0b0-0000-7000-8000-000000000001","notes":"","officer_id":null,"organisation":null,"people_count":1,"petition":null,"receipt_no":"0001/2026/A","received_at":"2026-11-25T09:00:00+07:00","reception":"regular","refusal":null,"status":"active","summary":"Tranh chấp đất","visitor_kind":"individual","visitors":[{"address":"Số 3","birth_year":1990,"full_name":"Lê Văn Tố","id_issued_by":null,"id_issued_on":null,"id_kind":"cccd","id_number":"001090001234","phone":null,"sex":null}]},"kind":"visit_recorded"}"#;
    let body: EventBody = serde_json::from_str(old).expect("an old event decodes");
    let EventBody::VisitRecorded(visit) = &body else { panic!("a visit_recorded body") };
    assert_eq!(visit.details.visitors[0].sealed, None);
    let again = canonical_json(&serde_json::to_value(&body).unwrap()).unwrap();
    assert_eq!(String::from_utf8(again).unwrap(), old, "re-encoding must not add a `sealed` key");
}

#[test]
fn a_sealed_visitor_shows_the_protected_label_and_a_clear_one_its_name() {
    let mut v = visitor("Lê Văn Tố");
    assert_eq!(v.shown_name(), "Lê Văn Tố");
    let identity = v.take_identity();
    v.sealed = Some(SealedIdentity::new("sealed:v1:AQ"));
    assert!(!v.has_identity(), "taking the identity blanks every identifying field");
    assert_eq!(v.shown_name(), "Người tố cáo (được bảo mật)");
    v.put_identity(identity);
    assert_eq!((v.shown_name(), v.sealed.is_none()), ("Lê Văn Tố", true));
}

#[test]
fn a_sealed_visitor_passes_without_a_name_but_not_with_identity_fields_in_clear() {
    let mut sealed = visitor("");
    sealed.sealed = Some(SealedIdentity::new("sealed:v1:AQ"));
    let draft =
        |v: Visitor| VisitDraft {
            visitors: vec![v], summary: "Tố cáo cán bộ".into(), ..Default::default()
        };
    let d = draft(sealed.clone()).complete(&clock(), None).expect("a kept sealed identity needs no name");
    assert!(d.visitors[0].is_sealed());
    sealed.full_name = "Lê Văn Tố".into();
    let err = draft(sealed).complete(&clock(), None).unwrap_err();
    assert_eq!(err.problems[0].problem, Problem::SealedIdentityAndClear, "{err}");
    assert_eq!(fields(err), ["visitors[0].sealed"]);
}

#[test]
fn denunciations_and_mixed_petitions_protect_the_senders_identity() {
    let protects = |kind: PetitionKind, field: Field| {
        let mut p = complaint(None);
        (p.kind, p.field) = (kind, field);
        let draft = VisitDraft {
            visitors: vec![visitor("An")],
            summary: "x".into(),
            petition: Some(p),
            ..Default::default()
        };
        draft.complete(&clock(), None).expect("a valid draft").protects_identity()
    };
    assert!(protects(PetitionKind::Denunciation, Field::Corruption));
    assert!(protects(PetitionKind::Mixed, Field::Other));
    assert!(!protects(PetitionKind::Complaint, Field::Land));
    assert!(!protects(PetitionKind::Proposal, Field::Other));
}
