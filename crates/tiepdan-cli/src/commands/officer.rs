//! `tiepdan officer`: the ward's reception officers. Officers are retired, never deleted.
//!
//! On a register with passwords (a key file) every change is acted by the officer who signs in
//! (`--sign-in ID` with `TIEPDAN_PASSWORD`), and the register refuses what their roles do not permit,
//! as at the desk; retiring also removes the officer's key slot (`Register::retire_officer`), so
//! their password no longer opens the register. A register without passwords is managed by the OS
//! user who owns it (docs/access.md, "The command line"); `officer use` chooses the officer the
//! command names as its actor there. `officer password` gives a password (from standard input);
//! on a register without passwords that first password encrypts it (issue 14 §5).

use crate::context::Context;
use crate::error::{CliError, Exit};
use crate::{location, table};
use clap::Subcommand;
use tiepdan_domain::access::Role;
use tiepdan_domain::acts::Act;
use tiepdan_domain::OfficerId;
use tiepdan_register::sessions::Session;
use tiepdan_register::{Actor, Register};

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Add an officer; prints the new officer's id alone on a line.
    Add {
        /// Full name, e.g. "Trần Thị Bình".
        #[arg(long)]
        name: String,
        /// Position printed under the signature, e.g. "Công chức tiếp công dân".
        #[arg(long)]
        position: String,
        /// A role: clerk, leader or administrator; repeat for several. Default: clerk, and the
        /// first officer of a register also administrator (someone must hand out roles).
        #[arg(long = "role", value_name = "ROLE", value_parser = parse_role)]
        roles: Vec<Role>,
    },
    /// Set an officer's roles (clerk, leader, administrator), replacing the old ones.
    Roles {
        id: String,
        #[arg(long = "role", value_name = "ROLE", value_parser = parse_role, required = true)]
        roles: Vec<Role>,
    },
    /// List the officers, the current one marked with *.
    List {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Retire an officer: kept on old visits, no longer chosen for new ones.
    Retire { id: String },
    /// Make an officer the desk's current officer, the default of new visits.
    Use { id: String },
    /// Set or reset an officer's password (administrators only), read from one line of standard
    /// input. On a register without passwords this is its first (an administrator's): the register
    /// is encrypted, earlier denunciations are sealed, and the recovery key is printed once.
    Password { id: String },
}

fn parse_role(text: &str) -> Result<Role, String> {
    Role::from_word(text)
        .ok_or_else(|| format!("\"{text}\" is not a role (vai trò): use clerk, leader or administrator"))
}

fn officer_id(text: &str) -> Result<OfficerId, CliError> {
    text.parse().map_err(|_| CliError::new(Exit::Invalid, format!("\"{text}\" is not an officer id")))
}

/// The session of the officer who changes the officers of a register with passwords: the session
/// that opened it, else a sign-in with `--sign-in`; `None` for a register without passwords. What
/// they may change is the register's to decide.
fn signed_in(
    cx: &Context,
    register: &mut Register,
    opened_by: Option<Session>,
) -> Result<Option<Session>, CliError> {
    if !register.has_keys() || opened_by.is_some() {
        return Ok(opened_by);
    }
    let (officer, password) = cx.officer_and_password()?;
    Ok(Some(register.sign_in(officer, &password)?))
}

