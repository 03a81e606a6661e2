//! Taking back what only the district holds of a restored desk's streams
//! (`shared/sync-design.md`, Lifecycle: restore from backup).
//!
//! A desk restored from an older backup froze its streams; the events it wrote after that backup
//! exist only upstream. This module fetches them (`GET …/streams/{stream}/events`) and hands them to
//! `Register::import_events`, which appends them to the frozen stream only if they continue its chain
//! exactly. It never touches the acknowledged mark: the push step raises it from the server's own
//! head, as for any stream (I6).

use crate::client::{Http, Reply};
use crate::engine::{refusal, Journal};
use crate::error::{Result, SyncError};
use crate::state::SyncState;
use std::path::Path;
use tiepdan_domain::ids::StreamId;
use tiepdan_protocol::push::EventsPage;
use tiepdan_protocol::{paths, ErrorBody, ErrorCode, WireEvent};
use tiepdan_register::{PulledEvent, RegisterError};

/// What became of a restored stream's missing events.
pub(crate) enum TakenBack {
    /// This many were appended and applied (0 when the register already held them).
    Imported(u64),
    /// The register refused them: they do not continue its chain. The stream needs attention.
    Refused(ErrorBody),
}

/// Every event the server holds of one of this ward's streams after `after`, in seq order: what a
/// desk restored from an older backup is missing. Events with `withheld` fields come back without
/// the identity the ward kept (it never left the ward). The credential is opened with `journal`'s
/// register (`credential`).
pub fn server_events(
    journal: &impl Journal,
    state_path: &Path,
    stream: StreamId,
    after: u64,
) -> Result<Vec<WireEvent>> {
    let mut state = SyncState::load(state_path)?;
    let server_url = state.enrollment.as_ref().ok_or(SyncError::NotEnrolled)?.server_url.clone();
    let credential = crate::credential::for_round(journal, &mut state, state_path)?;
    let http = Http::new(&server_url, Some(&credential))?;
    fetch_events(&http, stream, after)
}

pub(crate) fn fetch_events(http: &Http, stream: StreamId, after: u64) -> Result<Vec<WireEvent>> {
    let mut out: Vec<WireEvent> = Vec::new();
    loop {
        let from = out.last().map_or(after, |e| e.seq);
        let path = format!("{}?after={from}&limit=1000", paths::stream_events(&stream.to_string()));
        match http.get::<EventsPage>(&path)? {
            Reply::Ok(page) => {
                // Every page must continue exactly where the last one ended: a server that sends
                // the same page again (or skips) would otherwise keep this loop going for ever.
                if !continues(from, &page) {
                    return Err(SyncError::Offline(format!(
                        "the server's events of stream {stream} after {from} do not follow on"
                    )));
                }
                let done = page.events.is_empty() || page.events.last().is_some_and(|e| e.seq >= page.hwm);
                out.extend(page.events);
                if done {
                    return Ok(out);
                }
            }
            Reply::Refused(s, b) => return Err(refusal(s, b)),
        }
    }
}

/// Whether `page` holds the events `from + 1, from + 2, …` in order, none past the server's mark.
fn continues(from: u64, page: &EventsPage) -> bool {
    page.events.iter().zip(from + 1..).all(|(e, want)| e.seq == want && e.seq <= page.hwm)
}

/// Fetches the events of `stream` after `max_seq` and imports them into the register.
pub(crate) fn take_back(
    http: &Http,
    journal: &impl Journal,
    stream: StreamId,
    max_seq: u64,
) -> Result<TakenBack> {
    let wire = fetch_events(http, stream, max_seq)?;
    let mut pulled = Vec::with_capacity(wire.len());
    for w in &wire {
        let event = w
            .to_event(stream)
            .map_err(|e| SyncError::State(format!("the district sent an unreadable event: {e}")))?;
        pulled.push(PulledEvent { event, withheld: w.withheld.clone() });
    }
    match journal.write(|r| r.import_events(stream, &pulled)) {
        Ok(report) => Ok(TakenBack::Imported(report.imported)),
        Err(RegisterError::ImportRefused(why)) => {
            let mut body = ErrorBody::new(ErrorCode::BrokenChain, format!("restored stream: {why}"));
            body.fork_seq = Some(max_seq + 1);
            Ok(TakenBack::Refused(body))
        }
        Err(e) => Err(e.into()),
    }
}
