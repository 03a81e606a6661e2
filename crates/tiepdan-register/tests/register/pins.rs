//! Unlocking a locked screen with a PIN (issue 7 §1): set with the password, three wrong PINs per
//! session then only the password, everything audited, gone with a reset password or a retirement.

use crate::sealing::{clerk, desk_with_keys, leader, CLERK_PASSWORD};
use tiepdan_domain::access::AccessAction;
use tiepdan_keys::{KeyError, PinProblem};
use tiepdan_register::sessions::Session;
use tiepdan_register::{AccessQuery, Register, RegisterError, PIN_TRIES};

fn audited(register: &Register, session: &Option<Session>, action: AccessAction) -> usize {
    register
        .access_log(&crate::common::acting(register, session), &AccessQuery::default())
        .unwrap()
        .iter()
        .filter(|e| e.action == action)
        .count()
}

#[test]
fn a_pin_is_set_only_with_the_password_and_a_weak_one_is_refused() {
    let mut d = desk_with_keys();
    let clerk = clerk(&mut d);
    let failed_before = audited(&d.register, &d.session, AccessAction::SignInFailed);
    let err = d.register.set_unlock_pin(&clerk, "sai-mat-khau", "2580").unwrap_err();
    assert!(matches!(err, RegisterError::WrongPassword { .. }), "{err:?}");
    assert_eq!(
        audited(&d.register, &d.session, AccessAction::SignInFailed),
        failed_before + 1,
        "a wrong password is audited"
    );
    let err = d.register.set_unlock_pin(&clerk, CLERK_PASSWORD, "1234").unwrap_err();
    assert!(matches!(err, RegisterError::Keys(KeyError::WeakPin(PinProblem::TooSimple))), "{err:?}");
    assert!(!d.register.has_unlock_pin(clerk.officer().id).unwrap(), "nothing was set");

    d.register.set_unlock_pin(&clerk, CLERK_PASSWORD, "2580").unwrap();
    assert!(d.register.has_unlock_pin(clerk.officer().id).unwrap());
    assert!(d.register.can_unlock_with_pin(&clerk).unwrap());
    assert_eq!(audited(&d.register, &d.session, AccessAction::PinSet), 1);
}

#[test]
fn three_wrong_pins_leave_only_the_password_and_a_new_session_may_use_the_pin_again() {
    let mut d = desk_with_keys();
    let clerk = clerk(&mut d);
    d.register.set_unlock_pin(&clerk, CLERK_PASSWORD, "2580").unwrap();
    d.register.unlock_with_pin(&clerk, "2580").unwrap();
    assert_eq!(audited(&d.register, &d.session, AccessAction::ScreenUnlocked), 1);

    for left in (0..PIN_TRIES).rev() {
        let err = d.register.unlock_with_pin(&clerk, "0852").unwrap_err();
        assert!(matches!(err, RegisterError::WrongPin { tries_left } if tries_left == left), "{err:?}");
    }
    assert_eq!(audited(&d.register, &d.session, AccessAction::PinFailed), PIN_TRIES as usize);
    let err = d.register.unlock_with_pin(&clerk, "2580").unwrap_err();
    assert!(matches!(err, RegisterError::PinUnavailable), "even the right PIN: {err:?}");
    assert!(!d.register.can_unlock_with_pin(&clerk).unwrap());

    let again = d.register.sign_in(clerk.officer().id, CLERK_PASSWORD).unwrap();
    d.register.unlock_with_pin(&again, "2580").unwrap();
}

#[test]
fn an_officer_without_a_pin_cannot_unlock_with_one_and_a_removed_pin_is_gone() {
    let mut d = desk_with_keys();
    let clerk = clerk(&mut d);
    let err = d.register.unlock_with_pin(&clerk, "2580").unwrap_err();
    assert!(matches!(err, RegisterError::PinUnavailable), "{err:?}");
    d.register.set_unlock_pin(&clerk, CLERK_PASSWORD, "2580").unwrap();
    let leader = leader(&mut d);
    let err = d.register.unlock_with_pin(&leader, "2580").unwrap_err();
    assert!(matches!(err, RegisterError::PinUnavailable), "the clerk's PIN is not the leader's: {err:?}");
    d.register.remove_unlock_pin(&clerk).unwrap();
    assert!(!d.register.has_unlock_pin(clerk.officer().id).unwrap());
    assert_eq!(audited(&d.register, &d.session, AccessAction::PinRemoved), 1);
}

