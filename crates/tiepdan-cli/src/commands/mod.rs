//! The command line: one file per command. Each file holds its clap arguments and a `run` that opens
//! the register, calls the library and prints; nothing here decides a rule of the register.

pub(crate) mod audit;
mod backup;
mod calendar;
mod close_day;
mod deadline;
mod decision_args;
mod doctor;
mod due;
mod enroll;
mod init;
mod officer;
mod opening;
mod outgoing;
mod petition;
mod petition_intake;
mod print;
mod recover;
mod report;
mod restore;
mod schedule;
mod search;
mod session;
mod status;
mod sync;
mod visit;
mod visit_reveal;
mod visit_view;
mod ward;

use crate::context::Context;
use crate::error::CliError;
use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// The ward reception register (Sổ tiếp công dân) from the command line.
#[derive(Debug, Parser)]
#[command(name = "tiepdan", version, propagate_version = true)]
pub struct Cli {
    /// Folder holding the register. Default: $TIEPDAN_DATA_DIR, else the desk app's data folder.
    #[arg(long, global = true, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    /// The officer (id) who signs in to an encrypted register; default: $TIEPDAN_OFFICER. The
    /// password comes from $TIEPDAN_PASSWORD, else one line of standard input. On a register without
    /// passwords, the officer who acts (default: the desk's officer, `officer use`).
    #[arg(long = "sign-in", global = true, value_name = "OFFICER_ID")]
    sign_in: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Set up a new register for this desk of the ward.
    Init(init::Args),
    /// Show the ward profile of this desk.
    Ward(ward::Args),
    /// Reception officers: add, list, retire, choose the current one.
    #[command(subcommand)]
    Officer(officer::Command),
    /// Visits (lượt tiếp): record, show, list, amend, cancel, history.
    #[command(subcommand)]
    Visit(visit::Command),
    /// Find visits by a visitor's name, ID number or receipt number, diacritics optional.
    Search(search::Args),
    /// Check SQLite integrity and the whole event chain; exit 0 only when both are sound.
    Doctor(doctor::Args),
    /// Write a consistent, checked copy of the register to a file.
    Backup(backup::Args),
    /// Replace this desk's register (and key file) with a backup; the desk continues in a new stream epoch.
    Restore(restore::Args),
    /// Give an administrator a new password with the recovery key from the ward's safe.
    Recover(recover::Args),
    /// Work out one statutory deadline: the due date and the days counted and skipped, with why.
    Deadline(deadline::Args),
    /// Việc cần làm: petitions overdue or due within N working days, most urgent first.
    Due(due::Args),
    /// Petitions: register one received without a visit, process it, list them; the follow-up
    /// (deadlines, results: accept, reject, transfer, answer, extend, resolve) and repeat-visit links.
    #[command(subcommand)]
    Petition(petition::Command),
    /// Leader reception sessions (kỳ tiếp): plan, close as held or cancelled, list.
    #[command(subcommand)]
    Session(session::Command),
    /// The reception calendar: the head's fixed reception days and the desk's regular hours.
    #[command(subcommand)]
    Schedule(schedule::Command),
    /// The working-day calendar: the administrator's overrides.
    #[command(subcommand)]
    Calendar(calendar::Command),
    /// Forms of a visit and the register book as PDF, printing, the print log and the desk's printer.
    #[command(subcommand)]
    Print(print::Command),
    /// Documents the ward issues: the outgoing register, their abbreviations and who signs them.
    #[command(subcommand)]
    Outgoing(outgoing::Command),
    /// Enrol this desk with the district server using a one-time code.
    Enroll(enroll::Args),
    /// One full sync round with the district; exit 0 only when everything is acknowledged.
    Sync(sync::Args),
    /// The sync status: what the district has acknowledged and what still waits.
    Status(status::Args),
    /// End of day: record the day-close event, sync, and print the day's summary.
    CloseDay(close_day::Args),
    /// Periodic reports (Thông tư 01/2024): 01/TCD, 01–04/XLD, 01–02/KQGQ, 02/TCD for a period, as a
    /// table, JSON, XLSX or PDF.
    Report(report::Args),
    /// Opening balances of the report forms, for a ward that starts mid-year: declare, correct, list.
    #[command(subcommand)]
    Opening(opening::Command),
    /// The access audit: who signed in, opened, printed, exported, changed passwords or roles.
    Audit(audit::Args),
}

pub fn run(cli: Cli) -> Result<(), CliError> {
    // Built once and lent to the command; dropped (its kept password wiped) when the command ends.
    let cx = Context::new(cli.data_dir, cli.sign_in);
    match cli.command {
        Command::Init(args) => init::run(&cx, args),
        Command::Ward(args) => ward::run(&cx, args),
        Command::Officer(command) => officer::run(&cx, command),
        Command::Visit(command) => visit::run(&cx, command),
        Command::Search(args) => search::run(&cx, args),
        Command::Doctor(args) => doctor::run(&cx, args),
        Command::Backup(args) => backup::run(&cx, args),
        Command::Restore(args) => restore::run(&cx, args),
        Command::Recover(args) => recover::run(&cx, args),
        Command::Deadline(args) => deadline::run(&cx, args),
        Command::Due(args) => due::run(&cx, args),
        Command::Petition(command) => petition::run(&cx, command),
        Command::Session(command) => session::run(&cx, command),
        Command::Schedule(command) => schedule::run(&cx, command),
        Command::Calendar(command) => calendar::run(&cx, command),
        Command::Print(command) => print::run(&cx, command),
        Command::Outgoing(command) => outgoing::run(&cx, command),
        Command::Enroll(args) => enroll::run(&cx, args),
        Command::Sync(args) => sync::run(&cx, args),
        Command::Status(args) => status::run(&cx, args),
        Command::CloseDay(args) => close_day::run(&cx, args),
        Command::Audit(args) => audit::run(&cx, args),
        Command::Report(args) => report::run(&cx, args),
        Command::Opening(command) => opening::run(&cx, command),
    }
}

/// Prints a value as pretty JSON on standard output.
fn print_json<T: serde::Serialize>(value: &T) -> Result<(), CliError> {
    let text = serde_json::to_string_pretty(value)
        .map_err(|e| CliError::new(crate::error::Exit::Failure, format!("cannot write JSON: {e}")))?;
    println!("{text}");
    Ok(())
}
