//! A denouncer sealed in the register is named only on the papers handed to them, and only for the
//! session that typed their identity (until it locks) or a leader's (issue 7 §2); the transfer slip
//! and the record never name them; a named paper is archived sealed (only a leader opens it) and is
//! sent again only for a session that still names exactly those identities.

use crate::common::{desk, visitor, FakeSpooler};
use tiepdan_domain::access::Role;
use tiepdan_domain::petition::Petition;
use tiepdan_domain::visit::{Visit, VisitDraft, SEALED_VISITOR_NAME};
use tiepdan_keys::KdfParams;
use tiepdan_print_jobs::{
    archived_pdf, preview, print, reprint, retry, FormRequest, PrintJobError, PrintOptions,
};
use tiepdan_register::sessions::Session;
use tiepdan_register::Actor;
use tiepdan_register::PrintStatus;

const DENOUNCER: &str = "Nguyễn Văn An";

struct Sealed {
    d: crate::common::Desk,
    clerk: Session,
    leader: Session,
    visit: Visit,
}

fn denunciation(name: &str, officer: tiepdan_domain::OfficerId) -> VisitDraft {
    let petition: Petition = serde_json::from_value(serde_json::json!({
        "kind": "denunciation", "field": "corruption", "transfer_to": "Thanh tra Thành phố Hà Nội"
    }))
    .unwrap();
    VisitDraft {
        visitors: vec![visitor(name)],
        summary: "Tố cáo cán bộ địa chính nhận tiền khi cấp sổ đỏ.".into(),
        officer_id: Some(officer),
        petition: Some(petition),
        ..Default::default()
    }
}

/// The ward's leader (Trần Thị Bình, also its administrator) sets the first password and gives one
/// to a clerk, who registers a denunciation: stored sealed, typed in the clerk's session.
fn sealed_denunciation() -> Sealed {
    let mut d = desk();
    let mut admin = d.register.desk_officer().unwrap().unwrap();
    admin.roles.push(Role::Leader);
    let admin = d.register.update_officer(&d.owner, admin).unwrap().id;
    let (leader, _) = d.register.create_keys(admin, "hoa-sen-2026", KdfParams::insecure_for_tests()).unwrap();
    let clerk = d
        .register
        .add_officer(&Actor::signed_in(&leader), "Lê Văn Cường", "Công chức tiếp công dân", &[Role::Clerk])
        .unwrap();
    d.register.give_password(&Actor::signed_in(&leader), clerk.id, "lua-chin-vang").unwrap();
    let clerk = d.register.sign_in(clerk.id, "lua-chin-vang").unwrap();
    let visit = d
        .register
        .record_visit(&Actor::signed_in(&clerk), denunciation(DENOUNCER, clerk.officer().id))
        .unwrap();
    assert!(visit.details.visitors[0].is_sealed());
    Sealed { d, clerk, leader, visit }
}

/// The text of a printed PDF; pdftotext is installed by scripts/setup.sh, so its absence fails.
fn text(pdf: &[u8]) -> String {
    crate::common::pdf_text(pdf).expect("pdftotext (poppler-utils, installed by scripts/setup.sh)")
}

fn names(pdf: &[u8]) -> bool {
    text(pdf).contains(DENOUNCER)
}

fn receipt() -> PrintOptions {
    PrintOptions::new(FormRequest::receipt())
}