#[test]
fn a_reset_password_and_a_retirement_take_the_pin_away() {
    let mut d = desk_with_keys();
    let clerk = clerk(&mut d);
    let id = clerk.officer().id;
    d.register.set_unlock_pin(&clerk, CLERK_PASSWORD, "2580").unwrap();
    let admin = leader(&mut d);
    d.register.give_password(&tiepdan_register::Actor::signed_in(&admin), id, "mat-khau-moi-2026").unwrap();
    assert!(!d.register.has_unlock_pin(id).unwrap(), "a PIN chosen with the forgotten password goes with it");

    let clerk = d.register.sign_in(id, "mat-khau-moi-2026").unwrap();
    d.register.set_unlock_pin(&clerk, "mat-khau-moi-2026", "2580").unwrap();
    d.register.retire_officer(&tiepdan_register::Actor::signed_in(&admin), id).unwrap();
    assert!(!d.register.has_unlock_pin(id).unwrap(), "a retired officer keeps no PIN");
}

#[test]
fn a_changed_password_takes_the_pin_away_and_a_new_one_is_set_after_signing_in_again() {
    let mut d = desk_with_keys();
    let clerk = clerk(&mut d);
    let id = clerk.officer().id;
    d.register.set_unlock_pin(&clerk, CLERK_PASSWORD, "2580").unwrap();
    d.register.change_password(&clerk, "mat-khau-moi-2026").unwrap();
    assert!(!d.register.has_unlock_pin(id).unwrap(), "the verifier was keyed by the old password");
    let err = d.register.set_unlock_pin(&clerk, "mat-khau-moi-2026", "2580").unwrap_err();
    assert!(matches!(err, RegisterError::SignInAgain), "sign in again first: {err:?}");

    let again = d.register.sign_in(id, "mat-khau-moi-2026").unwrap();
    d.register.set_unlock_pin(&again, "mat-khau-moi-2026", "2580").unwrap();
    let later = d.register.sign_in(id, "mat-khau-moi-2026").unwrap();
    d.register.unlock_with_pin(&later, "2580").unwrap();
}

#[test]
fn a_retired_officer_s_held_session_is_not_unlocked_by_the_pin() {
    let mut d = desk_with_keys();
    let clerk = clerk(&mut d);
    d.register.set_unlock_pin(&clerk, CLERK_PASSWORD, "2580").unwrap();
    // Retired without the desk's session (as an event taken back from the district would be).
    // (an `officer_updated` that sets it inactive: the key slot and the PIN stay, unlike a retirement
    // at this desk, which removes both)
    let retired = tiepdan_domain::officer::Officer { active: false, ..clerk.officer().clone() };
    d.register.update_officer(&acting!(d), retired).unwrap();
    let err = d.register.unlock_with_pin(&clerk, "2580").unwrap_err();
    assert!(matches!(err, RegisterError::OfficerRetired { .. }), "{err:?}");
}

#[test]
fn a_session_whose_roles_changed_while_locked_is_unlocked_only_by_the_password() {
    let mut d = desk_with_keys();
    let clerk = clerk(&mut d);
    let id = clerk.officer().id;
    d.register.set_unlock_pin(&clerk, CLERK_PASSWORD, "2580").unwrap();
    let admin = leader(&mut d);
    // Made a leader while the clerk's screen was locked: the held session has the old roles.
    let roles = vec![tiepdan_domain::access::Role::Clerk, tiepdan_domain::access::Role::Leader];
    d.register.set_officer_roles(&tiepdan_register::Actor::signed_in(&admin), id, roles).unwrap();
    let err = d.register.unlock_with_pin(&clerk, "2580").unwrap_err();
    assert!(matches!(err, RegisterError::PinUnavailable), "{err:?}");
    assert!(d.register.has_unlock_pin(id).unwrap(), "the PIN itself stays for the next session");
    let again = d.register.sign_in(id, CLERK_PASSWORD).unwrap();
    d.register.unlock_with_pin(&again, "2580").unwrap();
}

#[test]
fn the_recovery_key_takes_the_administrator_s_pin_away_with_the_old_password() {
    let mut d = crate::common::desk();
    let password = crate::sealing::ADMIN_PASSWORD;
    let (admin, key) = d
        .register
        .create_keys(d.officer.id, password, tiepdan_keys::KdfParams::insecure_for_tests())
        .unwrap();
    d.register.set_unlock_pin(&admin, password, "2580").unwrap();
    d.register.restore_access(&key, d.officer.id, "mat-khau-moi-2026").unwrap();
    assert!(!d.register.has_unlock_pin(d.officer.id).unwrap(), "keyed by the forgotten password");
}
