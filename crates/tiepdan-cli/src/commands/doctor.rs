//! `tiepdan doctor`: is this register sound? Exit 0 only when SQLite's own check passes and every
//! event of every stream still matches its hash chain; otherwise exit 5 and say where it first breaks.
//! Warnings (a register without a key file, whose denunciations are not sealed and whose file is
//! not encrypted) do not fail it.

use crate::context::Context;
use crate::error::{CliError, Exit};
use crate::location;
use serde::Serialize;
use tiepdan_register::{BrokenLink, Register, RegisterError};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
}

/// What `doctor --json` prints.
#[derive(Debug, Serialize)]
struct Report {
    ok: bool,
    /// "ok", or what SQLite found wrong with the file.
    sqlite: String,
    /// Events whose hashes were checked.
    events: u64,
    /// The first event that is not what was written.
    broken: Option<BrokenLink>,
    /// Findings that do not make the register unsound.
    warnings: Vec<String>,
}

/// Said when the register has no key file (docs/access.md, "Sealed identities").
const NOT_SEALED: &str =
    "denunciations are not sealed: no key file (set the administrator's password to create register.keys)";

/// What is unsafe about a sound register: nothing sealed, nothing encrypted (issue 14 §5).
fn warnings(register: &Register) -> Vec<String> {
    let mut warnings = Vec::new();
    if !register.seals_identities() {
        warnings.push(NOT_SEALED.to_string());
    }
    if !register.is_encrypted() {
        warnings.push(super::init::NOT_ENCRYPTED.to_string());
    }
    warnings
}

pub fn run(cx: &Context, args: Args) -> Result<(), CliError> {
    let path = location::existing(cx)?;
    // An encrypted register is checked by a signed-in officer (`location`): without the key nothing
    // in it can be read, not even to check it.
    let report = match location::open_file(cx, &path) {
        // A file SQLite finds damaged cannot be opened: that is the doctor's finding, not a failure.
        Err(location::OpenError::Register(RegisterError::Corrupt(problem))) => {
            Report { ok: false, sqlite: problem, events: 0, broken: None, warnings: Vec::new() }
        }
        Err(other) => return Err(other.into()),
        Ok(register) => {
            let sqlite = match register.quick_check() {
                Ok(()) => "ok".to_string(),
                Err(RegisterError::Corrupt(problem)) => problem,
                Err(other) => return Err(other.into()),
            };
            let chain = register.verify()?;
            Report {
                ok: sqlite == "ok" && chain.is_intact(),
                sqlite,
                events: chain.events,
                broken: chain.broken,
                warnings: warnings(&register),
            }
        }
    };
    if args.json {
        super::print_json(&report)?;
    } else {
        if report.ok {
            println!("register ok: SQLite integrity ok, {} events verified", report.events);
        }
        // On standard output: standard error carries only the verdict of a failure.
        for warning in &report.warnings {
            println!("warning: {warning}");
        }
    }
    if report.ok {
        return Ok(());
    }
    let place = match &report.broken {
        _ if report.sqlite != "ok" => format!("SQLite integrity check failed: {}", report.sqlite),
        Some(b) => {
            format!("the event chain breaks at event seq {} of stream {}: {}", b.seq, b.stream, b.problem)
        }
        None => "unknown".to_string(),
    };
    Err(CliError::new(Exit::Register, format!("register damaged: {place}")))
}
