//! Denouncers' identities sealed inside the register (issue 7 §2): stored, indexed and journaled only
//! sealed; opened only by a leader's session, and every opening audited.

use crate::common::{desk, draft, Desk};
use tiepdan_domain::access::{AccessAction, Role};
use tiepdan_domain::identity::{IdKind, Sex};
use tiepdan_domain::officer::Officer;
use tiepdan_domain::petition::Petition;
use tiepdan_domain::validation::Problem;
use tiepdan_domain::visit::{SealedIdentity, Visit, VisitDraft, SEALED_VISITOR_NAME};
use tiepdan_keys::KdfParams;
use tiepdan_register::sessions::Session;
use tiepdan_register::{AccessQuery, Register, RegisterError};
use unicode_normalization::UnicodeNormalization;

pub(crate) const ADMIN_PASSWORD: &str = "hoa-sen-2026";
pub(crate) const CLERK_PASSWORD: &str = "lua-chin-vang";
pub(crate) const NAME: &str = "Nguyễn Văn An";
const ID_NUMBER: &str = "001090001234";
const PHONE: &str = "0912345678";

/// A desk with a key file whose administrator (Trần Thị Bình) is also a leader, so her session may
/// open sealed identities; reopened as the app would, with cheap argon2id parameters.
pub(crate) fn desk_with_keys() -> Desk {
    let mut d = desk();
    let officer = Officer { roles: vec![Role::Clerk, Role::Leader, Role::Administrator], ..d.officer };
    d.officer = d.register.update_officer(&acting!(d), officer).unwrap();
    d.session = Some(
        d.register.create_keys(d.officer.id, ADMIN_PASSWORD, KdfParams::insecure_for_tests()).unwrap().0,
    );
    let officer = d.officer.id;
    d.session = Some(crate::common::reopen_signed_in(&mut d, officer, ADMIN_PASSWORD));
    d
}

pub(crate) fn leader(d: &mut Desk) -> Session {
    d.register.sign_in(d.officer.id, ADMIN_PASSWORD).unwrap()
}

pub(crate) fn clerk(d: &mut Desk) -> Session {
    let admin = leader(d);
    let clerk = d.register.add_officer(&acting!(d), "Lê Văn Cường", "Công chức", &[Role::Clerk]).unwrap();
    d.register.give_password(&tiepdan_register::Actor::signed_in(&admin), clerk.id, CLERK_PASSWORD).unwrap();
    d.register.sign_in(clerk.id, CLERK_PASSWORD).unwrap()
}

fn petition(kind: &str, field: &str) -> Petition {
    serde_json::from_value(serde_json::json!({ "kind": kind, "field": field })).unwrap()
}

/// A citizen with every identifying field filled, received for a petition of `kind`.
fn identified(kind: &str, field: &str) -> VisitDraft {
    let mut d = draft(NAME, "Tố cáo cán bộ địa chính nhận tiền khi cấp sổ đỏ");
    let v = &mut d.visitors[0];
    (v.id_kind, v.id_number, v.birth_year, v.sex) =
        (Some(IdKind::Cccd), Some(ID_NUMBER.into()), Some(1990), Some(Sex::Male));
    (v.address, v.phone) = (Some("Số 3 ngõ 5 Quang Trung".into()), Some(PHONE.into()));
    d.petition = Some(petition(kind, field));
    d
}

pub(crate) fn denunciation() -> VisitDraft {
    identified("denunciation", "corruption")
}

pub(crate) fn viewed(register: &Register, session: &Option<Session>) -> usize {
    let entries =
        register.access_log(&crate::common::acting(register, session), &AccessQuery::default()).unwrap();
    entries.iter().filter(|e| e.action == AccessAction::ViewedSealedIdentity).count()
}

