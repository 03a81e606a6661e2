//! One sync round: push every stream's unacknowledged events, then pull the ward feed.
//!
//! Push (`sync-design.md`): contiguous batches from the acknowledged mark; on success the mark is
//! set from the server's answer only (I6) and saved before the next batch; on gap resend from the
//! expected seq; on fork stop that stream and keep its data; on 401/403 stop the round and ask for
//! enrollment; on 413 halve the batch; on 5xx or a network error end the round as transient (the
//! runner backs off). Before pushing, the server's view of the desk's streams is read: a server hwm
//! below the mark (a district restored from backup) lowers the mark and the events are pushed again;
//! a server ahead of the mark whose chain hash matches ours (an answer that was lost, or a desk
//! restored from a backup) raises it without resending. A frozen stream the server holds more of
//! than the desk (a desk restored from an older backup) first takes the missing events back
//! (`Register::import_events`), so the register ends complete; its mark then rises from the
//! server's own chain hash, as above, never from the import.

use crate::client::{Http, Reply};
use crate::error::{Result, SyncError};
use crate::state::{Ack, Attention, Blocked, Enrollment, SyncState};
use std::cell::RefCell;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;
use tiepdan_domain::clock::Clock;
use tiepdan_domain::event::Event;
use tiepdan_domain::ids::StreamId;
use tiepdan_domain::petition::PetitionKind;
use tiepdan_protocol::push::EventsPage;
use tiepdan_protocol::{
    paths, withhold, DeskInfo, EnrollRequest, EnrollResponse, ErrorBody, ErrorCode, FeedPage, PushRequest,
    PushResponse, StreamState, WireEvent, PROTOCOL_VERSION,
};
use tiepdan_register::{Register, StreamInfo};

pub use crate::restore::server_events;
use crate::restore::{self, TakenBack};

/// The first batch size of a round; halved on every 413.
pub const DEFAULT_BATCH: usize = 500;

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

