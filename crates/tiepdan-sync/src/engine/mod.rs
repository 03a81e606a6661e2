//! One sync round: take back what only the district holds of restored streams, push every stream's
//! unacknowledged events ([`push`]), then pull the ward feed ([`pull`]).
//!
//! The round reads the server's view of the desk's streams first (`GET /desk`), so each stream's
//! push starts from what the district durably holds. A stop that needs a person is typed: a stream
//! stopped for attention ([`StreamStop`], data kept) or the whole desk blocked ([`Block`]: enrol
//! again, or update the app). Both are saved in the state file, so the runner and the status light
//! see them between rounds.

mod pull;
mod push;

use crate::client::{Http, Reply};
use crate::error::{Result, SyncError};
use crate::restore::{self, TakenBack};
use crate::state::{Ack, Attention, Block, Blocked, Enrollment, StreamStop, SyncState};
use std::cell::RefCell;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;
use tiepdan_domain::clock::Clock;
use tiepdan_domain::ids::StreamId;
use tiepdan_protocol::{paths, DeskInfo, ErrorBody, ErrorCode, StreamState, PROTOCOL_VERSION};
use tiepdan_register::Register;

pub use crate::restore::server_events;
pub use push::DEFAULT_BATCH;

/// Access to the register, whether owned or shared with the app behind a mutex. The lock is held
/// only while reading or importing, never across a network call.
pub trait Journal {
    fn read<R>(&self, f: impl FnOnce(&Register) -> R) -> R;
    /// For taking back a restored stream's missing events (one transaction in the register).
    fn write<R>(&self, f: impl FnOnce(&mut Register) -> R) -> R;
}

impl Journal for RefCell<Register> {
    fn read<R>(&self, f: impl FnOnce(&Register) -> R) -> R {
        f(&self.borrow())
    }
    fn write<R>(&self, f: impl FnOnce(&mut Register) -> R) -> R {
        f(&mut self.borrow_mut())
    }
}

impl Journal for Mutex<Register> {
    fn read<R>(&self, f: impl FnOnce(&Register) -> R) -> R {
        // A panic elsewhere while holding the lock leaves no partial write: register writes are
        // single transactions. So a poisoned lock is still a usable register.
        f(&self.lock().unwrap_or_else(|p| p.into_inner()))
    }
    fn write<R>(&self, f: impl FnOnce(&mut Register) -> R) -> R {
        f(&mut self.lock().unwrap_or_else(|p| p.into_inner()))
    }
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct RoundReport {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub stored: u64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub duplicates: u64,
    /// Events of every stream not yet acknowledged after this round.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub pending: u64,
    pub needs_attention: Vec<StreamId>,
    /// Streams whose mark went down because the server had less than it had acknowledged.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub regressions: u64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub feed_entries: usize,
    /// How many times a 413 halved the batch.
    pub halvings: u32,
    /// Events of restored (frozen) streams taken back from the district into the register.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub imported: u64,
}

pub(crate) fn refusal(status: u16, body: ErrorBody) -> SyncError {
    match body.code {
        ErrorCode::Unauthorized | ErrorCode::Forbidden | ErrorCode::EnrollmentRefused => {
            SyncError::NeedsEnrollment(body.message)
        }
        ErrorCode::ProtocolTooOld => SyncError::NeedsUpdate(body.message),
        _ => SyncError::Refused { status, message: body.message.clone(), body: Box::new(body) },
    }
}

/// One full round. The state file is saved after every acknowledged batch and at the end.
pub fn round(journal: &impl Journal, state_path: &Path, clock: &dyn Clock) -> Result<RoundReport> {
    let mut state = SyncState::load(state_path)?;
    let enrollment = state.enrollment.clone().ok_or(SyncError::NotEnrolled)?;
    if let Some(b) = &state.blocked {
        match b.code {
            // An update since the block was saved may be the one the district asked for: try again.
            Block::NeedsUpdate if b.protocol_version < PROTOCOL_VERSION => state.blocked = None,
            Block::NeedsUpdate => return Err(SyncError::NeedsUpdate(b.message.clone())),
            Block::NeedsEnrollment => return Err(SyncError::NeedsEnrollment(b.message.clone())),
        }
    }
    let credential = crate::credential::for_round(journal, &mut state, state_path)?;
    let http = Http::new(&enrollment.server_url, Some(&credential))?;
    let mut round =
        Round { http, journal, state_path, state: &mut state, clock, report: RoundReport::default() };
    let result = round.run();
    let report = std::mem::take(&mut round.report);
    let now = clock.now();
    match &result {
        Ok(()) => {
            if report.needs_attention.is_empty() {
                state.last_success = Some(now);
            }
            state.last_error = None;
        }
        Err(e) => {
            state.last_error = Some(e.to_string());
            state.last_error_at = Some(now);
            let blocked = match e {
                SyncError::NeedsEnrollment(m) => Some((Block::NeedsEnrollment, m)),
                SyncError::NeedsUpdate(m) => Some((Block::NeedsUpdate, m)),
                _ => None,
            };
            if let Some((code, message)) = blocked {
                state.blocked = Some(Blocked {
                    code,
                    message: message.clone(),
                    protocol_version: PROTOCOL_VERSION,
                    at: now,
                });
            }
        }
    }
    state.save(state_path)?;
    result.map(|()| report)
}

struct Round<'a, J: Journal> {
    http: Http,
    journal: &'a J,
    state_path: &'a Path,
    state: &'a mut SyncState,
    clock: &'a dyn Clock,
    report: RoundReport,
}

