//! The app's state: where the register lives and the register itself, opened once at start.
//!
//! The register holds an exclusive lock on its file, so a second process on the same data dir gets
//! `Locked` here even if the single-instance plugin could not reach the first one. The state keeps
//! that error so every command can report it instead of the app failing to start.

use crate::error::CommandError;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use tiepdan_domain::clock::SystemClock;
use tiepdan_register::{paths, Register, RegisterError};

pub struct Desk {
    pub data_dir: PathBuf,
    /// Shared with the background sync runner (`commands::sync`), which reads the journal.
    register: Result<Arc<Mutex<Register>>, CommandError>,
}

impl Desk {
    pub fn open(data_dir: &Path) -> Desk {
        let opened = std::fs::create_dir_all(data_dir)
            .map_err(|e| {
                log::error!("cannot create data dir {}: {e}", data_dir.display());
                CommandError::from(RegisterError::Io(e))
            })
            .and_then(|()| {
                Register::open(&paths::register_path(data_dir), Arc::new(SystemClock)).map_err(Into::into)
            });
        match &opened {
            Ok(_) => log::info!("register opened in {}", data_dir.display()),
            Err(e) => log::warn!("register not opened: {:?}", e.code),
        }
        Desk { data_dir: data_dir.to_path_buf(), register: opened.map(|r| Arc::new(Mutex::new(r))) }
    }

    /// The open register, for the sync runner; the opening error otherwise.
    pub fn shared_register(&self) -> Result<Arc<Mutex<Register>>, CommandError> {
        self.register.clone()
    }

    /// Runs one register call with the open register, mapping its error once.
    pub fn with<T>(
        &self,
        call: impl FnOnce(&mut Register) -> Result<T, RegisterError>,
    ) -> Result<T, CommandError> {
        let register = self.register.as_ref().map_err(Clone::clone)?;
        let mut guard = register.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        call(&mut guard).map_err(Into::into)
    }
}
