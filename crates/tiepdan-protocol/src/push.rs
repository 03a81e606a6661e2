//! Push: a contiguous batch of one stream's events, desk → server (`sync-design.md`, Push).
//!
//! On the wire an event keeps every field of the journal envelope. `payload` is the canonical JSON
//! text (it is UTF-8 by construction, so it travels as a string and keeps its exact bytes). When
//! `withheld` is not empty the payload was redacted at the ward ([`crate::withhold`]): the listed
//! values are `null`, `payload_hash` and `chain_hash` are still those of the full journal event (so
//! the chain stays verifiable), and only the payload hash itself cannot be recomputed upstream.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use tiepdan_domain::event::{Event, Hash};
use tiepdan_domain::ids::{EventId, OfficerId, StreamId};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WireEvent {
    pub id: EventId,
    pub seq: u64,
    pub kind: String,
    pub recorded_at: DateTime<Utc>,
    pub officer: Option<OfficerId>,
    /// Canonical payload JSON as text, possibly redacted (see `withheld`).
    pub payload: String,
    /// Lower-case hex SHA-256 of the full journal payload.
    pub payload_hash: String,
    /// Lower-case hex chain hash.
    pub chain_hash: String,
    /// JSON pointers (RFC 6901) into the payload of the values withheld at the ward. Their presence is
    /// the marker "this information exists at the ward and was not sent".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub withheld: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WireEventError {
    #[error("{field} is not 64 lower-case hex digits")]
    BadHex { field: &'static str },
    #[error("the payload is not UTF-8")]
    NotUtf8,
}

/// Parses a 32-byte hash written as 64 hex digits.
pub fn parse_hash(text: &str, field: &'static str) -> Result<Hash, WireEventError> {
    let mut out = [0u8; 32];
    if text.len() != 64 || text.bytes().any(|b| b.is_ascii_uppercase()) {
        return Err(WireEventError::BadHex { field });
    }
    hex::decode_to_slice(text, &mut out).map_err(|_| WireEventError::BadHex { field })?;
    Ok(out)
}

impl WireEvent {
    /// The wire form of a journal event, with nothing withheld. Use [`crate::withhold::for_upstream`]
    /// to send: it withholds what must stay at the ward.
    pub fn from_event(event: &Event) -> Result<WireEvent, WireEventError> {
        Ok(WireEvent {
            id: event.id,
            seq: event.seq,
            kind: event.kind.clone(),
            recorded_at: event.recorded_at,
            officer: event.officer,
            payload: String::from_utf8(event.payload.clone()).map_err(|_| WireEventError::NotUtf8)?,
            payload_hash: hex::encode(event.payload_hash),
            chain_hash: hex::encode(event.chain_hash),
            withheld: Vec::new(),
        })
    }

    /// The envelope back as an [`Event`] of `stream`. For a redacted event, `payload` is the redacted
    /// text and [`Event::payload_is_consistent`] is false by design.
    pub fn to_event(&self, stream: StreamId) -> Result<Event, WireEventError> {
        Ok(Event {
            id: self.id,
            stream,
            seq: self.seq,
            kind: self.kind.clone(),
            recorded_at: self.recorded_at,
            officer: self.officer,
            payload: self.payload.clone().into_bytes(),
            payload_hash: parse_hash(&self.payload_hash, "payload_hash")?,
            chain_hash: parse_hash(&self.chain_hash, "chain_hash")?,
        })
    }
}

/// `POST /api/v1/streams/{stream}/events`. The events are contiguous (each seq one more than the
/// previous); the batch may be empty, to report `local_max_seq` only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PushRequest {
    /// The highest seq the desk holds in this stream, so the district sees what has not arrived yet.
    pub local_max_seq: u64,
    pub events: Vec<WireEvent>,
}

/// 200: the batch is durably stored (committed before this answer was sent). The desk sets its
/// acknowledged mark from `hwm` only (I6).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushResponse {
    /// The highest seq stored for this stream, all seqs below it present (I5).
    pub hwm: u64,
    /// Hex chain hash of the event at `hwm` (64 zeros when empty).
    pub head: String,
    pub stored: u64,
    pub duplicates: u64,
}

/// The server's view of one stream.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StreamState {
    pub stream: StreamId,
    pub hwm: u64,
    pub head: String,
    /// True after a fork: the server accepts nothing more on this stream until district staff act.
    pub quarantined: bool,
}

/// `GET /api/v1/streams/{stream}/events?after=N&limit=M`: stored events, in seq order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventsPage {
    pub events: Vec<WireEvent>,
    pub hwm: u64,
}
