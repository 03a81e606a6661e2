//! The desk's sync status, computed only from what the server acknowledged (never from what was
//! merely sent): all sent / N waiting / sending / offline / needs attention.

use crate::engine::Journal;
use crate::error::Result;
use crate::state::SyncState;
use chrono::{DateTime, Utc};
use serde::Serialize;

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StatusKind {
    NotEnrolled,
    AllSent,
    Waiting,
    Sending,
    Offline,
    NeedsAttention,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Status {
    pub kind: StatusKind,
    /// The current stream's highest seq.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub local_max_seq: u64,
    /// The current stream's acknowledged seq.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub acknowledged_seq: u64,
    /// Unacknowledged events over every stream.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub pending: u64,
    pub last_success: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
    /// Why the desk needs a person: a fork, a revoked credential, an outdated app.
    pub attention: Vec<String>,
    /// The streams stopped for a person, with what it means and what lifts the stop.
    pub stopped: Vec<crate::stops::StoppedStream>,
    /// Desk clock minus server clock at the last round, in seconds.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub clock_skew_seconds: Option<i64>,
    /// The skew exceeds [`CLOCK_SKEW_WARNING_SECONDS`]: show it to the clerk.
    pub clock_skew_warning: bool,
}

/// Five minutes (`sync-design.md`, Lifecycle).
pub const CLOCK_SKEW_WARNING_SECONDS: i64 = 5 * 60;

/// The status of the register in `journal` given the saved sync state; `sending` while a round runs.
pub fn status(journal: &impl Journal, state: &SyncState, sending: bool) -> Result<Status> {
    let (streams, current) =
        journal.read(|r| Ok::<_, crate::SyncError>((r.streams()?, r.current_stream()?)))?;
    let pending = streams.iter().map(|s| s.max_seq.saturating_sub(state.acknowledged(s.id))).sum();
    let mut attention: Vec<String> =
        state.attention.iter().map(|(stream, a)| format!("{stream}: {} ({})", a.message, a.code)).collect();
    if let Some(b) = &state.blocked {
        attention.push(format!("{}: {}", b.code, b.message));
    }
    let failing = match (state.last_error_at, state.last_success) {
        (Some(err), Some(ok)) => err > ok,
        (Some(_), None) => true,
        _ => false,
    };
    let kind = if state.enrollment.is_none() {
        StatusKind::NotEnrolled
    } else if !attention.is_empty() {
        StatusKind::NeedsAttention
    } else if sending {
        StatusKind::Sending
    } else if pending == 0 {
        StatusKind::AllSent
    } else if failing {
        StatusKind::Offline
    } else {
        StatusKind::Waiting
    };
    Ok(Status {
        kind,
        local_max_seq: current.max_seq,
        acknowledged_seq: state.acknowledged(current.id),
        pending,
        last_success: state.last_success,
        last_error: state.last_error.clone(),
        attention,
        stopped: crate::stops::stopped(state),
        clock_skew_seconds: state.clock_skew_seconds,
        clock_skew_warning: state.clock_skew_seconds.is_some_and(|s| s.abs() > CLOCK_SKEW_WARNING_SECONDS),
    })
}
