//! `--reveal --officer ID`: opening denouncers' sealed identities from the command line (issue 7
//! §2). The CLI signs the officer in exactly as the desk app does (`Register::sign_in`: audited,
//! slowed down after wrong passwords); the password comes from `TIEPDAN_PASSWORD`, else one line of
//! standard input — never from an argument, which other users of the PC could read in the process
//! list. Only a session permitted to see denouncers' identities goes on; each opened visit is in the
//! access audit (`Register::reveal_visit`), and the session is signed out at the end.

use crate::context::Context;
use crate::error::{CliError, Exit};
use tiepdan_domain::acts::Act;
use tiepdan_domain::OfficerId;
use tiepdan_register::sessions::Session;
use tiepdan_register::{Actor, Register};

/// The environment variable a script may set the officer's password in.
pub const PASSWORD_VAR: &str = crate::context::PASSWORD_VAR;

#[derive(Debug, Clone, clap::Args)]
pub struct Reveal {
    /// Show denouncers' identities in clear (a leader's password is asked: TIEPDAN_PASSWORD or stdin).
    #[arg(long, requires = "officer")]
    pub reveal: bool,
    /// The officer (id) who signs in to reveal.
    #[arg(long, requires = "reveal", value_name = "OFFICER_ID")]
    pub officer: Option<String>,
}

/// The signed-in session when `--reveal` was given, refused unless it may see denouncers.
pub fn session(cx: &Context, register: &mut Register, reveal: &Reveal) -> Result<Option<Session>, CliError> {
    let (true, Some(officer)) = (reveal.reveal, &reveal.officer) else { return Ok(None) };
    let officer: OfficerId = officer
        .parse()
        .map_err(|_| CliError::new(Exit::Invalid, format!("\"{officer}\" is not an officer id")))?;
    let session = register.sign_in(officer, &cx.password_of(officer, "--reveal")?)?;
    if let Err(refused) = Actor::signed_in(&session).require(Act::RevealIdentity) {
        register.sign_out(session)?;
        return Err(refused.into());
    }
    Ok(Some(session))
}

/// Signs the session out (audited), if there is one.
pub fn finish(register: &mut Register, session: Option<Session>) -> Result<(), CliError> {
    match session {
        Some(session) => Ok(register.sign_out(session)?),
        None => Ok(()),
    }
}