#[test]
fn the_slip_printed_by_the_clerk_who_received_the_denouncer_names_them_and_nothing_else_does() {
    let Sealed { mut d, clerk, leader, visit } = sealed_denunciation();
    let dir = d.data_dir().to_path_buf();
    let spooler = FakeSpooler::default();

    let shown = preview(&mut d.register, visit.id, &receipt(), &Actor::signed_in(&clerk)).unwrap().pdf;
    assert!(names(&shown), "the preview shows what will print");
    let job = print(&mut d.register, &dir, &spooler, visit.id, &receipt(), None, &Actor::signed_in(&clerk))
        .unwrap();
    assert!(job.names_denouncer, "the log says the paper names the denouncer");
    assert!(names(&spooler.sent.borrow()[0].pdf), "the slip handed to the denouncer names them");
    assert!(job.archive.ends_with(".pdf.sealed"), "{}", job.archive);
    let audit =
        d.register.access_log(&Actor::signed_in(&leader), &tiepdan_register::AccessQuery::default()).unwrap();
    let printed = audit.iter().find(|e| e.action == tiepdan_domain::access::AccessAction::Printed).unwrap();
    assert_eq!(printed.officer, Some(clerk.officer().id), "the workflow audits the job, naming who printed");
    assert_eq!(printed.detail, "Giấy biên nhận · ghi tên người tố cáo");
    let err = archived_pdf(&mut d.register, &dir, &job, &Actor::signed_in(&clerk)).unwrap_err();
    assert!(matches!(err, PrintJobError::Register(_)), "the register key does not open it: {err:?}");
    let kept = archived_pdf(&mut d.register, &dir, &job, &Actor::signed_in(&leader)).unwrap();
    assert!(names(&kept), "a leader opens the archive as printed");

    for (form, what) in [
        (
            FormRequest::Transfer { petition_dated: None, legal_basis: None, signer: None },
            "the transfer slip",
        ),
        (FormRequest::Record, "the record, which goes into the file"),
    ] {
        let options = PrintOptions::new(form);
        let job = print(&mut d.register, &dir, &spooler, visit.id, &options, None, &Actor::signed_in(&clerk))
            .unwrap();
        let pdf = spooler.sent.borrow().last().unwrap().pdf.clone();
        assert!(!job.names_denouncer && !names(&pdf), "{what} never names the denouncer");
        assert!(!text(&pdf).contains("001088012345"), "{what}: nor their ID number");
    }

    // On a register with passwords nobody acts without a session: the one who may not name is another
    // clerk.
    let other = other_clerk(&mut d, &leader);
    let masked = preview(&mut d.register, visit.id, &receipt(), &Actor::signed_in(&other)).unwrap().pdf;
    assert!(
        !names(&masked) && text(&masked).contains(SEALED_VISITOR_NAME),
        "another clerk's preview: masked"
    );
    clerk.forget_typed_identities();
    let again = reprint(&mut d.register, &dir, &spooler, job.id, None, &Actor::signed_in(&clerk)).unwrap();
    assert!(!again.names_denouncer, "after the lock a reprint is masked");
    assert!(!names(&spooler.sent.borrow().last().unwrap().pdf));
}

/// A clerk other than the one who received the denouncer, signed in.
fn other_clerk(d: &mut crate::common::Desk, leader: &Session) -> Session {
    let other = d
        .register
        .add_officer(&Actor::signed_in(leader), "Phạm Thu Hà", "Công chức", &[Role::Clerk])
        .unwrap();
    d.register.give_password(&Actor::signed_in(leader), other.id, "sen-hong-2026").unwrap();
    d.register.sign_in(other.id, "sen-hong-2026").unwrap()
}

#[test]
fn a_failed_named_slip_is_sent_again_by_the_clerk_who_typed_the_name_and_not_by_another() {
    let Sealed { mut d, clerk, leader, visit } = sealed_denunciation();
    let dir = d.data_dir().to_path_buf();
    let spooler = FakeSpooler::default();
    *spooler.stopped.borrow_mut() = true;
    let failed =
        print(&mut d.register, &dir, &spooler, visit.id, &receipt(), None, &Actor::signed_in(&clerk))
            .unwrap();
    assert!(failed.names_denouncer);
    *spooler.stopped.borrow_mut() = false;

    let other = other_clerk(&mut d, &leader);
    let err = retry(&mut d.register, &dir, &spooler, failed.id, None, &Actor::signed_in(&other)).unwrap_err();
    assert!(matches!(err, PrintJobError::NamesDenouncer { .. }), "{err:?}");
    assert!(err.to_string().contains("người tố cáo"), "a Vietnamese reason: {err}");
    assert!(spooler.sent.borrow().is_empty(), "nothing reached the printer");

    let sent = retry(&mut d.register, &dir, &spooler, failed.id, None, &Actor::signed_in(&clerk)).unwrap();
    assert_eq!((sent.status, sent.copy), (PrintStatus::Sent, 1));
    assert!(names(&spooler.sent.borrow()[0].pdf), "drawn again, naming them as before");
}

