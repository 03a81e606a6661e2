//! `tiepdan officer`: the ward's reception officers. Officers are retired, never deleted.
//!
//! On a register with passwords (a key file) adding officers, changing roles, retiring and choosing
//! the officer on duty need a signed-in administrator (`--sign-in ID` with `TIEPDAN_PASSWORD`), as at
//! the desk; retiring also removes the officer's key slot (`Register::retire_officer_as`), so their
//! password no longer opens the register. A register without passwords is managed by the OS user
//! who owns it, as before (docs/access.md, "The command line").

use crate::error::{CliError, Exit};
use crate::{location, table};
use clap::Subcommand;
use std::path::Path;
use tiepdan_domain::access::{Permission, Role};
use tiepdan_domain::OfficerId;
use tiepdan_register::sessions::Session;
use tiepdan_register::Register;

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
}

fn parse_role(text: &str) -> Result<Role, String> {
    Role::from_word(text)
        .ok_or_else(|| format!("\"{text}\" is not a role (vai trò): use clerk, leader or administrator"))
}

fn officer_id(text: &str) -> Result<OfficerId, CliError> {
    text.parse().map_err(|_| CliError::new(Exit::Invalid, format!("\"{text}\" is not an officer id")))
}

/// The signed-in administrator who changes the officers of a register with passwords (the session
/// that opened it, else a sign-in with `--sign-in`); `None` for a register without passwords.
fn administrator(register: &mut Register, opened_by: Option<Session>) -> Result<Option<Session>, CliError> {
    if !register.has_keys() {
        return Ok(None);
    }
    let session = match opened_by {
        Some(session) => session,
        None => {
            let (officer, password) = location::officer_and_password()?;
            register.sign_in(officer, &password)?
        }
    };
    session.require(Permission::ManageOfficers)?;
    Ok(Some(session))
}

pub fn run(data_dir: &Path, command: Command) -> Result<(), CliError> {
    let (mut register, opened_by) = location::open_signed_in(data_dir)?;
    let changes = !matches!(command, Command::List { .. });
    let admin = if changes { administrator(&mut register, opened_by)? } else { None };
    match command {
        Command::Add { name, position, mut roles } => {
            if roles.is_empty() {
                roles.push(Role::Clerk);
                if register.officers()?.is_empty() {
                    roles.push(Role::Administrator);
                }
            }
            let officer = register
                .add_officer(&name, &position, &roles)
                .map_err(|e| CliError::register("officer", e))?;
            println!("{}", officer.id);
        }
        Command::Roles { id, roles } => {
            let id = officer_id(&id)?;
            let by = admin.as_ref().map(|s| s.officer().id);
            let updated =
                register.set_officer_roles(by, id, roles).map_err(|e| CliError::register("officer", e))?;
            let words: Vec<_> = updated.roles.iter().map(|r| r.word()).collect();
            println!("officer {id} roles: {}", words.join(", "));
        }
        Command::List { json } => {
            let officers = register.officers()?;
            if json {
                return super::print_json(&officers);
            }
            let current = register.current_officer()?.map(|o| o.id);
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
        }
        Command::Retire { id } => {
            let id = officer_id(&id)?;
            match &admin {
                Some(session) => register.retire_officer_as(session, id)?,
                None => register.retire_officer(id)?,
            };
            println!("officer {id} retired");
        }
        Command::Use { id } => {
            register.set_current_officer(officer_id(&id)?)?;
            println!("officer {id} is now the desk's current officer");
        }
    }
    Ok(())
}
