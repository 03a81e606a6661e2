//! Taking back the events only the district holds into a restored (frozen) stream: they are applied
//! exactly as the desk first wrote them, anything that does not continue the chain is refused with
//! nothing changed, repeating an import is a no-op, and a denouncer's withheld identity stays withheld.

use crate::common::{clock, desk, draft, Desk};
use crate::follow_up::petition;
use chrono::NaiveDate;
use tiepdan_domain::deadlines::Variant;
use tiepdan_domain::event::{canonical_json, sha256, Event};
use tiepdan_domain::petition::PetitionKind;
use tiepdan_domain::results::Acceptance;
use tiepdan_domain::visit::VisitStatus;
use tiepdan_domain::StreamId;
use tiepdan_register::{ImportRefusal, PulledEvent, Register, RegisterError};

/// The desk's work after its backup, as the district holds it, and the desk restored from the backup.
pub(crate) struct Restored {
    pub(crate) register: Register,
    pub(crate) stream: StreamId,
    pub(crate) tail: Vec<PulledEvent>,
    _dir: tempfile::TempDir,
}

pub(crate) fn restore_after(mut d: Desk, after_backup: impl FnOnce(&mut Register)) -> Restored {
    let backup = d.dir.path().join("backup.sqlite3");
    d.register.backup(&acting!(d), &backup).unwrap();
    let stream = d.register.current_stream().unwrap();
    after_backup(&mut d.register);
    let tail = d.register.events_after(stream.id, stream.max_seq, 1000).unwrap();
    let tail = tail.into_iter().map(|event| PulledEvent { event, withheld: vec![] }).collect();
    let path = d.path();
    drop(d.register);
    let register = Register::restore(&backup, &path, clock()).unwrap();
    Restored { register, stream: stream.id, tail, _dir: d.dir }
}

fn journal_size(r: &Register) -> u64 {
    r.streams().unwrap().iter().map(|s| s.max_seq).sum()
}

#[test]
fn the_work_done_after_the_backup_comes_back_with_its_amendments_results_and_numbers() {
    let mut d = desk();
    let kept = d.register.record_visit(&acting!(d), draft("Lâm Văn Phúc", "Khiếu nại")).unwrap();
    let (mut lost, mut amended) = (None, None);
    let mut r = restore_after(d, |reg| {
        let mut corrected = draft("Lâm Văn Phúc", "Khiếu nại về ranh giới thửa đất");
        corrected.petition = Some(petition(PetitionKind::Complaint));
        amended =
            Some(reg.amend_visit(&reg.desk_owner().unwrap(), kept.id, corrected, "Ghi rõ nội dung").unwrap());
        let on = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let acceptance =
            Acceptance { visit_id: kept.id, on, accepted: true, reason: None, variant: Variant::default() };
        reg.record_acceptance(&reg.desk_owner().unwrap(), acceptance).unwrap();
        let gone = reg.record_visit(&reg.desk_owner().unwrap(), draft("Tạ Thị Quyên", "Kiến nghị")).unwrap();
        reg.cancel_visit(&reg.desk_owner().unwrap(), gone.id, "Ghi nhầm").unwrap();
        lost = Some(gone);
    });
    let (lost, amended) = (lost.unwrap(), amended.unwrap());
    let before = journal_size(&r.register);
    let report = r.register.import_events(r.stream, &r.tail).unwrap();
    assert_eq!(report.imported, r.tail.len() as u64);
    assert_eq!(journal_size(&r.register), before + r.tail.len() as u64);

    assert_eq!(r.register.visit(kept.id).unwrap(), amended, "the amendment made after the backup is back");
    let back = r.register.visit(lost.id).unwrap();
    assert_eq!((back.receipt_no, back.status), (lost.receipt_no.clone(), VisitStatus::Cancelled));
    let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    let follow = r.register.petition_follow_up(&r.register.desk_owner().unwrap(), kept.id, today, 3).unwrap();
    assert!(follow.acceptance.is_some(), "the acceptance is back in the follow-up: {follow:#?}");
    let kinds: Vec<String> = r.register.history(kept.id).unwrap().into_iter().map(|h| h.kind).collect();
    assert_eq!(kinds, ["visit_recorded", "visit_amended", "petition_accepted"]);
    assert!(r.register.verify().unwrap().is_intact());

    let open = r.register.current_stream().unwrap();
    assert_eq!((open.epoch, open.max_seq), (2, 1), "the open stream is untouched by the import");
    let next = r
        .register
        .record_visit(&r.register.desk_owner().unwrap(), draft("Đỗ Văn Sơn", "Hỏi thủ tục"))
        .unwrap();
    assert_eq!(next.receipt_no.to_string(), "0001/2026/A2", "new numbers run in the new epoch");
    assert_ne!(next.receipt_no, lost.receipt_no);
}

#[test]
fn importing_the_same_events_twice_changes_nothing_the_second_time() {
    let d = desk();
    let mut r = restore_after(d, |reg| {
        drop(reg.record_visit(&reg.desk_owner().unwrap(), draft("Tạ Thị Quyên", "Kiến nghị")).unwrap())
    });
    r.register.import_events(r.stream, &r.tail).unwrap();
    let size = journal_size(&r.register);
    let again = r.register.import_events(r.stream, &r.tail).unwrap();
    assert_eq!((again.imported, again.already_present), (0, r.tail.len() as u64));
    assert_eq!(journal_size(&r.register), size, "nothing is doubled");
    let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    assert_eq!(
        r.register.visits_on(&r.register.desk_owner().unwrap(), today, today).unwrap().len(),
        1,
        "the visit is there once"
    );
}

