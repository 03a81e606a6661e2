//! Key slots: the register key and the seal secret, each wrapped once per officer password and once
//! by the recovery key, as LUKS does for a disk.
//!
//! Every change takes an [`Unlocked`] session of the same file: the file's MAC is keyed from the
//! register key, so no change can be made (or go unnoticed) without it. Which *role* may make a change
//! (only administrators add officers, …) is the caller's rule; this module enforces only what the keys
//! themselves require: granting unseal needs a session holding the seal secret.

use std::path::Path;

use zeroize::Zeroizing;

use crate::error::KeyError;
use crate::kdf::{derive, KdfFloor, KdfParams};
use crate::password::{check_password, normalize};
use crate::random::random_array;
use crate::record::{
    b64, unb64, KdfRecord, KeyFileRecord, Purpose, SlotKind, SlotRecord, WrappedRecord, FORMAT, VERSION,
};
use crate::recovery::RecoveryKey;
use crate::seal::{SealPublicKey, SealSecret};
use crate::store;
use crate::unlocked::{RegisterKey, SlotHolder, Unlocked};

/// The first officer's slot at setup (the first-run administrator).
#[derive(Clone, Copy)]
pub struct OfficerSlotSpec<'a> {
    pub officer_id: &'a str,
    pub password: &'a str,
    /// Whether the seal secret is wrapped into this slot (the officer is also a leader).
    pub may_unseal: bool,
}

/// One officer with a slot, as listed by [`KeySlots::officers`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficerSlot {
    pub officer_id: String,
    pub may_unseal: bool,
}

/// What an administrator's password reset did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PasswordReset {
    /// The officer could unseal before and the resetting session did not hold the seal secret, so
    /// the officer cannot unseal until a session holding it calls [`KeySlots::grant_unseal`].
    pub unseal_lost: bool,
}

/// The key slot file of one register (`register.keys`, beside the register file).
#[derive(Debug, Clone)]
pub struct KeySlots {
    record: KeyFileRecord,
    seal_public: SealPublicKey,
    new_slot_params: KdfParams,
}

impl KeySlots {
    /// A new register key and seal pair, a recovery slot and the first officer's slot, with
    /// [`KdfParams::recommended`]. Returns the first officer's session.
    pub fn create(
        recovery: &RecoveryKey,
        first: OfficerSlotSpec<'_>,
    ) -> Result<(KeySlots, Unlocked), KeyError> {
        KeySlots::create_with_params(recovery, first, KdfParams::recommended())
    }

    /// As [`KeySlots::create`] with explicit argon2id parameters for every slot this value makes.
    pub fn create_with_params(
        recovery: &RecoveryKey,
        first: OfficerSlotSpec<'_>,
        params: KdfParams,
    ) -> Result<(KeySlots, Unlocked), KeyError> {
        check_password(first.password, &[first.officer_id])?;
        let register_key = RegisterKey(Zeroizing::new(random_array()?));
        let seal_secret = SealSecret::generate()?;
        let seal_public = seal_secret.public_key();
        let mut slots = KeySlots {
            record: KeyFileRecord {
                format: FORMAT.into(),
                version: VERSION,
                seal_public_key: b64(&seal_public.0),
                slots: Vec::new(),
                mac: String::new(),
            },
            seal_public,
            new_slot_params: params,
        };
        let admin = Unlocked {
            holder: SlotHolder::Recovery,
            register_key,
            seal_secret: Some(seal_secret),
            seal_public,
            officer_secret: None,
        };
        let recovery_slot = slots.new_slot(&admin, None, None, recovery.secret_bytes(), true)?;
        slots.record.slots.push(recovery_slot);
        let officer = normalize(first.password);
        let officer_slot =
            slots.new_slot(&admin, None, Some(first.officer_id), officer.as_bytes(), first.may_unseal)?;
        slots.record.slots.push(officer_slot);
        slots.record.reseal(&admin.register_key.0)?;
        // The first officer's session as a sign-in would make it (with their own secret): one more
        // key derivation, once, at setup.
        let session = slots.unlock_officer(first.officer_id, first.password)?;
        Ok((slots, session))
    }

