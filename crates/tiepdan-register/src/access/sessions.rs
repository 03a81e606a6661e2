//! Signing in to the register (issue 7): the officers' passwords are key slots of `register.keys`
//! beside the register (`tiepdan-keys`, docs/keys.md), so a password is checked by unwrapping the
//! register's key with it — nothing else about it is stored. Roles come from the register; the key
//! slot of a leader also carries the seal secret that opens denouncers' identities.
//!
//! Invariants: a password is checked only when the officer's wait after earlier wrong passwords is
//! over ([`Register::sign_in_wait_remaining`]); every attempt, right or wrong, is in the access audit
//! before the answer is returned; a retired officer never signs in; a session's permissions are the
//! officer's roles as they were at sign-in, and seeing a sealed identity also needs the seal secret
//! in the session's key slot (a leader whose slot lost it by an administrator's reset cannot).

use crate::access::access_log::AccessRecord;
use crate::access::actor::load_officer;
use crate::access::actor::Actor;
use crate::error::{RegisterError, Result};
use crate::Register;
use std::path::{Path, PathBuf};
use tiepdan_domain::access::{permits, AccessAction, Permission, Role};
use tiepdan_domain::acts::Act;
use tiepdan_domain::officer::Officer;
use tiepdan_domain::OfficerId;
use tiepdan_keys::{check_password, KdfFloor, KdfParams, KeySlots, OfficerSlotSpec, Unlocked};

/// The recovery key printed at setup ([`Register::create_keys`]) and typed back from the ward's safe
/// ([`Register::restore_access`]; `RecoveryKey::parse` reads the paper's form).
pub use tiepdan_keys::RecoveryKey;

/// The key slot file of a register: beside it, with the extension `.keys` (`register.keys` for
/// `register.sqlite3`), so two registers in one folder never share keys.
pub fn keys_path(register: &Path) -> PathBuf {
    register.with_extension("keys")
}

/// A signed-in officer. Dropping it forgets the keys it unlocked (they are zeroized).
pub struct Session {
    pub(crate) officer: Officer,
    pub(crate) unlocked: Unlocked,
    /// The denouncers' identities this session typed, for the slips handed to them (`typed`).
    pub(crate) typed: crate::access::typed::TypedIdentities,
    /// Wrong PINs given to unlock this session (`pins`): at the limit only the password will do.
    pub(crate) pin_failures: std::sync::atomic::AtomicU32,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session").field("officer", &self.officer.id).finish_non_exhaustive()
    }
}

impl Session {
    pub(crate) fn new(officer: Officer, unlocked: Unlocked) -> Session {
        Session { officer, unlocked, typed: Default::default(), pin_failures: Default::default() }
    }

    pub fn officer(&self) -> &Officer {
        &self.officer
    }

    /// What the officer's roles permit; seeing a denouncer's identity also needs the seal secret.
    pub fn permits(&self, permission: Permission) -> bool {
        permits(&self.officer.roles, permission)
            && (permission != Permission::SeeDenouncerIdentity || self.unlocked.can_unseal())
    }

    /// `NotPermitted` unless [`Session::permits`].
    pub fn require(&self, permission: Permission) -> Result<()> {
        if self.permits(permission) {
            Ok(())
        } else {
            Err(RegisterError::NotPermitted { permission })
        }
    }

    pub fn unlocked(&self) -> &Unlocked {
        &self.unlocked
    }
}

/// The key slots loaded with the register, and the argon2id floor they were checked against.
pub(crate) struct Keys {
    pub(crate) slots: Option<KeySlots>,
    pub(crate) floor: KdfFloor,
}

impl Keys {
    /// Loads `register.keys` if it exists (a register from before issue 7, or made by `tiepdan init`
    /// without a password, has none).
    pub(crate) fn load(register: &Path, floor: KdfFloor) -> Result<Keys> {
        let path = keys_path(register);
        let slots = if path.exists() { Some(KeySlots::load_with_floor(&path, floor)?) } else { None };
        Ok(Keys { slots, floor })
    }
}

impl Register {
    /// Whether officers sign in with passwords here (the key file exists).
    pub fn has_keys(&self) -> bool {
        self.keys.slots.is_some()
    }

    /// Officers who have a password (a key slot), and whether each slot opens sealed identities.
    pub fn officers_with_passwords(&self) -> Vec<(OfficerId, bool)> {
        let Some(slots) = &self.keys.slots else { return Vec::new() };
        slots
            .officers()
            .into_iter()
            .filter_map(|s| Some((s.officer_id.parse().ok()?, s.may_unseal)))
            .collect()
    }

