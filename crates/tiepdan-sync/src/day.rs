//! End of day (`shared/sync-design.md`, Lifecycle): the day-close event, then a sync, then the day
//! report saying what reached the district. The report is computed only from what the server
//! acknowledged (I6): the day has reached the district when the close event itself is acknowledged,
//! since the chain makes that cover every event before it.
//!
//! The round is passed in: the CLI runs [`crate::round`] directly, the desk app asks its running
//! [`crate::Runner`] (`send_now`) so that two rounds never run at once on one state file. A failed
//! round does not undo the close: the close is in the journal and goes with the next round.

use crate::engine::{round, RoundReport};
use crate::error::Result;
use crate::state::SyncState;
use crate::status::{status, StatusKind};
use chrono::NaiveDate;
use serde::Serialize;
use std::path::Path;
use std::sync::Mutex;
use tiepdan_domain::clock::Clock;
use tiepdan_register::{Actor, DaySummary, Register};

/// What the clerk sees after "Kết thúc ngày".
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DayReport {
    pub summary: DaySummary,
    /// The district acknowledged the close event, and so everything before it in its stream.
    pub reached_district: bool,
    /// The district's acknowledged seq of the close's stream after the round.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub acknowledged_seq: u64,
    /// Events of every stream still waiting for the district.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub pending: u64,
    /// Why the round did not complete, if it did not.
    pub sync_error: Option<String>,
    pub status: StatusKind,
}

/// Closes `date` in the register, runs `send` (one sync round) and reports what the district holds.
/// Fails only when the close itself cannot be written or the state cannot be read; a failed round
/// is reported in [`DayReport::sync_error`].
pub fn close_day(
    register: &Mutex<Register>,
    actor: &Actor<'_>,
    state_path: &Path,
    date: NaiveDate,
    send: impl FnOnce() -> Result<RoundReport>,
) -> Result<DayReport> {
    let summary = register.lock().unwrap_or_else(|p| p.into_inner()).close_day(actor, date)?;
    report_day(register, state_path, summary, send)
}

/// After the day's close was written (`summary`): runs `send` (one sync round) and reports what the
/// district holds. For a caller that writes the close itself, under its own lock of the register.
pub fn report_day(
    register: &Mutex<Register>,
    state_path: &Path,
    summary: DaySummary,
    send: impl FnOnce() -> Result<RoundReport>,
) -> Result<DayReport> {
    let sync_error = send().err().map(|e| e.to_string());
    let state = SyncState::load(state_path)?;
    let now = status(register, &state, false)?;
    let acknowledged_seq = state.acknowledged(summary.stream);
    Ok(DayReport {
        reached_district: acknowledged_seq >= summary.close_seq,
        acknowledged_seq,
        pending: now.pending,
        sync_error,
        status: now.kind,
        summary,
    })
}

/// [`close_day`] with a round run here and now (for a process that runs no [`crate::Runner`]).
pub fn close_day_with_round(
    register: &Mutex<Register>,
    actor: &Actor<'_>,
    state_path: &Path,
    clock: &dyn Clock,
    date: NaiveDate,
) -> Result<DayReport> {
    close_day(register, actor, state_path, date, || round(register, state_path, clock))
}