pub fn run(cx: &Context, command: Command) -> Result<(), CliError> {
    let (mut register, opened_by) = location::open_signed_in(cx)?;
    if let Command::List { json } = command {
        return list(&register, json);
    }
    let session = signed_in(cx, &mut register, opened_by)?;
    // The first officer of a register that has none is added by nobody: it is part of the set-up.
    if let Command::Add { name, position, mut roles } = command {
        if register.officers()?.is_empty() {
            if roles.is_empty() {
                roles = vec![Role::Clerk, Role::Administrator];
            }
            let officer = register
                .add_first_officer(&name, &position, &roles)
                .map_err(|e| CliError::register("officer", e))?;
            println!("{}", officer.id);
            return Ok(());
        }
        let actor = location::actor(cx, &register, session.as_ref())?;
        if roles.is_empty() {
            roles.push(Role::Clerk);
        }
        let officer = register
            .add_officer(&actor, &name, &position, &roles)
            .map_err(|e| CliError::register("officer", e))?;
        println!("{}", officer.id);
        return Ok(());
    }
    if let Command::Use { id } = command {
        // The command's own default (module doc): on a register with passwords only an officer
        // permitted to change officers may choose it.
        if let Some(session) = &session {
            Actor::signed_in(session).require(Act::ChangeOfficer)?;
        }
        register.set_desk_officer(officer_id(&id)?)?;
        println!("officer {id} is now the desk's current officer");
        return Ok(());
    }
    if let Command::Password { id } = command {
        return set_password(cx, &mut register, session, officer_id(&id)?);
    }
    let actor = location::actor(cx, &register, session.as_ref())?;
    match command {
        Command::Add { .. } | Command::List { .. } | Command::Use { .. } | Command::Password { .. } => {
            unreachable!("handled above")
        }
        Command::Roles { id, roles } => {
            let id = officer_id(&id)?;
            let updated = register
                .set_officer_roles(&actor, id, roles)
                .map_err(|e| CliError::register("officer", e))?;
            let words: Vec<_> = updated.roles.iter().map(|r| r.word()).collect();
            println!("officer {id} roles: {}", words.join(", "));
        }
        Command::Retire { id } => {
            let id = officer_id(&id)?;
            register.retire_officer(&actor, id)?;
            println!("officer {id} retired");
        }
    }
    Ok(())
}

/// `officer password ID`: the register checks who may give it and audits it. With a signed-in
/// administrator it is `give_password`; on a register without passwords, the first password
/// (`create_keys`, which needs `officer` to be an administrator), given by whoever acts there.
fn set_password(
    cx: &Context,
    register: &mut Register,
    session: Option<Session>,
    officer: OfficerId,
) -> Result<(), CliError> {
    // Who may give it is checked before the password is read, so a refusal says why.
    let actor = match &session {
        Some(session) => Actor::signed_in(session),
        None => location::actor(cx, register, None)?,
    };
    actor.require(Act::GivePassword)?;
    let password = cx.password_from_stdin("the officer's new password")?;
    if let Some(session) = session {
        let given = register.give_password(&Actor::signed_in(&session), officer, &password);
        register.sign_out(session)?;
        given.map_err(|e| CliError::register("password", e))?;
        println!("officer {officer} has a new password");
        return Ok(());
    }
    let (session, recovery_key) = register
        .create_keys(officer, &password, tiepdan_keys::KdfParams::recommended())
        .map_err(|e| CliError::register("password", e))?;
    register.sign_out(session)?;
    println!("officer {officer} has the register's first password: the register is encrypted now");
    println!("recovery key: {}", recovery_key.to_printable().as_str());
    println!("print the recovery key and keep it in the ward's safe: it is not shown again");
    Ok(())
}

fn list(register: &Register, json: bool) -> Result<(), CliError> {
    let officers = register.officers()?;
    if json {
        return super::print_json(&officers);
    }
    let current = register.desk_officer()?.map(|o| o.id);
    let rows: Vec<Vec<String>> = officers
        .iter()
        .map(|o| {
            vec![
                if Some(o.id) == current { "*".into() } else { String::new() },
                o.id.to_string(),
                o.full_name.clone(),
                o.position.clone(),
                o.roles.iter().map(|r| r.label_vi()).collect::<Vec<_>>().join(", "),
                if o.active { "đang làm".into() } else { "đã nghỉ".into() },
            ]
        })
        .collect();
    table::print(&["", "ID", "Họ tên", "Chức vụ", "Vai trò", "Trạng thái"], &rows);
    Ok(())
}
