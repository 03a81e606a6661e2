//! The app's state: where the register lives and the register itself, opened once at start, and who
//! is signed in at the desk (issue 7).
//!
//! Every command that reads or writes the register goes through [`Desk::as_officer`], which refuses
//! unless an officer is signed in, the screen is not locked and the officer's roles permit the
//! command; only the first-run and sign-in commands use [`Desk::without_session`]. A locked screen
//! keeps the session (the background sync goes on), but nothing personal is served until an officer
//! signs in again.
//!
//! The register holds an exclusive lock on its file, so a second process on the same data dir gets
//! `Locked` here even if the single-instance plugin could not reach the first one. The state keeps
//! that error so every command can report it instead of the app failing to start.

use crate::error::{CommandError, ErrorCode};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use tiepdan_domain::access::Permission;
use tiepdan_domain::clock::SystemClock;
use tiepdan_register::sessions::Session;
use tiepdan_register::{paths, Register, RegisterError};

pub struct Desk {
    pub data_dir: PathBuf,
    /// Shared with the background sync runner (`commands::sync`), which reads the journal.
    register: Result<Arc<Mutex<Register>>, CommandError>,
    signed_in: Mutex<SignedIn>,
}

/// Who is at the desk. Locked: the session is kept, its data is not served.
#[derive(Default)]
pub struct SignedIn {
    pub session: Option<Session>,
    pub locked: bool,
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
        Desk {
            data_dir: data_dir.to_path_buf(),
            register: opened.map(|r| Arc::new(Mutex::new(r))),
            signed_in: Mutex::new(SignedIn::default()),
        }
    }

    /// The open register, for the sync runner; the opening error otherwise.
    pub fn shared_register(&self) -> Result<Arc<Mutex<Register>>, CommandError> {
        self.register.clone()
    }

    /// Runs one register call for nobody in particular: only what the sign-in screen needs (the ward,
    /// the officers' names) and the first-run setup may use this.
    pub fn without_session<T>(
        &self,
        call: impl FnOnce(&mut Register) -> Result<T, RegisterError>,
    ) -> Result<T, CommandError> {
        let register = self.register.as_ref().map_err(Clone::clone)?;
        let mut guard = register.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        call(&mut guard).map_err(Into::into)
    }

    /// The sign-in state, with the register, for the session commands.
    pub fn session_and_register<T>(
        &self,
        call: impl FnOnce(&mut SignedIn, &mut Register) -> Result<T, RegisterError>,
    ) -> Result<T, CommandError> {
        let mut signed_in = self.signed_in();
        self.without_session(|r| call(&mut signed_in, r))
    }

    pub fn signed_in(&self) -> MutexGuard<'_, SignedIn> {
        self.signed_in.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Runs one register call for the signed-in officer, if the screen is unlocked and their roles
    /// permit `permission`; maps the error once.
    pub fn as_officer<T>(
        &self,
        permission: Permission,
        call: impl FnOnce(&mut Register, &Session) -> Result<T, RegisterError>,
    ) -> Result<T, CommandError> {
        self.as_signed_in(|r, session| {
            session.require(permission)?;
            call(r, session)
        })
    }

    /// Runs one register call for the signed-in officer whatever their roles (their own password),
    /// if the screen is unlocked.
    pub fn as_signed_in<T>(
        &self,
        call: impl FnOnce(&mut Register, &Session) -> Result<T, RegisterError>,
    ) -> Result<T, CommandError> {
        let signed_in = self.signed_in();
        let session = match &signed_in.session {
            Some(session) if !signed_in.locked => session,
            _ => {
                return Err(CommandError::plain(ErrorCode::SignedOut, "Hãy đăng nhập để tiếp tục làm việc."))
            }
        };
        self.without_session(|r| call(r, session))
    }
}
