//! Signing in with the key slots of `register.keys` (issue 7).

use crate::common::{desk, Desk};
use tiepdan_domain::access::{AccessAction, Permission, Role};
use tiepdan_domain::officer::Officer;
use tiepdan_keys::KdfParams;
use tiepdan_register::sessions::keys_path;
use tiepdan_register::sessions::Session;
use tiepdan_register::{AccessQuery, Register, RegisterError};

const ADMIN_PASSWORD: &str = "hoa-sen-2026";

/// A desk whose administrator (Trần Thị Bình, also a leader when `leader`) has a password, reopened
/// as the app would, with the cheap argon2id parameters tests use.
fn desk_with_keys_as(leader: bool) -> Desk {
    let mut d = desk();
    if leader {
        let officer = Officer { roles: vec![Role::Clerk, Role::Leader, Role::Administrator], ..d.officer };
        d.officer = d.register.update_officer(&acting!(d), officer).unwrap();
    }
    let (session, recovery) =
        d.register.create_keys(d.officer.id, ADMIN_PASSWORD, KdfParams::insecure_for_tests()).unwrap();
    assert_eq!(session.officer().id, d.officer.id);
    d.session = Some(session);
    assert!(!recovery.to_printable().is_empty());
    let officer = d.officer.id;
    d.session = Some(crate::common::reopen_signed_in(&mut d, officer, ADMIN_PASSWORD));
    d
}

fn desk_with_keys() -> Desk {
    desk_with_keys_as(false)
}

fn actions(register: &Register, session: &Option<Session>) -> Vec<AccessAction> {
    register
        .access_log(&crate::common::acting(register, session), &AccessQuery::default())
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect()
}

#[test]
fn the_administrator_signs_in_with_the_password_set_at_setup_and_may_manage_but_not_unseal() {
    let mut d = desk_with_keys();
    let register = &mut d.register;
    assert!(register.has_keys());
    assert!(keys_path(&d.dir.path().join("register.sqlite3")).exists());
    let session = register.sign_in(d.officer.id, ADMIN_PASSWORD).unwrap();
    assert!(session.permits(Permission::ManageOfficers));
    assert!(session.permits(Permission::RegisterVisits));
    assert!(!session.permits(Permission::SeeDenouncerIdentity), "an administrator is not a leader");
    assert_eq!(actions(register, &d.session)[0], AccessAction::SignedIn);
    assert_eq!(
        register.desk_officer().unwrap().unwrap().id,
        d.officer.id,
        "the signed-in officer is on duty"
    );
}

#[test]
fn a_wrong_password_is_refused_audited_and_after_three_even_the_right_one_waits() {
    let mut d = desk_with_keys();
    let register = &mut d.register;
    for attempt in 1..=3 {
        let err = register.sign_in(d.officer.id, "sai-mat-khau").unwrap_err();
        let expected_wait = if attempt < 3 { 0 } else { 30 };
        assert!(
            matches!(err, RegisterError::WrongPassword { wait_seconds } if wait_seconds == expected_wait),
            "attempt {attempt}: {err:?}"
        );
    }
    let err = register.sign_in(d.officer.id, ADMIN_PASSWORD).unwrap_err();
    assert!(matches!(err, RegisterError::SignInWait { seconds: 30 }), "{err:?}");
    let failed = actions(register, &d.session).iter().filter(|a| **a == AccessAction::SignInFailed).count();
    assert_eq!(failed, 3, "the refused right password during the wait is not a fourth failure");
}