/// Exchanges a one-time code for a credential and saves it; clears a previous stop.
pub fn enroll(state_path: &Path, server_url: &str, code: &str, clock: &dyn Clock) -> Result<Enrollment> {
    let mut state = SyncState::load(state_path)?;
    let http = Http::new(server_url, None)?;
    let req = EnrollRequest { code: code.trim().to_string() };
    let resp: EnrollResponse = match http.post(paths::ENROLL, &req)? {
        Reply::Ok(r) => r,
        Reply::Refused(426, b) => return Err(SyncError::NeedsUpdate(b.message)),
        Reply::Refused(_, b) => return Err(SyncError::EnrollmentRefused(b.message)),
    };
    let enrollment = Enrollment {
        server_url: server_url.trim_end_matches('/').to_string(),
        credential: resp.credential,
        ward_code: resp.ward_code,
        ward_name: resp.ward_name,
        desk: resp.desk,
        enrolled_at: clock.now(),
    };
    state.enrollment = Some(enrollment.clone());
    state.blocked = None;
    state.save(state_path)?;
    Ok(enrollment)
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
        if b.code == "needs_update" && b.protocol_version < PROTOCOL_VERSION {
            state.blocked = None;
        } else if b.code == "needs_update" {
            return Err(SyncError::NeedsUpdate(b.message.clone()));
        } else {
            return Err(SyncError::NeedsEnrollment(b.message.clone()));
        }
    }
    let http = Http::new(&enrollment.server_url, Some(&enrollment.credential))?;
    let mut round =
        Round { http, journal, state_path, state: &mut state, clock, report: RoundReport::default() };
    let result = round.run();
    let report = std::mem::take(&mut round.report);
    let now = clock.now();
    match &result {
        Ok(()) => {
            state.last_success = Some(now);
            state.last_error = None;
        }
        Err(e) => {
            state.last_error = Some(e.to_string());
            state.last_error_at = Some(now);
            let blocked = match e {
                SyncError::NeedsEnrollment(m) => Some(("needs_enrollment", m)),
                SyncError::NeedsUpdate(m) => Some(("needs_update", m)),
                _ => None,
            };
            if let Some((code, message)) = blocked {
                state.blocked = Some(Blocked {
                    code: code.into(),
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
            .filter(|(id, a)| a.code == "fork" && server.get(id).is_some_and(|s| !s.quarantined))
            .map(|(id, _)| *id)
            .collect();
        if !released.is_empty() {
            released.iter().for_each(|id| drop(self.state.attention.remove(id)));
            self.state.save(self.state_path)?;
        }
        for stream in &streams {
            if !self.state.attention.contains_key(&stream.id) {
                self.push_stream(stream, server.get(&stream.id))?;
            }
        }
        self.report.needs_attention = self.state.attention.keys().copied().collect();
        self.report.pending =
            streams.iter().map(|s| s.max_seq.saturating_sub(self.state.acknowledged(s.id))).sum();
        self.pull_feed()
    }

    /// Takes back a restored stream's missing events; a batch the register refuses stops the stream.
    fn take_back(&mut self, stream: StreamId, max_seq: u64) -> Result<()> {
        match restore::take_back(&self.http, self.journal, stream, max_seq)? {
            TakenBack::Imported(n) => {
                self.report.imported += n;
                Ok(())
            }
            TakenBack::Refused(body) => self.stop_stream(stream, &body),
        }
    }

    fn set_ack(&mut self, stream: StreamId, hwm: u64, head: String) -> Result<()> {
        self.state.acks.insert(stream, Ack { hwm, head });
        self.state.save(self.state_path)
    }

    fn stop_stream(&mut self, stream: StreamId, body: &ErrorBody) -> Result<()> {
        let code = serde_json::to_value(body.code).ok().and_then(|v| v.as_str().map(str::to_string));
        let attention = Attention {
            code: code.unwrap_or_default(),
            seq: body.fork_seq,
            message: body.message.clone(),
            at: self.clock.now(),
        };
        self.state.attention.insert(stream, attention);
        self.state.save(self.state_path)
    }

    /// Our chain hash at `seq`, hex.
    fn our_chain(&self, stream: StreamId, seq: u64) -> Result<Option<String>> {
        let events = self.journal.read(|r| r.events_after(stream, seq - 1, 1))?;
        Ok(events.first().filter(|e| e.seq == seq).map(|e| hex::encode(e.chain_hash)))
    }

    fn server_chain(&self, stream: StreamId, seq: u64) -> Result<Option<String>> {
        let path = format!("{}?after={}&limit=1", paths::stream_events(&stream.to_string()), seq - 1);
        match self.http.get::<EventsPage>(&path)? {
            Reply::Ok(page) => Ok(page.events.into_iter().find(|e| e.seq == seq).map(|e| e.chain_hash)),
            Reply::Refused(s, b) => Err(refusal(s, b)),
        }
    }

    fn push_stream(&mut self, stream: &StreamInfo, server: Option<&StreamState>) -> Result<()> {
        let id = stream.id;
        if let Some(s) = server.filter(|s| s.quarantined) {
            let mut body = ErrorBody::new(ErrorCode::Fork, "the district holds this stream in quarantine");
            body.fork_seq = Some(s.hwm + 1);
            return self.stop_stream(id, &body);
        }
        let server_hwm = server.map_or(0, |s| s.hwm);
        let mut acked = self.state.acknowledged(id);
        if server_hwm < acked {
            // The district lost what it had acknowledged (restored from backup): push it again.
            acked = server_hwm;
            self.report.regressions += 1;
            self.set_ack(id, acked, server.map(|s| s.head.clone()).unwrap_or_default())?;
        }
        let probe = server_hwm.min(stream.max_seq);
        if probe > acked {
            let theirs = match server {
                Some(s) if s.hwm == probe => Some(s.head.clone()),
                _ => self.server_chain(id, probe)?,
            };
            if let Some(head) =
                theirs.filter(|h| self.our_chain(id, probe).ok().flatten().as_ref() == Some(h))
            {
                acked = probe;
                self.set_ack(id, acked, head)?;
            }
        }
        let mut batch = DEFAULT_BATCH;
        let mut next = acked + 1;
        let mut requests = 0u32;
        while next <= stream.max_seq {
            requests += 1;
            if requests > 10_000 {
                return Err(SyncError::Offline("the server keeps asking for the same events".into()));
            }
            let events = self.journal.read(|r| r.events_after(id, next - 1, batch))?;
            if events.is_empty() {
                break;
            }
            let mut wire = Vec::with_capacity(events.len());
            for e in &events {
                let unsendable = |e| SyncError::State(format!("journal event cannot be sent: {e}"));
                // An event taken back with values the district withheld goes up as it came down.
                let kept = self.journal.read(|r| r.withheld_fields(e.stream, e.seq))?;
                if !kept.is_empty() {
                    let mut w = WireEvent::from_event(e).map_err(unsendable)?;
                    w.withheld = kept;
                    wire.push(w);
                    continue;
                }
                let protected = self.protected_visit(e)?;
                wire.push(withhold::for_upstream_protecting(e, protected).map_err(unsendable)?);
            }
            let req = PushRequest { local_max_seq: stream.max_seq, events: wire };
            match self.http.post::<_, PushResponse>(&paths::stream_events(&id.to_string()), &req)? {
                Reply::Ok(r) => {
                    self.report.stored += r.stored;
                    self.report.duplicates += r.duplicates;
                    self.set_ack(id, r.hwm, r.head)?;
                    next = r.hwm + 1;
                }
                Reply::Refused(_, b) if b.code == ErrorCode::Gap => {
                    let expected = b.expected_seq.unwrap_or(1).max(1);
                    if expected - 1 < self.state.acknowledged(id) {
                        self.report.regressions += 1;
                        self.set_ack(id, expected - 1, String::new())?;
                    }
                    next = expected;
                }
                Reply::Refused(413, _) if batch > 1 => {
                    self.report.halvings += 1;
                    batch /= 2;
                }
                Reply::Refused(_, b)
                    if matches!(
                        b.code,
                        ErrorCode::Fork
                            | ErrorCode::EventIdReused
                            | ErrorCode::BadHash
                            | ErrorCode::BrokenChain
                    ) =>
                {
                    return self.stop_stream(id, &b);
                }
                Reply::Refused(s, b) => return Err(refusal(s, b)),
            }
        }
        Ok(())
    }

    /// Whether the event's visit was a denunciation (or mixed) at any step of its history: then its
    /// visitors' identity is withheld in every event about it, not only in the protected ones.
    fn protected_visit(&self, event: &Event) -> Result<bool> {
        if !matches!(event.kind.as_str(), "visit_recorded" | "visit_amended") {
            return Ok(false);
        }
        let Some(visit) = event.body().ok().and_then(|b| b.visit_id()) else { return Ok(false) };
        let history = self.journal.read(|r| r.history(visit))?;
        Ok(history.iter().filter_map(|h| h.details.as_ref()).any(|d| {
            d.petition
                .as_ref()
                .is_some_and(|p| matches!(p.kind, PetitionKind::Denunciation | PetitionKind::Mixed))
        }))
    }

    fn pull_feed(&mut self) -> Result<()> {
        loop {
            let path = format!("{}?after={}&limit={}", paths::FEED, self.state.feed_cursor, 500);
            match self.http.get::<FeedPage>(&path)? {
                Reply::Ok(page) => {
                    self.report.feed_entries += page.entries.len();
                    self.state.apply_feed(&page, false);
                    self.state.save(self.state_path)?;
                    if !page.more {
                        return Ok(());
                    }
                }
                Reply::Refused(410, b) => {
                    if let Some(snapshot) = b.snapshot {
                        self.report.feed_entries += snapshot.entries.len();
                        self.state.apply_feed(&snapshot, true);
                        self.state.save(self.state_path)?;
                    }
                    return Ok(());
                }
                Reply::Refused(s, b) => return Err(refusal(s, b)),
            }
        }
    }
}
