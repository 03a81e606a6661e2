//! `tiepdan status [--json]`: the desk's sync status as the desk app shows it, computed only from
//! what the district acknowledged (`tiepdan_sync::status`): local max seq, acknowledged seq, pending
//! count, last success, last error; and a warning when the register (and so the credential) is not
//! encrypted. Reads only; runs no round.

use crate::context::Context;
use crate::error::CliError;
use crate::location;
use std::sync::Mutex;
use tiepdan_sync::{StatusKind, SyncState};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print the status as JSON.
    #[arg(long)]
    json: bool,
}

pub fn run(cx: &Context, args: Args) -> Result<(), CliError> {
    let register = location::open(cx)?;
    // A plain register keeps the sync credential in clear too (`tiepdan_sync::state`): said on
    // standard error with --json, so the JSON stays what scripts parse.
    let plain = !register.is_encrypted();
    let register = Mutex::new(register);
    let state = SyncState::load(&SyncState::path_in(cx.data_dir())).map_err(CliError::sync)?;
    let status = tiepdan_sync::status(&register, &state, false).map_err(CliError::sync)?;
    if args.json {
        if plain {
            eprintln!("warning: {}", super::init::NOT_ENCRYPTED);
        }
        return super::print_json(&status);
    }
    let kind = match status.kind {
        StatusKind::NotEnrolled => "not enrolled",
        StatusKind::AllSent => "all sent",
        StatusKind::Waiting => "waiting",
        StatusKind::Sending => "sending",
        StatusKind::Offline => "offline",
        StatusKind::NeedsAttention => "needs attention",
    };
    println!("status: {kind}");
    println!("local max seq: {}", status.local_max_seq);
    println!("acknowledged seq: {}", status.acknowledged_seq);
    println!("pending: {}", status.pending);
    let never = || "never".to_string();
    println!("last success: {}", status.last_success.map_or_else(never, |t| t.to_rfc3339()));
    println!("last error: {}", status.last_error.unwrap_or_else(|| "none".into()));
    for a in &status.attention {
        println!("needs attention: {a}");
    }
    for stop in status.stopped.iter().filter(|s| s.code != "fork") {
        // A fork lifts itself once the district releases it; the others wait for an administrator.
        println!(
            "stopped stream {} ({}): run `tiepdan sync --resume {}` once its cause is dealt with",
            stop.stream, stop.code, stop.stream
        );
    }
    if plain {
        println!("warning: {}", super::init::NOT_ENCRYPTED);
    }
    Ok(())
}
