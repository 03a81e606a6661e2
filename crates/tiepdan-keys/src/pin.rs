//! Short PINs that unlock a locked screen (issue 7 §1: "optionally a short PIN to unlock after
//! idle"). A PIN is not a key slot and wraps nothing: it only lets the officer whose signed-in
//! session the running app still holds take their screen back, so a stolen disk or backup gains
//! nothing from it. Its verifier is an argon2id hash with its own salt and parameters, kept by the
//! register (inside the encrypted database) in the text form `pin:v2:m_cost,t_cost,p_cost:salt:hash` (v2: keyed).
//!
//! The hash is keyed (argon2's secret input) by the officer's own secret, which only their password
//! yields (derived from their slot's key-encryption key, [`officer_secret`]). Everyone who can open
//! the register holds the register key, so without that key a 4-digit PIN would fall to 10⁴ guesses
//! offline; with it, guessing the PIN needs the officer's password first. A new password (a new
//! slot salt) makes an old verifier useless, so the register drops the PIN with it.
//!
//! The policy only refuses what anyone at the desk would try first (one digit repeated, a run like
//! 1234 or 9876); the real protection is that a session allows three wrong PINs, then only the
//! password (counted by the register, not here).

use base64::engine::general_purpose::STANDARD_NO_PAD as B64;
use base64::Engine;
use std::fmt;

use hkdf::Hkdf;
use sha2::Sha256;
use zeroize::Zeroizing;

use crate::error::KeyError;
use crate::kdf::{derive_keyed, KdfFloor, KdfParams};
use crate::random::random_array;

/// The fewest digits a PIN may have.
pub const MIN_PIN_DIGITS: usize = 4;
/// The most.
pub const MAX_PIN_DIGITS: usize = 8;

const PREFIX: &str = "pin:v2:";

/// Why a PIN was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum PinProblem {
    NotDigits,
    WrongLength,
    TooSimple,
}

impl PinProblem {
    pub fn message_vi(&self) -> String {
        match self {
            PinProblem::NotDigits => "Mã PIN chỉ gồm các chữ số 0–9.".into(),
            PinProblem::WrongLength => {
                format!("Mã PIN phải có từ {MIN_PIN_DIGITS} đến {MAX_PIN_DIGITS} chữ số.")
            }
            PinProblem::TooSimple => {
                "Mã PIN này quá dễ đoán (một chữ số lặp lại hoặc dãy liên tiếp); hãy chọn mã khác.".into()
            }
        }
    }
}

impl fmt::Display for PinProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PinProblem::NotDigits => "not only digits",
            PinProblem::WrongLength => "not 4 to 8 digits",
            PinProblem::TooSimple => "too simple",
        })
    }
}

/// Checks a new PIN: 4 to 8 ASCII digits, not one digit repeated, not a run up or down.
pub fn check_pin(pin: &str) -> Result<(), KeyError> {
    let refuse = |p| Err(KeyError::WeakPin(p));
    if !pin.bytes().all(|b| b.is_ascii_digit()) {
        return refuse(PinProblem::NotDigits);
    }
    if !(MIN_PIN_DIGITS..=MAX_PIN_DIGITS).contains(&pin.len()) {
        return refuse(PinProblem::WrongLength);
    }
    let digits: Vec<i8> = pin.bytes().map(|b| (b - b'0') as i8).collect();
    let steps: Vec<i8> = digits.windows(2).map(|w| w[1] - w[0]).collect();
    if [0, 1, -1].iter().any(|step| steps.iter().all(|s| s == step)) {
        return refuse(PinProblem::TooSimple);
    }
    Ok(())
}

/// The officer's own secret, from the key-encryption key their password unlocked their slot with.
pub(crate) fn officer_secret(kek: &[u8; 32]) -> Result<Zeroizing<[u8; 32]>, KeyError> {
    let mut out = Zeroizing::new([0u8; 32]);
    Hkdf::<Sha256>::new(None, kek)
        .expand(b"tiepdan officer secret v1 (PIN key)", &mut out[..])
        .map_err(|_| KeyError::Kdf("officer secret".into()))?;
    Ok(out)
}

