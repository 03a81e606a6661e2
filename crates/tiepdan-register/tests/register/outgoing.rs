//! The batch sync pushes (issue #12): one read gives each event with its visit's protection already
//! decided over the visit's whole history and the values the district withheld attached; and every
//! identifying field the domain lists is sealed, masked and taken back blank by the register.

use crate::common::{desk, draft};
use crate::follow_up::petition;
use crate::import::restore_after;
use crate::sealing::{desk_with_keys, leader};
use chrono::NaiveDate;
use tiepdan_domain::event::{canonical_json, Event};
use tiepdan_domain::identity::{IdKind, Sex};
use tiepdan_domain::petition::PetitionKind;
use tiepdan_domain::visit::{IdentityField, VisitDraft, Visitor};
use tiepdan_register::PulledEvent;

/// A visitor with every identifying field the domain lists filled, consistently enough to pass the
/// register's checks. The match asks for a value for each new field, so every test here covers it.
fn everything() -> Visitor {
    let mut v = Visitor::default();
    for field in IdentityField::ALL {
        match field {
            IdentityField::FullName => v.full_name = "Vũ Thị Mọimặt".into(),
            IdentityField::IdNumber => v.id_number = Some("079302000123".into()),
            IdentityField::IdKind => v.id_kind = Some(IdKind::Cccd),
            IdentityField::IdIssuedOn => v.id_issued_on = NaiveDate::from_ymd_opt(2021, 3, 12),
            IdentityField::IdIssuedBy => v.id_issued_by = Some("Công an tỉnh Mọimặt".into()),
            IdentityField::BirthYear => v.birth_year = Some(2002),
            IdentityField::Sex => v.sex = Some(Sex::Female),
            IdentityField::Address => v.address = Some("Số 9 ngõ Mọimặt".into()),
            IdentityField::Phone => v.phone = Some("0987 654 321".into()),
        }
    }
    v
}

fn received(kind: PetitionKind) -> VisitDraft {
    let mut d = draft("", "Tố cáo cán bộ địa chính nhận tiền khi cấp sổ đỏ");
    d.visitors = vec![everything()];
    d.petition = Some(petition(kind));
    d
}

fn assert_blank(visitor: &Visitor, why: &str) {
    for field in IdentityField::ALL {
        assert!(!field.is_set(visitor), "{why}: {field:?} must be blank: {visitor:?}");
    }
}

#[test]
fn a_visit_protected_at_any_step_is_protected_in_every_event_of_it_whatever_the_batch() {
    let mut d = desk();
    let stream = d.register.current_stream().unwrap().id;
    let turned = d.register.record_visit(&acting!(d), received(PetitionKind::Complaint)).unwrap();
    let complaint = d.register.record_visit(&acting!(d), received(PetitionKind::Complaint)).unwrap();
    let mut amended: VisitDraft = turned.details.clone().into();
    amended.petition = Some(petition(PetitionKind::Denunciation));
    d.register.amend_visit(&acting!(d), turned.id, amended, "Thực chất là tố cáo").unwrap();

    let all = d.register.outgoing(stream, 0, 1000).unwrap();
    assert_eq!(
        all.len() as u64,
        d.register.current_stream().unwrap().max_seq,
        "the whole stream in one read"
    );
    for o in &all {
        let visit = o.event.body().unwrap().visit_id();
        assert_eq!(o.protected, visit == Some(turned.id), "{} of {visit:?}", o.event.kind);
        assert!(o.withheld.is_empty(), "nothing was withheld from events written here");
        assert!(visit != Some(complaint.id) || !o.protected, "a complaint throughout stays unprotected");
    }
    let record = all.iter().find(|o| o.event.body().unwrap().visit_id() == Some(turned.id)).unwrap();
    let alone = d.register.outgoing(stream, record.event.seq - 1, 1).unwrap();
    assert_eq!((alone.len(), alone[0].event.seq), (1, record.event.seq));
    assert!(alone[0].protected, "the amendment outside this batch still protects the first record");
    assert!(d.register.outgoing(stream, all.len() as u64, 10).unwrap().is_empty(), "nothing after the head");
}

/// The event as the district holds it: every identifying field of every visitor `null`, listed.
fn withheld_upstream(event: &Event) -> PulledEvent {
    let mut v: serde_json::Value = serde_json::from_slice(&event.payload).unwrap();
    let mut withheld = Vec::new();
    for (i, visitor) in v["body"]["visitors"].as_array_mut().unwrap().iter_mut().enumerate() {
        for field in IdentityField::ALL {
            visitor[field.key()] = serde_json::Value::Null;
            withheld.push(format!("/body/visitors/{i}/{}", field.key()));
        }
    }
    let mut event = event.clone();
    event.payload = canonical_json(&v).unwrap();
    PulledEvent { event, withheld }
}

#[test]
fn an_event_taken_back_with_every_field_withheld_reads_blank_and_goes_up_with_its_pointers() {
    let mut lost = None;
    let mut r = restore_after(desk(), |reg| {
        lost =
            Some(reg.record_visit(&reg.desk_owner().unwrap(), received(PetitionKind::Denunciation)).unwrap())
    });
    let lost = lost.unwrap();
    let batch = vec![withheld_upstream(&r.tail[0].event)];
    r.register.import_events(r.stream, &batch).unwrap();
    assert_blank(&r.register.visit(lost.id).unwrap().details.visitors[0], "taken back from the district");
    assert!(r.register.verify().unwrap().is_intact());

    let outgoing = r.register.outgoing(r.stream, 0, 1000).unwrap();
    let back = outgoing.iter().find(|o| o.event.seq == batch[0].event.seq).expect("in the batch");
    let mut pointers = batch[0].withheld.clone();
    pointers.sort();
    assert_eq!(back.withheld, pointers, "the pointers go up again with the event, in pointer order");
    assert_eq!(back.event.payload, batch[0].event.payload, "as it came down");
    assert!(back.protected);
    assert!(outgoing.iter().filter(|o| o.event.seq != back.event.seq).all(|o| o.withheld.is_empty()));
}

#[test]
fn every_identifying_field_is_sealed_masked_in_history_and_opened_back_whole() {
    let mut d = desk_with_keys();
    let stored = d.register.record_visit(&acting!(d), received(PetitionKind::Denunciation)).unwrap();
    let v = &stored.details.visitors[0];
    assert!(v.is_sealed(), "a denouncer is stored sealed");
    assert_blank(v, "the stored visit");
    for entry in d.register.history(stored.id).unwrap() {
        entry.details.iter().for_each(|details| assert_blank(&details.visitors[0], "the history"));
    }
    let session = leader(&mut d);
    let opened = d.register.reveal_visit(&tiepdan_register::Actor::signed_in(&session), stored).unwrap();
    let mut expected = everything();
    expected.sealed = None;
    assert_eq!(opened.details.visitors[0], expected, "every field comes back when a leader opens it");
}
