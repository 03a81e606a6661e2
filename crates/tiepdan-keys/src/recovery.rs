//! The recovery key: 200 random bits printed once at setup and kept in the ward's safe.
//!
//! Printed form: eight groups of five Crockford base32 characters (the 200 bits) and a ninth check group
//! (the first 25 bits of a SHA-256 of those bits), joined by dashes:
//! `7K3QD-0M9ZX-...-P4W2T`. Crockford's alphabet has no I, L, O or U, so nothing on paper looks like
//! anything else; when typing, I and L read as 1 and O as 0, case, spaces and dashes are ignored.
//! The check group makes a typing mistake show as *mistyped* (fix the typing) rather than as *wrong*
//! (find the right paper): a random mistake slips past it with probability 2⁻²⁵.

use std::fmt;

use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::error::KeyError;
use crate::random::random_array;

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
pub(crate) const RECOVERY_KEY_BYTES: usize = 25;
const KEY_CHARS: usize = RECOVERY_KEY_BYTES * 8 / 5;
const CHECK_CHARS: usize = 5;
const GROUP: usize = 5;

/// A recovery key. Its bytes never leave this crate except through [`RecoveryKey::to_printable`].
pub struct RecoveryKey {
    bytes: Zeroizing<[u8; RECOVERY_KEY_BYTES]>,
}

impl RecoveryKey {
    /// A new key from the operating system's random generator.
    pub fn generate() -> Result<RecoveryKey, KeyError> {
        Ok(RecoveryKey { bytes: Zeroizing::new(random_array()?) })
    }

    /// Reads a key typed from paper. Spaces, dashes and lower case are fine; a wrong character count,
    /// a character outside the alphabet or a failed check group is [`KeyError::RecoveryKeyMistyped`].
    pub fn parse(text: &str) -> Result<RecoveryKey, KeyError> {
        let mut symbols = Zeroizing::new(Vec::with_capacity(KEY_CHARS + CHECK_CHARS));
        for c in text.chars() {
            if c.is_whitespace() || c == '-' {
                continue;
            }
            let symbol = decode_symbol(c)
                .ok_or(KeyError::RecoveryKeyMistyped("a character outside the recovery key alphabet"))?;
            symbols.push(symbol);
        }
        if symbols.len() != KEY_CHARS + CHECK_CHARS {
            return Err(KeyError::RecoveryKeyMistyped("wrong number of characters"));
        }
        let bytes = Zeroizing::new(unpack(&symbols[..KEY_CHARS]));
        let mut array = Zeroizing::new([0u8; RECOVERY_KEY_BYTES]);
        array.copy_from_slice(&bytes);
        if symbols[KEY_CHARS..] != check_symbols(&array) {
            return Err(KeyError::RecoveryKeyMistyped("the check group does not match"));
        }
        Ok(RecoveryKey { bytes: array })
    }

    /// The form to print for the safe: nine dash-separated groups of five characters.
    pub fn to_printable(&self) -> Zeroizing<String> {
        let mut symbols = pack(&self.bytes[..]);
        symbols.extend_from_slice(&check_symbols(&self.bytes));
        let mut out = Zeroizing::new(String::with_capacity(54));
        for (i, symbol) in symbols.iter().enumerate() {
            if i > 0 && i % GROUP == 0 {
                out.push('-');
            }
            out.push(ALPHABET[usize::from(*symbol)] as char);
        }
        symbols.fill(0);
        out
    }

    /// The secret the recovery slot's argon2id receives.
    pub(crate) fn secret_bytes(&self) -> &[u8] {
        &self.bytes[..]
    }
}

impl fmt::Debug for RecoveryKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RecoveryKey(<redacted>)")
    }
}

fn decode_symbol(c: char) -> Option<u8> {
    let c = match c.to_ascii_uppercase() {
        'O' => '0',
        'I' | 'L' => '1',
        other => other,
    };
    ALPHABET.iter().position(|&a| char::from(a) == c).and_then(|p| u8::try_from(p).ok())
}

/// Bytes → 5-bit symbols, most significant bit first (the length is a multiple of 5 bytes).
fn pack(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() * 8 / 5);
    let (mut acc, mut bits) = (0u32, 0u32);
    for &b in bytes {
        acc = (acc << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(((acc >> bits) & 31) as u8);
        }
        acc &= (1 << bits) - 1;
    }
    out
}

/// 5-bit symbols → bytes (the inverse of [`pack`] for whole 40-bit blocks).
fn unpack(symbols: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(symbols.len() * 5 / 8);
    let (mut acc, mut bits) = (0u32, 0u32);
    for &s in symbols {
        acc = (acc << 5) | u32::from(s);
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push(((acc >> bits) & 0xff) as u8);
        }
        acc &= (1 << bits) - 1;
    }
    out
}

fn check_symbols(bytes: &[u8; RECOVERY_KEY_BYTES]) -> [u8; CHECK_CHARS] {
    let digest = Sha256::new().chain_update(b"tiepdan-keys recovery check v1").chain_update(bytes).finalize();
    let first = u32::from_be_bytes([digest[0], digest[1], digest[2], digest[3]]) >> 7;
    let mut out = [0u8; CHECK_CHARS];
    for (i, slot) in out.iter_mut().enumerate() {
        *slot = ((first >> (5 * (CHECK_CHARS - 1 - i))) & 31) as u8;
    }
    out
}