    /// The argon2id parameters new slots get (those of the recovery slot): also what a PIN verifier
    /// is hashed with.
    pub fn new_slot_params(&self) -> KdfParams {
        self.new_slot_params
    }

    /// Reads a key file, refusing argon2id parameters below [`KdfFloor::standard`].
    pub fn load(path: &Path) -> Result<KeySlots, KeyError> {
        KeySlots::load_with_floor(path, KdfFloor::standard())
    }

    /// Reads a key file with an explicit floor; real code uses [`KeySlots::load`].
    pub fn load_with_floor(path: &Path, floor: KdfFloor) -> Result<KeySlots, KeyError> {
        let record = KeyFileRecord::parse(&store::read(path)?, &floor)?;
        let mut seal_public = [0u8; 32];
        seal_public.copy_from_slice(&unb64(&record.seal_public_key, "seal public key")?);
        let new_slot_params = record
            .slots
            .iter()
            .find(|s| s.kind == SlotKind::Recovery)
            .map(|s| s.kdf.params())
            .unwrap_or(KdfParams::recommended());
        Ok(KeySlots { record, seal_public: SealPublicKey(seal_public), new_slot_params })
    }

    /// Writes the file atomically (temporary file, fsync, rename, fsync of the directory).
    pub fn save(&self, path: &Path) -> Result<(), KeyError> {
        store::write_atomically(path, &self.record.to_bytes())
    }

    /// The key clerks seal to. Authenticated only by a successful unlock of this same value (which
    /// checks the file's MAC); a session's own [`Unlocked::seal_public_key`] is the safer source.
    pub fn seal_public_key(&self) -> SealPublicKey {
        self.seal_public
    }

    /// The officers with a slot, in file order, and whether each may unseal.
    pub fn officers(&self) -> Vec<OfficerSlot> {
        self.record
            .slots
            .iter()
            .filter_map(|s| {
                Some(OfficerSlot { officer_id: s.officer_id.clone()?, may_unseal: s.seal_secret.is_some() })
            })
            .collect()
    }

    /// Signs an officer in. A wrong password is [`KeyError::WrongPassword`].
    pub fn unlock_officer(&self, officer_id: &str, password: &str) -> Result<Unlocked, KeyError> {
        let index = self.officer_index(officer_id)?;
        let secret = normalize(password);
        self.unlock_slot(index, secret.as_bytes(), KeyError::WrongPassword)
    }

    /// Opens the register with the recovery key from the safe.
    pub fn unlock_recovery(&self, recovery: &RecoveryKey) -> Result<Unlocked, KeyError> {
        let index = self.recovery_index()?;
        self.unlock_slot(index, recovery.secret_bytes(), KeyError::WrongRecoveryKey)
    }

    /// Gives a new officer a slot. `may_unseal` needs a session holding the seal secret.
    pub fn add_officer(
        &mut self,
        by: &Unlocked,
        officer_id: &str,
        password: &str,
        may_unseal: bool,
    ) -> Result<(), KeyError> {
        self.authenticate(by)?;
        if self.officer_index(officer_id).is_ok() {
            return Err(KeyError::OfficerAlreadyHasSlot(officer_id.into()));
        }
        if may_unseal && !by.can_unseal() {
            return Err(KeyError::SealKeyNotHeld);
        }
        check_password(password, &[officer_id])?;
        let secret = normalize(password);
        let slot = self.new_slot(by, None, Some(officer_id), secret.as_bytes(), may_unseal)?;
        self.record.slots.push(slot);
        self.record.reseal(&by.register_key.0)
    }

    /// An officer changes their own password; their unseal right is kept.
    pub fn set_password(
        &mut self,
        session: &Unlocked,
        officer_id: &str,
        new_password: &str,
    ) -> Result<(), KeyError> {
        if session.holder != SlotHolder::Officer(officer_id.into()) {
            return Err(KeyError::NotYourSlot);
        }
        self.rewrap_officer(session, officer_id, new_password).map(|_| ())
    }

