//! Sealed values: a denouncer's identity written by anyone, read only by holders of the seal secret.
//!
//! An anonymous sealed box: a fresh X25519 key pair per value, HKDF-SHA256 over the shared secret, and
//! XChaCha20-Poly1305 with the record's context as associated data, so a sealed value copied onto another
//! visit does not open there. Byte format v1 (documented in `docs/keys.md`):
//! `0x01 ‖ ephemeral public key (32) ‖ ciphertext ‖ tag (16)`; text form `sealed:v1:` + base64url
//! without padding, for a SQLite TEXT column or a JSON event.

use std::fmt;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chacha20poly1305::aead::{Aead, Payload};
use chacha20poly1305::{KeyInit, XChaCha20Poly1305, XNonce};
use hkdf::Hkdf;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use sha2::Sha256;
use x25519_dalek::{PublicKey, StaticSecret};
use zeroize::Zeroizing;

use crate::error::KeyError;
use crate::random::random_array;

const VERSION: u8 = 1;
const TEXT_PREFIX: &str = "sealed:v1:";
const INFO: &[u8] = b"tiepdan-keys sealed v1";
const TAG_LEN: usize = 16;
const HEADER_LEN: usize = 1 + 32;

/// The public half of the seal key pair: what every session, a clerk's included, seals to.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct SealPublicKey(pub(crate) [u8; 32]);

impl SealPublicKey {
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }
}

impl fmt::Debug for SealPublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SealPublicKey({})", URL_SAFE_NO_PAD.encode(self.0))
    }
}

/// The secret half, held only by leader and recovery sessions. Zeroized on drop by x25519-dalek.
pub(crate) struct SealSecret(pub(crate) StaticSecret);

impl SealSecret {
    pub(crate) fn generate() -> Result<SealSecret, KeyError> {
        let bytes = Zeroizing::new(random_array::<32>()?);
        Ok(SealSecret(StaticSecret::from(*bytes)))
    }

    pub(crate) fn from_bytes(bytes: &[u8]) -> Option<SealSecret> {
        let array: Zeroizing<[u8; 32]> = Zeroizing::new(bytes.try_into().ok()?);
        Some(SealSecret(StaticSecret::from(*array)))
    }

    pub(crate) fn public_key(&self) -> SealPublicKey {
        SealPublicKey(PublicKey::from(&self.0).to_bytes())
    }

    pub(crate) fn to_bytes(&self) -> Zeroizing<[u8; 32]> {
        Zeroizing::new(self.0.to_bytes())
    }
}

/// A sealed value in its byte form; `to_text`/`parse_text` (and serde) give its `sealed:v1:` text form.
#[derive(Clone, PartialEq, Eq)]
pub struct SealedBytes(Vec<u8>);

impl SealedBytes {
    /// Takes bytes from storage; only the shape is checked here, the rest when opening.
    pub fn from_bytes(bytes: Vec<u8>) -> Result<SealedBytes, KeyError> {
        if bytes.len() < HEADER_LEN + TAG_LEN {
            return Err(KeyError::SealedValueMalformed("too short"));
        }
        if bytes[0] != VERSION {
            return Err(KeyError::SealedValueMalformed("unknown format version"));
        }
        Ok(SealedBytes(bytes))
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    pub fn to_text(&self) -> String {
        format!("{TEXT_PREFIX}{}", URL_SAFE_NO_PAD.encode(&self.0))
    }

    pub fn parse_text(text: &str) -> Result<SealedBytes, KeyError> {
        let body = text
            .strip_prefix(TEXT_PREFIX)
            .ok_or(KeyError::SealedValueMalformed("missing the sealed:v1: prefix"))?;
        let bytes =
            URL_SAFE_NO_PAD.decode(body).map_err(|_| KeyError::SealedValueMalformed("not base64url"))?;
        SealedBytes::from_bytes(bytes)
    }
}

impl fmt::Debug for SealedBytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SealedBytes({} bytes)", self.0.len())
    }
}

impl Serialize for SealedBytes {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_text())
    }
}

impl<'de> Deserialize<'de> for SealedBytes {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        SealedBytes::parse_text(&text).map_err(serde::de::Error::custom)
    }
}

/// Seals `plaintext` to `recipient`, bound to `context` (e.g. the visit id's bytes). Any session may
/// call it; only the seal secret opens the result.
pub fn seal(recipient: &SealPublicKey, plaintext: &[u8], context: &[u8]) -> Result<SealedBytes, KeyError> {
    let ephemeral = SealSecret::generate()?;
    let ephemeral_public = ephemeral.public_key();
    let shared = ephemeral.0.diffie_hellman(&PublicKey::from(recipient.0));
    if !shared.was_contributory() {
        return Err(KeyError::Tampered("the seal public key is a low-order point"));
    }
    let cipher = box_cipher(shared.as_bytes(), &ephemeral_public, recipient)?;
    let mut out = Vec::with_capacity(HEADER_LEN + plaintext.len() + TAG_LEN);
    out.push(VERSION);
    out.extend_from_slice(&ephemeral_public.0);
    let ciphertext = cipher
        .0
        .encrypt(&cipher.1, Payload { msg: plaintext, aad: &aad(context) })
        .map_err(|_| KeyError::Kdf("sealing failed".into()))?;
    out.extend_from_slice(&ciphertext);
    Ok(SealedBytes(out))
}

/// Opens a sealed value with the seal secret; a wrong context or any altered byte is refused.
pub(crate) fn open(secret: &SealSecret, sealed: &SealedBytes, context: &[u8]) -> Result<Vec<u8>, KeyError> {
    let bytes = &sealed.0;
    let mut ephemeral = [0u8; 32];
    ephemeral.copy_from_slice(&bytes[1..HEADER_LEN]);
    let ephemeral = SealPublicKey(ephemeral);
    let shared = secret.0.diffie_hellman(&PublicKey::from(ephemeral.0));
    if !shared.was_contributory() {
        return Err(KeyError::SealedValueRejected);
    }
    let cipher = box_cipher(shared.as_bytes(), &ephemeral, &secret.public_key())?;
    cipher
        .0
        .decrypt(&cipher.1, Payload { msg: &bytes[HEADER_LEN..], aad: &aad(context) })
        .map_err(|_| KeyError::SealedValueRejected)
}

fn aad(context: &[u8]) -> Vec<u8> {
    let mut aad = Vec::with_capacity(INFO.len() + 1 + context.len());
    aad.extend_from_slice(INFO);
    aad.push(0);
    aad.extend_from_slice(context);
    aad
}

/// The per-value cipher and nonce: HKDF-SHA256(salt = ephemeral ‖ recipient, ikm = shared secret).
fn box_cipher(
    shared: &[u8; 32],
    ephemeral: &SealPublicKey,
    recipient: &SealPublicKey,
) -> Result<(XChaCha20Poly1305, XNonce), KeyError> {
    let mut salt = [0u8; 64];
    salt[..32].copy_from_slice(&ephemeral.0);
    salt[32..].copy_from_slice(&recipient.0);
    let mut okm = Zeroizing::new([0u8; 56]);
    Hkdf::<Sha256>::new(Some(&salt), shared)
        .expand(INFO, &mut okm[..])
        .map_err(|_| KeyError::Kdf("HKDF expand".into()))?;
    let cipher =
        XChaCha20Poly1305::new_from_slice(&okm[..32]).map_err(|_| KeyError::Kdf("key length".into()))?;
    Ok((cipher, *XNonce::from_slice(&okm[32..])))
}
