//! The denouncer named on the papers handed to them (issue 7 §2): the session that typed a sealed
//! identity may have it back for the slip until the screen locks; a leader opens it (audited);
//! nobody else gets more than the masked visit.

use crate::common::draft;
use crate::sealing::{clerk, denunciation, desk_with_keys, leader, viewed, CLERK_PASSWORD, NAME};
use tiepdan_domain::access::{Permission, Role};
use tiepdan_domain::clock::Clock;
use tiepdan_domain::visit::VisitDraft;
use tiepdan_register::RegisterError;

#[test]
fn the_clerk_who_typed_a_denouncers_identity_has_it_back_until_the_screen_locks() {
    let mut d = desk_with_keys();
    let clerk = clerk(&mut d);
    let visit = d.register.record_visit(&tiepdan_register::Actor::signed_in(&clerk), denunciation()).unwrap();
    assert!(visit.details.visitors[0].is_sealed(), "stored sealed as always");
    assert!(!visit.details.visitors[0].has_identity(), "and returned masked");

    let named = d.register.visit_for_citizen(&clerk, visit.id).unwrap().expect("the clerk typed it");
    let v = &named.details.visitors[0];
    assert_eq!((v.full_name.as_str(), v.phone.as_deref(), v.is_sealed()), (NAME, Some("0912345678"), false));
    assert_eq!(viewed(&d.register, &d.session), 0, "typing a name is not viewing a sealed identity");

    clerk.forget_typed_identities();
    assert_eq!(d.register.visit_for_citizen(&clerk, visit.id).unwrap(), None, "forgotten at the lock");
}

#[test]
fn another_session_of_the_same_clerk_gets_the_visit_masked() {
    let mut d = desk_with_keys();
    let first = clerk(&mut d);
    let visit = d.register.record_visit(&tiepdan_register::Actor::signed_in(&first), denunciation()).unwrap();
    let again = d.register.sign_in(first.officer().id, CLERK_PASSWORD).unwrap();
    assert_eq!(d.register.visit_for_citizen(&again, visit.id).unwrap(), None, "memory, not the disk");
    drop(first);
    assert!(d.register.visit(visit.id).unwrap().details.visitors[0].is_sealed());
}

#[test]
fn a_leader_opens_the_identity_for_the_slip_and_the_viewing_is_audited() {
    let mut d = desk_with_keys();
    let clerk = clerk(&mut d);
    let visit = d.register.record_visit(&tiepdan_register::Actor::signed_in(&clerk), denunciation()).unwrap();
    let leader = leader(&mut d);
    let named = d.register.visit_for_citizen(&leader, visit.id).unwrap().expect("a leader may");
    assert_eq!(named.details.visitors[0].full_name, NAME);
    assert_eq!(viewed(&d.register, &d.session), 1);
}

#[test]
fn an_amendment_keeping_the_sealed_visitor_keeps_the_name_and_a_retyped_one_replaces_it() {
    let mut d = desk_with_keys();
    let clerk = clerk(&mut d);
    let visit = d.register.record_visit(&tiepdan_register::Actor::signed_in(&clerk), denunciation()).unwrap();

    let mut kept = VisitDraft::from(visit.details.clone());
    kept.notes = "Công dân nộp thêm tài liệu".into();
    d.register.amend_visit(&tiepdan_register::Actor::signed_in(&clerk), visit.id, kept, "Bổ sung").unwrap();
    let named = d.register.visit_for_citizen(&clerk, visit.id).unwrap().unwrap();
    assert_eq!(named.details.visitors[0].full_name, NAME, "the sealed value did not change");

    let mut retyped = denunciation();
    retyped.visitors[0].full_name = "Nguyễn Văn Ân".into();
    d.register
        .amend_visit(&tiepdan_register::Actor::signed_in(&clerk), visit.id, retyped, "Sửa họ tên")
        .unwrap();
    let named = d.register.visit_for_citizen(&clerk, visit.id).unwrap().unwrap();
    assert_eq!(named.details.visitors[0].full_name, "Nguyễn Văn Ân");

    // Retyped through another way in (the CLI, another desk session): this session's memory no
    // longer matches what the register holds, so it names nobody.
    let mut elsewhere = denunciation();
    elsewhere.visitors[0].full_name = "Nguyễn Văn Bình".into();
    d.register.amend_visit(&acting!(d), visit.id, elsewhere, "Sửa lại họ tên").unwrap();
    assert_eq!(d.register.visit_for_citizen(&clerk, visit.id).unwrap(), None);
}

