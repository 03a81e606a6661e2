use std::fs;

use tiepdan_keys::{
    KdfFloor, KdfParams, KeyError, KeySlots, OfficerSlot, OfficerSlotSpec, RecoveryKey, SlotHolder,
};

use crate::{load, ward, ADMIN_PASSWORD, CLERK_PASSWORD, LEADER_PASSWORD};

#[test]
fn a_wrong_password_is_refused_as_wrong() {
    let ward = ward();
    let slots = load(&ward.path).expect("the file loads");
    let err = slots.unlock_officer("clerk", "cán bộ tiếp dâN").expect_err("a wrong password");
    assert!(matches!(err, KeyError::WrongPassword), "{err:?}");
    assert_eq!(err.message_vi(), "Mật khẩu không đúng.");
    assert!(matches!(slots.unlock_officer("nobody", CLERK_PASSWORD), Err(KeyError::UnknownOfficer(_))));
}

#[test]
fn every_right_password_unlocks_the_same_register_key() {
    let ward = ward();
    let slots = load(&ward.path).expect("the file loads");
    let expected = ward.admin.register_key().expose_secret_bytes();
    for (officer, password) in
        [("admin", ADMIN_PASSWORD), ("leader", LEADER_PASSWORD), ("clerk", CLERK_PASSWORD)]
    {
        let session = slots.unlock_officer(officer, password).expect("the right password");
        assert_eq!(session.register_key().expose_secret_bytes(), expected, "{officer}");
        assert_eq!(session.holder(), &SlotHolder::Officer(officer.into()));
    }
}

#[test]
fn the_officer_list_says_who_may_unseal() {
    let ward = ward();
    let listed = |id: &str, may_unseal| OfficerSlot { officer_id: id.into(), may_unseal };
    assert_eq!(
        ward.slots.officers(),
        vec![listed("admin", false), listed("leader", true), listed("clerk", false)]
    );
}

#[test]
fn tampering_any_byte_of_the_file_is_detected_and_never_taken_for_a_wrong_password() {
    let ward = ward();
    let original = fs::read(&ward.path).expect("the saved file");
    let tampered_path = ward.dir.path().join("tampered.keys");
    for index in 0..original.len() {
        let mut bytes = original.clone();
        bytes[index] ^= 0x01;
        fs::write(&tampered_path, &bytes).expect("write");
        let outcome = load(&tampered_path).and_then(|s| s.unlock_officer("clerk", CLERK_PASSWORD));
        match outcome {
            Err(KeyError::Tampered(_))
            | Err(KeyError::Malformed(_))
            | Err(KeyError::KdfParametersRefused)
            | Err(KeyError::UnsupportedVersion(_)) => {}
            other => panic!("byte {index} flipped must be detected as tampering, got {other:?}"),
        }
    }
}

#[test]
fn a_swapped_seal_public_key_is_detected_at_sign_in() {
    let ward = ward();
    let other = crate::ward();
    let text = fs::read_to_string(&ward.path).expect("file");
    let other_key = format!("{:?}", other.slots.seal_public_key());
    let mine = format!("{:?}", ward.slots.seal_public_key());
    let strip = |s: &str| s.trim_start_matches("SealPublicKey(").trim_end_matches(')').to_owned();
    let swapped = text.replace(&strip(&mine), &strip(&other_key));
    assert_ne!(swapped, text, "the test must really swap the key");
    fs::write(&ward.path, swapped).expect("write");
    let slots = load(&ward.path).expect("the key is not covered by any slot checksum");
    let err = slots.unlock_officer("clerk", CLERK_PASSWORD).expect_err("must be noticed");
    assert!(matches!(err, KeyError::Tampered(_)), "{err:?}");
}

#[test]
fn a_file_with_weakened_argon2_parameters_is_refused() {
    let ward = ward();
    assert!(
        matches!(KeySlots::load(&ward.path), Err(KeyError::KdfParametersRefused)),
        "test-sized parameters are below the standard floor"
    );
    let text = fs::read_to_string(&ward.path).expect("file");
    for (from, to) in [
        ("\"m_cost\": 64", "\"m_cost\": 8"),
        ("\"m_cost\": 64", "\"m_cost\": 4000000"),
        ("\"t_cost\": 1", "\"t_cost\": 0"),
    ] {
        let weakened = text.replacen(from, to, 1);
        assert_ne!(weakened, text, "the test must change the parameters");
        fs::write(&ward.path, weakened).expect("write");
        let err = load(&ward.path).expect_err("parameters out of range must be refused");
        assert!(matches!(err, KeyError::KdfParametersRefused), "{from} → {to}: {err:?}");
    }
}