impl<J: Journal> Round<'_, J> {
    fn run(&mut self) -> Result<()> {
        let desk: DeskInfo = match self.http.get(paths::DESK)? {
            Reply::Ok(d) => d,
            Reply::Refused(s, b) => return Err(refusal(s, b)),
        };
        if let Some(server_time) = desk.server_time {
            self.state.clock_skew_seconds = Some((self.clock.now() - server_time).num_seconds());
        }
        // A renamed upstream reaches the desk on its next round (saved with the round's state).
        if let Some(enrollment) = self.state.enrollment.as_mut() {
            enrollment.upstream_name = Enrollment::shown_name(desk.upstream_name.as_deref());
        }
        let server: HashMap<StreamId, StreamState> =
            desk.streams.into_iter().map(|s| (s.stream, s)).collect();
        let mut streams = self.journal.read(|r| r.streams())?;
        let behind: Vec<(StreamId, u64)> = streams
            .iter()
            .filter(|s| s.frozen && !self.state.attention.contains_key(&s.id))
            .filter(|s| server.get(&s.id).is_some_and(|v| !v.quarantined && v.hwm > s.max_seq))
            .map(|s| (s.id, s.max_seq))
            .collect();
        for (id, max_seq) in behind {
            self.take_back(id, max_seq)?;
        }
        if self.report.imported > 0 {
            streams = self.journal.read(|r| r.streams())?;
        }
        // A fork the district has released (after dealing with the copy) no longer stops the stream.
        let released: Vec<StreamId> = self
            .state
            .attention
            .iter()
            .filter(|(id, a)| a.code == StreamStop::Fork && server.get(id).is_some_and(|s| !s.quarantined))
            .map(|(id, _)| *id)
            .collect();
        if !released.is_empty() {
            released.iter().for_each(|id| drop(self.state.attention.remove(id)));
            self.state.save(self.state_path)?;
        }
        // A refusal that concerns one stream's events (a 4xx that is not about the credential or
        // the version) must not keep the other streams or the feed waiting: it is kept, the rest of
        // the round goes on, and the round then fails with it (recorded, retried later).
        let mut refused = None;
        for stream in &streams {
            if !self.state.attention.contains_key(&stream.id) {
                match self.push_stream(stream, server.get(&stream.id)) {
                    Err(e @ SyncError::Refused { .. }) => {
                        refused.get_or_insert(e);
                    }
                    other => other?,
                }
            }
        }
        self.report.needs_attention = self.state.attention.keys().copied().collect();
        self.report.pending =
            streams.iter().map(|s| s.max_seq.saturating_sub(self.state.acknowledged(s.id))).sum();
        self.pull_feed()?;
        refused.map_or(Ok(()), Err)
    }

    /// Takes back a restored stream's missing events; a batch the register refuses stops the stream.
    fn take_back(&mut self, stream: StreamId, max_seq: u64) -> Result<()> {
        match restore::take_back(&self.http, self.journal, stream, max_seq)? {
            TakenBack::Imported(n) => {
                self.report.imported += n;
                Ok(())
            }
            TakenBack::Refused(body) => self.stop_stream(stream, StreamStop::BrokenChain, &body),
        }
    }

    fn set_ack(&mut self, stream: StreamId, hwm: u64, head: String) -> Result<()> {
        self.state.acks.insert(stream, Ack { hwm, head });
        self.state.save(self.state_path)
    }

    /// Stops `stream` for a person to look at, keeping its data; `body` says where and why.
    fn stop_stream(&mut self, stream: StreamId, code: StreamStop, body: &ErrorBody) -> Result<()> {
        let attention =
            Attention { code, seq: body.fork_seq, message: body.message.clone(), at: self.clock.now() };
        self.state.attention.insert(stream, attention);
        self.state.save(self.state_path)
    }
}
