use tiepdan_keys::{check_password, KeyError, PasswordProblem};

use crate::{load, ward, CLERK_PASSWORD};

fn problem(password: &str, names: &[&str]) -> Option<PasswordProblem> {
    match check_password(password, names) {
        Ok(()) => None,
        Err(KeyError::WeakPassword(problem)) => Some(problem),
        Err(other) => panic!("a policy check fails only as a weak password, got {other:?}"),
    }
}

#[test]
fn a_password_shorter_than_eight_characters_is_refused_in_vietnamese() {
    assert_eq!(problem("ngắn1", &[]), Some(PasswordProblem::TooShort));
    let message = KeyError::WeakPassword(PasswordProblem::TooShort).message_vi();
    assert!(message.contains("ít nhất 8 ký tự"), "{message}");
}

#[test]
fn a_password_equal_to_the_officers_name_is_refused_even_without_diacritics() {
    assert_eq!(problem("nguyenvanan", &["Nguyễn Văn An", "an.nv"]), Some(PasswordProblem::SameAsName));
    assert_eq!(problem("Trần Thị Đào", &["tranthidao"]), Some(PasswordProblem::SameAsName));
}

#[test]
fn a_common_or_repetitive_password_is_refused() {
    assert_eq!(problem("12345678", &[]), Some(PasswordProblem::TooCommon));
    assert_eq!(problem("Mat Khau 123", &[]), Some(PasswordProblem::TooCommon));
    assert_eq!(problem("aaaaaaaaaa", &[]), Some(PasswordProblem::TooCommon));
}

#[test]
fn a_reasonable_vietnamese_passphrase_is_accepted() {
    assert_eq!(problem("hoa sen nở sớm", &["Nguyễn Văn An"]), None);
}

#[test]
fn adding_an_officer_with_a_weak_password_is_refused() {
    let mut ward = ward();
    let err = ward
        .slots
        .add_officer(&ward.admin, "clerk2", "short", false)
        .expect_err("a weak password must not get a slot");
    assert!(matches!(err, KeyError::WeakPassword(PasswordProblem::TooShort)), "{err:?}");
}

#[test]
fn a_password_typed_in_decomposed_unicode_opens_a_slot_set_in_precomposed_form() {
    let ward = ward();
    let decomposed: String = CLERK_PASSWORD
        .replace('á', "a\u{301}")
        .replace('ộ', "o\u{323}\u{302}")
        .replace('ế', "e\u{302}\u{301}");
    assert_ne!(decomposed, CLERK_PASSWORD, "the test must really change the bytes");
    let slots = load(&ward.path).expect("the file loads");
    slots
        .unlock_officer("clerk", &decomposed)
        .expect("another input method's form of the same password must sign in");
}
