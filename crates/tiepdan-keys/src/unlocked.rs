//! An unlocked session's key material: what a successful sign-in (or the recovery key) yields.
//!
//! Invariant: the register key and the seal secret are zeroized on drop and never printed; `Debug`
//! names only who unlocked and whether the session may unseal.

use std::fmt;

use zeroize::Zeroizing;

use crate::error::KeyError;
use crate::kdf::{KdfFloor, KdfParams};
use crate::seal::{open, SealPublicKey, SealSecret, SealedBytes};

/// The register key: 32 random bytes, the SQLCipher raw key of the register and its backups.
pub struct RegisterKey(pub(crate) Zeroizing<[u8; 32]>);

impl RegisterKey {
    /// The raw bytes, for handing to SQLCipher (`PRAGMA key = "x'…'"`). Named loudly so every use
    /// is easy to find in review: the bytes must go nowhere else.
    pub fn expose_secret_bytes(&self) -> &[u8; 32] {
        &self.0
    }
}

impl fmt::Debug for RegisterKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RegisterKey(<redacted>)")
    }
}

/// Who opened a slot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SlotHolder {
    Officer(String),
    Recovery,
}

/// The keys a session holds after unlocking one slot.
pub struct Unlocked {
    pub(crate) holder: SlotHolder,
    pub(crate) register_key: RegisterKey,
    pub(crate) seal_secret: Option<SealSecret>,
    pub(crate) seal_public: SealPublicKey,
    /// A secret only this officer's password yields (from their slot's key-encryption key): it keys
    /// their PIN verifier, so holding the register key is not enough to guess the PIN offline.
    /// `None` for the recovery slot.
    pub(crate) officer_secret: Option<Zeroizing<[u8; 32]>>,
}

impl Unlocked {
    pub fn holder(&self) -> &SlotHolder {
        &self.holder
    }

    pub fn register_key(&self) -> &RegisterKey {
        &self.register_key
    }

    /// Whether this session holds the seal secret (a leader's slot or the recovery slot).
    pub fn can_unseal(&self) -> bool {
        self.seal_secret.is_some()
    }

    /// The seal public key, authenticated by this session's unlock.
    pub fn seal_public_key(&self) -> SealPublicKey {
        self.seal_public
    }

    /// The verifier of a new PIN for this officer ([`crate::pin`]), keyed by their own secret.
    pub fn pin_verifier(&self, pin: &str, params: KdfParams) -> Result<String, KeyError> {
        let secret = self.officer_secret.as_ref().ok_or(KeyError::NotAnOfficerSlot)?;
        crate::pin::pin_verifier(pin, params, secret)
    }

    /// Whether both sessions hold the same officer secret: the same officer, under the same password
    /// (a session that changed its password since still holds the old one).
    pub fn same_officer_secret(&self, other: &Unlocked) -> bool {
        match (&self.officer_secret, &other.officer_secret) {
            (Some(a), Some(b)) => a.iter().zip(b.iter()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0,
            _ => false,
        }
    }

    /// Whether `pin` is the one this officer's `verifier` was made from. A verifier made under
    /// another password of theirs (since changed) never matches.
    pub fn verify_pin(&self, verifier: &str, pin: &str, floor: KdfFloor) -> Result<bool, KeyError> {
        let secret = self.officer_secret.as_ref().ok_or(KeyError::NotAnOfficerSlot)?;
        crate::pin::verify_pin(verifier, pin, floor, secret)
    }

    /// Opens a value sealed with [`crate::seal`] under the same `context`. A session without the seal
    /// secret gets [`KeyError::SealKeyNotHeld`].
    pub fn open_sealed(&self, sealed: &SealedBytes, context: &[u8]) -> Result<Vec<u8>, KeyError> {
        let secret = self.seal_secret.as_ref().ok_or(KeyError::SealKeyNotHeld)?;
        open(secret, sealed, context)
    }
}

impl fmt::Debug for Unlocked {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Unlocked")
            .field("holder", &self.holder)
            .field("can_unseal", &self.can_unseal())
            .finish_non_exhaustive()
    }
}
