//! Files with personal data kept beside the register — the archive of printed forms — encrypted
//! with the register when the register is (`tiepdan_keys::encrypt_file`, a key derived from the
//! register key), so a stolen disk shows them no more than the register itself. A plain register
//! (no key file) keeps them as they are, and files written before encryption stay readable.
//!
//! A paper that names a sealed denouncer (the slip handed to them) is archived **sealed** to the
//! ward's seal key instead ([`Register::seal_file`]): the register key, which every officer's
//! password unwraps, does not open it; only a session that may see denouncers' identities does, and
//! that opening is audited like any other reveal.

use crate::access::access_log::AccessRecord;
use crate::access::sessions::Session;
use crate::error::{RegisterError, Result};
use crate::Register;
use tiepdan_domain::access::{AccessAction, Permission};
use tiepdan_domain::VisitId;
use tiepdan_keys::SealedBytes;

impl Register {
    /// The bytes to write for a file kept beside the register under `context` (a name that never
    /// changes for that file): encrypted when the register is, as they are otherwise.
    pub fn protect_file(&self, bytes: &[u8], context: &str) -> Result<Vec<u8>> {
        match &self.key {
            Some(key) => Ok(tiepdan_keys::encrypt_file(key, bytes, context.as_bytes())?),
            None => Ok(bytes.to_vec()),
        }
    }

    /// The content of a file written by [`Register::protect_file`] under the same `context`.
    pub fn unprotect_file(&self, bytes: Vec<u8>, context: &str) -> Result<Vec<u8>> {
        if !tiepdan_keys::is_encrypted_file(&bytes) {
            return Ok(bytes);
        }
        let key = self.key.as_ref().ok_or_else(|| {
            RegisterError::Corrupt(format!("{context} is encrypted but this register is not"))
        })?;
        Ok(tiepdan_keys::decrypt_file(key, &bytes, context.as_bytes())?)
    }

    /// The bytes to write for a file that names a sealed denouncer, under `context`: sealed to the
    /// ward's seal key (`NoKeys` on a register without one, which seals nothing to name).
    pub fn seal_file(&self, bytes: &[u8], context: &str) -> Result<Vec<u8>> {
        let slots = self.keys.slots.as_ref().ok_or(RegisterError::NoKeys)?;
        Ok(tiepdan_keys::seal(&slots.seal_public_key(), bytes, context.as_bytes())?.as_bytes().to_vec())
    }

    /// The content of a file written by [`Register::seal_file`], for a session permitted to see
    /// denouncers' identities; the viewing (of `visit`'s denouncer) is audited before it is returned.
    pub fn open_sealed_file(
        &mut self,
        session: &Session,
        bytes: Vec<u8>,
        context: &str,
        visit: VisitId,
    ) -> Result<Vec<u8>> {
        session.require(Permission::SeeDenouncerIdentity)?;
        let sealed = SealedBytes::from_bytes(bytes)?;
        let clear = session.unlocked().open_sealed(&sealed, context.as_bytes())?;
        let record = AccessRecord::new(Some(session.officer().id), AccessAction::ViewedSealedIdentity);
        self.record_access(record.visit(visit).detail("bản in lưu có ghi tên người tố cáo"))?;
        Ok(clear)
    }
}
