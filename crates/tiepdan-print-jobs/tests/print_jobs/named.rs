//! A denouncer sealed in the register is named only on the papers handed to them, and only by the
//! session that typed their identity (until it locks) or by a leader (issue 7 §2); the transfer
//! slip and the record never name them, and a named job is not sent again by anyone else.

use crate::common::{desk, visitor, FakeSpooler};
use tiepdan_domain::access::Role;
use tiepdan_domain::petition::Petition;
use tiepdan_domain::visit::{Visit, VisitDraft, SEALED_VISITOR_NAME};
use tiepdan_keys::KdfParams;
use tiepdan_print_jobs::{preview, print, reprint, retry, FormRequest, PrintJobError, PrintOptions};
use tiepdan_register::sessions::Session;

const DENOUNCER: &str = "Nguyễn Văn An";

struct Sealed {
    d: crate::common::Desk,
    clerk: Session,
    leader: Session,
    visit: Visit,
}

/// The ward's leader (Trần Thị Bình, also its administrator) sets the first password and gives one
/// to a clerk, who registers a denunciation: stored sealed, typed in the clerk's session.
fn sealed_denunciation() -> Sealed {
    let mut d = desk();
    let mut admin = d.register.current_officer().unwrap().unwrap();
    admin.roles.push(Role::Leader);
    let admin = d.register.update_officer(admin).unwrap().id;
    let (leader, _) = d.register.create_keys(admin, "hoa-sen-2026", KdfParams::insecure_for_tests()).unwrap();
    let clerk = d.register.add_officer("Lê Văn Cường", "Công chức tiếp công dân", &[Role::Clerk]).unwrap();
    d.register.give_password(&leader, clerk.id, "lua-chin-vang").unwrap();
    let clerk = d.register.sign_in(clerk.id, "lua-chin-vang").unwrap();
    let petition: Petition = serde_json::from_value(serde_json::json!({
        "kind": "denunciation", "field": "corruption", "transfer_to": "Thanh tra Thành phố Hà Nội"
    }))
    .unwrap();
    let draft = VisitDraft {
        visitors: vec![visitor(DENOUNCER)],
        summary: "Tố cáo cán bộ địa chính nhận tiền khi cấp sổ đỏ.".into(),
        officer_id: Some(clerk.officer().id),
        petition: Some(petition),
        ..Default::default()
    };
    let visit = d.register.record_visit_as(&clerk, draft).unwrap();
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

#[test]
fn the_slip_printed_by_the_clerk_who_received_the_denouncer_names_them_and_nothing_else_does() {
    let Sealed { mut d, clerk, visit, .. } = sealed_denunciation();
    let dir = d.data_dir().to_path_buf();
    let spooler = FakeSpooler::default();
    let opened = d.register.visit_for_citizen(&clerk, visit.id).unwrap();
    let receipt = PrintOptions::new(FormRequest::receipt());

    let shown = preview(&d.register, visit.id, &receipt, opened.as_ref()).unwrap();
    assert!(names(&shown), "the preview shows what will print");
    let job = print(&mut d.register, &dir, &spooler, visit.id, &receipt, None, opened.as_ref()).unwrap();
    assert!(job.names_denouncer, "the log says the paper names the denouncer");
    assert!(names(&spooler.sent.borrow()[0].pdf), "the slip handed to the denouncer names them");
    let archived = tiepdan_print_jobs::archived_pdf(&d.register, &dir, &job).unwrap();
    assert!(names(&archived), "the archive keeps the paper as printed");
    let on_disk = std::fs::read(dir.join(&job.archive)).unwrap();
    assert!(!on_disk.windows(12).any(|w| w == b"001088012345"), "encrypted on the disk");

    for (form, what) in [
        (FormRequest::Transfer { petition_dated: None, legal_basis: None }, "the transfer slip"),
        (FormRequest::Record, "the record, which goes into the file"),
    ] {
        let job =
            print(&mut d.register, &dir, &spooler, visit.id, &PrintOptions::new(form), None, opened.as_ref())
                .unwrap();
        let pdf = spooler.sent.borrow().last().unwrap().pdf.clone();
        assert!(!job.names_denouncer && !names(&pdf), "{what} never names the denouncer");
        assert!(!text(&pdf).contains("001088012345"), "{what}: nor their ID number");
    }

    let masked = preview(&d.register, visit.id, &receipt, None).unwrap();
    assert!(!names(&masked) && text(&masked).contains(SEALED_VISITOR_NAME), "without the identity: masked");
    clerk.forget_typed_identities();
    let after_lock = d.register.visit_for_citizen(&clerk, visit.id).unwrap();
    let again = reprint(&mut d.register, &dir, &spooler, job.id, None, after_lock.as_ref()).unwrap();
    assert!(!again.names_denouncer, "after the lock a reprint is masked");
    assert!(!names(&spooler.sent.borrow().last().unwrap().pdf));
}

#[test]
fn a_failed_named_slip_is_sent_again_only_by_someone_who_may_name_the_denouncer() {
    let Sealed { mut d, clerk, leader, visit } = sealed_denunciation();
    let dir = d.data_dir().to_path_buf();
    let spooler = FakeSpooler::default();
    *spooler.stopped.borrow_mut() = true;
    let opened = d.register.visit_for_citizen(&clerk, visit.id).unwrap();
    let receipt = PrintOptions::new(FormRequest::receipt());
    let failed = print(&mut d.register, &dir, &spooler, visit.id, &receipt, None, opened.as_ref()).unwrap();
    assert!(failed.names_denouncer);
    *spooler.stopped.borrow_mut() = false;

    clerk.forget_typed_identities();
    let err = retry(&mut d.register, &dir, &spooler, failed.id, None, None).unwrap_err();
    assert!(matches!(err, PrintJobError::NamesDenouncer { .. }), "{err:?}");
    assert!(err.to_string().contains("người tố cáo"), "a Vietnamese reason: {err}");
    assert!(spooler.sent.borrow().is_empty(), "nothing reached the printer");

    let opened = d.register.visit_for_citizen(&leader, visit.id).unwrap();
    let sent = retry(&mut d.register, &dir, &spooler, failed.id, None, opened.as_ref()).unwrap();
    assert_eq!(sent.status, tiepdan_register::PrintStatus::Sent);
    assert!(names(&spooler.sent.borrow()[0].pdf), "the leader sent the same named slip");
}

#[test]
fn an_opened_visit_of_another_visit_names_nobody() {
    let Sealed { mut d, clerk, visit, .. } = sealed_denunciation();
    let dir = d.data_dir().to_path_buf();
    let spooler = FakeSpooler::default();
    let mut other = d.register.visit_for_citizen(&clerk, visit.id).unwrap().unwrap();
    other.id = d.visit.id;
    let receipt = PrintOptions::new(FormRequest::receipt());
    let job = print(&mut d.register, &dir, &spooler, d.visit.id, &receipt, None, Some(&other)).unwrap();
    assert!(!job.names_denouncer && !names(&spooler.sent.borrow()[0].pdf));
}
