//! How the CLI opens the register in the data folder of its [`Context`] (`--data-dir`, else
//! `TIEPDAN_DATA_DIR`, else the folder the desk app uses, `tiepdan_register::paths`), and who acts on
//! it. Only `init` may create a register; every other command refuses a folder without one instead of
//! leaving an empty file behind.
//!
//! An encrypted register (one with a key file, docs/access.md) opens only when an officer signs in
//! with the officer and password of the [`Context`] (where they come from is said there). The sign-in
//! is the register's own (audited, slowed down after wrong passwords).

use crate::context::{self, Context, OFFICER_VAR};
use crate::error::{CliError, Exit};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tiepdan_domain::clock::SystemClock;
use tiepdan_keys::KdfFloor;
use tiepdan_register::sessions::Session;
use tiepdan_register::{paths, Actor, Credentials, Register, RegisterError};

/// The register file of an initialised desk; refuses a folder without one.
pub fn existing(cx: &Context) -> Result<PathBuf, CliError> {
    let data_dir = cx.data_dir();
    let path = paths::register_path(data_dir);
    if !path.exists() {
        return Err(CliError::new(
            Exit::NotFound,
            format!("no register in {}: run `tiepdan init` first", data_dir.display()),
        ));
    }
    Ok(path)
}

/// Opens the register of an initialised desk.
/// An encrypted one is opened by the officer's sign-in (see the module's documentation).
pub fn open(cx: &Context) -> Result<Register, CliError> {
    Ok(open_file(cx, &existing(cx)?)?)
}

/// Opens the register file at `path`, signing in if it is encrypted; the register's own error
/// otherwise (the doctor reports a damaged file instead of failing).
pub fn open_file(cx: &Context, path: &Path) -> Result<Register, OpenError> {
    Ok(open_file_signed_in(cx, path)?.0)
}

/// Opens the register of an initialised desk, with the session of the officer who signed in to
/// open it (an encrypted register) — for commands that check what that officer may do.
pub fn open_signed_in(cx: &Context) -> Result<(Register, Option<Session>), CliError> {
    Ok(open_file_signed_in(cx, &existing(cx)?)?)
}

/// How the access audit names this process: the command line, run by this OS user.
fn audit_source() -> String {
    let user = std::env::var("USER").or_else(|_| std::env::var("USERNAME")).unwrap_or_else(|_| "?".into());
    format!("tiepdan, người dùng máy {user}")
}

fn open_file_signed_in(cx: &Context, path: &Path) -> Result<(Register, Option<Session>), OpenError> {
    let (mut register, session) = open_as_officer(cx, path)?;
    register.set_audit_channel(audit_source());
    Ok((register, session))
}

fn open_as_officer(cx: &Context, path: &Path) -> Result<(Register, Option<Session>), OpenError> {
    match Register::open(path, Arc::new(SystemClock)) {
        Err(RegisterError::SignInRequired) => {
            let (officer, password) = cx.officer_and_password()?;
            let credentials = Credentials::Password { officer, password: &password };
            let (register, session) =
                Register::open_signed_in(path, Arc::new(SystemClock), KdfFloor::standard(), credentials)?;
            cx.remember_opened_by(officer, password);
            Ok((register, Some(session)))
        }
        other => Ok((other?, None)),
    }
}

/// Why a register could not be opened: the register's refusal, or the CLI's (no credentials).
#[derive(Debug)]
pub enum OpenError {
    Register(RegisterError),
    Cli(CliError),
}

impl From<RegisterError> for OpenError {
    fn from(e: RegisterError) -> OpenError {
        OpenError::Register(e)
    }
}

impl From<CliError> for OpenError {
    fn from(e: CliError) -> OpenError {
        OpenError::Cli(e)
    }
}

impl From<OpenError> for CliError {
    fn from(e: OpenError) -> CliError {
        match e {
            OpenError::Register(e) => e.into(),
            OpenError::Cli(e) => e,
        }
    }
}

/// Who acts for this command (issue 12): the officer who signed in to open an encrypted register;
/// on a register without passwords, the officer named by `--sign-in`/`TIEPDAN_OFFICER`, else the
/// desk's default officer (`tiepdan officer use`), acting as this OS user. The register checks what
/// the actor may do and stamps them on what it writes.
pub fn actor<'s>(
    cx: &Context,
    register: &Register,
    session: Option<&'s Session>,
) -> Result<Actor<'s>, CliError> {
    if let Some(session) = session {
        return Ok(Actor::signed_in(session));
    }
    let named = match cx.sign_in_as() {
        Some(id) => Some(context::parse_officer(id)?),
        None => register.desk_officer()?.map(|o| o.id),
    };
    let officer = named.ok_or_else(|| {
        CliError::new(
            Exit::Invalid,
            format!("no officer acts here: add one with `tiepdan officer add`, or name one with --sign-in OFFICER_ID or {OFFICER_VAR}"),
        )
    })?;
    Ok(register.owner_acting(officer)?)
}

/// Opens the register, creating the folder and the file; for `init`.
pub fn create(cx: &Context) -> Result<Register, CliError> {
    let data_dir = cx.data_dir();
    std::fs::create_dir_all(data_dir).map_err(|e| {
        CliError::new(Exit::Failure, format!("cannot create the data folder {}: {e}", data_dir.display()))
    })?;
    let mut register = Register::open(&paths::register_path(data_dir), Arc::new(SystemClock))?;
    register.set_audit_channel(audit_source());
    Ok(register)
}
