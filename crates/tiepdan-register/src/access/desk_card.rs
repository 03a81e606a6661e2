//! What the sign-in screen of an encrypted register shows before anyone can decrypt it: the ward
//! profile and the officers (names, positions, roles, active), kept in clear beside the register as
//! `register.desk.json`. Nothing in it is a citizen's data; who has a password comes from the key
//! file, which lists officer ids in clear too.
//!
//! Invariants: written only for a register with a key file, atomically (side file, fsync, rename),
//! after every change to the ward or the officers made or imported through this register, and at
//! every sign-in that opens it; a missing or stale card only changes what the sign-in screen lists,
//! never who can sign in (the key slots decide that).

use crate::error::{RegisterError, Result};
use crate::store::cipher::{remove_if_present, sync_directory, with_suffix};
use crate::Register;
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::{Path, PathBuf};
use tiepdan_domain::officer::{Officer, WardProfile};

/// `register.desk.json` beside `register.sqlite3`.
pub fn desk_card_path(register: &Path) -> PathBuf {
    register.with_extension("desk.json")
}

/// The sign-in screen's data of a register that is not open yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeskCard {
    pub ward: Option<WardProfile>,
    pub officers: Vec<Officer>,
}

impl DeskCard {
    /// The card beside `register`, if there is one.
    pub fn read(register: &Path) -> Result<Option<DeskCard>> {
        match std::fs::read(desk_card_path(register)) {
            Ok(bytes) => serde_json::from_slice(&bytes)
                .map(Some)
                .map_err(|e| RegisterError::Decode(format!("register.desk.json: {e}"))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e.into()),
        }
    }
}

impl Register {
    /// After a committed change to the ward or the officers: the change stands whatever happens to
    /// the card, so a failure to write it is not the change's failure; the next sign-in that opens
    /// the register writes it again.
    pub(crate) fn refresh_desk_card_after_change(&self) {
        let _ = self.refresh_desk_card();
    }

    /// Rewrites the card from the register when it has a key file (a plain register needs none).
    pub(crate) fn refresh_desk_card(&self) -> Result<()> {
        if !self.has_keys() {
            return Ok(());
        }
        let card = DeskCard { ward: self.ward()?, officers: self.officers()? };
        let bytes = serde_json::to_vec_pretty(&card).map_err(|e| RegisterError::Decode(e.to_string()))?;
        let path = desk_card_path(&self.path);
        let temp = with_suffix(&path, ".tmp");
        remove_if_present(&temp)?;
        let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(&temp)?;
        file.write_all(&bytes)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&temp, &path)?;
        sync_directory(&path)
    }
}
