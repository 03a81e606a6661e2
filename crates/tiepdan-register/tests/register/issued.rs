//! The outgoing register: the numbers of the documents the ward issues (transfer slip, refusal
//! notice, guidance slip), and who signs them.

use crate::common::{desk, draft};
use chrono::{TimeZone, Utc};
use rusqlite::Connection;
use std::sync::Arc;
use tiepdan_domain::access::Role;
use tiepdan_domain::clock::FixedClock;
use tiepdan_domain::outgoing::{OutgoingKind, OutgoingStyle, SignerChoice, SigningCapacity};
use tiepdan_register::{Register, RegisterError};

#[test]
fn each_kind_is_numbered_from_01_per_year_and_a_reprint_keeps_its_number() {
    let mut d = desk();
    let first = d.register.record_visit(&acting!(d), draft("Đặng Hữu Ước", "Tranh chấp đất")).unwrap();
    let second = d.register.record_visit(&acting!(d), draft("Lò Thị Mai", "Phản ánh")).unwrap();

    let slip = d.register.issue_number(&acting!(d), first.id, OutgoingKind::TransferSlip).unwrap();
    assert_eq!((slip.number.as_str(), slip.seq, slip.year), ("01/PC-UBND", 1, 2026));
    assert_eq!(slip.issued_on.to_string(), "2026-11-25", "dated the day its number was issued");
    assert_eq!(slip.receipt_no, first.receipt_no);
    let again = d.register.issue_number(&acting!(d), first.id, OutgoingKind::TransferSlip).unwrap();
    assert_eq!(again, slip, "printing the same slip again keeps its number");

    let notice = d.register.issue_number(&acting!(d), first.id, OutgoingKind::RefusalNotice).unwrap();
    assert_eq!(notice.number, "01/TB-UBND", "each kind has its own series");
    let next = d.register.issue_number(&acting!(d), second.id, OutgoingKind::TransferSlip).unwrap();
    assert_eq!(next.number, "02/PC-UBND");

    let style = OutgoingStyle { body: "ubnd".into(), transfer_slip: "PCĐ".into(), ..Default::default() };
    d.register.set_outgoing_style(&acting!(d), style).unwrap();
    let kept = d.register.issued_number(first.id, OutgoingKind::TransferSlip).unwrap().unwrap();
    assert_eq!(kept.number, "01/PC-UBND", "new abbreviations never renumber paper already issued");
    let third = d.register.record_visit(&acting!(d), draft("Vi Văn Ba", "Kiến nghị")).unwrap();
    let new = d.register.issue_number(&acting!(d), third.id, OutgoingKind::TransferSlip).unwrap();
    assert_eq!(new.number, "03/PCĐ-UBND", "the series goes on under the new symbol");

    let listed = d.register.issued_documents(&acting!(d), 2026).unwrap();
    let numbers: Vec<&str> = listed.iter().map(|d| d.number.as_str()).collect();
    assert_eq!(numbers, ["01/PC-UBND", "01/TB-UBND", "02/PC-UBND", "03/PCĐ-UBND"], "in the order issued");

    // A new year starts every series at 01 again.
    let path = d.path();
    drop(d.register);
    let new_year = Arc::new(FixedClock(Utc.with_ymd_and_hms(2027, 1, 4, 2, 0, 0).unwrap()));
    let mut register = Register::open(&path, new_year).unwrap();
    let owner = register.desk_owner().unwrap();
    let fourth = register.record_visit(&owner, draft("Hà Thị Tư", "Kiến nghị")).unwrap();
    let january = register.issue_number(&owner, fourth.id, OutgoingKind::TransferSlip).unwrap();
    assert_eq!((january.number.as_str(), january.year), ("01/PCĐ-UBND", 2027));
}

#[test]
fn the_outgoing_register_is_append_only() {
    let mut d = desk();
    let visit = d.register.record_visit(&acting!(d), draft("Đặng Hữu Ước", "Tranh chấp đất")).unwrap();
    d.register.issue_number(&acting!(d), visit.id, OutgoingKind::GuidanceSlip).unwrap();
    let path = d.path();
    drop(d.register);
    let conn = Connection::open(&path).unwrap();
    for sql in ["UPDATE outgoing_documents SET seq = 9", "DELETE FROM outgoing_documents"] {
        let err = conn.execute(sql, []).unwrap_err().to_string();
        assert!(err.contains("append-only"), "{sql}: {err}");
    }
}

#[test]
fn only_an_active_leader_signs_in_the_committee_s_name_and_a_refusal_changes_nothing() {
    let mut d = desk();
    let clerk = d.officer.clone();
    let leader = d
        .register
        .add_officer(&acting!(d), "Nguyễn Văn Chủ", "Chủ tịch UBND phường", &[Role::Leader])
        .unwrap();
    let chair = |officer| SignerChoice { capacity: SigningCapacity::Chair, officer_id: Some(officer) };

    let refused =
        d.register.set_signer(&acting!(d), OutgoingKind::TransferSlip, chair(clerk.id)).unwrap_err();
    match refused {
        RegisterError::Invalid(invalid) => {
            assert_eq!(invalid.problems[0].field, "signer");
            assert!(
                invalid.problems[0].message.contains("không phải lãnh đạo"),
                "{}",
                invalid.problems[0].message
            );
        }
        other => panic!("a clerk cannot sign for the committee: {other:?}"),
    }
    assert_eq!(d.register.signers().unwrap().transfer_slip.officer_id, None, "nothing changed");

    let signers = d.register.set_signer(&acting!(d), OutgoingKind::TransferSlip, chair(leader.id)).unwrap();
    assert_eq!(signers.transfer_slip, chair(leader.id));
    assert_eq!(signers.refusal_notice.capacity, SigningCapacity::Chair, "a leader by default");
    assert_eq!(signers.guidance_slip.capacity, SigningCapacity::ReceptionOfficer, "the officer by default");
    d.register.retire_officer(&acting!(d), leader.id).unwrap();
    let retired = d.register.signing_officer(chair(leader.id)).unwrap_err();
    assert!(matches!(retired, RegisterError::Invalid(_)), "a retired leader signs nothing: {retired:?}");
}
