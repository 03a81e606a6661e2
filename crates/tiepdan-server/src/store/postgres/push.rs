//! One push, in one READ COMMITTED transaction (`sync-design.md`, Push), exactly as SQLite's
//! `push.rs` decides it: for each event of the contiguous batch, `seq ≤ hwm` → compare (equal:
//! duplicate; different: fork — quarantined, the stream frozen, the batch refused); `seq = hwm + 1`
//! → verify the payload hash and the chain, store; `seq > hwm + 1` → gap, nothing stored. The
//! transaction commits before the caller answers (I6, `synchronous_commit = on`).
//!
//! Locks, and why they are enough without any table lock:
//! - the stream's row is locked first (`SELECT … FOR UPDATE`): two pushes to one stream run one
//!   after the other, the second reading the hwm the first committed, so each (stream, seq) is
//!   stored once and the stream stays a gapless prefix (I3, I5). Pushes to different streams lock
//!   different rows and run in parallel;
//! - a first push locks its desk's row before counting the desk's streams, so two concurrent first
//!   pushes of one desk cannot both see 63 and make 65 ([`MAX_STREAMS_PER_DESK`]); the stream is
//!   inserted `ON CONFLICT DO NOTHING` and re-selected `FOR UPDATE`, so a race to create the same
//!   stream ends with both transactions on the one row;
//! - an event id is unique across streams: `ON CONFLICT (event_id) DO NOTHING` waits for a
//!   concurrent insert of the same id to commit, then reports [`Error::EventIdReused`].
//!
//! A fork commits its quarantine row and the frozen flag before answering [`Error::Fork`], as on
//! SQLite; a gap or a refused event rolls the whole batch back.

use super::batch::Batch;
use super::{redaction, Postgres, Sql, Tx};
use crate::error::{Error, Result};
use crate::store::rules::{self, MAX_STREAMS_PER_DESK};
use crate::store::{parse_time, time_text, Credential};
use chrono::{DateTime, Utc};
use tiepdan_domain::event::GENESIS;
use tiepdan_protocol::{PushRequest, PushResponse, StreamState, WireEvent};

struct StreamRow {
    ward_code: String,
    desk: String,
    hwm: u64,
    head: String,
    quarantined: bool,
}

