//! Restoring an administrator's access with the recovery key from the ward's safe (issue 7).

use crate::common::{desk, draft, Desk};
use tiepdan_domain::access::{AccessAction, Permission, Role};
use tiepdan_domain::officer::Officer;
use tiepdan_domain::visit::{VisitDraft, SEALED_VISITOR_NAME};
use tiepdan_keys::{KdfParams, KeyError, RecoveryKey};
use tiepdan_register::sessions::keys_path;
use tiepdan_register::sessions::Session;
use tiepdan_register::{AccessEntry, AccessQuery, Register, RegisterError};

pub const ADMIN_PASSWORD: &str = "hoa-sen-2026";
const NEW_PASSWORD: &str = "mua-xuan-moi";
pub const DENOUNCER: &str = "Nguyễn Văn An";

/// A desk whose administrator (Trần Thị Bình, also a leader) has a password, reopened as the app
/// would with cheap argon2id parameters, and the recovery key printed at setup.
pub fn desk_with_recovery_key() -> (Desk, RecoveryKey) {
    let mut d = desk();
    let officer = Officer { roles: vec![Role::Clerk, Role::Leader, Role::Administrator], ..d.officer };
    d.officer = d.register.update_officer(&acting!(d), officer).unwrap();
    let (session, recovery) =
        d.register.create_keys(d.officer.id, ADMIN_PASSWORD, KdfParams::insecure_for_tests()).unwrap();
    d.session = Some(session);
    let officer = d.officer.id;
    d.session = Some(crate::common::reopen_signed_in(&mut d, officer, ADMIN_PASSWORD));
    (d, recovery)
}

/// A denunciation by Nguyễn Văn An: the register seals his identity.
pub fn denunciation() -> VisitDraft {
    let mut d = draft(DENOUNCER, "Tố cáo cán bộ địa chính nhận tiền khi cấp sổ đỏ");
    d.petition = Some(
        serde_json::from_value(serde_json::json!({ "kind": "denunciation", "field": "corruption" })).unwrap(),
    );
    d
}

fn entries(register: &Register, session: &Option<Session>) -> Vec<AccessEntry> {
    register.access_log(&crate::common::acting(register, session), &AccessQuery::default()).unwrap()
}

fn key_file(d: &Desk) -> Vec<u8> {
    std::fs::read(keys_path(&d.path())).unwrap()
}

#[test]
fn an_administrator_who_forgot_the_password_restores_access_and_may_still_open_sealed_identities() {
    let (mut d, recovery) = desk_with_recovery_key();
    let visit = d.register.record_visit(&acting!(d), denunciation()).unwrap();
    let session = d.register.restore_access(&recovery, d.officer.id, NEW_PASSWORD).unwrap();
    assert_eq!(session.officer().id, d.officer.id);
    assert!(session.permits(Permission::ManageOfficers));
    let open = d
        .register
        .reveal_visit(&tiepdan_register::Actor::signed_in(&session), d.register.visit(visit.id).unwrap())
        .unwrap();
    assert_eq!(open.details.visitors[0].full_name, DENOUNCER, "a leader's new slot carries the seal");

    let log = entries(&d.register, &d.session);
    let used =
        log.iter().find(|e| e.action == AccessAction::RecoveryKeyUsed).expect("the recovery is audited");
    assert_eq!(used.officer, Some(d.officer.id));
    assert!(used.detail.contains("Trần Thị Bình"), "the audit says for whom: {}", used.detail);
    assert!(log.iter().any(|e| e.action == AccessAction::SignedIn && e.no > used.no), "then signed in");
    assert_eq!(d.register.desk_officer().unwrap().unwrap().id, d.officer.id, "on duty");

    let err = d.register.sign_in(d.officer.id, ADMIN_PASSWORD).unwrap_err();
    assert!(matches!(err, RegisterError::WrongPassword { .. }), "the forgotten password is gone: {err:?}");
    let officer = d.officer.id;
    let again = crate::common::reopen_signed_in(&mut d, officer, NEW_PASSWORD);
    assert!(again.permits(Permission::SeeDenouncerIdentity), "the new password was saved in the key file");
}

#[test]
fn a_wrong_recovery_key_is_refused_audited_slowed_down_and_changes_nothing() {
    let (mut d, recovery) = desk_with_recovery_key();
    let before = key_file(&d);
    let wrong = RecoveryKey::generate().unwrap();
    for _ in 0..3 {
        let err = d.register.restore_access(&wrong, d.officer.id, NEW_PASSWORD).unwrap_err();
        assert!(matches!(err, RegisterError::Keys(KeyError::WrongRecoveryKey)), "{err:?}");
    }
    assert_eq!(key_file(&d), before, "a wrong recovery key leaves the key file as it was");
    let failed: Vec<_> = entries(&d.register, &d.session)
        .into_iter()
        .filter(|e| e.action == AccessAction::SignInFailed)
        .collect();
    assert_eq!(failed.len(), 3, "every wrong recovery key is a failed sign-in of that officer");
    assert!(failed.iter().all(|e| e.officer == Some(d.officer.id) && e.detail.contains("khóa khôi phục")));

    let err = d.register.restore_access(&recovery, d.officer.id, NEW_PASSWORD).unwrap_err();
    assert!(
        matches!(err, RegisterError::SignInWait { seconds: 30 }),
        "after three wrong attempts even the right key waits, as a password would: {err:?}"
    );
    let err = d.register.sign_in(d.officer.id, ADMIN_PASSWORD).unwrap_err();
    assert!(matches!(err, RegisterError::SignInWait { .. }), "the wait is the officer's, whatever is typed");
    assert_eq!(key_file(&d), before);
    assert!(!entries(&d.register, &d.session).iter().any(|e| e.action == AccessAction::RecoveryKeyUsed));
}