#[test]
fn once_another_clerk_retypes_the_visitor_neither_of_them_sends_the_named_slip_again() {
    let Sealed { mut d, clerk, leader, visit } = sealed_denunciation();
    let dir = d.data_dir().to_path_buf();
    let spooler = FakeSpooler::default();
    *spooler.stopped.borrow_mut() = true;
    let failed =
        print(&mut d.register, &dir, &spooler, visit.id, &receipt(), None, &Actor::signed_in(&clerk))
            .unwrap();
    *spooler.stopped.borrow_mut() = false;

    // The other clerk "typed" this visitor now, but not the name on the failed slip.
    let other = other_clerk(&mut d, &leader);
    let mut retyped = denunciation("Nguyễn Văn Bình", other.officer().id);
    retyped.received_at = Some(visit.details.received_at);
    d.register.amend_visit(&Actor::signed_in(&other), visit.id, retyped, "Sửa họ tên").unwrap();
    for (session, who) in [(&other, "the clerk who retyped it"), (&clerk, "the clerk whose name is gone")] {
        let err =
            retry(&mut d.register, &dir, &spooler, failed.id, None, &Actor::signed_in(session)).unwrap_err();
        assert!(matches!(err, PrintJobError::NamesDenouncer { .. }), "{who}: {err:?}");
    }
    assert!(spooler.sent.borrow().is_empty(), "nothing reached the printer");
}

#[test]
fn a_leader_sends_a_failed_named_slip_again_from_its_sealed_archive() {
    let Sealed { mut d, clerk, leader, visit } = sealed_denunciation();
    let dir = d.data_dir().to_path_buf();
    let spooler = FakeSpooler::default();
    *spooler.stopped.borrow_mut() = true;
    let failed =
        print(&mut d.register, &dir, &spooler, visit.id, &receipt(), None, &Actor::signed_in(&clerk))
            .unwrap();
    *spooler.stopped.borrow_mut() = false;
    clerk.forget_typed_identities();
    let err = retry(&mut d.register, &dir, &spooler, failed.id, None, &Actor::signed_in(&clerk)).unwrap_err();
    assert!(matches!(err, PrintJobError::NamesDenouncer { .. }), "after the lock, not the clerk: {err:?}");
    let other = other_clerk(&mut d, &leader);
    let err = retry(&mut d.register, &dir, &spooler, failed.id, None, &Actor::signed_in(&other)).unwrap_err();
    assert!(matches!(err, PrintJobError::NamesDenouncer { .. }), "nor another clerk: {err:?}");
    let sent = retry(&mut d.register, &dir, &spooler, failed.id, None, &Actor::signed_in(&leader)).unwrap();
    assert_eq!(sent.status, PrintStatus::Sent);
    let archived = archived_pdf(&mut d.register, &dir, &sent, &Actor::signed_in(&leader)).unwrap();
    assert_eq!(spooler.sent.borrow()[0].pdf, archived, "the leader sent the very paper archived");
    assert!(names(&archived));
}

#[test]
fn after_an_amendment_a_failed_named_slip_is_not_sent_again_but_reprinted() {
    let Sealed { mut d, clerk, leader, visit } = sealed_denunciation();
    let dir = d.data_dir().to_path_buf();
    let spooler = FakeSpooler::default();
    *spooler.stopped.borrow_mut() = true;
    let failed =
        print(&mut d.register, &dir, &spooler, visit.id, &receipt(), None, &Actor::signed_in(&clerk))
            .unwrap();
    *spooler.stopped.borrow_mut() = false;

    // The identity is kept as it was; only the summary changes. The archived paper is out of date.
    let mut draft = VisitDraft::from(d.register.visit(visit.id).unwrap().details);
    draft.summary = "Tố cáo cán bộ địa chính nhận tiền khi cấp sổ đỏ, có ảnh chụp.".into();
    d.register.amend_visit(&Actor::signed_in(&clerk), visit.id, draft, "Bổ sung").unwrap();
    for (session, who) in [(&clerk, "the clerk"), (&leader, "a leader")] {
        let err =
            retry(&mut d.register, &dir, &spooler, failed.id, None, &Actor::signed_in(session)).unwrap_err();
        assert!(matches!(err, PrintJobError::NamesDenouncer { .. }), "{who}: {err:?}");
    }
    let again = reprint(&mut d.register, &dir, &spooler, failed.id, None, &Actor::signed_in(&clerk)).unwrap();
    assert!(again.names_denouncer, "the clerk still holds the name: the new paper names them");
    assert!(text(&spooler.sent.borrow()[0].pdf).contains("có ảnh chụp"), "as the visit is now");
}