fn assert_refused_unchanged(r: &mut Restored, batch: &[PulledEvent], what: fn(&ImportRefusal) -> bool) {
    let size = journal_size(&r.register);
    let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    let visits = r.register.visits_on(&r.register.desk_owner().unwrap(), today, today).unwrap().len();
    match r.register.import_events(r.stream, batch) {
        Err(RegisterError::ImportRefused(refusal)) => assert!(what(&refusal), "wrong refusal: {refusal}"),
        other => panic!("a batch that does not chain must be refused, got {other:?}"),
    }
    assert_eq!(journal_size(&r.register), size, "a refused batch appends nothing");
    assert_eq!(
        r.register.visits_on(&r.register.desk_owner().unwrap(), today, today).unwrap().len(),
        visits,
        "and applies nothing"
    );
}

fn two_lost_visits() -> Restored {
    restore_after(desk(), |reg| {
        reg.record_visit(&reg.desk_owner().unwrap(), draft("Tạ Thị Quyên", "Kiến nghị")).unwrap();
        reg.record_visit(&reg.desk_owner().unwrap(), draft("Đỗ Văn Sơn", "Hỏi thủ tục")).unwrap();
    })
}

#[test]
fn a_batch_with_a_gap_is_refused_and_changes_nothing() {
    let mut r = two_lost_visits();
    let batch = vec![r.tail[1].clone()];
    assert_refused_unchanged(&mut r, &batch, |e| matches!(e, ImportRefusal::Gap { .. }));
}

#[test]
fn a_batch_whose_chain_does_not_seal_the_previous_event_is_refused_and_changes_nothing() {
    let mut r = two_lost_visits();
    let mut batch = r.tail.clone();
    // The second event claims another predecessor: its chain hash no longer follows the first.
    batch[1].event.chain_hash =
        tiepdan_domain::event::chain_hash(&[7u8; 32], batch[1].event.seq, &batch[1].event.payload_hash);
    assert_refused_unchanged(&mut r, &batch, |e| matches!(e, ImportRefusal::BrokenChain { .. }));
}

#[test]
fn a_tampered_payload_is_refused_and_changes_nothing() {
    let mut r = two_lost_visits();
    let mut batch = r.tail.clone();
    let text = String::from_utf8(batch[1].event.payload.clone()).unwrap().replace("Đỗ Văn Sơn", "Đỗ Văn Sờn");
    batch[1].event.payload = text.into_bytes();
    assert_refused_unchanged(&mut r, &batch, |e| matches!(e, ImportRefusal::Tampered { .. }));
}

#[test]
fn events_only_go_into_a_frozen_stream_of_this_register() {
    let mut r = two_lost_visits();
    let open = r.register.current_stream().unwrap().id;
    assert!(matches!(
        r.register.import_events(open, &r.tail),
        Err(RegisterError::ImportRefused(ImportRefusal::NotFrozen { .. }))
    ));
    assert!(matches!(
        r.register.import_events(StreamId::new(), &r.tail),
        Err(RegisterError::ImportRefused(ImportRefusal::UnknownStream { .. }))
    ));
}

/// The event as the district holds it: the visitors' identity replaced by `null`, listed.
fn withheld_upstream(event: &Event) -> PulledEvent {
    let mut v: serde_json::Value = serde_json::from_slice(&event.payload).unwrap();
    let mut withheld = Vec::new();
    for (i, visitor) in v["body"]["visitors"].as_array_mut().unwrap().iter_mut().enumerate() {
        for field in ["full_name", "address"] {
            if !visitor[field].is_null() {
                visitor[field] = serde_json::Value::Null;
                withheld.push(format!("/body/visitors/{i}/{field}"));
            }
        }
    }
    let mut event = event.clone();
    event.payload = canonical_json(&v).unwrap();
    assert_ne!(sha256(&event.payload), event.payload_hash, "the hashes stay those of the full event");
    PulledEvent { event, withheld }
}

#[test]
fn a_denouncers_identity_withheld_at_the_district_comes_back_withheld_not_invented() {
    let mut lost = None;
    let mut r = restore_after(desk(), |reg| {
        let mut input = draft("Phan Văn Tố", "Tố cáo cán bộ địa chính");
        input.visitors[0].address = Some("Số 3 ngõ 12".into());
        input.petition = Some(petition(PetitionKind::Denunciation));
        lost = Some(reg.record_visit(&reg.desk_owner().unwrap(), input).unwrap());
    });
    let lost = lost.unwrap();
    let batch = vec![withheld_upstream(&r.tail[0].event)];
    r.register.import_events(r.stream, &batch).unwrap();
    let back = r.register.visit(lost.id).unwrap();
    assert_eq!(back.details.summary, lost.details.summary);
    assert_eq!(back.details.visitors[0].full_name, "", "no name is invented for the denouncer");
    assert_eq!(back.details.visitors[0].address, None);
    assert!(r.register.identity_withheld(lost.id).unwrap(), "the register shows the identity was withheld");
    assert_eq!(r.register.withheld_fields(r.stream, batch[0].event.seq).unwrap().len(), 2);
    assert!(r.register.verify().unwrap().is_intact(), "the chain still verifies through the kept hashes");

    // A redaction that hides more than a visitor's fields is not one a desk makes.
    let mut r2 = two_lost_visits();
    let mut forged = r2.tail[0].clone();
    forged.withheld = vec!["/body/summary".into()];
    assert_refused_unchanged(&mut r2, &[forged], |e| matches!(e, ImportRefusal::Tampered { .. }));
}
