//! Files with personal data kept beside the register — the archive of printed forms — encrypted
//! with the register when the register is (`tiepdan_keys::encrypt_file`, a key derived from the
//! register key), so a stolen disk shows them no more than the register itself. A plain register
//! (no key file) keeps them as they are, and files written before encryption stay readable.

use crate::error::{RegisterError, Result};
use crate::Register;

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
}
