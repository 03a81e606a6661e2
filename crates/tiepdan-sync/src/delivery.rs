//! What a sync someone asked for really achieved ("Gửi ngay" in the desk app, `tiepdan sync` on the
//! command line): decided once, here, from the round's result and the status computed afterwards
//! from what the district acknowledged (never from what was merely sent). The shells only word it.

use crate::engine::{Journal, RoundReport};
use crate::error::{Result, SyncError};
use crate::state::SyncState;
use crate::status::{status, Status};
use std::path::Path;

/// The outcome, from the clerk's point of view.
#[derive(Debug)]
pub enum Delivered {
    /// The district acknowledged every local event.
    All,
    /// The round completed, but events wait on a stream or a stop that needs a person (a fork, a
    /// revoked credential, an outdated app); [`Status::attention`] says which.
    NeedsAttention { pending: u64 },
    /// The round completed and events are not acknowledged yet (written while it ran, say).
    Unconfirmed { pending: u64 },
    /// The round did not complete.
    NotSent(SyncError),
}

/// A requested round's report (when it completed), what it delivered, and the status after it.
#[derive(Debug)]
pub struct SendOutcome {
    pub round: Option<RoundReport>,
    pub delivered: Delivered,
    pub status: Status,
}

impl SendOutcome {
    pub fn all_sent(&self) -> bool {
        matches!(self.delivered, Delivered::All)
    }
}

/// Runs `round` (the command line runs [`crate::round`] itself; the desk asks its runner, so two
/// rounds never race on one state file) and says what it delivered. Fails only when the status
/// cannot be read afterwards; a failed round is [`Delivered::NotSent`].
pub fn send_now(
    journal: &impl Journal,
    state_path: &Path,
    round: impl FnOnce() -> Result<RoundReport>,
) -> Result<SendOutcome> {
    let result = round();
    let state = SyncState::load(state_path)?;
    let status = status(journal, &state, false)?;
    let pending = status.pending;
    let (round, delivered) = match result {
        Ok(report) if pending == 0 => (Some(report), Delivered::All),
        Ok(report) if !status.attention.is_empty() => (Some(report), Delivered::NeedsAttention { pending }),
        Ok(report) => (Some(report), Delivered::Unconfirmed { pending }),
        Err(e) => (None, Delivered::NotSent(e)),
    };
    Ok(SendOutcome { round, delivered, status })
}
