//! `tiepdan`: the headless command of a ward's reception desk, for IT staff, automation and tests.
//!
//! A thin shell, like the desk app's Tauri commands: each subcommand (one file under `commands/`)
//! parses its arguments, calls one or two functions of `tiepdan-register`, prints the result, and maps
//! errors once to a one-line message and an exit code ([`error::Exit`]). The rules of the register live
//! in `tiepdan-domain` and `tiepdan-register`, never here, so the CLI and the desk app cannot disagree.
//! `docs/cli.md` is the reference of the commands, the exit codes and the visit JSON.

mod commands;
mod context;
mod error;
mod location;
mod table;
mod visit_input;
mod words;

use clap::Parser;
use std::any::Any;
use std::panic::AssertUnwindSafe;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = commands::Cli::parse();
    // A reader that stops early (`tiepdan visit list | head`) closes standard output and `println!`
    // then panics. Everything the command changed was committed before it printed, so this is not a
    // failure of the command: end quietly, as other Unix tools do, instead of printing a panic.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !is_broken_pipe(info.payload()) {
            default_hook(info)
        }
    }));
    match std::panic::catch_unwind(AssertUnwindSafe(|| commands::run(cli))) {
        Ok(Ok(())) => ExitCode::SUCCESS,
        Ok(Err(e)) => {
            // One line, whatever the underlying error text holds, so scripts can log it as a record.
            eprintln!("error: {}", e.message.split_whitespace().collect::<Vec<_>>().join(" "));
            ExitCode::from(e.exit as u8)
        }
        Err(payload) if is_broken_pipe(payload.as_ref()) => ExitCode::SUCCESS,
        Err(payload) => std::panic::resume_unwind(payload),
    }
}

/// Whether a panic is `println!` failing on a closed pipe (EPIPE), not a bug.
fn is_broken_pipe(payload: &(dyn Any + Send)) -> bool {
    let message = payload
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| payload.downcast_ref::<&str>().copied())
        .unwrap_or_default();
    message.starts_with("failed printing to stdout") && message.contains("os error 32")
}
