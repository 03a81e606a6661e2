//! The key slot file as stored: serde records, their validation, and the three integrity layers.
//!
//! 1. Each slot's wrapped keys are XChaCha20-Poly1305 with associated data binding the file version, the
//!    slot id, its holder, its KDF parameters and salt, and the purpose (register key or seal secret).
//! 2. Each slot carries `check`, an unkeyed SHA-256 of its other fields: corruption and naive edits are
//!    reported as tampering before any password is tried, instead of as a wrong password.
//! 3. The file carries `mac`, an HMAC-SHA256 keyed from the register key over everything else, verified
//!    at every unlock: someone who can write the file but holds no key cannot swap the seal public key
//!    (to have clerks seal identities to a key of their own) or forge slots without it being noticed.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chacha20poly1305::aead::{Aead, Payload};
use chacha20poly1305::{KeyInit, XChaCha20Poly1305, XNonce};
use hkdf::Hkdf;
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::error::KeyError;
use crate::kdf::{KdfFloor, KdfParams};
use crate::random::random_array;

pub(crate) const FORMAT: &str = "tiepdan-keys";
pub(crate) const VERSION: u32 = 1;
const KDF_ALGORITHM: &str = "argon2id";
const SALT_LEN: usize = 16;
const NONCE_LEN: usize = 24;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct KeyFileRecord {
    pub format: String,
    pub version: u32,
    pub seal_public_key: String,
    pub slots: Vec<SlotRecord>,
    pub mac: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum SlotKind {
    Officer,
    Recovery,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SlotRecord {
    pub id: String,
    pub kind: SlotKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub officer_id: Option<String>,
    pub kdf: KdfRecord,
    pub register_key: WrappedRecord,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seal_secret: Option<WrappedRecord>,
    pub check: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct KdfRecord {
    pub algorithm: String,
    pub m_cost: u32,
    pub t_cost: u32,
    pub p_cost: u32,
    pub salt: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct WrappedRecord {
    pub nonce: String,
    pub ciphertext: String,
}

/// What a wrapped value is for; part of its associated data so the two can't be swapped.
#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Purpose {
    RegisterKey,
    SealSecret,
}

impl KdfRecord {
    pub(crate) fn new(params: &KdfParams) -> Result<KdfRecord, KeyError> {
        Ok(KdfRecord {
            algorithm: KDF_ALGORITHM.into(),
            m_cost: params.m_cost,
            t_cost: params.t_cost,
            p_cost: params.p_cost,
            salt: b64(&random_array::<SALT_LEN>()?),
        })
    }

    pub(crate) fn params(&self) -> KdfParams {
        KdfParams { m_cost: self.m_cost, t_cost: self.t_cost, p_cost: self.p_cost }
    }

    pub(crate) fn salt(&self) -> Result<Vec<u8>, KeyError> {
        unb64(&self.salt, "kdf salt")
    }
}

impl SlotRecord {
    /// SHA-256 of the slot's JSON with an empty `check`, hex.
    pub(crate) fn computed_check(&self) -> String {
        let mut blank = self.clone();
        blank.check.clear();
        hex::encode(Sha256::digest(to_json(&blank)))
    }

    /// The associated data of one wrapped value of this slot.
    fn aad(&self, purpose: Purpose) -> Vec<u8> {
        #[derive(Serialize)]
        struct Aad<'a> {
            format: &'a str,
            version: u32,
            slot: &'a str,
            kind: SlotKind,
            officer_id: &'a Option<String>,
            kdf: &'a KdfRecord,
            purpose: Purpose,
        }
        to_json(&Aad {
            format: FORMAT,
            version: VERSION,
            slot: &self.id,
            kind: self.kind,
            officer_id: &self.officer_id,
            kdf: &self.kdf,
            purpose,
        })
    }

    pub(crate) fn wrap(
        &self,
        kek: &[u8; 32],
        purpose: Purpose,
        secret: &[u8],
    ) -> Result<WrappedRecord, KeyError> {
        let nonce = random_array::<NONCE_LEN>()?;
        let ciphertext = cipher(kek)?
            .encrypt(XNonce::from_slice(&nonce), Payload { msg: secret, aad: &self.aad(purpose) })
            .map_err(|_| KeyError::Kdf("wrapping failed".into()))?;
        Ok(WrappedRecord { nonce: b64(&nonce), ciphertext: b64(&ciphertext) })
    }

    /// `None` when the key-encryption key (so the password) is wrong or the bytes were altered.
    pub(crate) fn unwrap(
        &self,
        kek: &[u8; 32],
        purpose: Purpose,
        wrapped: &WrappedRecord,
    ) -> Result<Option<Zeroizing<Vec<u8>>>, KeyError> {
        let nonce = unb64(&wrapped.nonce, "nonce")?;
        let ciphertext = unb64(&wrapped.ciphertext, "ciphertext")?;
        Ok(cipher(kek)?
            .decrypt(XNonce::from_slice(&nonce), Payload { msg: &ciphertext, aad: &self.aad(purpose) })
            .ok()
            .map(Zeroizing::new))
    }

    fn validate(&self, floor: &KdfFloor) -> Result<(), KeyError> {
        if self.kdf.algorithm != KDF_ALGORITHM {
            return Err(KeyError::Malformed("unknown key-derivation algorithm".into()));
        }
        if !floor.accepts(&self.kdf.params()) {
            return Err(KeyError::KdfParametersRefused);
        }
        if self.computed_check() != self.check {
            return Err(KeyError::Tampered("a slot's checksum does not match"));
        }
        let holder_ok = match self.kind {
            SlotKind::Officer => self.officer_id.as_deref().is_some_and(|id| !id.is_empty()),
            SlotKind::Recovery => self.officer_id.is_none(),
        };
        if !holder_ok {
            return Err(KeyError::Malformed("a slot's holder does not match its kind".into()));
        }
        if self.kdf.salt()?.len() != SALT_LEN {
            return Err(KeyError::Malformed("a salt has the wrong length".into()));
        }
        for wrapped in std::iter::once(&self.register_key).chain(&self.seal_secret) {
            if unb64(&wrapped.nonce, "nonce")?.len() != NONCE_LEN {
                return Err(KeyError::Malformed("a nonce has the wrong length".into()));
            }
            if unb64(&wrapped.ciphertext, "ciphertext")?.len() != 32 + 16 {
                return Err(KeyError::Malformed("a wrapped key has the wrong length".into()));
            }
        }
        Ok(())
    }
}

impl KeyFileRecord {
    /// Parses and validates everything that needs no key: shape, version, floor, slot checksums.
    pub(crate) fn parse(bytes: &[u8], floor: &KdfFloor) -> Result<KeyFileRecord, KeyError> {
        let record: KeyFileRecord =
            serde_json::from_slice(bytes).map_err(|e| KeyError::Malformed(e.to_string()))?;
        if record.format != FORMAT {
            return Err(KeyError::Malformed("not a tiepdan key file".into()));
        }
        if record.version != VERSION {
            return Err(KeyError::UnsupportedVersion(record.version));
        }
        if unb64(&record.seal_public_key, "seal public key")?.len() != 32 {
            return Err(KeyError::Malformed("the seal public key has the wrong length".into()));
        }
        if unb64(&record.mac, "mac")?.len() != 32 {
            return Err(KeyError::Malformed("the mac has the wrong length".into()));
        }
        for slot in &record.slots {
            slot.validate(floor)?;
        }
        let recovery = record.slots.iter().filter(|s| s.kind == SlotKind::Recovery);
        if recovery.count() != 1 {
            return Err(KeyError::Malformed("there must be exactly one recovery slot".into()));
        }
        let mut ids: Vec<&str> = record.slots.iter().map(|s| s.id.as_str()).collect();
        let mut officers: Vec<&str> = record.slots.iter().filter_map(|s| s.officer_id.as_deref()).collect();
        let (slot_count, officer_count) = (ids.len(), officers.len());
        ids.sort_unstable();
        ids.dedup();
        officers.sort_unstable();
        officers.dedup();
        if ids.len() != slot_count || officers.len() != officer_count {
            return Err(KeyError::Malformed("two slots share an id or an officer".into()));
        }
        Ok(record)
    }

    /// The HMAC-SHA256, under a key derived from the register key, of the file with an empty `mac`.
    fn mac_over_content(&self, register_key: &[u8; 32]) -> Result<Hmac<Sha256>, KeyError> {
        let mut mac_key = Zeroizing::new([0u8; 32]);
        Hkdf::<Sha256>::new(None, register_key)
            .expand(b"tiepdan-keys v1 file mac", &mut mac_key[..])
            .map_err(|_| KeyError::Kdf("HKDF expand".into()))?;
        let mut blank = self.clone();
        blank.mac.clear();
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&mac_key[..])
            .map_err(|_| KeyError::Kdf("HMAC key".into()))?;
        mac.update(&to_json(&blank));
        Ok(mac)
    }

    /// Recomputes every slot's check and the file's mac after a change.
    pub(crate) fn reseal(&mut self, register_key: &[u8; 32]) -> Result<(), KeyError> {
        for slot in &mut self.slots {
            slot.check = slot.computed_check();
        }
        self.mac = b64(&self.mac_over_content(register_key)?.finalize().into_bytes());
        Ok(())
    }

    /// Whether `register_key` authenticates this file (a constant-time comparison).
    pub(crate) fn is_authenticated_by(&self, register_key: &[u8; 32]) -> Result<bool, KeyError> {
        let stored = unb64(&self.mac, "mac")?;
        Ok(self.mac_over_content(register_key)?.verify_slice(&stored).is_ok())
    }

    /// The file's bytes as saved: pretty JSON and a final newline, so it diffs and reads well.
    pub(crate) fn to_bytes(&self) -> Vec<u8> {
        let mut bytes = serde_json::to_vec_pretty(self).unwrap_or_default();
        bytes.push(b'\n');
        bytes
    }
}

pub(crate) fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

pub(crate) fn unb64(text: &str, what: &str) -> Result<Vec<u8>, KeyError> {
    URL_SAFE_NO_PAD.decode(text).map_err(|_| KeyError::Malformed(format!("the {what} is not base64url")))
}

fn cipher(kek: &[u8; 32]) -> Result<XChaCha20Poly1305, KeyError> {
    XChaCha20Poly1305::new_from_slice(kek).map_err(|_| KeyError::Kdf("key length".into()))
}

/// Compact JSON of a record; serialising these plain structs cannot fail.
fn to_json<T: Serialize>(value: &T) -> Vec<u8> {
    serde_json::to_vec(value).unwrap_or_default()
}
