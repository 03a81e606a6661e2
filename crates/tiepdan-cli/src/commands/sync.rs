//! `tiepdan sync [--json]`: one full sync round (`tiepdan_sync::round`): take back what only the
//! district holds of a restored register's frozen streams, push every stream's unacknowledged
//! events, then pull the ward feed. Exit 0 only when the district has acknowledged
//! everything local; otherwise exit 7 with why (offline, refused, a stream needing attention).

use crate::error::{CliError, Exit};
use crate::location;
use serde::Serialize;
use std::path::Path;
use std::sync::Mutex;
use tiepdan_domain::acts::Act;
use tiepdan_domain::clock::SystemClock;
use tiepdan_sync::{RoundReport, Status, SyncState};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print the round's report and the resulting status as JSON (also when it fails).
    #[arg(long)]
    json: bool,
}

/// What `sync --json` prints.
#[derive(Debug, Serialize)]
struct Outcome {
    ok: bool,
    /// The round's counts, when the round completed.
    round: Option<RoundReport>,
    /// Why the round did not complete.
    error: Option<String>,
    status: Status,
}

pub fn run(data_dir: &Path, args: Args) -> Result<(), CliError> {
    let (register, session) = location::open_signed_in(data_dir)?;
    register.permit(&location::actor(&register, session.as_ref())?, Act::SyncRegister)?;
    let register = Mutex::new(register);
    let state_path = SyncState::path_in(data_dir);
    let result = tiepdan_sync::round(&register, &state_path, &SystemClock);
    let state = SyncState::load(&state_path).map_err(CliError::sync)?;
    let status = tiepdan_sync::status(&register, &state, false).map_err(CliError::sync)?;
    let (round, error) = match result {
        Ok(report) => (Some(report), None),
        Err(e) => (None, Some(e)),
    };
    let ok = error.is_none() && status.pending == 0;
    let error_text = error.as_ref().map(|e| e.to_string());
    let failure = match error {
        Some(e) => Some(CliError::sync(e)),
        None if status.pending > 0 => Some(CliError::new(
            Exit::Sync,
            format!(
                "{} events are not acknowledged by the district: {}",
                status.pending,
                status.attention.join("; ")
            ),
        )),
        None => None,
    };
    if args.json {
        super::print_json(&Outcome { ok, round: round.clone(), error: error_text, status: status.clone() })?;
    } else if let Some(report) = &round {
        if report.imported > 0 {
            println!(
                "sync: {} events taken back from the district into the restored register",
                report.imported
            );
        }
        println!(
            "sync: {} stored, {} already held, {} waiting; acknowledged {} of {} in this stream",
            report.stored, report.duplicates, status.pending, status.acknowledged_seq, status.local_max_seq
        );
    }
    failure.map_or(Ok(()), Err)
}