/// Applies one batch from the desk of `cred` to `stream`.
pub(super) fn push(
    db: &Postgres,
    cred: &Credential,
    key: &str,
    req: &PushRequest,
    now: DateTime<Utc>,
) -> Result<PushResponse> {
    let (now, desk) = (time_text(&now), cred.desk.to_string());
    let mut conn = db.conn()?;
    let mut tx = conn.begin()?;
    let mut row = match lock_stream(&mut tx, key)? {
        Some(row) => row,
        // Nothing to store: answer as for an empty stream without making one, so pushes to
        // made-up stream ids leave no trace.
        None if req.events.is_empty() => {
            return Ok(PushResponse { hwm: 0, head: hex::encode(GENESIS), stored: 0, duplicates: 0 })
        }
        None => {
            tx.query_opt(
                "SELECT 1 FROM desks WHERE ward_code = $1 AND desk = $2 FOR UPDATE",
                &[&cred.ward_code, &desk],
            )?;
            let streams: i64 = tx
                .query_one(
                    "SELECT count(*) FROM streams WHERE ward_code = $1 AND desk = $2",
                    &[&cred.ward_code, &desk],
                )?
                .get(0);
            if streams >= MAX_STREAMS_PER_DESK {
                tracing::warn!(ward = %cred.ward_code, desk = %cred.desk, "desk has too many streams");
                return Err(Error::BadRequest(format!(
                    "bàn tiếp này đã có {MAX_STREAMS_PER_DESK} luồng, không mở thêm được: hãy báo cấp trên"
                )));
            }
            let created = tx.query_opt(
                "INSERT INTO streams (stream, ward_code, desk, head, first_push_at, last_push_at)
                 VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT (stream) DO NOTHING
                 RETURNING ward_code, desk, hwm, head, quarantined_at IS NOT NULL",
                &[&key, &cred.ward_code, &desk, &hex::encode(GENESIS), &now],
            )?;
            // A row this transaction inserted is its own until commit; one another push created
            // meanwhile is locked like any existing stream.
            match created {
                Some(r) => stream_row(&r),
                None => {
                    lock_stream(&mut tx, key)?.ok_or_else(|| Error::Internal("stream row vanished".into()))?
                }
            }
        }
    };
    if row.ward_code != cred.ward_code || row.desk != desk {
        return Err(Error::Forbidden("luồng này thuộc bàn tiếp khác".into()));
    }
    if row.quarantined {
        let seq: Option<i64> = tx
            .query_one("SELECT min(seq) FROM quarantine WHERE stream = $1 AND released_at IS NULL", &[&key])?
            .get(0);
        return Err(Error::Fork { seq: seq.unwrap_or(0) as u64 });
    }
    let (mut stored, mut duplicates) = (0u64, 0u64);
    let mut batch = Batch::new(&mut tx, key, cred, &now, &req.events)?;
    for e in &req.events {
        if e.seq <= row.hwm {
            if same_as_stored(&mut tx, key, e)? {
                duplicates += 1;
                continue;
            }
            // Nothing is buffered before a resent seq (a batch is contiguous), but if it were,
            // it would be committed with the fork, as the event-by-event SQLite store does.
            batch.flush(&mut tx)?;
            tx.execute(
                "UPDATE streams SET local_max_seq = greatest(local_max_seq, $2), last_push_at = $3 WHERE stream = $1",
                &[&key, &(req.local_max_seq as i64), &now],
            )?;
            quarantine(&mut tx, key, e, &now)?;
            tx.commit()?;
            tracing::warn!(stream = %key, seq = e.seq, ward = %cred.ward_code, "fork quarantined");
            return Err(Error::Fork { seq: e.seq });
        }
        if e.seq > row.hwm + 1 {
            return Err(Error::Gap { expected: row.hwm + 1 });
        }
        rules::verify_next(&row.head, e)?;
        batch.add(&mut tx, e)?;
        stored += 1;
        row.hwm = e.seq;
        row.head = e.chain_hash.clone();
    }
    batch.flush(&mut tx)?;
    // The desk's progress and the time of its push go in with the new hwm: one statement, since
    // every other outcome (gap, refused event) rolls the push back.
    tx.execute(
        "UPDATE streams SET hwm = $2, head = $3, local_max_seq = greatest(local_max_seq, $4), last_push_at = $5,
                            reviews = reviews + $6
         WHERE stream = $1",
        &[&key, &(row.hwm as i64), &row.head, &(req.local_max_seq as i64), &now, &(batch.reviewed() as i64)],
    )?;
    tx.commit()?;
    Ok(PushResponse { hwm: row.hwm, head: row.head, stored, duplicates })
}

/// Releases a quarantined stream: the desk that holds the stored version may push again.
/// Returns how many quarantined versions were marked released (they stay on record).
pub(super) fn release_stream(db: &Postgres, stream: &str, note: &str, now: DateTime<Utc>) -> Result<u64> {
    let now = time_text(&now);
    let mut conn = db.conn()?;
    let mut tx = conn.begin()?;
    let row =
        lock_stream(&mut tx, stream)?.ok_or_else(|| Error::NotFound(format!("không có luồng {stream}")))?;
    if !row.quarantined {
        return Err(Error::BadRequest(format!("luồng {stream} không bị tạm giữ")));
    }
    let n = tx.execute(
        "UPDATE quarantine SET released_at = $2, release_note = $3 WHERE stream = $1 AND released_at IS NULL",
        &[&stream, &now, &note],
    )?;
    tx.execute("UPDATE streams SET quarantined_at = NULL WHERE stream = $1", &[&stream])?;
    tx.commit()?;
    Ok(n)
}

/// The server's state of every stream of the credential's desk.
pub(super) fn desk_streams(db: &Postgres, cred: &Credential) -> Result<Vec<StreamState>> {
    let rows = db.conn()?.query(
        "SELECT stream, hwm, head, quarantined_at IS NOT NULL FROM streams
         WHERE ward_code = $1 AND desk = $2 ORDER BY first_push_at",
        &[&cred.ward_code, &cred.desk.to_string()],
    )?;
    rows.iter()
        .map(|r| {
            let stream: String = r.get(0);
            Ok(StreamState {
                stream: stream.parse().map_err(|_| Error::Internal(format!("bad stream id {stream}")))?,
                hwm: r.get::<_, i64>(1) as u64,
                head: r.get(2),
                quarantined: r.get(3),
            })
        })
        .collect()
}

