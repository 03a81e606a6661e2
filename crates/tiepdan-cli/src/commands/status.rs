//! `tiepdan status [--json]`: the desk's sync status as the desk app shows it, computed only from
//! what the district acknowledged (`tiepdan_sync::status`): local max seq, acknowledged seq, pending
//! count, last success, last error. Reads only; runs no round.

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
    let register = Mutex::new(location::open(cx)?);
    let state = SyncState::load(&SyncState::path_in(cx.data_dir())).map_err(CliError::sync)?;
    let status = tiepdan_sync::status(&register, &state, false).map_err(CliError::sync)?;
    if args.json {
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
    Ok(())
}
