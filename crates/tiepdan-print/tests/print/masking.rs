//! Papers that leave the ward mask a protected sender on every identifying field the domain lists
//! (issue #12): a transfer slip of a denunciation, and the register book printed masked, read the
//! same whatever identity was typed, so a field added to the list cannot reach any of them.

use crate::fixtures::{citizen, officer, petition, visit, ward};
use crate::pdf::write;
use chrono::NaiveDate;
use tiepdan_domain::outgoing::SigningCapacity;
use tiepdan_domain::petition::{Handling, PetitionKind};
use tiepdan_domain::visit::{IdentityField, Visit, Visitor};
use tiepdan_print::{render_register_book, render_transfer, Paper, RegisterBookForm, Signer, TransferForm};

/// A citizen with every listed identifying field filled (checked, so the comparison covers a new
/// field as soon as the fixture gives it a value).
fn everything() -> Visitor {
    let typed = citizen();
    for field in IdentityField::ALL {
        assert!(field.is_set(&typed), "the fixture must fill {field:?} for this test to cover it");
    }
    typed
}

/// A transferred denunciation brought by a group of two representatives, each given `visitor`.
fn denunciation_by(visitor: &Visitor) -> Visit {
    let mut v = visit();
    let mut p = petition(PetitionKind::Denunciation);
    p.handling = Some(Handling::Transfer);
    p.transfer_to = Some("Thanh tra Thành phố Hà Nội".into());
    v.details.petition = Some(p);
    v.details.visitors = vec![visitor.clone(), visitor.clone()];
    v
}

fn transfer_text(visit: &Visit) -> String {
    let (ward, o) = (ward(), officer());
    let form = TransferForm {
        ward: &ward,
        visit,
        number: "15/PC-UBND",
        signer: Signer { capacity: SigningCapacity::Chair, officer: Some(&o) },
        issued_on: NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
        petition_dated: None,
        legal_basis: None,
        reprint: None,
        paper: Paper::A4,
    };
    write("transfer-masking", &render_transfer(&form).unwrap()).raw_text()
}

fn masked_book_text(visit: &Visit) -> String {
    let ward = ward();
    let form = RegisterBookForm {
        ward: &ward,
        visits: std::slice::from_ref(visit),
        from: NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
        to: NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
        protect_denouncers: true,
    };
    write("register-masking", &render_register_book(&form).unwrap()).raw_text()
}

#[test]
fn a_protected_paper_reads_the_same_whatever_identity_was_typed() {
    let typed = denunciation_by(&everything());
    let blank = denunciation_by(&Visitor::default());
    for kind in [PetitionKind::Denunciation, PetitionKind::Mixed] {
        let (mut typed, mut blank) = (typed.clone(), blank.clone());
        typed.details.petition.as_mut().unwrap().kind = kind;
        blank.details.petition.as_mut().unwrap().kind = kind;
        assert_eq!(
            transfer_text(&typed),
            transfer_text(&blank),
            "a {kind:?} transfer slip shows nothing of any identifying field"
        );
        assert_eq!(
            masked_book_text(&typed),
            masked_book_text(&blank),
            "a masked book's {kind:?} row shows nothing of any identifying field"
        );
    }
    let mut complaint = typed.clone();
    complaint.details.petition.as_mut().unwrap().kind = PetitionKind::Proposal;
    assert!(
        transfer_text(&complaint).contains(&citizen().full_name),
        "an unprotected sender is still named, so the comparison above is not vacuous"
    );
}
