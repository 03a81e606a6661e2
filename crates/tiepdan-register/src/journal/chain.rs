//! The journal: the append-only, hash-chained list of events of each stream
//! (`docs/events.md`, `shared/sync-design.md`).
//!
//! Invariants kept here: events are only ever inserted (triggers refuse UPDATE and DELETE); within a
//! stream `seq` runs 1, 2, 3 … with no gap and each event's chain hash seals the one before; only the
//! newest stream that is not frozen receives events; an event is appended in the same transaction as
//! the projection change it records, so the two can never disagree after a crash. Events taken back
//! from the district into a frozen stream (`import`) are stored by the same [`insert`]; those whose
//! denouncer identity was withheld upstream are checked by `withheld` instead of by their payload
//! hash, which cannot be recomputed from the redacted payload.

use crate::error::{RegisterError, Result};
use crate::store::columns::parse_utc;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Serialize, Serializer};
use tiepdan_domain::clock::Clock;
use tiepdan_domain::event::{canonical_time, chain_hash, Event, EventBody, Hash, GENESIS};
use tiepdan_domain::officer::WardProfile;
use tiepdan_domain::{OfficerId, StreamId};

/// One stream of this desk, as `streams()` reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StreamInfo {
    pub id: StreamId,
    pub epoch: u32,
    /// A stream brought back by a restore: kept, synced, never appended to again.
    pub frozen: bool,
    /// Seq of its last event (0 if it has none).
    pub max_seq: u64,
    /// Chain hash of its last event (zeros if it has none).
    #[serde(serialize_with = "hex_hash")]
    pub head: Hash,
}

fn hex_hash<S: Serializer>(hash: &Hash, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(&hex::encode(hash))
}

/// The outcome of walking every chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChainReport {
    /// Events checked (up to and including the broken one, if any).
    pub events: u64,
    /// The first place where the journal is not what was written, if any.
    pub broken: Option<BrokenLink>,
}

impl ChainReport {
    pub fn is_intact(&self) -> bool {
        self.broken.is_none()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BrokenLink {
    pub stream: StreamId,
    pub seq: u64,
    /// What is wrong, in words a technician can act on.
    pub problem: String,
}

/// Where the next event of the open stream goes.
#[derive(Debug, Clone)]
pub(crate) struct Head {
    pub stream: StreamId,
    pub epoch: u32,
    pub seq: u64,
    pub chain: Hash,
}

fn hash_from(column: &str, bytes: Vec<u8>) -> Result<Hash> {
    bytes.try_into().map_err(|_| RegisterError::Decode(format!("{column} is not 32 bytes")))
}

fn head_of(conn: &Connection, stream: StreamId, epoch: u32) -> Result<Head> {
    // `+?1`, not `?1`, so SQLite does not re-prepare this cached statement on every use (see the
    // receipt-number query in `visits`).
    let last: Option<(i64, Vec<u8>)> = conn
        .prepare_cached("SELECT seq, chain_hash FROM events WHERE stream = +?1 ORDER BY seq DESC LIMIT 1")?
        .query_row([stream.to_string()], |r| Ok((r.get::<_, i64>(0)?, r.get(1)?)))
        .optional()?;
    Ok(match last {
        Some((seq, chain)) => Head { stream, epoch, seq: seq as u64, chain: hash_from("chain_hash", chain)? },
        None => Head { stream, epoch, seq: 0, chain: GENESIS },
    })
}

/// The stream new events go to: the newest one that is not frozen.
pub(crate) fn open_head(conn: &Connection) -> Result<Head> {
    let open: Option<(String, u32)> = conn
        .prepare_cached("SELECT id, epoch FROM streams WHERE frozen = 0 ORDER BY epoch DESC LIMIT 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let (id, epoch) = open.ok_or(RegisterError::NoOpenStream)?;
    head_of(conn, crate::store::columns::parse_id("streams.id", &id)?, epoch)
}

/// Starts the next epoch's stream with its `StreamStarted` event. Earlier streams must already be
/// frozen or be none.
pub(crate) fn start_stream(
    conn: &Connection,
    clock: &dyn Clock,
    ward: &WardProfile,
    previous: Option<StreamId>,
    officer: Option<OfficerId>,
) -> Result<Head> {
    let epoch: u32 = conn.query_row("SELECT COALESCE(MAX(epoch), 0) + 1 FROM streams", [], |r| r.get(0))?;
    let stream = StreamId::new();
    conn.execute(
        "INSERT INTO streams (id, epoch, frozen, previous_stream, started_at) VALUES (?1, ?2, 0, ?3, ?4)",
        params![stream.to_string(), epoch, previous.map(|p| p.to_string()), canonical_time(&clock.now())],
    )?;
    let body = EventBody::StreamStarted {
        ward_code: ward.ward_code.clone(),
        desk: ward.desk,
        epoch,
        previous_stream: previous,
    };
    append(conn, clock, &body, officer)?;
    head_of(conn, stream, epoch)
}

/// Seals `body` as the next event of the open stream and stores it. Call inside the transaction
/// that makes the change the event records.
pub(crate) fn append(
    conn: &Connection,
    clock: &dyn Clock,
    body: &EventBody,
    officer: Option<OfficerId>,
) -> Result<Event> {
    append_to(conn, clock, &open_head(conn)?, body, officer)
}

/// [`append`] after a `head` the caller already read from [`open_head`] in this same write
/// transaction (so no other event can have come in between); saves reading it twice.
pub(crate) fn append_to(
    conn: &Connection,
    clock: &dyn Clock,
    head: &Head,
    body: &EventBody,
    officer: Option<OfficerId>,
) -> Result<Event> {
    let event = Event::seal(head.stream, head.seq + 1, &head.chain, body, clock.now(), officer)?;
    insert(conn, &event, body)?;
    Ok(event)
}

/// Stores an already sealed event (one appended here, or one taken back from the district). The
/// caller has checked it continues its stream's chain.
pub(crate) fn insert(conn: &Connection, event: &Event, body: &EventBody) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO events (stream, seq, event_id, kind, recorded_at, officer, visit_id, payload,
                             payload_hash, chain_hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        event.stream.to_string(),
        event.seq as i64,
        event.id.to_string(),
        event.kind,
        canonical_time(&event.recorded_at),
        event.officer.map(|o| o.to_string()),
        body.visit_id().map(|v| v.to_string()),
        event.payload,
        event.payload_hash.as_slice(),
        event.chain_hash.as_slice(),
    ])?;
    Ok(())
}

/// The head (last seq and chain hash) of any stream, frozen or not.
pub(crate) fn stream_head(conn: &Connection, stream: StreamId) -> Result<Option<(Head, bool)>> {
    let row: Option<(u32, bool)> = conn
        .prepare_cached("SELECT epoch, frozen FROM streams WHERE id = ?1")?
        .query_row([stream.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    row.map(|(epoch, frozen)| Ok((head_of(conn, stream, epoch)?, frozen))).transpose()
}

pub(crate) const EVENT_COLUMNS: &str =
    "stream, seq, event_id, kind, recorded_at, officer, payload, payload_hash, chain_hash";

pub(crate) fn event_from_row(row: &Row<'_>) -> Result<Event> {
    let text = |i: usize| row.get::<_, String>(i);
    let officer: Option<String> = row.get(5)?;
    Ok(Event {
        stream: crate::store::columns::parse_id("events.stream", &text(0)?)?,
        seq: row.get::<_, i64>(1)? as u64,
        id: crate::store::columns::parse_id("events.event_id", &text(2)?)?,
        kind: text(3)?,
        recorded_at: parse_utc("events.recorded_at", &text(4)?)?,
        officer: officer.map(|o| crate::store::columns::parse_id("events.officer", &o)).transpose()?,
        payload: row.get(6)?,
        payload_hash: hash_from("payload_hash", row.get(7)?)?,
        chain_hash: hash_from("chain_hash", row.get(8)?)?,
    })
}

/// Events of `stream` with seq greater than `after_seq`, in seq order, at most `limit`.
pub(crate) fn events_after(
    conn: &Connection,
    stream: StreamId,
    after: u64,
    limit: usize,
) -> Result<Vec<Event>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {EVENT_COLUMNS} FROM events WHERE stream = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3"
    ))?;
    let mut rows = stmt.query(params![stream.to_string(), after as i64, limit as i64])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        out.push(event_from_row(row)?);
    }
    Ok(out)
}

