//! `tiepdan sync [--json]`: one full sync round (`tiepdan_sync::round`): take back what only the
//! district holds of a restored register's frozen streams, push every stream's unacknowledged
//! events, then pull the ward feed. What it delivered is `tiepdan_sync::send_now`'s verdict, the
//! same as the desk's "Gửi ngay": exit 0 only when the district has acknowledged everything local;
//! otherwise exit 7 with why (offline, refused, a stream needing attention). `--resume STREAM` first
//! lifts a stream's stop (audited), the CLI's "Thử gửi lại".

use crate::context::Context;
use crate::error::{CliError, Exit};
use crate::location;
use serde::Serialize;
use std::sync::Mutex;
use tiepdan_domain::acts::Act;
use tiepdan_domain::clock::SystemClock;
use tiepdan_domain::ids::StreamId;
use tiepdan_sync::{Delivered, RoundReport, SendOutcome, Status, SyncState};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print the round's report and the resulting status as JSON (also when it fails).
    #[arg(long)]
    json: bool,
    /// Lift the stop of this stream first (administrator; `tiepdan status` lists stopped streams),
    /// once its cause was dealt with: the round tries it again, and a cause still there stops it again.
    #[arg(long, value_name = "STREAM")]
    resume: Option<StreamId>,
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

pub fn run(cx: &Context, args: Args) -> Result<(), CliError> {
    let (mut register, session) = location::open_signed_in(cx)?;
    let actor = location::actor(cx, &register, session.as_ref())?;
    register.permit(&actor, Act::SyncRegister)?;
    let state_path = SyncState::path_in(cx.data_dir());
    if let Some(stream) = args.resume {
        register.may_change_sync(&actor)?;
        let lifted =
            tiepdan_sync::stops::lift(&state_path, stream).map_err(CliError::sync)?.ok_or_else(|| {
                CliError::new(Exit::Invalid, format!("stream {stream} is not stopped: nothing to resume"))
            })?;
        register.record_stream_resumed(&actor, &stream.to_string(), &lifted.code)?;
        eprintln!("sync: lifted the stop of stream {stream} ({}); trying it again", lifted.code);
    }
    let register = Mutex::new(register);
    let outcome = tiepdan_sync::send_now(&register, &state_path, || {
        tiepdan_sync::round(&register, &state_path, &SystemClock)
    })
    .map_err(CliError::sync)?;
    let SendOutcome { round, delivered, status } = outcome;
    let ok = matches!(delivered, Delivered::All);
    let (error, failure) = match delivered {
        Delivered::All => (None, None),
        Delivered::NotSent(e) => (Some(e.to_string()), Some(CliError::sync(e))),
        Delivered::NeedsAttention { pending } | Delivered::Unconfirmed { pending } => {
            let why = format!(
                "{pending} events are not acknowledged by the district: {}",
                status.attention.join("; ")
            );
            (None, Some(CliError::new(Exit::Sync, why)))
        }
    };
    if args.json {
        super::print_json(&Outcome { ok, round: round.clone(), error, status: status.clone() })?;
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
