//! An unlocked session's key material: what a successful sign-in (or the recovery key) yields.
//!
//! Invariant: the register key and the seal secret are zeroized on drop and never printed; `Debug`
//! names only who unlocked and whether the session may unseal.

use std::fmt;

use zeroize::Zeroizing;

use crate::error::KeyError;
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