    /// First use of passwords on this register: makes the key file with the register's keys, a slot
    /// for `administrator` (who must hold the administrator role) with `password`, and a recovery
    /// slot. Returns the administrator's session and the recovery key, to print once for the ward's
    /// safe. The administrator's slot carries the seal secret only if they are also a leader. Every
    /// denunciation recorded before is sealed then, in bulk (`sealed_later`).
    pub fn create_keys(
        &mut self,
        administrator: OfficerId,
        password: &str,
        params: KdfParams,
    ) -> Result<(Session, RecoveryKey)> {
        if self.keys.slots.is_some() {
            return Err(RegisterError::KeysExist);
        }
        let officer = load_officer(&self.conn, administrator)?;
        if !officer.has_role(Role::Administrator) || !officer.active {
            return Err(RegisterError::NotPermitted { permission: Permission::ManageOfficers });
        }
        check_password(password, &[&officer.full_name])?;
        let recovery = RecoveryKey::generate()?;
        let id = administrator.to_string();
        let spec = OfficerSlotSpec { officer_id: &id, password, may_unseal: officer.has_role(Role::Leader) };
        let (slots, unlocked) = KeySlots::create_with_params(&recovery, spec, params)?;
        self.encrypt_with(&slots, &unlocked)?;
        self.keys.slots = Some(slots);
        self.record_access(AccessRecord::new(Some(administrator), AccessAction::PasswordChanged))?;
        // Denunciations recorded while there was nothing to seal to are sealed now (`sealed_later`).
        self.seal_earlier_denunciations(administrator)?;
        self.refresh_desk_card()?;
        Ok((Session::new(officer, unlocked), recovery))
    }

    /// Turns this plain register into an encrypted one under `slots`' register key, in place:
    /// 1. the key file is written (while the register is still plain: a crash now leaves a plain
    ///    register with a key file, which the next sign-in encrypts, see `keyed`);
    /// 2. an encrypted copy is written beside the register and flushed (a failure here removes the
    ///    key file again: the register stays plain and without passwords, as before);
    /// 3. the plain connection is closed, the copy renamed over the register, the plain WAL removed,
    ///    and the register reopened with the key.
    ///
    /// The writer lock is held throughout. The old file's blocks may stay on the disk until reused
    /// (no file system here can promise a secure wipe): docs/register.md.
    fn encrypt_with(&mut self, slots: &KeySlots, unlocked: &Unlocked) -> Result<()> {
        let keys_file = keys_path(&self.path);
        slots.save(&keys_file)?;
        let key = crate::access::keyed::raw_key(unlocked);
        let copy = match crate::store::cipher::write_encrypted_copy(&self.conn, &self.path, &key) {
            Ok(copy) => copy,
            Err(e) => {
                let _ = std::fs::remove_file(&keys_file);
                return Err(e);
            }
        };
        drop(std::mem::replace(&mut self.conn, rusqlite::Connection::open_in_memory()?));
        crate::store::cipher::swap_in(&copy, &self.path)?;
        self.conn = crate::store::connection::open_connection(&self.path, Some(&key))?;
        crate::store::connection::quick_check(&self.conn)?;
        self.key = Some(key);
        Ok(())
    }

    /// Signs an officer in. Refuses (auditing the attempt) while the officer must still wait after
    /// wrong passwords, for a retired officer, and for a wrong password.
    pub fn sign_in(&mut self, officer_id: OfficerId, password: &str) -> Result<Session> {
        let slots = self.keys.slots.as_ref().ok_or(RegisterError::NoKeys)?;
        let officer = load_officer(&self.conn, officer_id)?;
        let wait = self.sign_in_wait_remaining(officer_id)?;
        if !wait.is_zero() {
            return Err(RegisterError::SignInWait { seconds: wait.as_secs().max(1) });
        }
        if !officer.active {
            return Err(RegisterError::OfficerRetired { name: officer.full_name });
        }
        match slots.unlock_officer(&officer_id.to_string(), password) {
            Ok(unlocked) => self.finish_sign_in(officer_id, unlocked),
            Err(tiepdan_keys::KeyError::WrongPassword | tiepdan_keys::KeyError::UnknownOfficer(_)) => {
                self.record_sign_in_failure(AccessRecord::new(Some(officer_id), AccessAction::SignInFailed))?;
                let wait = self.sign_in_wait_remaining(officer_id)?;
                Err(RegisterError::WrongPassword { wait_seconds: wait.as_secs() })
            }
            Err(other) => Err(other.into()),
        }
    }

    /// A slot opened for `officer_id`: refuses a retired officer, audits the sign-in and forgives
    /// earlier failures.
    pub(crate) fn finish_sign_in(&mut self, officer_id: OfficerId, unlocked: Unlocked) -> Result<Session> {
        let officer = load_officer(&self.conn, officer_id)?;
        if !officer.active {
            return Err(RegisterError::OfficerRetired { name: officer.full_name });
        }
        self.record_signed_in(officer_id)?;
        Ok(Session::new(officer, unlocked))
    }

