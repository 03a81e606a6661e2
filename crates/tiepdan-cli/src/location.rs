//! Where the register lives and how the CLI opens it: `--data-dir`, else `TIEPDAN_DATA_DIR`, else the
//! folder the desk app uses (`tiepdan_register::paths`). Only `init` may create a register; every
//! other command refuses a folder without one instead of leaving an empty file behind.
//!
//! An encrypted register (one with a key file, docs/access.md) opens only when an officer signs in:
//! the officer from `--sign-in OFFICER_ID` or `TIEPDAN_OFFICER`, the password from `TIEPDAN_PASSWORD`
//! or one line of standard input — never an argument, which other users could see in the process
//! list. The sign-in is the register's own (audited, slowed down after wrong passwords).

use crate::error::{CliError, Exit};
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::OnceLock;
use tiepdan_domain::clock::SystemClock;
use tiepdan_domain::OfficerId;
use tiepdan_keys::KdfFloor;
use tiepdan_register::sessions::Session;
use tiepdan_register::{paths, Actor, Credentials, Register, RegisterError};

/// The variable naming the officer who signs in to an encrypted register.
pub const OFFICER_VAR: &str = "TIEPDAN_OFFICER";
/// The variable holding that officer's password (else one line of standard input).
pub const PASSWORD_VAR: &str = "TIEPDAN_PASSWORD";

static SIGN_IN_AS: OnceLock<String> = OnceLock::new();
static SIGNED_IN: OnceLock<(OfficerId, String)> = OnceLock::new();

/// The global `--sign-in OFFICER_ID`, set once at start.
pub fn set_sign_in_as(officer: Option<String>) {
    if let Some(officer) = officer {
        let _ = SIGN_IN_AS.set(officer);
    }
}

/// The officer who signs in: `--sign-in`, else `TIEPDAN_OFFICER`.
pub fn sign_in_as() -> Option<String> {
    SIGN_IN_AS.get().cloned().or_else(|| std::env::var(OFFICER_VAR).ok().filter(|v| !v.is_empty()))
}

pub fn parse_officer(text: &str) -> Result<OfficerId, CliError> {
    text.parse().map_err(|_| CliError::new(Exit::Invalid, format!("\"{text}\" is not an officer id")))
}

/// An officer's password: `TIEPDAN_PASSWORD`, else the next line of standard input. The password
/// that opened an encrypted register serves again when the same officer must sign in for `--reveal`.
pub fn password_of(officer: OfficerId, why: &str) -> Result<String, CliError> {
    match SIGNED_IN.get() {
        Some((signed_in, password)) if *signed_in == officer => Ok(password.clone()),
        _ => password(why),
    }
}

fn password(why: &str) -> Result<String, CliError> {
    if let Ok(password) = std::env::var(PASSWORD_VAR) {
        return Ok(password);
    }
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    let password = line.trim_end_matches(['\n', '\r']).to_string();
    if password.is_empty() {
        return Err(CliError::new(
            Exit::Invalid,
            format!("{why} needs the officer's password: set {PASSWORD_VAR} or type it on standard input"),
        ));
    }
    Ok(password)
}

fn encrypted_refusal() -> CliError {
    CliError::new(
        Exit::Invalid,
        format!("this register is encrypted: sign in with --sign-in OFFICER_ID (or {OFFICER_VAR}) and {PASSWORD_VAR}"),
    )
}

/// The officer and password that open an encrypted register, or the refusal that says how to give them.
pub fn officer_and_password() -> Result<(OfficerId, String), CliError> {
    let officer = sign_in_as().ok_or_else(encrypted_refusal)?;
    Ok((parse_officer(&officer)?, password("an encrypted register")?))
}

/// The data folder chosen on the command line, or the default one.
pub fn data_dir(chosen: Option<PathBuf>) -> PathBuf {
    chosen.unwrap_or_else(paths::default_data_dir)
}

/// The register file of an initialised desk; refuses a folder without one.
pub fn existing(data_dir: &Path) -> Result<PathBuf, CliError> {
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
pub fn open(data_dir: &Path) -> Result<Register, CliError> {
    Ok(open_file(&existing(data_dir)?)?)
}

/// Opens the register file at `path`, signing in if it is encrypted; the register's own error
/// otherwise (the doctor reports a damaged file instead of failing).
pub fn open_file(path: &Path) -> Result<Register, OpenError> {
    Ok(open_file_signed_in(path)?.0)
}

/// Opens the register of an initialised desk, with the session of the officer who signed in to
/// open it (an encrypted register) — for commands that check what that officer may do.
pub fn open_signed_in(data_dir: &Path) -> Result<(Register, Option<Session>), CliError> {
    Ok(open_file_signed_in(&existing(data_dir)?)?)
}

/// How the access audit names this process: the command line, run by this OS user.
fn audit_source() -> String {
    let user = std::env::var("USER").or_else(|_| std::env::var("USERNAME")).unwrap_or_else(|_| "?".into());
    format!("tiepdan, người dùng máy {user}")
}

fn open_file_signed_in(path: &Path) -> Result<(Register, Option<Session>), OpenError> {
    let (mut register, session) = open_as_officer(path)?;
    register.set_audit_channel(audit_source());
    Ok((register, session))
}

fn open_as_officer(path: &Path) -> Result<(Register, Option<Session>), OpenError> {
    match Register::open(path, Arc::new(SystemClock)) {
        Err(RegisterError::SignInRequired) => {
            let (officer, password) = officer_and_password()?;
            let credentials = Credentials::Password { officer, password: &password };
            let (register, session) =
                Register::open_signed_in(path, Arc::new(SystemClock), KdfFloor::standard(), credentials)?;
            let _ = SIGNED_IN.set((officer, password));
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
pub fn actor<'s>(register: &Register, session: Option<&'s Session>) -> Result<Actor<'s>, CliError> {
    if let Some(session) = session {
        return Ok(Actor::signed_in(session));
    }
    let named = match sign_in_as() {
        Some(id) => Some(parse_officer(&id)?),
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
pub fn create(data_dir: &Path) -> Result<Register, CliError> {
    std::fs::create_dir_all(data_dir).map_err(|e| {
        CliError::new(Exit::Failure, format!("cannot create the data folder {}: {e}", data_dir.display()))
    })?;
    let mut register = Register::open(&paths::register_path(data_dir), Arc::new(SystemClock))?;
    register.set_audit_channel(audit_source());
    Ok(register)
}