#[test]
fn a_weak_password_or_an_officer_who_is_not_an_administrator_is_refused_before_the_key_is_tried() {
    let (mut d, recovery) = desk_with_recovery_key();
    let clerk = d
        .register
        .add_officer(&acting!(d), "Lê Văn Cường", "Công chức", &[Role::Clerk, Role::Leader])
        .unwrap();
    let before = key_file(&d);
    let logged = entries(&d.register, &d.session).len();

    let err = d.register.restore_access(&recovery, clerk.id, NEW_PASSWORD).unwrap_err();
    assert!(
        matches!(err, RegisterError::NotPermitted { permission: Permission::ManageOfficers }),
        "the recovery key restores an administrator, nobody else: {err:?}"
    );
    let err = d.register.restore_access(&recovery, d.officer.id, "123").unwrap_err();
    assert!(matches!(err, RegisterError::Keys(KeyError::WeakPassword(_))), "{err:?}");
    let err = d.register.restore_access(&recovery, d.officer.id, "Tran Thi Binh").unwrap_err();
    assert!(matches!(err, RegisterError::Keys(KeyError::WeakPassword(_))), "not the officer's name: {err:?}");

    assert_eq!(key_file(&d), before, "nothing was written");
    assert_eq!(entries(&d.register, &d.session).len(), logged, "no secret was tried, so nothing to audit");
    d.register.sign_in(d.officer.id, ADMIN_PASSWORD).expect("the old password still works");
}

#[test]
fn an_administrator_without_a_password_gets_one_and_no_seal_unless_a_leader() {
    let (mut d, recovery) = desk_with_recovery_key();
    let admin =
        d.register.add_officer(&acting!(d), "Phạm Quốc Huy", "Công chức", &[Role::Administrator]).unwrap();
    assert!(!d.register.officers_with_passwords().iter().any(|(id, _)| *id == admin.id));
    let session = d.register.restore_access(&recovery, admin.id, NEW_PASSWORD).unwrap();
    assert!(session.permits(Permission::ManageOfficers));
    assert!(!session.unlocked().can_unseal(), "an administrator who is not a leader gets no seal secret");
    assert!(d.register.officers_with_passwords().contains(&(admin.id, false)));
    d.register.sign_out(session).unwrap();
    d.register.sign_in(admin.id, NEW_PASSWORD).expect("the new slot was added and saved");
}

#[test]
fn a_leader_administrator_whose_seal_was_lost_to_a_reset_gets_it_back_with_the_recovery_key() {
    let (mut d, recovery) = desk_with_recovery_key();
    let leader = d.register.sign_in(d.officer.id, ADMIN_PASSWORD).unwrap();
    let admin =
        d.register.add_officer(&acting!(d), "Phạm Quốc Huy", "Công chức", &[Role::Administrator]).unwrap();
    d.register
        .give_password(&tiepdan_register::Actor::signed_in(&leader), admin.id, "lua-chin-vang")
        .unwrap();
    let admin = d.register.sign_in(admin.id, "lua-chin-vang").unwrap();
    d.register
        .give_password(&tiepdan_register::Actor::signed_in(&admin), d.officer.id, "song-hong-xanh")
        .unwrap();
    assert!(
        d.register.officers_with_passwords().contains(&(d.officer.id, false)),
        "reset by an administrator who holds no seal secret"
    );
    let session = d.register.restore_access(&recovery, d.officer.id, NEW_PASSWORD).unwrap();
    assert!(session.permits(Permission::SeeDenouncerIdentity), "the recovery slot hands the seal back");
    assert!(d.register.officers_with_passwords().contains(&(d.officer.id, true)));
    let visit = d.register.record_visit(&acting!(d), denunciation()).unwrap();
    assert_eq!(visit.details.visitors[0].shown_name(), SEALED_VISITOR_NAME);
    let open = d.register.reveal_visit(&tiepdan_register::Actor::signed_in(&session), visit).unwrap();
    assert_eq!(open.details.visitors[0].full_name, DENOUNCER);
}

#[test]
fn a_register_without_a_key_file_has_nothing_to_recover() {
    let mut d = desk();
    let recovery = RecoveryKey::generate().unwrap();
    let err = d.register.restore_access(&recovery, d.officer.id, NEW_PASSWORD).unwrap_err();
    assert!(matches!(err, RegisterError::NoKeys), "{err:?}");
}