fn assert_masked(visit: &Visit, why: &str) {
    let v = &visit.details.visitors[0];
    assert!(v.is_sealed() && !v.has_identity(), "{why}: {v:?}");
    assert_eq!(v.shown_name(), SEALED_VISITOR_NAME, "{why}");
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    let needle = needle.as_bytes();
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn a_denouncers_name_and_id_number_appear_nowhere_in_the_register_files() {
    let mut d = desk_with_keys();
    let visit = d.register.record_visit(&acting!(d), denunciation()).unwrap();
    assert_masked(&visit, "the stored visit");
    d.register.search(&acting!(d), "an", 10).unwrap();
    // The register file is encrypted (tests/register/encryption.rs): read its plaintext, decrypted
    // with the register key, to check that sealing holds inside the encryption too.
    let officer = d.officer.id;
    let session = crate::common::reopen_signed_in(&mut d, officer, ADMIN_PASSWORD);
    assert_masked(&d.register.visit(visit.id).unwrap(), "after reopening");
    let key = *session.unlocked().register_key().expose_secret_bytes();
    let path = d.path();
    drop(d.register);
    let bytes = crate::encryption::decrypted_bytes(&path, &key);
    assert!(bytes.len() > 4096, "the register file was read");
    assert!(contains(&bytes, "Tố cáo cán bộ địa chính"), "the content itself is stored in clear");
    let nfd: String = NAME.nfd().collect();
    for secret in [NAME, nfd.as_str(), "nguyen van an", ID_NUMBER, PHONE, "Quang Trung", "quang trung"] {
        assert!(!contains(&bytes, secret), "{secret:?} must not be anywhere in the register's bytes");
    }
}

#[test]
fn a_complaints_visitor_is_stored_in_clear_as_before() {
    let mut d = desk_with_keys();
    let visit = d.register.record_visit(&acting!(d), identified("complaint", "land")).unwrap();
    let v = &d.register.visit(visit.id).unwrap().details.visitors[0];
    assert!(!v.is_sealed());
    assert_eq!((v.full_name.as_str(), v.id_number.as_deref()), (NAME, Some(ID_NUMBER)));
    assert_eq!(d.register.search(&acting!(d), "nguyen van an", 5).unwrap()[0].names, [NAME]);
}

#[test]
fn without_a_key_file_a_denunciation_is_stored_as_before_issue_7() {
    let mut d = desk();
    assert!(!d.register.seals_identities());
    let visit = d.register.record_visit(&acting!(d), denunciation()).unwrap();
    assert_eq!(visit.details.visitors[0].full_name, NAME, "nothing to seal to: documented in access.md");
}

#[test]
fn a_mixed_petition_is_sealed_like_a_denunciation() {
    let mut d = desk_with_keys();
    let visit = d.register.record_visit(&acting!(d), identified("mixed", "other")).unwrap();
    assert_masked(&visit, "a mixed petition may contain a denunciation");
}

#[test]
fn a_clerk_session_cannot_reveal_and_nothing_is_audited_as_viewed() {
    let mut d = desk_with_keys();
    let visit = d.register.record_visit(&acting!(d), denunciation()).unwrap();
    let clerk = clerk(&mut d);
    let err =
        d.register.reveal_visit(&tiepdan_register::Actor::signed_in(&clerk), visit.clone()).unwrap_err();
    assert!(matches!(err, RegisterError::NotPermitted { .. }), "{err:?}");
    let err = d.register.reveal_history(&tiepdan_register::Actor::signed_in(&clerk), visit.id).unwrap_err();
    assert!(matches!(err, RegisterError::NotPermitted { .. }), "{err:?}");
    assert_eq!(viewed(&d.register, &d.session), 0, "a refused reveal showed nothing");
}

#[test]
fn a_leader_reveals_the_denouncer_and_the_audit_shows_it() {
    let mut d = desk_with_keys();
    let visit = d.register.record_visit(&acting!(d), denunciation()).unwrap();
    let leader = leader(&mut d);
    let stored = d.register.visit(visit.id).unwrap();
    let open = d.register.reveal_visit(&tiepdan_register::Actor::signed_in(&leader), stored).unwrap();
    let v = &open.details.visitors[0];
    assert_eq!(
        (v.full_name.as_str(), v.id_number.as_deref(), v.phone.as_deref()),
        (NAME, Some(ID_NUMBER), Some(PHONE))
    );
    assert!(!v.is_sealed());
    let entries = d.register.access_log(&acting!(d), &AccessQuery::default()).unwrap();
    let seen = entries.iter().find(|e| e.action == AccessAction::ViewedSealedIdentity).expect("audited");
    assert_eq!((seen.officer, seen.visit), (Some(d.officer.id), Some(visit.id)));
    let history = d.register.reveal_history(&tiepdan_register::Actor::signed_in(&leader), visit.id).unwrap();
    assert_eq!(history[0].details.as_ref().unwrap().visitors[0].full_name, NAME);
    assert_eq!(viewed(&d.register, &d.session), 2, "the history's reveal is audited too");
}

#[test]
fn a_sealed_value_moved_onto_another_visit_does_not_open_there() {
    let mut d = desk_with_keys();
    let first = d.register.record_visit(&acting!(d), denunciation()).unwrap();
    let second = d.register.record_visit(&acting!(d), denunciation()).unwrap();
    let leader = leader(&mut d);
    let mut forged = d.register.visit(second.id).unwrap();
    forged.details.visitors[0].sealed = first.details.visitors[0].sealed.clone();
    let err = d.register.reveal_visit(&tiepdan_register::Actor::signed_in(&leader), forged).unwrap_err();
    assert!(matches!(err, RegisterError::Keys(_)), "bound to its visit: {err:?}");
}

#[test]
fn searching_the_denouncers_name_finds_nothing_but_the_receipt_number_finds_the_visit_masked() {
    let mut d = desk_with_keys();
    let visit = d.register.record_visit(&acting!(d), denunciation()).unwrap();
    for query in ["nguyen van an", NAME, "nguyen", ID_NUMBER, "quang trung"] {
        assert!(
            d.register.search(&acting!(d), query, 10).unwrap().is_empty(),
            "{query:?} must not find the denouncer"
        );
    }
    for query in ["nguyen", "Nguyễn Văn", ID_NUMBER, "0010900"] {
        assert!(d.register.returning_citizens(&acting!(d), query, 10).unwrap().is_empty(), "{query:?}");
    }
    let hits = d.register.search(&acting!(d), &visit.receipt_no.to_string(), 5).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].names, [SEALED_VISITOR_NAME]);
    let hits = d.register.search(&acting!(d), "dia chinh so do", 5).unwrap();
    assert_eq!(hits[0].names, [SEALED_VISITOR_NAME], "found by its content, still masked");
    let again = identified("complaint", "land");
    assert!(
        d.register.suggest_repeat_matters(&acting!(d), &again).unwrap().is_empty(),
        "a sealed visitor is never recognised as the same citizen"
    );
    let day = visit.details.received_at.date_naive();
    assert_masked(&d.register.visits_on(&acting!(d), day, day).unwrap()[0], "the register book's rows");
    assert_masked(&d.register.visit_by_receipt(&visit.receipt_no).unwrap(), "by receipt");
}

