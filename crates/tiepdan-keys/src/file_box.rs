//! Files kept beside the register that hold personal data — the archive of printed forms — encrypted
//! under a key derived from the register key, so a stolen disk shows them no more than the register.
//!
//! Format: `TDFILE1\0` ‖ 24-byte random nonce ‖ XChaCha20-Poly1305(ciphertext ‖ tag), with the file's
//! context (e.g. its name in the archive) as associated data, so a file moved under another name does
//! not open. The subkey is HKDF-SHA256 of the register key with the info `tiepdan file box v1`, so the
//! SQLCipher key itself never encrypts anything else.

use chacha20poly1305::aead::{Aead, Payload};
use chacha20poly1305::{KeyInit, XChaCha20Poly1305, XNonce};
use hkdf::Hkdf;
use sha2::Sha256;
use zeroize::Zeroizing;

use crate::error::KeyError;
use crate::random::random_array;

const MAGIC: &[u8; 8] = b"TDFILE1\0";
const NONCE: usize = 24;

fn cipher(register_key: &[u8; 32]) -> Result<XChaCha20Poly1305, KeyError> {
    let mut okm = Zeroizing::new([0u8; 32]);
    Hkdf::<Sha256>::new(None, register_key)
        .expand(b"tiepdan file box v1", okm.as_mut())
        .map_err(|_| KeyError::Kdf("HKDF expand".into()))?;
    XChaCha20Poly1305::new_from_slice(okm.as_ref()).map_err(|_| KeyError::Kdf("key length".into()))
}

/// Whether `bytes` are a file encrypted by [`encrypt_file`] (else a plain file from before).
pub fn is_encrypted_file(bytes: &[u8]) -> bool {
    bytes.starts_with(MAGIC)
}

/// Encrypts a file's bytes under the register key, bound to `context`.
pub fn encrypt_file(register_key: &[u8; 32], plaintext: &[u8], context: &[u8]) -> Result<Vec<u8>, KeyError> {
    let nonce = random_array::<NONCE>()?;
    let sealed = cipher(register_key)?
        .encrypt(XNonce::from_slice(&nonce), Payload { msg: plaintext, aad: context })
        .map_err(|_| KeyError::Kdf("encryption failed".into()))?;
    let mut out = Vec::with_capacity(MAGIC.len() + NONCE + sealed.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&nonce);
    out.extend_from_slice(&sealed);
    Ok(out)
}

/// Opens a file encrypted by [`encrypt_file`] with the same register key and context; a changed byte,
/// another register's key or another context is `SealedValueRejected`.
pub fn decrypt_file(register_key: &[u8; 32], bytes: &[u8], context: &[u8]) -> Result<Vec<u8>, KeyError> {
    if !is_encrypted_file(bytes) || bytes.len() < MAGIC.len() + NONCE + 16 {
        return Err(KeyError::SealedValueMalformed("not an encrypted file of the register"));
    }
    let (nonce, sealed) = bytes[MAGIC.len()..].split_at(NONCE);
    cipher(register_key)?
        .decrypt(XNonce::from_slice(nonce), Payload { msg: sealed, aad: context })
        .map_err(|_| KeyError::SealedValueRejected)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_opens_with_its_key_and_name_and_with_nothing_else() {
        let key = [7u8; 32];
        let pdf = b"%PDF-1.7 Nguyen Van An 001089012345";
        let boxed = encrypt_file(&key, pdf, b"prints/2026/0001-2026-A-receipt-1.pdf").unwrap();
        assert!(is_encrypted_file(&boxed));
        assert!(!boxed.windows(8).any(|w| w == b"Nguyen V"), "no plaintext in the file");
        assert_eq!(decrypt_file(&key, &boxed, b"prints/2026/0001-2026-A-receipt-1.pdf").unwrap(), pdf);
        assert!(decrypt_file(&[8u8; 32], &boxed, b"prints/2026/0001-2026-A-receipt-1.pdf").is_err());
        assert!(decrypt_file(&key, &boxed, b"prints/2026/0002-2026-A-receipt-1.pdf").is_err());
        let mut tampered = boxed.clone();
        let last = tampered.len() - 1;
        tampered[last] ^= 1;
        assert!(decrypt_file(&key, &tampered, b"prints/2026/0001-2026-A-receipt-1.pdf").is_err());
        assert!(!is_encrypted_file(pdf));
    }
}