    /// Audits a successful sign-in; on an encrypted register also forgives the failures kept
    /// beside it.
    pub(crate) fn record_signed_in(&mut self, officer_id: OfficerId) -> Result<()> {
        self.record_access(AccessRecord::new(Some(officer_id), AccessAction::SignedIn))?;
        if self.has_keys() {
            crate::access::signins::forgive(&self.path, officer_id)?;
        }
        Ok(())
    }

    /// Audits a failed sign-in; on a register with keys also records it beside the register, where
    /// the wait is counted (`signins`).
    pub(crate) fn record_sign_in_failure(&mut self, record: AccessRecord) -> Result<()> {
        if let (true, Some(officer)) = (self.has_keys(), record.officer) {
            let failure = crate::access::signins::Failure { at: self.clock.now(), officer, audited: true };
            crate::access::signins::append(&self.path, &failure)?;
        }
        self.record_access(record)
    }

    /// Locks the screen on `session` (Ctrl+L, or the idle time): the session stays for the background
    /// sync, but forgets the denouncers' identities it typed (`typed`), and the lock is audited.
    pub fn lock_screen(&mut self, session: &Session) -> Result<()> {
        session.forget_typed_identities();
        self.record_access(AccessRecord::new(Some(session.officer.id), AccessAction::ScreenLocked))
    }

    /// Ends a session (screen left for the next officer); the keys it held are forgotten.
    pub fn sign_out(&mut self, session: Session) -> Result<()> {
        self.record_access(AccessRecord::new(Some(session.officer.id), AccessAction::SignedOut))
    }

    /// The signed-in officer changes their own password.
    pub fn change_password(&mut self, session: &Session, new_password: &str) -> Result<()> {
        check_password(new_password, &[&session.officer.full_name])?;
        let slots = self.keys.slots.as_mut().ok_or(RegisterError::NoKeys)?;
        slots.set_password(&session.unlocked, &session.officer.id.to_string(), new_password)?;
        slots.save(&keys_path(&self.path))?;
        // The PIN's verifier was keyed by the old password: the officer chooses a PIN again.
        self.forget_pin(session.officer.id)?;
        self.record_access(AccessRecord::new(Some(session.officer.id), AccessAction::PasswordChanged))
    }

    /// An administrator gives an officer a (new) password: a first password for a new officer, or a
    /// reset when it was forgotten. A leader's slot gets the seal secret only if the administrator's
    /// own session holds it; otherwise the leader cannot open sealed identities until another leader
    /// re-grants it (docs/keys.md). Audited with whose password it was.
    pub fn give_password(&mut self, actor: &Actor<'_>, officer_id: OfficerId, password: &str) -> Result<()> {
        self.permit(actor, Act::GivePassword)?;
        let by = actor.session().ok_or(RegisterError::NoKeys)?;
        let officer = load_officer(&self.conn, officer_id)?;
        check_password(password, &[&officer.full_name])?;
        let slots = self.keys.slots.as_mut().ok_or(RegisterError::NoKeys)?;
        let id = officer_id.to_string();
        let has_slot = slots.officers().iter().any(|s| s.officer_id == id);
        let may_unseal = officer.has_role(Role::Leader) && by.unlocked.can_unseal();
        let action = if has_slot {
            slots.reset_password(&by.unlocked, &id, password)?;
            AccessAction::PasswordReset
        } else {
            slots.add_officer(&by.unlocked, &id, password, may_unseal)?;
            AccessAction::PasswordChanged
        };
        slots.save(&keys_path(&self.path))?;
        // A PIN chosen with the forgotten password goes with it.
        self.forget_pin(officer_id)?;
        let detail = format!("cho cán bộ {} ({})", officer.full_name, officer.id);
        self.record_access(AccessRecord::new(Some(by.officer.id), action).detail(detail))
    }

    /// An administrator retires an officer: besides the retirement (journaled), the officer's key slot
    /// is removed, so their password no longer unwraps the register key — refusing the sign-in after
    /// the register opened would be too late for someone holding the files. Audited.
    pub fn retire_officer(&mut self, actor: &Actor<'_>, officer_id: OfficerId) -> Result<Officer> {
        self.permit(actor, Act::RetireOfficer)?;
        let officer = self.journal_retirement(actor.officer_id(), officer_id)?;
        self.forget_pin(officer_id)?;
        if let (Some(slots), Some(by)) = (self.keys.slots.as_mut(), actor.session()) {
            let id = officer_id.to_string();
            if slots.officers().iter().any(|s| s.officer_id == id) {
                slots.remove_officer(&by.unlocked, &id)?;
                slots.save(&keys_path(&self.path))?;
                let detail = format!("của cán bộ {} ({}), đã thôi tiếp dân", officer.full_name, officer.id);
                let record = AccessRecord::new(Some(by.officer.id), AccessAction::PasswordRevoked);
                self.record_access(record.detail(detail))?;
            }
        }
        Ok(officer)
    }

    /// The argon2id floor the key file was checked against (tests lower it).
    pub fn key_floor(&self) -> KdfFloor {
        self.keys.floor
    }
}
