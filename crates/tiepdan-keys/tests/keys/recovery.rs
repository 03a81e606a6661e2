use tiepdan_keys::{KeyError, RecoveryKey};

use crate::{load, ward};

#[test]
fn the_printed_recovery_key_is_nine_groups_of_five_characters() {
    let key = RecoveryKey::generate().expect("randomness");
    let printed = key.to_printable();
    let groups: Vec<&str> = printed.split('-').collect();
    assert_eq!(groups.len(), 9, "{}", groups.len());
    assert!(groups.iter().all(|g| g.len() == 5));
    assert!(
        !printed.contains(['I', 'L', 'O', 'U']),
        "Crockford base32 leaves out letters that look like others"
    );
}

#[test]
fn a_recovery_key_typed_in_lower_case_with_spaces_opens_the_register() {
    let ward = ward();
    let typed = ward.recovery.to_printable().to_lowercase().replace('-', "  ");
    let key = RecoveryKey::parse(&typed).expect("spaces and lower case are tolerated");
    let slots = load(&ward.path).expect("the file loads");
    let session = slots.unlock_recovery(&key).expect("the recovery key opens the register");
    assert_eq!(session.register_key().expose_secret_bytes(), ward.admin.register_key().expose_secret_bytes());
    assert!(session.can_unseal(), "the recovery slot carries the seal key");
}

#[test]
fn letters_that_look_like_digits_are_read_as_those_digits() {
    let key = RecoveryKey::generate().expect("randomness");
    let printed = key.to_printable();
    let Some(position) = printed.find(['0', '1']) else {
        return; // A key with neither digit has nothing to confuse; the other tests cover parsing.
    };
    let mut typed = printed.to_string();
    let look_alike = if &printed[position..=position] == "0" { "o" } else { "l" };
    typed.replace_range(position..=position, look_alike);
    let parsed = RecoveryKey::parse(&typed).expect("o reads as 0 and l as 1");
    assert_eq!(*parsed.to_printable(), *printed);
}

#[test]
fn a_recovery_key_with_a_typo_is_reported_as_mistyped_not_wrong() {
    let key = RecoveryKey::generate().expect("randomness");
    let printed = key.to_printable();
    for position in [0, 13, 27, 47] {
        let original = printed.as_bytes()[position];
        let typo = if original == b'7' { '8' } else { '7' };
        let mut typed = printed.to_string();
        typed.replace_range(position..=position, &typo.to_string());
        let err = RecoveryKey::parse(&typed).expect_err("a changed character must not pass");
        assert!(matches!(err, KeyError::RecoveryKeyMistyped(_)), "{err:?}");
        assert!(err.message_vi().contains("gõ sai"), "{}", err.message_vi());
    }
    let short = &printed[..printed.len() - 1];
    assert!(matches!(RecoveryKey::parse(short), Err(KeyError::RecoveryKeyMistyped(_))));
    assert!(matches!(
        RecoveryKey::parse(&printed.replacen(|c: char| c.is_ascii_alphanumeric(), "U", 1)),
        Err(KeyError::RecoveryKeyMistyped(_))
    ));
}

#[test]
fn another_well_formed_recovery_key_is_reported_as_wrong() {
    let ward = ward();
    let other = RecoveryKey::generate().expect("randomness");
    let err =
        ward.slots.unlock_recovery(&other).expect_err("another ward's paper must not open this register");
    assert!(matches!(err, KeyError::WrongRecoveryKey), "{err:?}");
}

#[test]
fn debug_of_a_recovery_key_shows_nothing_of_it() {
    let key = RecoveryKey::generate().expect("randomness");
    let shown = format!("{key:?}");
    let printed = key.to_printable();
    assert!(!shown.contains(&printed[..5]), "{shown}");
}
