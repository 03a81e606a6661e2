//! Opening an encrypted register (issue 7 §3): the register key comes out of a key slot of
//! `register.keys` — an officer's password or the recovery key — and only then can the file be read.
//!
//! Invariants: the growing wait after wrong passwords is checked before any key derivation, from the
//! failures kept beside the register (`signins`), because the access audit inside it cannot be read
//! yet; a wrong secret is recorded there before the answer is returned, and copied into the audit at
//! the next successful open; a register that has a key file but is still plain (made before
//! encryption, or a crash between writing the key file and swapping the encrypted copy in, see
//! [`Register::create_keys`]) is encrypted in place at that sign-in, before anything is written.

use crate::access::access_log::AccessRecord;
use crate::access::sessions::{Keys, Session};
use crate::access::signins::{self, Failure};
use crate::error::{RegisterError, Result};
use crate::store::cipher::{self, FileState, RawKey};
use crate::store::lock::WriterLock;
use crate::Register;
use chrono::{DateTime, Utc};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;
use tiepdan_domain::access::AccessAction;
use tiepdan_domain::clock::Clock;
use tiepdan_domain::OfficerId;
use tiepdan_keys::{KdfFloor, KeyError, KeySlots, RecoveryKey, Unlocked};
use zeroize::Zeroizing;

/// What opens an encrypted register.
#[derive(Clone, Copy)]
pub enum Credentials<'a> {
    /// An officer's own password.
    Password { officer: OfficerId, password: &'a str },
    /// The recovery key from the ward's safe: the named administrator gets `new_password` and is
    /// signed in ([`Register::restore_access`]).
    RecoveryKey { key: &'a RecoveryKey, administrator: OfficerId, new_password: &'a str },
}

impl std::fmt::Debug for Credentials<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Credentials::Password { officer, .. } => write!(f, "Password {{ officer: {officer} }}"),
            Credentials::RecoveryKey { administrator, .. } => {
                write!(f, "RecoveryKey {{ administrator: {administrator} }}")
            }
        }
    }
}

impl Credentials<'_> {
    pub fn officer(&self) -> OfficerId {
        match self {
            Credentials::Password { officer, .. } => *officer,
            Credentials::RecoveryKey { administrator, .. } => *administrator,
        }
    }
}

/// Checks the wait, then unlocks a slot of `slots` with `credentials`; a wrong secret is recorded
/// beside `register` (not yet audited) and refused.
pub(crate) fn unlock(
    register: &Path,
    slots: &KeySlots,
    credentials: Credentials<'_>,
    clock: &dyn Clock,
) -> Result<Unlocked> {
    let officer = credentials.officer();
    let wait = signins::wait_remaining(register, officer, clock.now())?;
    if !wait.is_zero() {
        return Err(RegisterError::SignInWait { seconds: wait.as_secs().max(1) });
    }
    let unlocked = match credentials {
        Credentials::Password { password, .. } => slots.unlock_officer(&officer.to_string(), password),
        Credentials::RecoveryKey { key, .. } => slots.unlock_recovery(key),
    };
    match unlocked {
        Ok(unlocked) => Ok(unlocked),
        Err(e @ (KeyError::WrongPassword | KeyError::UnknownOfficer(_) | KeyError::WrongRecoveryKey)) => {
            signins::append(register, &Failure { at: clock.now(), officer, audited: false })?;
            let wait = signins::wait_remaining(register, officer, clock.now())?;
            Err(match e {
                KeyError::WrongRecoveryKey => e.into(),
                _ => RegisterError::WrongPassword { wait_seconds: wait.as_secs() },
            })
        }
        Err(other) => Err(other.into()),
    }
}

pub(crate) fn raw_key(unlocked: &Unlocked) -> RawKey {
    Zeroizing::new(*unlocked.register_key().expose_secret_bytes())
}

impl Register {
    /// Opens a register that has a key file with an officer's password or the recovery key, and
    /// returns it with the signed-in session. Refuses as [`Register::sign_in`] and
    /// [`Register::restore_access`] do; a wrong secret changes nothing but the failure record.
    pub fn open_signed_in(
        path: &Path,
        clock: Arc<dyn Clock>,
        floor: KdfFloor,
        credentials: Credentials<'_>,
    ) -> Result<(Register, Session)> {
        crate::store::connection::create_parent(path)?;
        let lock = WriterLock::acquire(path)?;
        let keys = Keys::load(path, floor)?;
        let slots = keys.slots.as_ref().ok_or(RegisterError::NoKeys)?;
        let unlocked = unlock(path, slots, credentials, &*clock)?;
        Register::open_unlocked(path, clock, lock, keys, unlocked, credentials)
    }

    /// Opens the file with the key `unlocked` holds (encrypting it first if it is still plain),
    /// audits the failures recorded while it was closed, and finishes the sign-in.
    pub(crate) fn open_unlocked(
        path: &Path,
        clock: Arc<dyn Clock>,
        lock: WriterLock,
        keys: Keys,
        unlocked: Unlocked,
        credentials: Credentials<'_>,
    ) -> Result<(Register, Session)> {
        let key = raw_key(&unlocked);
        if cipher::file_state(path)? == FileState::Plain {
            let conn = crate::store::connection::open_connection(path, None)?;
            crate::store::connection::quick_check(&conn)?;
            let copy = cipher::write_encrypted_copy(&conn, path, &key)?;
            drop(conn);
            cipher::swap_in(&copy, path)?;
        }
        let mut register = Register::open_locked(path, clock, lock, keys, Some(key))?;
        register.audit_pending_sign_in_failures()?;
        let session = match credentials {
            Credentials::Password { officer, .. } => register.finish_sign_in(officer, unlocked)?,
            Credentials::RecoveryKey { key, administrator, new_password } => {
                register.restore_access(key, administrator, new_password)?
            }
        };
        register.refresh_desk_card()?;
        Ok((register, session))
    }

    /// Copies into the access audit the failed sign-ins recorded while the register was closed.
    pub(crate) fn audit_pending_sign_in_failures(&mut self) -> Result<()> {
        let failures = signins::read(&self.path)?;
        if failures.iter().all(|f| f.audited) {
            return Ok(());
        }
        // Lines of one officer at one instant, against the audit's entries at that instant: a crash
        // after copying some of them must not copy them twice at the next open.
        let mut groups: BTreeMap<(OfficerId, DateTime<Utc>), (u32, bool)> = BTreeMap::new();
        for f in &failures {
            let group = groups.entry((f.officer, f.at)).or_default();
            group.0 += 1;
            group.1 |= !f.audited;
        }
        for ((officer, at), (lines, pending)) in groups {
            if !pending {
                continue;
            }
            let missing = lines.saturating_sub(self.sign_in_failures_at(officer, at)?);
            for _ in 0..missing {
                let record = AccessRecord::new(Some(officer), AccessAction::SignInFailed)
                    .detail("khi sổ chưa mở (ghi lại khi mở sổ)");
                self.record_access_at(record, at)?;
            }
        }
        let audited: Vec<_> = failures.into_iter().map(|f| Failure { audited: true, ..f }).collect();
        signins::rewrite(&self.path, &audited)
    }
}
