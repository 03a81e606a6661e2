//! What one run of `tiepdan` knows before any command starts, as one value built in
//! `commands::run` and lent to every command: the data folder, the officer who signs in, and the
//! password that opened an encrypted register. Nothing of it is global: a second `Context` (a test,
//! or a future long-running shell) starts from nothing.
//!
//! The officer comes from `--sign-in OFFICER_ID`, else `TIEPDAN_OFFICER`; the password from
//! `TIEPDAN_PASSWORD`, else one line of standard input — never an argument, which other users could
//! see in the process list. Passwords are held only in memory, in buffers wiped when dropped, and
//! the one kept for reuse dies with the `Context` when the command ends.

use crate::error::{CliError, Exit};
use std::cell::OnceCell;
use std::io::BufRead;
use std::path::{Path, PathBuf};
use tiepdan_domain::OfficerId;
use tiepdan_register::paths;
use zeroize::Zeroizing;

/// The variable naming the officer who signs in to an encrypted register.
pub const OFFICER_VAR: &str = "TIEPDAN_OFFICER";
/// The variable holding that officer's password (else one line of standard input).
pub const PASSWORD_VAR: &str = "TIEPDAN_PASSWORD";

/// A password, wiped from memory when dropped.
pub type Password = Zeroizing<String>;

/// One invocation of the command: where the register is and who signs in to it.
pub struct Context {
    data_dir: PathBuf,
    sign_in_as: Option<String>,
    /// The officer and password that opened an encrypted register. Filled while the register opens,
    /// deep inside a command that only borrows the context, hence the cell; set at most once, as a
    /// command opens its register at most once.
    opened_by: OnceCell<(OfficerId, Password)>,
}

impl Context {
    /// The context of a command line: the folder chosen with `--data-dir` (else `TIEPDAN_DATA_DIR`,
    /// else the desk app's folder) and the officer named by `--sign-in` (else `TIEPDAN_OFFICER`).
    pub fn new(data_dir: Option<PathBuf>, sign_in: Option<String>) -> Context {
        Context {
            data_dir: data_dir.unwrap_or_else(paths::default_data_dir),
            sign_in_as: sign_in.or_else(|| std::env::var(OFFICER_VAR).ok().filter(|v| !v.is_empty())),
            opened_by: OnceCell::new(),
        }
    }

    /// The folder holding the register (it may not exist yet).
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// The officer who signs in, as written: `--sign-in`, else `TIEPDAN_OFFICER`.
    pub fn sign_in_as(&self) -> Option<&str> {
        self.sign_in_as.as_deref()
    }

    /// The officer and password that open an encrypted register, or the refusal that says how to give them.
    pub fn officer_and_password(&self) -> Result<(OfficerId, Password), CliError> {
        let officer = self.sign_in_as().ok_or_else(encrypted_refusal)?;
        Ok((parse_officer(officer)?, password("an encrypted register")?))
    }

    /// A password typed for `why` (the first administrator's, at `init`): `TIEPDAN_PASSWORD`,
    /// else the next line of standard input.
    pub fn typed_password(&self, why: &str) -> Result<Password, CliError> {
        password(why)
    }

    /// A new password an administrator gives (`officer password`): the next line of standard input
    /// only, since `TIEPDAN_PASSWORD` is the administrator's own.
    pub fn password_from_stdin(&self, why: &str) -> Result<Password, CliError> {
        stdin_password(why)
    }

    /// Keeps the password that opened the register, so the same officer is not asked again (a
    /// script's standard input holds the password once) when `--reveal` signs them in.
    pub fn remember_opened_by(&self, officer: OfficerId, password: Password) {
        let _ = self.opened_by.set((officer, password));
    }

    /// An officer's password: the one that opened the register if it is the same officer, else
    /// `TIEPDAN_PASSWORD`, else the next line of standard input. `why` names what asks for it.
    pub fn password_of(&self, officer: OfficerId, why: &str) -> Result<Password, CliError> {
        match self.opened_by.get() {
            Some((opened_by, password)) if *opened_by == officer => Ok(password.clone()),
            _ => password(why),
        }
    }
}

pub fn parse_officer(text: &str) -> Result<OfficerId, CliError> {
    text.parse().map_err(|_| CliError::new(Exit::Invalid, format!("\"{text}\" is not an officer id")))
}

fn password(why: &str) -> Result<Password, CliError> {
    if let Ok(password) = std::env::var(PASSWORD_VAR) {
        return Ok(Zeroizing::new(password));
    }
    let password = stdin_line()?;
    if password.is_empty() {
        return Err(CliError::new(
            Exit::Invalid,
            format!("{why} needs the officer's password: set {PASSWORD_VAR} or type it on standard input"),
        ));
    }
    Ok(password)
}

fn stdin_password(why: &str) -> Result<Password, CliError> {
    let password = stdin_line()?;
    if password.is_empty() {
        return Err(CliError::new(
            Exit::Invalid,
            format!("{why} is read from standard input: type it there"),
        ));
    }
    Ok(password)
}

/// The next line of standard input without its line ending (empty at the end of input).
fn stdin_line() -> Result<Password, CliError> {
    let mut line = Zeroizing::new(String::new());
    std::io::stdin().lock().read_line(&mut line)?;
    Ok(Zeroizing::new(line.trim_end_matches(['\n', '\r']).to_string()))
}

fn encrypted_refusal() -> CliError {
    CliError::new(
        Exit::Invalid,
        format!("this register is encrypted: sign in with --sign-in OFFICER_ID (or {OFFICER_VAR}) and {PASSWORD_VAR}"),
    )
}
