//! The password policy and the one way a password becomes bytes.
//!
//! The policy is deliberately modest (NIST SP 800-63B style): a minimum length, not the officer's own
//! name, not one of the handful of passwords everyone tries first. Composition rules would only push
//! officers to write passwords on the monitor.
//!
//! Passwords are NFC-normalised before hashing: Vietnamese input methods (Telex, VNI, Unikey settings)
//! may produce precomposed or decomposed letters for the same typed word, and an officer must not be
//! locked out because the PC's input method changed.

use std::fmt;

use unicode_normalization::UnicodeNormalization;
use zeroize::Zeroizing;

use crate::error::KeyError;

/// The fewest characters (Unicode scalar values after NFC) a password may have.
pub const MIN_PASSWORD_CHARS: usize = 8;
/// The most; past this a password is surely pasted by mistake.
pub const MAX_PASSWORD_CHARS: usize = 256;

/// Passwords tried first by anyone at the PC; compared after folding case and spaces.
const COMMON: &[&str] = &[
    "12345678",
    "123456789",
    "1234567890",
    "87654321",
    "password",
    "password1",
    "matkhau",
    "matkhau1",
    "matkhau123",
    "qwertyuiop",
    "qwerty123",
    "abc12345",
    "abcd1234",
    "11111111",
    "tiepcongdan",
    "tiepdan123",
    "admin123",
    "administrator",
];

/// Why a password was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum PasswordProblem {
    TooShort,
    TooLong,
    SameAsName,
    TooCommon,
}

impl PasswordProblem {
    pub fn message_vi(&self) -> String {
        match self {
            PasswordProblem::TooShort => {
                format!("Mật khẩu phải có ít nhất {MIN_PASSWORD_CHARS} ký tự.")
            }
            PasswordProblem::TooLong => {
                format!("Mật khẩu không được dài quá {MAX_PASSWORD_CHARS} ký tự.")
            }
            PasswordProblem::SameAsName => {
                "Mật khẩu không được trùng với họ tên hoặc tên đăng nhập của cán bộ.".into()
            }
            PasswordProblem::TooCommon => {
                "Mật khẩu này quá phổ biến, dễ bị đoán; vui lòng chọn mật khẩu khác.".into()
            }
        }
    }
}

impl fmt::Display for PasswordProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PasswordProblem::TooShort => "too short",
            PasswordProblem::TooLong => "too long",
            PasswordProblem::SameAsName => "same as the officer's name",
            PasswordProblem::TooCommon => "too common",
        })
    }
}

/// Checks a new password against the policy. `names` are the officer's display name, login or id:
/// the password may not equal any of them (ignoring case, spaces and Vietnamese diacritics).
pub fn check_password(password: &str, names: &[&str]) -> Result<(), KeyError> {
    let normalized = normalize(password);
    let chars = normalized.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        return Err(KeyError::WeakPassword(PasswordProblem::TooShort));
    }
    if chars > MAX_PASSWORD_CHARS {
        return Err(KeyError::WeakPassword(PasswordProblem::TooLong));
    }
    let folded = fold(&normalized);
    if names.iter().map(|name| fold(name)).any(|name| !name.is_empty() && *name == *folded) {
        return Err(KeyError::WeakPassword(PasswordProblem::SameAsName));
    }
    let mut distinct: Vec<char> = folded.chars().collect();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() <= 2 || COMMON.contains(&folded.as_str()) {
        return Err(KeyError::WeakPassword(PasswordProblem::TooCommon));
    }
    Ok(())
}

/// The bytes argon2id receives for a password: its NFC form in UTF-8.
pub(crate) fn normalize(password: &str) -> Zeroizing<String> {
    Zeroizing::new(password.nfc().collect())
}

/// Lower case, no whitespace, no diacritics, đ → d: how a name and a password are compared.
fn fold(text: &str) -> Zeroizing<String> {
    Zeroizing::new(
        text.nfd()
            .filter(|c| !c.is_whitespace() && !('\u{300}'..='\u{36f}').contains(c))
            .flat_map(char::to_lowercase)
            .map(|c| if c == 'đ' { 'd' } else { c })
            .collect(),
    )
}