    /// An administrator resets a forgotten password. The register key is re-wrapped; the seal secret
    /// only if `admin` holds it, otherwise the officer loses unseal (see [`PasswordReset`]).
    pub fn reset_password(
        &mut self,
        admin: &Unlocked,
        officer_id: &str,
        new_password: &str,
    ) -> Result<PasswordReset, KeyError> {
        self.rewrap_officer(admin, officer_id, new_password)
    }

    /// Wraps the seal secret into an officer's slot (made leader, or after a reset). Needs a session
    /// holding the seal secret and the officer's current password (typed by the officer).
    pub fn grant_unseal(
        &mut self,
        by: &Unlocked,
        officer_id: &str,
        officer_password: &str,
    ) -> Result<(), KeyError> {
        self.authenticate(by)?;
        let seal = by.seal_secret.as_ref().ok_or(KeyError::SealKeyNotHeld)?;
        let index = self.officer_index(officer_id)?;
        let slot = &self.record.slots[index];
        let kek = derive(normalize(officer_password).as_bytes(), &slot.kdf.salt()?, &slot.kdf.params())?;
        if slot.unwrap(&kek, Purpose::RegisterKey, &slot.register_key)?.is_none() {
            return Err(KeyError::WrongPassword);
        }
        let wrapped = slot.wrap(&kek, Purpose::SealSecret, &seal.to_bytes()[..])?;
        self.record.slots[index].seal_secret = Some(wrapped);
        self.record.reseal(&by.register_key.0)
    }

    /// Takes the seal secret out of an officer's slot (no longer a leader). The seal key itself is not
    /// rotated: see `docs/keys.md` on what that does and does not protect.
    pub fn revoke_unseal(&mut self, by: &Unlocked, officer_id: &str) -> Result<(), KeyError> {
        self.authenticate(by)?;
        let index = self.officer_index(officer_id)?;
        self.record.slots[index].seal_secret = None;
        self.record.reseal(&by.register_key.0)
    }

    /// Removes an officer's slot: their password no longer opens this file.
    pub fn remove_officer(&mut self, by: &Unlocked, officer_id: &str) -> Result<(), KeyError> {
        self.authenticate(by)?;
        let index = self.officer_index(officer_id)?;
        self.record.slots.remove(index);
        self.record.reseal(&by.register_key.0)
    }

    /// Replaces the recovery slot with one for a new recovery key (the old paper stops working).
    pub fn replace_recovery(&mut self, by: &Unlocked, new: &RecoveryKey) -> Result<(), KeyError> {
        self.authenticate(by)?;
        if !by.can_unseal() {
            return Err(KeyError::SealKeyNotHeld);
        }
        let slot = self.new_slot(by, None, None, new.secret_bytes(), true)?;
        let index = self.recovery_index()?;
        self.record.slots[index] = slot;
        self.record.reseal(&by.register_key.0)
    }

    fn unlock_slot(&self, index: usize, secret: &[u8], wrong: KeyError) -> Result<Unlocked, KeyError> {
        let slot = &self.record.slots[index];
        let kek = derive(secret, &slot.kdf.salt()?, &slot.kdf.params())?;
        let Some(key_bytes) = slot.unwrap(&kek, Purpose::RegisterKey, &slot.register_key)? else {
            return Err(wrong);
        };
        let mut register_key = RegisterKey(Zeroizing::new([0u8; 32]));
        register_key.0.copy_from_slice(&key_bytes);
        if !self.record.is_authenticated_by(&register_key.0)? {
            return Err(KeyError::Tampered("the file's authentication code does not match"));
        }
        let seal_secret = match &slot.seal_secret {
            None => None,
            Some(wrapped) => {
                let bytes = slot
                    .unwrap(&kek, Purpose::SealSecret, wrapped)?
                    .ok_or(KeyError::Tampered("the wrapped seal key does not open"))?;
                let secret = SealSecret::from_bytes(&bytes)
                    .ok_or(KeyError::Tampered("the wrapped seal key has the wrong length"))?;
                if secret.public_key() != self.seal_public {
                    return Err(KeyError::Tampered("the seal public key does not match"));
                }
                Some(secret)
            }
        };
        let officer_secret = match &slot.officer_id {
            Some(_) => Some(crate::pin::officer_secret(&kek)?),
            None => None,
        };
        Ok(Unlocked {
            holder: match &slot.officer_id {
                Some(id) => SlotHolder::Officer(id.clone()),
                None => SlotHolder::Recovery,
            },
            register_key,
            seal_secret,
            seal_public: self.seal_public,
            officer_secret,
        })
    }

