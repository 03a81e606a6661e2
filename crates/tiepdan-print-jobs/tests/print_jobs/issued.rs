//! The documents the ward issues in its name carry their own number from the outgoing register and
//! are signed as the ward chose (issue 13 §12–13): the number is taken at the first print and kept
//! on every reprint, a preview shows where it will go, and a form that cannot be drawn, or a signer
//! who may not sign, uses up no number.

use crate::common::{desk, pdf_text, visitor, FakeSpooler};
use tiepdan_domain::access::Role;
use tiepdan_domain::outgoing::{OutgoingKind, SignerChoice, SigningCapacity};
use tiepdan_domain::petition::Petition;
use tiepdan_domain::visit::VisitDraft;
use tiepdan_print_jobs::{preview, print, reprint, FormRequest, PrintJobError, PrintOptions};

fn transfer(signer: Option<SignerChoice>) -> PrintOptions {
    PrintOptions::new(FormRequest::Transfer { petition_dated: None, legal_basis: None, signer })
}

fn text(pdf: &[u8]) -> String {
    pdf_text(pdf).expect("pdftotext (poppler-utils, installed by scripts/setup.sh) reads the paper")
}

#[test]
fn a_transfer_slip_is_numbered_once_signed_by_the_chosen_leader_and_a_reprint_keeps_both() {
    let mut d = desk();
    let proposal: Petition = serde_json::from_value(serde_json::json!({
        "kind": "proposal", "field": "other_administrative", "transfer_to": "Công ty Điện lực Hà Đông"
    }))
    .unwrap();
    let draft = VisitDraft {
        visitors: vec![visitor("Lò Thị Mai")],
        summary: "Kiến nghị sửa đường điện hạ thế.".into(),
        petition: Some(proposal),
        ..Default::default()
    };
    let visit = d.register.record_visit(&d.owner, draft).unwrap();
    let clerk = d.register.desk_officer().unwrap().unwrap();
    let chair = d.register.add_officer(&d.owner, "Nguyễn Văn Chủ", "Chủ tịch", &[Role::Leader]).unwrap();
    let spooler = FakeSpooler::default();

    let wrong = SignerChoice { capacity: SigningCapacity::Chair, officer_id: Some(clerk.id) };
    let refused =
        print(&mut d.register, d.dir.path(), &spooler, visit.id, &transfer(Some(wrong)), None, &d.owner)
            .unwrap_err();
    assert!(
        matches!(refused, PrintJobError::Register(_)),
        "a clerk does not sign for the committee: {refused}"
    );
    assert_eq!(
        d.register.issued_number(visit.id, OutgoingKind::TransferSlip).unwrap(),
        None,
        "no number used up"
    );

    let draft = preview(&mut d.register, visit.id, &transfer(None), &d.owner).unwrap();
    let shown = text(&draft.pdf);
    assert!(shown.contains("Số: ……/PC-UBND"), "a preview leaves the number blank:\n{shown}");

    let choice = SignerChoice { capacity: SigningCapacity::Chair, officer_id: Some(chair.id) };
    d.register.set_signer(&d.owner, OutgoingKind::TransferSlip, choice).unwrap();
    let job =
        print(&mut d.register, d.dir.path(), &spooler, visit.id, &transfer(None), None, &d.owner).unwrap();
    let first = text(&spooler.sent.borrow()[0].pdf);
    assert!(first.contains("Số: 01/PC-UBND"), "{first}");
    assert!(!first.contains(&visit.receipt_no.to_string()), "not the visit's receipt number:\n{first}");
    for line in ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn Chủ"] {
        assert!(first.contains(line), "signed by the ward's chair: {line:?} in\n{first}");
    }
    assert!(!first.contains("Trần Thị Bình"), "not by the receiving officer:\n{first}");

    // The default changes; the reprint is signed and numbered as the original was.
    let blank = SignerChoice { capacity: SigningCapacity::ViceChair, officer_id: None };
    d.register.set_signer(&d.owner, OutgoingKind::TransferSlip, blank).unwrap();
    reprint(&mut d.register, d.dir.path(), &spooler, job.id, None, &d.owner).unwrap();
    let again = text(&spooler.sent.borrow()[1].pdf);
    assert!(again.contains("Số: 01/PC-UBND") && again.contains("Bản in lại lần 1"), "{again}");
    assert!(again.contains("Nguyễn Văn Chủ") && !again.contains("PHÓ CHỦ TỊCH"), "{again}");
}

#[test]
fn a_form_that_cannot_be_drawn_uses_up_no_number() {
    let mut d = desk();
    let spooler = FakeSpooler::default();
    // Đặng Hữu Ước's visit was not refused: there is no refusal notice to issue.
    let options = PrintOptions::new(FormRequest::Refusal { signer: None });
    let err =
        print(&mut d.register, d.dir.path(), &spooler, d.visit.id, &options, None, &d.owner).unwrap_err();
    assert_eq!(err.code(), "form_data_missing", "{err}");
    assert_eq!(d.register.issued_number(d.visit.id, OutgoingKind::RefusalNotice).unwrap(), None);
    let listed = d.register.issued_documents(&d.owner, 2026).unwrap();
    assert!(listed.is_empty(), "the year's series has no gap: {listed:?}");
}
