//! `tiepdan recover --officer ID`: an administrator who forgot their password gets a new one with
//! the recovery key from the ward's safe (`Register::restore_access`, docs/access.md, Recovery).
//!
//! Secrets never come from arguments, which other users of the PC could read in the process list:
//! the recovery key is `TIEPDAN_RECOVERY_KEY`, else the first line of standard input; the new
//! password is `TIEPDAN_PASSWORD`, else the next two lines (typed twice, and they must match). The
//! library checks the rest — an active administrator, the password policy, the wait after wrong
//! attempts — and audits the recovery; the session it opens is signed out at the end.

use crate::context::Context;
use crate::error::{CliError, Exit};
use crate::location;
use std::io::BufRead;
use std::sync::Arc;
use tiepdan_domain::clock::SystemClock;
use tiepdan_domain::OfficerId;
use tiepdan_keys::KdfFloor;
use tiepdan_register::sessions::RecoveryKey;
use tiepdan_register::{Credentials, Register, RegisterError};

/// The environment variable a script may give the recovery key in.
pub const RECOVERY_KEY_VAR: &str = "TIEPDAN_RECOVERY_KEY";
/// The environment variable a script may give the new password in.
pub const PASSWORD_VAR: &str = super::visit_reveal::PASSWORD_VAR;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The administrator (officer id) who gets a new password.
    #[arg(long, value_name = "OFFICER_ID")]
    officer: String,
}

/// The next line of standard input without its line ending; `None` at the end of input.
fn next_line(input: &mut impl BufRead) -> Result<Option<String>, CliError> {
    let mut line = String::new();
    if input.read_line(&mut line)? == 0 {
        return Ok(None);
    }
    Ok(Some(line.trim_end_matches(['\n', '\r']).to_string()))
}

fn missing(what: &str, var: &str) -> CliError {
    CliError::new(Exit::Invalid, format!("recover needs {what}: set {var} or type it on standard input"))
}

fn recovery_key(input: &mut impl BufRead) -> Result<RecoveryKey, CliError> {
    let text = match std::env::var(RECOVERY_KEY_VAR) {
        Ok(text) => text,
        Err(_) => next_line(input)?.ok_or_else(|| missing("the recovery key", RECOVERY_KEY_VAR))?,
    };
    RecoveryKey::parse(&text).map_err(|e| RegisterError::Keys(e).into())
}

fn new_password(input: &mut impl BufRead) -> Result<String, CliError> {
    if let Ok(password) = std::env::var(PASSWORD_VAR) {
        return Ok(password);
    }
    let first = next_line(input)?.filter(|p| !p.is_empty());
    let first = first.ok_or_else(|| missing("the new password (twice)", PASSWORD_VAR))?;
    let again = next_line(input)?.ok_or_else(|| missing("the new password a second time", PASSWORD_VAR))?;
    if again != first {
        return Err(CliError::new(Exit::Invalid, "the two new passwords differ; nothing was changed"));
    }
    Ok(first)
}

pub fn run(cx: &Context, args: Args) -> Result<(), CliError> {
    let officer: OfficerId = args
        .officer
        .parse()
        .map_err(|_| CliError::new(Exit::Invalid, format!("\"{}\" is not an officer id", args.officer)))?;
    let path = location::existing(cx)?;
    let mut input = std::io::stdin().lock();
    let recovery = recovery_key(&mut input)?;
    let password = new_password(&mut input)?;
    // An encrypted register is opened by the recovery key itself: nobody else can sign in.
    let (mut register, session) = match Register::open(&path, Arc::new(SystemClock)) {
        Err(RegisterError::SignInRequired) => {
            let credentials =
                Credentials::RecoveryKey { key: &recovery, administrator: officer, new_password: &password };
            Register::open_signed_in(&path, Arc::new(SystemClock), KdfFloor::standard(), credentials)?
        }
        opened => {
            let mut register = opened?;
            let session = register.restore_access(&recovery, officer, &password)?;
            (register, session)
        }
    };
    let name = session.officer().full_name.clone();
    register.sign_out(session)?;
    println!(
        "access restored: {name} ({officer}) signs in with the new password / Đã khôi phục quyền truy cập cho cán bộ {name}"
    );
    Ok(())
}