    /// Re-wraps an officer's slot under a new password with a fresh salt.
    fn rewrap_officer(
        &mut self,
        by: &Unlocked,
        officer_id: &str,
        new_password: &str,
    ) -> Result<PasswordReset, KeyError> {
        self.authenticate(by)?;
        let index = self.officer_index(officer_id)?;
        check_password(new_password, &[officer_id])?;
        let had_seal = self.record.slots[index].seal_secret.is_some();
        let keep_seal = had_seal && by.can_unseal();
        let secret = normalize(new_password);
        let id = self.record.slots[index].id.clone();
        let slot = self.new_slot(by, Some(&id), Some(officer_id), secret.as_bytes(), keep_seal)?;
        self.record.slots[index] = slot;
        self.record.reseal(&by.register_key.0)?;
        Ok(PasswordReset { unseal_lost: had_seal && !keep_seal })
    }

    /// A slot with a fresh salt (and a fresh id unless `id` is given) wrapping `by`'s register key,
    /// and its seal secret if asked.
    fn new_slot(
        &self,
        by: &Unlocked,
        id: Option<&str>,
        officer_id: Option<&str>,
        secret: &[u8],
        with_seal: bool,
    ) -> Result<SlotRecord, KeyError> {
        let mut slot = SlotRecord {
            id: match id {
                Some(id) => id.to_owned(),
                None => hex::encode(random_array::<16>()?),
            },
            kind: match officer_id {
                Some(_) => SlotKind::Officer,
                None => SlotKind::Recovery,
            },
            officer_id: officer_id.map(str::to_owned),
            kdf: KdfRecord::new(&self.new_slot_params)?,
            register_key: WrappedRecord { nonce: String::new(), ciphertext: String::new() },
            seal_secret: None,
            check: String::new(),
        };
        let kek = derive(secret, &slot.kdf.salt()?, &slot.kdf.params())?;
        slot.register_key = slot.wrap(&kek, Purpose::RegisterKey, &by.register_key.0[..])?;
        if with_seal {
            let seal = by.seal_secret.as_ref().ok_or(KeyError::SealKeyNotHeld)?;
            slot.seal_secret = Some(slot.wrap(&kek, Purpose::SealSecret, &seal.to_bytes()[..])?);
        }
        Ok(slot)
    }

    /// A session may change this file only if its register key authenticates the file as it is.
    fn authenticate(&self, by: &Unlocked) -> Result<(), KeyError> {
        if self.record.is_authenticated_by(&by.register_key.0)? {
            Ok(())
        } else {
            Err(KeyError::ForeignSession)
        }
    }

    fn officer_index(&self, officer_id: &str) -> Result<usize, KeyError> {
        self.record
            .slots
            .iter()
            .position(|s| s.officer_id.as_deref() == Some(officer_id))
            .ok_or_else(|| KeyError::UnknownOfficer(officer_id.into()))
    }

    fn recovery_index(&self) -> Result<usize, KeyError> {
        self.record
            .slots
            .iter()
            .position(|s| s.kind == SlotKind::Recovery)
            .ok_or(KeyError::Malformed("no recovery slot".into()))
    }
}
