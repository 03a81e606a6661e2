//! The desk's credential at rest (issue 14 §5): the bearer token that lets a desk push to and read
//! from the district is kept in `sync-state.json` encrypted under the register key
//! (`Register::protect_file`), as `{"encrypted": "<hex>"}`. A copied data folder without an
//! officer's password therefore holds no usable credential: the register key comes only out of a
//! key slot, and the state file alone cannot authenticate to the server.
//!
//! Invariants: the clear credential exists only in memory, for a round or a fetch, taken from a
//! register that is open (which, encrypted, means an officer signed in); a register with a key
//! never leaves it in clear on disk — a state file written in clear (before this, or by a register
//! that got its first password since) is encrypted at the next round, before any request. A register
//! without passwords (made with `tiepdan init --no-encryption`, or an old desk not set up yet) has no
//! key to encrypt with: its credential stays in clear, and `doctor` and `status` say so.

use crate::engine::Journal;
use crate::error::{Result, SyncError};
use crate::state::SyncState;
use serde::{Deserialize, Serialize};
use std::path::Path;
use tiepdan_register::Register;

/// What the credential is encrypted under, beside the register key. Never changes: a state file
/// written with it must still open.
const CONTEXT: &str = "sync-state.json/credential";

/// The credential as the state file holds it.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum StoredCredential {
    /// Encrypted under the register key, in hex.
    Encrypted { encrypted: String },
    /// In clear: the register has no key, or the file predates encryption (see the module doc).
    Clear(String),
}

impl std::fmt::Debug for StoredCredential {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never printed, in clear or not: a log line must not become a credential.
        match self {
            StoredCredential::Encrypted { .. } => f.write_str("StoredCredential::Encrypted(…)"),
            StoredCredential::Clear(_) => f.write_str("StoredCredential::Clear(…)"),
        }
    }
}

impl StoredCredential {
    /// `credential` as `register` keeps it: encrypted when the register is, in clear otherwise.
    pub fn seal(register: &Register, credential: &str) -> Result<StoredCredential> {
        if !register.is_encrypted() {
            return Ok(StoredCredential::Clear(credential.to_string()));
        }
        let bytes = register.protect_file(credential.as_bytes(), CONTEXT)?;
        Ok(StoredCredential::Encrypted { encrypted: hex::encode(bytes) })
    }

    /// The credential in clear, for one round; an encrypted one needs the register that sealed it,
    /// open (an officer signed in).
    pub fn open(&self, register: &Register) -> Result<String> {
        let encrypted = match self {
            StoredCredential::Clear(credential) => return Ok(credential.clone()),
            StoredCredential::Encrypted { encrypted } => encrypted,
        };
        let unreadable =
            |why: String| SyncError::State(format!("the stored credential cannot be read: {why}"));
        let bytes = hex::decode(encrypted).map_err(|e| unreadable(e.to_string()))?;
        let clear = register.unprotect_file(bytes, CONTEXT)?;
        String::from_utf8(clear).map_err(|_| unreadable("not text".into()))
    }

    /// Whether the state file holds it in clear.
    pub fn is_clear(&self) -> bool {
        matches!(self, StoredCredential::Clear(_))
    }
}

/// The enrolled desk's credential in clear for this round. A credential still in clear on a
/// register that has a key is encrypted first and the state saved, before any request.
pub(crate) fn for_round(journal: &impl Journal, state: &mut SyncState, state_path: &Path) -> Result<String> {
    let enrollment = state.enrollment.as_mut().ok_or(SyncError::NotEnrolled)?;
    let credential = journal.read(|r| enrollment.credential.open(r))?;
    if enrollment.credential.is_clear() && journal.read(Register::is_encrypted) {
        enrollment.credential = journal.read(|r| StoredCredential::seal(r, &credential))?;
        state.save(state_path)?;
    }
    Ok(credential)
}
