//! The ward desk's sync engine (`shared/sync-design.md`, Push, Pull and Lifecycle).
//!
//! It owns the network-client world (reqwest with rustls). It reads the journal through the register
//! and keeps its own small state file beside it ([`state`]): the credential (encrypted under the
//! register key, so only an open register can use it: `credential`), the acknowledged mark of
//! each stream (set only from the server's answers, I6), streams that need attention, and the ward
//! feed's cursor with the reference data it brought (written together atomically, I7); the
//! district's calendar among that data is applied to the register's deadlines ([`reference`]).
//! [`engine::round`] is one full round (its push and pull in their own modules); [`runner::Runner`]
//! drives rounds from a timer with exponential backoff and full jitter (I8, I9), never only from new
//! writes; [`day::close_day`] is the end of day (close event, round, report of what reached the
//! district). [`enrollment::enroll`] and [`delivery::send_now`] are what the desk app and the command
//! line call to enrol and to sync on request, so neither shell decides what an address or an
//! outcome means. What leaves the desk goes through [`tiepdan_protocol::withhold`] with each event's
//! protection decided by the register, so a denouncer's identity stays at the ward.
//! It must not depend on the server crate (only its tests do) nor on any window.

pub mod backoff;
pub mod client;
mod credential;
pub mod day;
pub mod delivery;
pub mod engine;
pub mod enrollment;
pub mod error;
pub mod reference;
mod restore;
pub mod runner;
pub mod state;
pub mod status;
pub mod stops;

pub use day::{close_day, close_day_with_round, report_day, DayReport};
pub use delivery::{send_now, Delivered, SendOutcome};
pub use engine::{round, RoundReport};
pub use enrollment::enroll;
pub use error::SyncError;
pub use runner::{Resumed, Runner, RunnerOptions};
pub use state::SyncState;
pub use status::{status, Status, StatusKind};
pub use stops::StoppedStream;