#[test]
fn an_amendment_by_a_clerk_that_keeps_the_sealed_value_keeps_the_identity() {
    let mut d = desk_with_keys();
    let visit = d.register.record_visit(&acting!(d), denunciation()).unwrap();
    let _clerk = clerk(&mut d);
    let mut draft = VisitDraft::from(d.register.visit(visit.id).unwrap().details);
    draft.notes = "Bổ sung: công dân nộp thêm ảnh chụp".into();
    let amended = d.register.amend_visit(&acting!(d), visit.id, draft, "Bổ sung tài liệu").unwrap();
    assert_eq!(amended.details.visitors[0].sealed, visit.details.visitors[0].sealed, "kept as it was");
    let leader = leader(&mut d);
    let open = d.register.reveal_visit(&tiepdan_register::Actor::signed_in(&leader), amended).unwrap();
    assert_eq!(open.details.visitors[0].full_name, NAME);
    assert_eq!(open.details.notes, "Bổ sung: công dân nộp thêm ảnh chụp");
}

#[test]
fn a_foreign_sealed_value_is_refused_in_an_amendment_and_in_a_new_visit() {
    let mut d = desk_with_keys();
    let first = d.register.record_visit(&acting!(d), denunciation()).unwrap();
    let second = d.register.record_visit(&acting!(d), denunciation()).unwrap();
    let mut draft = VisitDraft::from(second.details.clone());
    draft.visitors[0].sealed = first.details.visitors[0].sealed.clone();
    let problem = |err: RegisterError| match err {
        RegisterError::Invalid(invalid) => {
            (invalid.problems[0].field.clone(), invalid.problems[0].problem.clone())
        }
        other => panic!("expected a refused input, got {other:?}"),
    };
    let err = d.register.amend_visit(&acting!(d), second.id, draft.clone(), "Sửa").unwrap_err();
    assert_eq!(problem(err), ("visitors[0].sealed".to_string(), Problem::SealedIdentityForeign));
    draft.visitors[0].sealed = Some(SealedIdentity::new("sealed:v1:AQ"));
    assert!(
        d.register.amend_visit(&acting!(d), second.id, draft.clone(), "Sửa").is_err(),
        "a made-up value too"
    );
    let err = d.register.record_visit(&acting!(d), draft).unwrap_err();
    assert_eq!(problem(err).1, Problem::SealedIdentityForeign, "a new visit has no sealed value of its own");
    assert_eq!(d.register.visit(second.id).unwrap(), second, "nothing changed");
}

