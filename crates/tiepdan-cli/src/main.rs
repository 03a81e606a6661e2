//! `tiepdan`: the headless command of a ward's reception desk, for IT staff, automation and tests.
//!
//! A thin shell, like the desk app's Tauri commands: each subcommand (one file under `commands/`)
//! parses its arguments, calls one or two functions of `tiepdan-register`, prints the result, and maps
//! errors once to a one-line message and an exit code ([`error::Exit`]). The rules of the register live
//! in `tiepdan-domain` and `tiepdan-register`, never here, so the CLI and the desk app cannot disagree.
//! `docs/cli.md` is the reference of the commands, the exit codes and the visit JSON.

mod commands;
mod error;
mod location;
mod table;
mod visit_input;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = commands::Cli::parse();
    match commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // One line, whatever the underlying error text holds, so scripts can log it as a record.
            eprintln!("error: {}", e.message.split_whitespace().collect::<Vec<_>>().join(" "));
            ExitCode::from(e.exit as u8)
        }
    }
}