/// Stored events of a stream of the credential's ward, after `after`, for a desk restoring a backup.
/// The stream's hwm and its events are read in one snapshot, so they agree.
pub(super) fn stream_events(
    db: &Postgres,
    cred: &Credential,
    key: &str,
    after: u64,
    limit: u64,
) -> Result<(Vec<WireEvent>, u64)> {
    let mut conn = db.conn()?;
    let mut tx = conn.snapshot()?;
    let row = tx
        .query_opt("SELECT ward_code, hwm FROM streams WHERE stream = $1", &[&key])?
        .ok_or_else(|| Error::NotFound("không có luồng này".into()))?;
    if row.get::<_, String>(0) != cred.ward_code {
        return Err(Error::Forbidden("luồng này thuộc phường khác".into()));
    }
    let hwm = row.get::<_, i64>(1) as u64;
    let rows = tx.query(
        "SELECT event_id, seq, kind, recorded_at, officer, payload, payload_hash, chain_hash, withheld
         FROM events WHERE stream = $1 AND seq > $2 ORDER BY seq LIMIT $3",
        &[&key, &(after as i64), &(limit as i64)],
    )?;
    let bad = |what: &str| Error::Internal(format!("stored event has a bad {what}"));
    let mut events = Vec::with_capacity(rows.len());
    for r in &rows {
        let (id, recorded_at): (String, String) = (r.get(0), r.get(3));
        let (officer, withheld): (Option<String>, Option<String>) = (r.get(4), r.get(8));
        events.push(WireEvent {
            id: id.parse().map_err(|_| bad("id"))?,
            seq: r.get::<_, i64>(1) as u64,
            kind: r.get(2),
            recorded_at: parse_time(&recorded_at).ok_or_else(|| bad("time"))?,
            officer: officer.map(|o| o.parse()).transpose().map_err(|_| bad("officer"))?,
            payload: r.get(5),
            payload_hash: r.get(6),
            chain_hash: r.get(7),
            withheld: withheld
                .map(|w| serde_json::from_str(&w))
                .transpose()
                .map_err(|_| bad("withheld"))?
                .unwrap_or_default(),
        });
    }
    tx.commit()?;
    Ok((events, hwm))
}

/// The stream's row, locked until the transaction ends.
fn lock_stream(tx: &mut Tx<'_>, key: &str) -> Result<Option<StreamRow>> {
    Ok(tx
        .query_opt(
            "SELECT ward_code, desk, hwm, head, quarantined_at IS NOT NULL FROM streams
             WHERE stream = $1 FOR UPDATE",
            &[&key],
        )?
        .map(|r| stream_row(&r)))
}

fn stream_row(r: &postgres::Row) -> StreamRow {
    StreamRow {
        ward_code: r.get(0),
        desk: r.get(1),
        hwm: r.get::<_, i64>(2) as u64,
        head: r.get(3),
        quarantined: r.get(4),
    }
}

fn same_as_stored(tx: &mut Tx<'_>, key: &str, e: &WireEvent) -> Result<bool> {
    let r = tx.query_one(
        "SELECT event_id, payload_hash, chain_hash FROM events WHERE stream = $1 AND seq = $2",
        &[&key, &(e.seq as i64)],
    )?;
    let (id, payload_hash, chain): (String, String, String) = (r.get(0), r.get(1), r.get(2));
    Ok(id == e.id.to_string() && payload_hash == e.payload_hash && chain == e.chain_hash)
}

/// Keeps the incoming version beside a reference to the stored one and freezes the stream.
fn quarantine(tx: &mut Tx<'_>, key: &str, e: &WireEvent, now: &str) -> Result<()> {
    let force = redaction::concerns_protected(tx, &rules::sent_payload(e))?;
    let incoming = rules::quarantined_version(e, force)?;
    tx.execute(
        "INSERT INTO quarantine (stream, seq, stored_event_id, stored_payload_hash, stored_chain_hash,
                                 incoming_event, received_at)
         SELECT stream, seq, event_id, payload_hash, chain_hash, $3::text, $4::text FROM events
         WHERE stream = $1 AND seq = $2",
        &[&key, &(e.seq as i64), &incoming, &now],
    )?;
    tx.execute("UPDATE streams SET quarantined_at = $2 WHERE stream = $1", &[&key, &now])?;
    Ok(())
}
