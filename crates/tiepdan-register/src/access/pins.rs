//! Unlocking a locked screen with a short PIN (issue 7 §1: "optionally a short PIN to unlock after
//! idle"; docs/access.md, "Unlocking with a PIN").
//!
//! A PIN is not a key slot: it opens nothing on disk. It only gives an officer back the session the
//! running app still holds for them behind the locked screen, so it is worth nothing once the app
//! stops and nothing to anyone holding the files. Its verifier (argon2id, `tiepdan-keys`) is kept in
//! `unlock_pins`, inside the encrypted register, and keyed by a secret only the officer's own
//! password yields: another officer, who can open the register too, cannot guess it offline.
//!
//! Invariants: setting a PIN needs the officer's password, checked against their key slot (a wrong
//! one counts towards the sign-in wait like any other); a session accepts at most [`PIN_TRIES`] wrong
//! PINs in its whole life, then only the password unlocks (a new session); every PIN set, removed,
//! accepted and refused is in the access audit; a password given by an administrator (a reset) and
//! a retirement remove the officer's PIN, and so do changing one's own password and a recovery (the
//! verifier was keyed by the old one); a session whose officer was retired, or whose roles or key
//! slot changed since it signed in, is never unlocked by a PIN.

use crate::access::access_log::AccessRecord;
use crate::access::actor::load_officer;
use crate::access::sessions::Session;
use crate::error::{RegisterError, Result};
use crate::Register;
use rusqlite::{params, OptionalExtension};
use std::sync::atomic::Ordering;
use tiepdan_domain::access::AccessAction;
use tiepdan_domain::event::canonical_time;
use tiepdan_domain::OfficerId;
use tiepdan_keys::KeyError;

/// Wrong PINs a session accepts before only the password unlocks it.
pub const PIN_TRIES: u32 = 3;

impl Session {
    /// PINs this session may still try (0: only the password now).
    pub fn pin_tries_left(&self) -> u32 {
        PIN_TRIES.saturating_sub(self.pin_failures.load(Ordering::SeqCst))
    }
}

impl Register {
    /// Whether `officer` has a PIN to unlock their locked screen with.
    pub fn has_unlock_pin(&self, officer: OfficerId) -> Result<bool> {
        let found: Option<i64> = self
            .conn
            .prepare_cached("SELECT 1 FROM unlock_pins WHERE officer_id = ?1")?
            .query_row([officer.to_string()], |r| r.get(0))
            .optional()?;
        Ok(found.is_some())
    }

    /// Whether the locked screen of `session` can be unlocked with a PIN now.
    pub fn can_unlock_with_pin(&self, session: &Session) -> Result<bool> {
        Ok(session.pin_tries_left() > 0 && self.has_unlock_pin(session.officer().id)?)
    }

    /// The signed-in officer sets (or replaces) their PIN, confirming with their password.
    pub fn set_unlock_pin(&mut self, session: &Session, password: &str, pin: &str) -> Result<()> {
        // A PIN the policy refuses is refused before the password is tried, so it costs no attempt.
        tiepdan_keys::check_pin(pin)?;
        let officer = session.officer().id;
        let slots = self.keys.slots.as_ref().ok_or(RegisterError::NoKeys)?;
        let params = slots.new_slot_params();
        let wait = self.sign_in_wait_remaining(officer)?;
        if !wait.is_zero() {
            return Err(RegisterError::SignInWait { seconds: wait.as_secs().max(1) });
        }
        match slots.unlock_officer(&officer.to_string(), password) {
            // A session whose password was changed since its sign-in holds the old secret: a PIN
            // keyed by it would not open after the next sign-in.
            Ok(fresh) if !fresh.same_officer_secret(session.unlocked()) => {
                return Err(RegisterError::SignInAgain);
            }
            Ok(_) => {}
            Err(KeyError::WrongPassword | KeyError::UnknownOfficer(_)) => {
                let record = AccessRecord::new(Some(officer), AccessAction::SignInFailed);
                self.record_sign_in_failure(record.detail("xác nhận đặt mã PIN"))?;
                let wait = self.sign_in_wait_remaining(officer)?;
                return Err(RegisterError::WrongPassword { wait_seconds: wait.as_secs() });
            }
            Err(other) => return Err(other.into()),
        }
        let verifier = session.unlocked().pin_verifier(pin, params)?;
        self.conn.execute(
            "INSERT INTO unlock_pins (officer_id, verifier, set_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (officer_id) DO UPDATE SET verifier = ?2, set_at = ?3",
            params![officer.to_string(), verifier, canonical_time(&self.clock.now())],
        )?;
        self.record_access(AccessRecord::new(Some(officer), AccessAction::PinSet))
    }

    /// The signed-in officer gives up their PIN.
    pub fn remove_unlock_pin(&mut self, session: &Session) -> Result<()> {
        let officer = session.officer().id;
        if self.forget_pin(officer)? {
            self.record_access(AccessRecord::new(Some(officer), AccessAction::PinRemoved))?;
        }
        Ok(())
    }

    /// Removes an officer's PIN, if any (a reset password, a retirement); whether there was one.
    pub(crate) fn forget_pin(&mut self, officer: OfficerId) -> Result<bool> {
        let removed =
            self.conn.execute("DELETE FROM unlock_pins WHERE officer_id = ?1", [officer.to_string()])?;
        Ok(removed > 0)
    }

    /// Checks the PIN typed at the locked screen of `session` (the caller then unlocks it). A wrong
    /// one is audited and counted; once [`PIN_TRIES`] are used, `PinUnavailable` until the officer
    /// signs in with the password.
    pub fn unlock_with_pin(&mut self, session: &Session, pin: &str) -> Result<()> {
        let officer = session.officer().id;
        if session.pin_tries_left() == 0 {
            return Err(RegisterError::PinUnavailable);
        }
        let verifier: Option<String> = self
            .conn
            .prepare_cached("SELECT verifier FROM unlock_pins WHERE officer_id = ?1")?
            .query_row([officer.to_string()], |r| r.get(0))
            .optional()?;
        let verifier = verifier.ok_or(RegisterError::PinUnavailable)?;
        // The session's roles and keys were fixed at its sign-in; a PIN gives back only a session
        // that is still what a password sign-in would make now. Retired, or roles or key slot
        // changed since (here, by the command line, or by an event taken back from the district):
        // the password, which makes a new session.
        let officer_now = load_officer(&self.conn, officer)?;
        if !officer_now.active {
            return Err(RegisterError::OfficerRetired { name: officer_now.full_name });
        }
        let slot_now = self.officers_with_passwords().into_iter().find(|(id, _)| *id == officer);
        let unchanged = officer_now.roles == session.officer().roles
            && slot_now.map(|(_, may_unseal)| may_unseal) == Some(session.unlocked().can_unseal());
        if !unchanged {
            return Err(RegisterError::PinUnavailable);
        }
        if session.unlocked().verify_pin(&verifier, pin, self.keys.floor)? {
            return self.record_access(AccessRecord::new(Some(officer), AccessAction::ScreenUnlocked));
        }
        session.pin_failures.fetch_add(1, Ordering::SeqCst);
        self.record_access(AccessRecord::new(Some(officer), AccessAction::PinFailed))?;
        Err(RegisterError::WrongPin { tries_left: session.pin_tries_left() })
    }
}