#[test]
fn an_identity_re_entered_in_clear_is_sealed_anew() {
    let mut d = desk_with_keys();
    let visit = d.register.record_visit(&acting!(d), denunciation()).unwrap();
    let mut draft = denunciation();
    draft.visitors[0].full_name = "Nguyễn Văn Ân".into();
    let amended = d.register.amend_visit(&acting!(d), visit.id, draft, "Sửa họ tên").unwrap();
    assert_masked(&amended, "re-entered in clear");
    assert_ne!(amended.details.visitors[0].sealed, visit.details.visitors[0].sealed);
    let leader = leader(&mut d);
    assert_eq!(
        d.register
            .reveal_visit(&tiepdan_register::Actor::signed_in(&leader), amended)
            .unwrap()
            .details
            .visitors[0]
            .full_name,
        "Nguyễn Văn Ân"
    );
}

#[test]
fn a_complaint_amended_into_a_denunciation_is_sealed_from_then_on_and_its_history_is_masked() {
    let mut d = desk_with_keys();
    let visit = d.register.record_visit(&acting!(d), identified("complaint", "land")).unwrap();
    let amended = d.register.amend_visit(&acting!(d), visit.id, denunciation(), "Là đơn tố cáo").unwrap();
    assert_masked(&amended, "sealed from the amendment on");
    assert!(
        d.register.search(&acting!(d), "nguyen van an", 5).unwrap().is_empty(),
        "the index entry was replaced"
    );
    let history = d.register.history(visit.id).unwrap();
    for entry in &history {
        let v = &entry.details.as_ref().unwrap().visitors[0];
        assert!(!v.has_identity(), "the earlier, clear event is masked when read: {v:?}");
    }
    let leader = leader(&mut d);
    let open = d.register.reveal_history(&tiepdan_register::Actor::signed_in(&leader), visit.id).unwrap();
    assert_eq!(open[0].details.as_ref().unwrap().visitors[0].full_name, NAME, "as journaled");
    // Back to a complaint: once protected, the visit stays sealed.
    let back = d
        .register
        .amend_visit(&acting!(d), visit.id, identified("complaint", "land"), "Nhầm loại đơn")
        .unwrap();
    assert_masked(&back, "a visit that was protected stays sealed");
}
