//! Push (`sync-design.md`): contiguous batches from the acknowledged mark; on success the mark is
//! set from the server's answer only (I6) and saved before the next batch; on gap resend from the
//! expected seq; on fork stop that stream and keep its data; on 401/403 stop the round and ask for
//! enrollment; on 413 halve the batch; on 5xx or a network error end the round as transient (the
//! runner backs off). A server hwm below the mark (a district restored from backup) lowers the mark
//! and the events are pushed again; a server ahead of the mark whose chain hash matches ours (an
//! answer that was lost, or a desk restored from a backup) raises it without resending.
//!
//! Each batch is one read of the register ([`Register::outgoing`](tiepdan_register::Register)):
//! the events come with their visit's protection decided and the values the district withheld
//! attached, so what leaves the desk is redacted by [`tiepdan_protocol::withhold`] without a
//! register read per event.

use super::{refusal, Journal, Round};
use crate::client::Reply;
use crate::error::{Result, SyncError};
use crate::state::StreamStop;
use tiepdan_domain::ids::StreamId;
use tiepdan_protocol::push::EventsPage;
use tiepdan_protocol::{
    paths, withhold, ErrorBody, ErrorCode, PushRequest, PushResponse, StreamState, WireEvent,
};
use tiepdan_register::{OutgoingEvent, StreamInfo};

/// The first batch size of a round; halved on every 413.
pub const DEFAULT_BATCH: usize = 500;

/// The wire form of an outgoing event: as it came down when the district withheld part of it (so
/// it goes up as it came), otherwise with its visit's protected identity withheld.
fn wire(outgoing: OutgoingEvent) -> Result<WireEvent> {
    let unsendable = |e| SyncError::State(format!("journal event cannot be sent: {e}"));
    if outgoing.withheld.is_empty() {
        return withhold::for_upstream_protecting(&outgoing.event, outgoing.protected).map_err(unsendable);
    }
    let mut w = WireEvent::from_event(&outgoing.event).map_err(unsendable)?;
    w.withheld = outgoing.withheld;
    Ok(w)
}

impl<J: Journal> Round<'_, J> {
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

    pub(super) fn push_stream(&mut self, stream: &StreamInfo, server: Option<&StreamState>) -> Result<()> {
        let id = stream.id;
        if let Some(s) = server.filter(|s| s.quarantined) {
            let mut body = ErrorBody::new(ErrorCode::Fork, "the district holds this stream in quarantine");
            body.fork_seq = Some(s.hwm + 1);
            return self.stop_stream(id, StreamStop::Fork, &body);
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
            let outgoing = self.journal.read(|r| r.outgoing(id, next - 1, batch))?;
            if outgoing.is_empty() {
                break;
            }
            let events = outgoing.into_iter().map(wire).collect::<Result<Vec<_>>>()?;
            let req = PushRequest { local_max_seq: stream.max_seq, events };
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
                Reply::Refused(s, b) => {
                    return match StreamStop::of(b.code) {
                        Some(stop) => self.stop_stream(id, stop, &b),
                        None => Err(refusal(s, b)),
                    };
                }
            }
        }
        Ok(())
    }
}