#[test]
fn the_recommended_parameters_pass_the_standard_floor_and_the_test_ones_do_not() {
    assert!(KdfFloor::standard().accepts(&KdfParams::recommended()));
    assert!(!KdfFloor::standard().accepts(&KdfParams::insecure_for_tests()));
}

#[test]
fn an_officer_changes_their_own_password_and_only_their_own() {
    let mut ward = ward();
    let clerk = ward.slots.unlock_officer("clerk", CLERK_PASSWORD).expect("sign-in");
    ward.slots.set_password(&clerk, "clerk", "mật khẩu mới của tôi").expect("own password");
    assert!(matches!(ward.slots.unlock_officer("clerk", CLERK_PASSWORD), Err(KeyError::WrongPassword)));
    ward.slots.unlock_officer("clerk", "mật khẩu mới của tôi").expect("the new password signs in");
    assert!(matches!(
        ward.slots.set_password(&clerk, "leader", "chiếm quyền lãnh đạo"),
        Err(KeyError::NotYourSlot)
    ));
}

#[test]
fn a_leader_changing_their_password_keeps_unseal() {
    let mut ward = ward();
    let leader = ward.slots.unlock_officer("leader", LEADER_PASSWORD).expect("sign-in");
    ward.slots.set_password(&leader, "leader", "lãnh đạo đổi mật khẩu").expect("own password");
    let again = ward.slots.unlock_officer("leader", "lãnh đạo đổi mật khẩu").expect("sign-in");
    assert!(again.can_unseal());
}

#[test]
fn an_admin_reset_without_the_seal_loses_unseal_until_a_leader_grants_it_again() {
    let mut ward = ward();
    let outcome = ward
        .slots
        .reset_password(&ward.admin, "leader", "mật khẩu tạm thời")
        .expect("an administrator resets a forgotten password");
    assert!(outcome.unseal_lost);
    let leader = ward.slots.unlock_officer("leader", "mật khẩu tạm thời").expect("sign-in");
    assert!(!leader.can_unseal(), "the administrator never held the seal to give back");

    let safe = ward.slots.unlock_recovery(&ward.recovery).expect("the recovery key");
    let err = ward
        .slots
        .grant_unseal(&safe, "leader", "not the leader's password")
        .expect_err("granting needs the officer's own password");
    assert!(matches!(err, KeyError::WrongPassword), "{err:?}");
    ward.slots.grant_unseal(&safe, "leader", "mật khẩu tạm thời").expect("the recovery session re-grants");
    ward.slots.save(&ward.path).expect("save");
    let leader =
        load(&ward.path).expect("load").unlock_officer("leader", "mật khẩu tạm thời").expect("sign-in");
    assert!(leader.can_unseal());
}

#[test]
fn a_reset_by_a_session_holding_the_seal_keeps_unseal() {
    let mut ward = ward();
    let safe = ward.slots.unlock_recovery(&ward.recovery).expect("the recovery key");
    let outcome = ward.slots.reset_password(&safe, "leader", "mật khẩu tạm thời").expect("reset");
    assert!(!outcome.unseal_lost);
    let leader = ward.slots.unlock_officer("leader", "mật khẩu tạm thời").expect("sign-in");
    assert!(leader.can_unseal());
}

#[test]
fn only_a_session_holding_the_seal_may_add_a_leader_or_grant_unseal() {
    let mut ward = ward();
    let err = ward
        .slots
        .add_officer(&ward.admin, "leader2", "phó chủ tịch mới", true)
        .expect_err("the administrator holds no seal");
    assert!(matches!(err, KeyError::SealKeyNotHeld), "{err:?}");
    assert!(err.message_vi().contains("lãnh đạo"), "{}", err.message_vi());
    assert!(matches!(
        ward.slots.grant_unseal(&ward.admin, "clerk", CLERK_PASSWORD),
        Err(KeyError::SealKeyNotHeld)
    ));
    let leader = ward.slots.unlock_officer("leader", LEADER_PASSWORD).expect("sign-in");
    ward.slots.add_officer(&leader, "leader2", "phó chủ tịch mới", true).expect("a leader may add a leader");
    assert!(matches!(
        ward.slots.add_officer(&leader, "leader2", "phó chủ tịch mới", true),
        Err(KeyError::OfficerAlreadyHasSlot(_))
    ));
}