#[test]
fn setting_up_passwords_refuses_a_non_administrator_and_a_weak_password_and_writes_nothing() {
    let mut d = desk();
    let clerk = d.register.add_officer(&acting!(d), "Lê Văn Cường", "Công chức", &[Role::Clerk]).unwrap();
    let err = d.register.create_keys(clerk.id, ADMIN_PASSWORD, KdfParams::insecure_for_tests()).unwrap_err();
    assert!(matches!(err, RegisterError::NotPermitted { .. }), "{err:?}");
    let err = d.register.create_keys(d.officer.id, "123", KdfParams::insecure_for_tests()).unwrap_err();
    assert!(matches!(err, RegisterError::Keys(tiepdan_keys::KeyError::WeakPassword(_))), "{err:?}");
    let err =
        d.register.create_keys(d.officer.id, "Trần Thị Bình", KdfParams::insecure_for_tests()).unwrap_err();
    assert!(matches!(err, RegisterError::Keys(_)), "the officer's own name is refused: {err:?}");
    assert!(!d.register.has_keys());
    assert!(!keys_path(&d.path()).exists(), "no key file was written");
}

#[test]
fn a_leader_given_a_password_by_a_leader_administrator_may_unseal() {
    let mut d = desk_with_keys_as(true);
    let register = &mut d.register;
    let admin = register.sign_in(d.officer.id, ADMIN_PASSWORD).unwrap();
    assert!(
        admin.permits(Permission::SeeDenouncerIdentity),
        "a leader-administrator's slot carries the seal"
    );
    let leader = register
        .add_officer(
            &tiepdan_register::Actor::signed_in(&admin),
            "Hoàng Minh Đức",
            "Phó Chủ tịch",
            &[Role::Leader],
        )
        .unwrap();
    register.give_password(&tiepdan_register::Actor::signed_in(&admin), leader.id, "mai-vang-tet").unwrap();
    let session = register.sign_in(leader.id, "mai-vang-tet").unwrap();
    assert!(session.permits(Permission::SeeDenouncerIdentity));
    let clerk = register
        .add_officer(&tiepdan_register::Actor::signed_in(&admin), "Lê Văn Cường", "Công chức", &[Role::Clerk])
        .unwrap();
    register.give_password(&tiepdan_register::Actor::signed_in(&admin), clerk.id, "lua-chin-vang").unwrap();
    let clerk = register.sign_in(clerk.id, "lua-chin-vang").unwrap();
    assert!(!clerk.permits(Permission::SeeDenouncerIdentity), "a clerk's slot never carries the seal");
    assert!(!clerk.unlocked().can_unseal());
}

#[test]
fn a_leader_given_a_password_by_a_mere_administrator_may_not_unseal() {
    let mut d = desk_with_keys();
    let register = &mut d.register;
    let admin = register.sign_in(d.officer.id, ADMIN_PASSWORD).unwrap();
    let leader = register
        .add_officer(
            &tiepdan_register::Actor::signed_in(&admin),
            "Hoàng Minh Đức",
            "Phó Chủ tịch",
            &[Role::Leader],
        )
        .unwrap();
    register.give_password(&tiepdan_register::Actor::signed_in(&admin), leader.id, "mai-vang-tet").unwrap();
    let session = register.sign_in(leader.id, "mai-vang-tet").unwrap();
    assert!(session.permits(Permission::ApproveHandling));
    assert!(
        !session.permits(Permission::SeeDenouncerIdentity),
        "the administrator's session holds no seal secret to hand on"
    );
    let entries =
        register.access_log(&tiepdan_register::Actor::signed_in(&admin), &AccessQuery::default()).unwrap();
    let given =
        entries.iter().find(|e| e.action == AccessAction::PasswordChanged && e.officer == Some(d.officer.id));
    assert!(given.unwrap().detail.contains("Hoàng Minh Đức"), "the audit says whose password was set");
}