/// The verifier of a new PIN (checked against the policy first), hashed with `params` and keyed by
/// the officer's `secret`.
pub(crate) fn pin_verifier(pin: &str, params: KdfParams, secret: &[u8; 32]) -> Result<String, KeyError> {
    check_pin(pin)?;
    let salt: [u8; 16] = random_array()?;
    let hash = derive_keyed(pin.as_bytes(), &salt, &params, secret)?;
    Ok(format!(
        "{PREFIX}{},{},{}:{}:{}",
        params.m_cost,
        params.t_cost,
        params.p_cost,
        B64.encode(salt),
        B64.encode(&hash[..])
    ))
}

/// Whether `pin` is the one `verifier` was made from under the officer's `secret`. A verifier that
/// cannot be read, or whose parameters are outside `floor`, is an error, never a match.
pub(crate) fn verify_pin(
    verifier: &str,
    pin: &str,
    floor: KdfFloor,
    secret: &[u8; 32],
) -> Result<bool, KeyError> {
    let malformed = || KeyError::Malformed("PIN verifier".into());
    let rest = verifier.strip_prefix(PREFIX).ok_or_else(malformed)?;
    let mut parts = rest.split(':');
    let (Some(params), Some(salt), Some(hash), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(malformed());
    };
    let costs: Vec<u32> =
        params.split(',').map(str::parse).collect::<Result<_, _>>().map_err(|_| malformed())?;
    let [m_cost, t_cost, p_cost] = costs[..] else { return Err(malformed()) };
    let params = KdfParams { m_cost, t_cost, p_cost };
    if !floor.accepts(&params) {
        return Err(KeyError::KdfParametersRefused);
    }
    let salt = B64.decode(salt).map_err(|_| malformed())?;
    let expected = B64.decode(hash).map_err(|_| malformed())?;
    if !pin.bytes().all(|b| b.is_ascii_digit()) || pin.len() > MAX_PIN_DIGITS {
        return Ok(false);
    }
    let got = derive_keyed(pin.as_bytes(), &salt, &params, secret)?;
    // Every byte is compared, so the time taken says nothing about where they differ.
    let differ =
        expected.len() != 32 || got.iter().zip(&expected).fold(0u8, |acc, (a, b)| acc | (a ^ b)) != 0;
    Ok(!differ)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_refuses_what_anyone_would_try_first() {
        for (pin, problem) in [
            ("12a4", PinProblem::NotDigits),
            ("１２３４", PinProblem::NotDigits),
            ("123", PinProblem::WrongLength),
            ("123456789", PinProblem::WrongLength),
            ("0000", PinProblem::TooSimple),
            ("1234", PinProblem::TooSimple),
            ("98765", PinProblem::TooSimple),
        ] {
            assert!(matches!(check_pin(pin), Err(KeyError::WeakPin(p)) if p == problem), "{pin}");
        }
        for pin in ["2580", "1379", "20261125", "1243"] {
            check_pin(pin).unwrap_or_else(|e| panic!("{pin}: {e}"));
        }
    }

    const SECRET: [u8; 32] = [7; 32];

    #[test]
    fn a_verifier_opens_to_its_pin_only_and_never_holds_it() {
        let params = KdfParams::insecure_for_tests();
        let verifier = pin_verifier("2580", params, &SECRET).unwrap();
        assert!(verifier.starts_with("pin:v2:64,1,1:") && !verifier.contains("2580"), "{verifier}");
        let floor = KdfFloor::insecure_for_tests();
        assert!(verify_pin(&verifier, "2580", floor, &SECRET).unwrap());
        for wrong in ["2581", "0852", "", "25800", "abcd"] {
            assert!(!verify_pin(&verifier, wrong, floor, &SECRET).unwrap(), "{wrong}");
        }
        assert_ne!(pin_verifier("2580", params, &SECRET).unwrap(), verifier, "salted: two verifiers differ");
        let broken = verify_pin("pin:v2:64,1,1:AAAA", "2580", floor, &SECRET);
        assert!(broken.is_err(), "a broken verifier is an error");
        assert!(
            matches!(
                verify_pin(&verifier, "2580", KdfFloor::standard(), &SECRET),
                Err(KeyError::KdfParametersRefused)
            ),
            "a verifier below the floor is refused, as a key slot would be"
        );
    }

    #[test]
    fn without_the_officer_s_secret_the_right_pin_does_not_match() {
        let verifier = pin_verifier("2580", KdfParams::insecure_for_tests(), &SECRET).unwrap();
        let floor = KdfFloor::insecure_for_tests();
        assert!(
            !verify_pin(&verifier, "2580", floor, &[8; 32]).unwrap(),
            "another officer's (or an old) secret"
        );
    }
}
