//! `tiepdan officer`: the ward's reception officers. Officers are retired, never deleted.

use crate::error::{CliError, Exit};
use crate::{location, table};
use clap::Subcommand;
use std::path::Path;
use tiepdan_domain::OfficerId;

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

fn officer_id(text: &str) -> Result<OfficerId, CliError> {
    text.parse().map_err(|_| CliError::new(Exit::Invalid, format!("\"{text}\" is not an officer id")))
}

pub fn run(data_dir: &Path, command: Command) -> Result<(), CliError> {
    let mut register = location::open(data_dir)?;
    match command {
        Command::Add { name, position } => {
            let officer =
                register.add_officer(&name, &position).map_err(|e| CliError::register("officer", e))?;
            println!("{}", officer.id);
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
                        if o.active { "đang làm".into() } else { "đã nghỉ".into() },
                    ]
                })
                .collect();
            table::print(&["", "ID", "Họ tên", "Chức vụ", "Trạng thái"], &rows);
        }
        Command::Retire { id } => {
            register.retire_officer(officer_id(&id)?)?;
            println!("officer {id} retired");
        }
        Command::Use { id } => {
            register.set_current_officer(officer_id(&id)?)?;
            println!("officer {id} is now the desk's current officer");
        }
    }
    Ok(())
}