#[test]
fn an_administrator_resets_a_forgotten_password_and_the_old_one_stops_working() {
    let mut d = desk_with_keys();
    let register = &mut d.register;
    let admin = register.sign_in(d.officer.id, ADMIN_PASSWORD).unwrap();
    let clerk = register
        .add_officer(&tiepdan_register::Actor::signed_in(&admin), "Lê Văn Cường", "Công chức", &[Role::Clerk])
        .unwrap();
    register.give_password(&tiepdan_register::Actor::signed_in(&admin), clerk.id, "lua-chin-vang").unwrap();
    register.give_password(&tiepdan_register::Actor::signed_in(&admin), clerk.id, "song-hong-xanh").unwrap();
    assert!(matches!(register.sign_in(clerk.id, "lua-chin-vang"), Err(RegisterError::WrongPassword { .. })));
    let session = register.sign_in(clerk.id, "song-hong-xanh").unwrap();
    assert!(!session.permits(Permission::ManageOfficers), "a clerk manages nobody");
    assert!(matches!(
        register.give_password(
            &tiepdan_register::Actor::signed_in(&session),
            d.officer.id,
            "khong-duoc-phep"
        ),
        Err(RegisterError::NotPermitted { .. })
    ));
    assert!(actions(register, &d.session).contains(&AccessAction::PasswordReset));
}

#[test]
fn a_retired_officer_cannot_sign_in() {
    let mut d = desk_with_keys();
    let register = &mut d.register;
    let admin = register.sign_in(d.officer.id, ADMIN_PASSWORD).unwrap();
    let clerk = register
        .add_officer(&tiepdan_register::Actor::signed_in(&admin), "Lê Văn Cường", "Công chức", &[Role::Clerk])
        .unwrap();
    register.give_password(&tiepdan_register::Actor::signed_in(&admin), clerk.id, "lua-chin-vang").unwrap();
    register.retire_officer(&tiepdan_register::Actor::signed_in(&admin), clerk.id).unwrap();
    assert!(matches!(register.sign_in(clerk.id, "lua-chin-vang"), Err(RegisterError::OfficerRetired { .. })));
}

#[test]
fn retiring_an_officer_takes_their_password_out_of_the_key_file() {
    let mut d = desk_with_keys();
    let register = &mut d.register;
    let admin = register.sign_in(d.officer.id, ADMIN_PASSWORD).unwrap();
    let clerk = register
        .add_officer(&tiepdan_register::Actor::signed_in(&admin), "Lê Văn Cường", "Công chức", &[Role::Clerk])
        .unwrap();
    register.give_password(&tiepdan_register::Actor::signed_in(&admin), clerk.id, "lua-chin-vang").unwrap();
    let before = std::fs::read(keys_path(register.path())).unwrap();
    register.retire_officer(&tiepdan_register::Actor::signed_in(&admin), clerk.id).unwrap();
    let after = std::fs::read(keys_path(register.path())).unwrap();
    assert_ne!(before, after, "the key file was rewritten");
    let slots =
        tiepdan_keys::KeySlots::load_with_floor(&keys_path(register.path()), register.key_floor()).unwrap();
    assert!(
        matches!(
            slots.unlock_officer(&clerk.id.to_string(), "lua-chin-vang"),
            Err(tiepdan_keys::KeyError::UnknownOfficer(_))
        ),
        "the retired clerk's password no longer unwraps the register key"
    );
    assert!(slots.unlock_officer(&d.officer.id.to_string(), ADMIN_PASSWORD).is_ok(), "others keep theirs");
    assert_eq!(actions(register, &d.session)[0], AccessAction::PasswordRevoked);
    let clerk_session = {
        let other = register
            .add_officer(
                &tiepdan_register::Actor::signed_in(&admin),
                "Phạm Thu Hà",
                "Công chức",
                &[Role::Clerk],
            )
            .unwrap();
        register
            .give_password(&tiepdan_register::Actor::signed_in(&admin), other.id, "song-hong-xanh")
            .unwrap();
        register.sign_in(other.id, "song-hong-xanh").unwrap()
    };
    assert!(matches!(
        register.retire_officer(&tiepdan_register::Actor::signed_in(&clerk_session), d.officer.id),
        Err(RegisterError::NotPermitted { .. })
    ));
}