#[test]
fn a_visit_with_nothing_sealed_needs_no_opening() {
    let mut d = desk_with_keys();
    let clerk = clerk(&mut d);
    let complaint = d
        .register
        .record_visit(&tiepdan_register::Actor::signed_in(&clerk), draft("Phạm Thị Hoa", "Khiếu nại"))
        .unwrap();
    assert_eq!(complaint.details.visitors[0].full_name, "Phạm Thị Hoa", "in clear as before");
    assert_eq!(d.register.visit_for_citizen(&clerk, complaint.id).unwrap(), None);
}

#[test]
fn an_officer_who_may_not_register_visits_cannot_record_one_as_themselves() {
    let mut d = desk_with_keys();
    let admin = leader(&mut d);
    let it = d
        .register
        .add_officer(&acting!(d), "Vũ Minh Tâm", "Công chức văn phòng", &[Role::Administrator])
        .unwrap();
    d.register.give_password(&tiepdan_register::Actor::signed_in(&admin), it.id, "may-tinh-phuong").unwrap();
    let session = d.register.sign_in(it.id, "may-tinh-phuong").unwrap();
    let before =
        d.register.visits_on(&acting!(d), chrono::NaiveDate::MIN, chrono::NaiveDate::MAX).unwrap().len();
    let err =
        d.register.record_visit(&tiepdan_register::Actor::signed_in(&session), denunciation()).unwrap_err();
    assert!(matches!(err, RegisterError::NotPermitted { permission: Permission::RegisterVisits }), "{err:?}");
    let after =
        d.register.visits_on(&acting!(d), chrono::NaiveDate::MIN, chrono::NaiveDate::MAX).unwrap().len();
    assert_eq!(before, after, "nothing recorded");
}

/// A clock the test moves forward.
struct Stepping(std::sync::Mutex<chrono::DateTime<chrono::Utc>>);

impl tiepdan_domain::clock::Clock for Stepping {
    fn now(&self) -> chrono::DateTime<chrono::Utc> {
        *self.0.lock().unwrap()
    }
}

#[test]
fn the_typed_identity_is_forgotten_an_hour_after_typing_even_without_a_lock() {
    use std::sync::Arc;
    use tiepdan_register::paths::register_path;
    let dir = tempfile::TempDir::new().unwrap();
    let start = crate::common::clock().now();
    let clock = Arc::new(Stepping(std::sync::Mutex::new(start)));
    let mut register = tiepdan_register::Register::open(&register_path(dir.path()), clock.clone()).unwrap();
    register.init_ward(crate::common::ward()).unwrap();
    let admin =
        register.add_first_officer("Trần Thị Bình", "Chủ tịch", &[Role::Clerk, Role::Administrator]).unwrap();
    let (admin, _) = register
        .create_keys(admin.id, "hoa-sen-2026", tiepdan_keys::KdfParams::insecure_for_tests())
        .unwrap();
    let visit = register.record_visit(&tiepdan_register::Actor::signed_in(&admin), denunciation()).unwrap();

    *clock.0.lock().unwrap() = start + tiepdan_register::TYPED_IDENTITY_KEPT - chrono::Duration::minutes(1);
    assert!(register.visit_for_citizen(&admin, visit.id).unwrap().is_some(), "still at the desk");
    *clock.0.lock().unwrap() = start + tiepdan_register::TYPED_IDENTITY_KEPT;
    assert_eq!(register.visit_for_citizen(&admin, visit.id).unwrap(), None, "an hour on: masked");
}
