//! The app's state: where the register lives and the register itself, opened once at start, and who
//! is signed in at the desk (issue 7).
//!
//! Every command that reads or writes the register goes through [`Desk::acting`], which refuses
//! unless an officer is signed in and the screen is not locked, and hands the register the signed-in
//! officer as the [`Actor`]: the register itself checks what the officer's roles permit (issue 12),
//! so this shell spells no permission. Only the first-run and sign-in commands use
//! [`Desk::without_session`]. A locked screen
//! keeps the session (the background sync goes on), but nothing personal is served until an officer
//! signs in again.
//!
//! The register holds an exclusive lock on its file, so a second process on the same data dir gets
//! `Locked` here even if the single-instance plugin could not reach the first one. The state keeps
//! that error so every command can report it instead of the app failing to start.
//!
//! An encrypted register (one with a key file: every desk set up since issue 7) cannot be opened at
//! start: it stays closed until the first sign-in decrypts it ([`Desk::sign_in`]); until then the
//! sign-in screen is drawn from the clear card beside it (`DeskCard`) and everything else answers
//! `signed_out`. Once open it stays open until the app quits — through locks and sign-outs — so the
//! background sync keeps running (issue 7: sync works while the screen is locked).

use crate::error::{CommandError, ErrorCode};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use tiepdan_domain::clock::SystemClock;
use tiepdan_keys::KdfFloor;
use tiepdan_register::sessions::Session;
use tiepdan_register::{paths, Actor, Credentials, Register, RegisterError};

pub struct Desk {
    pub data_dir: PathBuf,
    /// Shared with the background sync runner (`commands::sync`), which reads the journal.
    register: Mutex<Opened>,
    signed_in: Mutex<SignedIn>,
}

/// Where the register stands.
enum Opened {
    Open(Arc<Mutex<Register>>),
    /// Encrypted and not yet opened: the first sign-in opens it.
    Closed,
    Failed(CommandError),
}

fn signed_out() -> CommandError {
    CommandError::plain(ErrorCode::SignedOut, "Hãy đăng nhập để tiếp tục làm việc.")
}

/// Who is at the desk. Locked: the session is kept, its data is not served.
#[derive(Default)]
pub struct SignedIn {
    pub session: Option<Session>,
    pub locked: bool,
}

impl Desk {
    pub fn open(data_dir: &Path) -> Desk {
        let opened = match std::fs::create_dir_all(data_dir) {
            Err(e) => {
                log::error!("cannot create data dir {}: {e}", data_dir.display());
                Err(RegisterError::Io(e))
            }
            Ok(()) => Register::open(&paths::register_path(data_dir), Arc::new(SystemClock)),
        };
        let opened = match opened {
            Ok(register) => {
                log::info!("register opened in {}", data_dir.display());
                Opened::Open(Arc::new(Mutex::new(register)))
            }
            Err(RegisterError::SignInRequired) => {
                log::info!("register in {} is encrypted: it opens at the first sign-in", data_dir.display());
                Opened::Closed
            }
            Err(e) => {
                let e = CommandError::from(e);
                log::warn!("register not opened: {:?}", e.code);
                Opened::Failed(e)
            }
        };
        Desk {
            data_dir: data_dir.to_path_buf(),
            register: Mutex::new(opened),
            signed_in: Mutex::new(SignedIn::default()),
        }
    }

    pub fn register_path(&self) -> PathBuf {
        paths::register_path(&self.data_dir)
    }

    /// The open register, for the sync runner; `signed_out` while it waits for the first sign-in,
    /// the opening error otherwise.
    pub fn shared_register(&self) -> Result<Arc<Mutex<Register>>, CommandError> {
        match &*self.register.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) {
            Opened::Open(register) => Ok(register.clone()),
            Opened::Closed => Err(signed_out()),
            Opened::Failed(e) => Err(e.clone()),
        }
    }

    /// Whether the register is encrypted and still closed (nobody has signed in since the start).
    pub fn is_closed(&self) -> bool {
        matches!(*self.register.lock().unwrap_or_else(|poisoned| poisoned.into_inner()), Opened::Closed)
    }

    /// Signs an officer in with a password, or an administrator with the recovery key: opens the
    /// register with them if it is still closed. Returns whether this opened it (the sync runner
    /// then starts).
    pub fn sign_in(&self, credentials: Credentials<'_>) -> Result<bool, CommandError> {
        let mut signed_in = self.signed_in();
        let mut opened = self.register.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Opened::Closed = &*opened {
            let (register, session) = Register::open_signed_in(
                &self.register_path(),
                Arc::new(SystemClock),
                KdfFloor::standard(),
                credentials,
            )?;
            *opened = Opened::Open(Arc::new(Mutex::new(register)));
            *signed_in = SignedIn { session: Some(session), locked: false };
            log::info!("register opened by a sign-in");
            return Ok(true);
        }
        drop(opened);
        let session = self.without_session(|r| match credentials {
            Credentials::Password { officer, password } => r.sign_in(officer, password),
            Credentials::RecoveryKey { key, administrator, new_password } => {
                r.restore_access(key, administrator, new_password)
            }
        })?;
        *signed_in = SignedIn { session: Some(session), locked: false };
        Ok(false)
    }

    /// Runs one register call for nobody in particular: only what the sign-in screen needs (the ward,
    /// the officers' names) and the first-run setup may use this.
    pub fn without_session<T>(
        &self,
        call: impl FnOnce(&mut Register) -> Result<T, RegisterError>,
    ) -> Result<T, CommandError> {
        let register = self.shared_register()?;
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

    /// Runs one register call acted by the signed-in officer, if the screen is unlocked; the register
    /// refuses what their roles do not permit. Maps the error once.
    pub fn acting<T>(
        &self,
        call: impl FnOnce(&mut Register, &Actor<'_>) -> Result<T, RegisterError>,
    ) -> Result<T, CommandError> {
        self.as_signed_in(|r, session| call(r, &Actor::signed_in(session)))
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
            _ => return Err(signed_out()),
        };
        self.without_session(|r| call(r, session))
    }
}
