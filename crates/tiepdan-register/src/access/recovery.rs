//! Restoring an administrator's access with the recovery key from the ward's safe (issue 7): the
//! way back in when every administrator has forgotten their password.
//!
//! The recovery key unlocks the recovery slot of `register.keys`, which carries the register key and
//! the seal secret; with it the named administrator gets a new password slot (reset if they had one,
//! added if not), carrying the seal secret exactly when they are a leader, and is signed in.
//!
//! Invariants: only an active administrator is restored (roles come from the register, never from
//! the key file); the new password meets the policy before any secret is tried; nothing on disk
//! changes unless the recovery key is right (the key file is replaced atomically, from a copy, only
//! after every change to it succeeded); every attempt, right or wrong, is in the access audit.
//!
//! A wrong recovery key counts as a failed sign-in of the named officer and the same growing wait
//! applies (`access::sign_in_wait`): while the officer must wait, the key is not even tried. Guessing
//! 200 random bits gains nothing from speed, so the wait is not there to stop guessing; it is there so
//! that every secret typed at the desk follows one rule — no path runs the costly key derivation on
//! demand without limit, and a burst of wrong recovery keys shows in the audit like wrong passwords.
//! The price is at most one wait (15 minutes at worst) for an administrator who first tried many
//! wrong passwords before fetching the paper from the safe; a successful recovery forgives the
//! count, as a successful sign-in does.

use crate::access::access_log::AccessRecord;
use crate::access::actor::load_officer;
use crate::access::sessions::{keys_path, Session};
use crate::error::{RegisterError, Result};
use crate::Register;
use tiepdan_domain::access::{AccessAction, Permission, Role};
use tiepdan_domain::OfficerId;
use tiepdan_keys::{check_password, KeyError, RecoveryKey};

impl Register {
    /// With the recovery key, gives the active administrator `officer` the password `new_password`
    /// and signs them in. Refuses a non-administrator (`NotPermitted`), a weak password (`Keys`), an
    /// officer who must still wait after wrong attempts (`SignInWait`) and a wrong recovery key
    /// (`Keys(WrongRecoveryKey)`, audited as a failed sign-in); none of these changes the key file.
    pub fn restore_access(
        &mut self,
        recovery: &RecoveryKey,
        officer: OfficerId,
        new_password: &str,
    ) -> Result<Session> {
        // Every change is made on a copy, saved at once: a failure half-way leaves the file and the
        // register's loaded slots as they were.
        let mut changed = self.keys.slots.clone().ok_or(RegisterError::NoKeys)?;
        let record = load_officer(&self.conn, officer)?;
        if !record.active || !record.has_role(Role::Administrator) {
            return Err(RegisterError::NotPermitted { permission: Permission::ManageOfficers });
        }
        check_password(new_password, &[&record.full_name])?;
        let wait = self.sign_in_wait_remaining(officer)?;
        if !wait.is_zero() {
            return Err(RegisterError::SignInWait { seconds: wait.as_secs().max(1) });
        }
        let by = match changed.unlock_recovery(recovery) {
            Ok(by) => by,
            Err(KeyError::WrongRecoveryKey) => {
                let failed = AccessRecord::new(Some(officer), AccessAction::SignInFailed)
                    .detail("khóa khôi phục không đúng");
                self.record_sign_in_failure(failed)?;
                return Err(KeyError::WrongRecoveryKey.into());
            }
            Err(other) => return Err(other.into()),
        };
        let detail = format!("khôi phục quyền truy cập cho cán bộ {} ({})", record.full_name, record.id);
        self.record_access(AccessRecord::new(Some(officer), AccessAction::RecoveryKeyUsed).detail(detail))?;

        let id = officer.to_string();
        let leader = record.has_role(Role::Leader);
        match changed.officers().into_iter().find(|s| s.officer_id == id) {
            None => changed.add_officer(&by, &id, new_password, leader)?,
            Some(_) => {
                changed.reset_password(&by, &id, new_password)?;
                let may_unseal = changed.officers().iter().any(|s| s.officer_id == id && s.may_unseal);
                if leader && !may_unseal {
                    changed.grant_unseal(&by, &id, new_password)?;
                } else if !leader && may_unseal {
                    changed.revoke_unseal(&by, &id)?;
                }
            }
        }
        let unlocked = changed.unlock_officer(&id, new_password)?;
        changed.save(&keys_path(&self.path))?;
        self.keys.slots = Some(changed);
        // A PIN verifier keyed by the forgotten password would never match again.
        self.forget_pin(officer)?;
        self.record_signed_in(officer)?;
        Ok(Session::new(record, unlocked))
    }
}