#[test]
fn revoking_unseal_and_removing_an_officer_take_effect_at_the_next_sign_in() {
    let mut ward = ward();
    ward.slots.revoke_unseal(&ward.admin, "leader").expect("revoke");
    let leader = ward.slots.unlock_officer("leader", LEADER_PASSWORD).expect("sign-in");
    assert!(!leader.can_unseal());
    ward.slots.remove_officer(&ward.admin, "clerk").expect("remove");
    assert!(matches!(ward.slots.unlock_officer("clerk", CLERK_PASSWORD), Err(KeyError::UnknownOfficer(_))));
}

#[test]
fn replacing_the_recovery_key_retires_the_old_paper() {
    let mut ward = ward();
    let fresh = RecoveryKey::generate().expect("randomness");
    assert!(matches!(ward.slots.replace_recovery(&ward.admin, &fresh), Err(KeyError::SealKeyNotHeld)));
    let leader = ward.slots.unlock_officer("leader", LEADER_PASSWORD).expect("sign-in");
    ward.slots.replace_recovery(&leader, &fresh).expect("a leader replaces it");
    assert!(matches!(ward.slots.unlock_recovery(&ward.recovery), Err(KeyError::WrongRecoveryKey)));
    assert!(ward.slots.unlock_recovery(&fresh).expect("the new paper").can_unseal());
}

#[test]
fn a_session_of_another_register_may_change_nothing() {
    let mut ward = ward();
    let other = crate::ward();
    let err = ward
        .slots
        .add_officer(&other.admin, "intruder", "kẻ xâm nhập 99", false)
        .expect_err("another register's session");
    assert!(matches!(err, KeyError::ForeignSession), "{err:?}");
}

#[test]
fn the_secrets_do_not_appear_in_the_file_in_clear() {
    let ward = ward();
    let bytes = fs::read(&ward.path).expect("file");
    let text = String::from_utf8_lossy(&bytes);
    let key = ward.admin.register_key().expose_secret_bytes();
    assert!(!bytes.windows(32).any(|w| w == key), "raw register key");
    let encodings = [
        hex_of(key),
        base64_of(key, base64::engine::general_purpose::URL_SAFE_NO_PAD),
        base64_of(key, base64::engine::general_purpose::STANDARD),
    ];
    for encoded in &encodings {
        assert!(!text.contains(&encoded[..16]), "an encoding of the register key");
    }
    for secret in [ADMIN_PASSWORD, LEADER_PASSWORD, CLERK_PASSWORD] {
        assert!(!text.contains(secret), "a password");
    }
    let printed = ward.recovery.to_printable();
    assert!(!text.contains(&printed[..11]), "the recovery key");
}

#[test]
fn debug_of_an_unlocked_session_shows_no_key_bytes() {
    let ward = ward();
    let leader = ward.slots.unlock_officer("leader", LEADER_PASSWORD).expect("sign-in");
    let key = leader.register_key().expose_secret_bytes();
    for shown in [format!("{leader:?}"), format!("{leader:#?}"), format!("{:?}", leader.register_key())] {
        assert!(!shown.contains(&hex_of(key)[..8]), "{shown}");
        assert!(!shown.contains(&format!("{:?}", &key[..4]).trim_end_matches(']').to_owned()), "{shown}");
        assert!(!shown.contains(&base64_of(key, base64::engine::general_purpose::URL_SAFE_NO_PAD)[..8]));
    }
    assert!(format!("{leader:?}").contains("leader"), "Debug still names who signed in");
}

#[test]
fn creating_a_register_refuses_a_weak_first_password() {
    let recovery = RecoveryKey::generate().expect("randomness");
    let spec = OfficerSlotSpec { officer_id: "admin", password: "admin", may_unseal: true };
    assert!(matches!(
        KeySlots::create_with_params(&recovery, spec, KdfParams::insecure_for_tests()),
        Err(KeyError::WeakPassword(_))
    ));
}

fn hex_of(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn base64_of(bytes: &[u8], engine: impl base64::Engine) -> String {
    engine.encode(bytes)
}