pub(crate) fn streams(conn: &Connection) -> Result<Vec<StreamInfo>> {
    let mut stmt = conn.prepare("SELECT id, epoch, frozen FROM streams ORDER BY epoch")?;
    let rows = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, u32>(1)?, r.get::<_, bool>(2)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|(id, epoch, frozen)| {
            let head = head_of(conn, crate::store::columns::parse_id("streams.id", &id)?, epoch)?;
            Ok(StreamInfo { id: head.stream, epoch, frozen, max_seq: head.seq, head: head.chain })
        })
        .collect()
}

/// Walks every stream from its first event, recomputing each payload hash and chain hash, checking
/// that the side columns say what the payload says and that seq has no gap; stops at the first fault.
pub(crate) fn verify(conn: &Connection) -> Result<ChainReport> {
    let mut checked = 0u64;
    for stream in streams(conn)? {
        let mut stmt =
            conn.prepare(&format!("SELECT {EVENT_COLUMNS} FROM events WHERE stream = ?1 ORDER BY seq"))?;
        let mut rows = stmt.query([stream.id.to_string()])?;
        let mut previous = GENESIS;
        let mut expected_seq = 1u64;
        while let Some(row) = rows.next()? {
            checked += 1;
            let seq = row.get::<_, i64>(1)? as u64;
            let broken = |problem: String| ChainReport {
                events: checked,
                broken: Some(BrokenLink { stream: stream.id, seq, problem }),
            };
            let event = match event_from_row(row) {
                Ok(e) => e,
                Err(e) => return Ok(broken(format!("event {seq} cannot be read: {e}"))),
            };
            if seq != expected_seq {
                return Ok(broken(format!(
                    "event {expected_seq} is missing: the next stored event is {seq}"
                )));
            }
            let withheld = crate::journal::withheld::of(conn, stream.id, seq)?;
            let consistent = if withheld.is_empty() {
                event.payload_is_consistent()
            } else {
                crate::journal::withheld::is_consistent(&event, &withheld)
            };
            if !consistent {
                return Ok(broken(format!(
                    "event {seq} ({}) was altered after it was written: its content no longer matches its \
                     hash or its stored columns",
                    event.kind
                )));
            }
            if crate::journal::withheld::body(&event).is_err() {
                return Ok(broken(format!("event {seq} ({}) does not hold a known event", event.kind)));
            }
            if chain_hash(&previous, seq, &event.payload_hash) != event.chain_hash {
                return Ok(broken(format!(
                    "event {seq} ({}) does not follow event {}: the chain hash does not match",
                    event.kind,
                    seq - 1
                )));
            }
            previous = event.chain_hash;
            expected_seq += 1;
        }
    }
    Ok(ChainReport { events: checked, broken: None })
}
