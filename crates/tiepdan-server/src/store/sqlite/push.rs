//! One push, in one transaction (`sync-design.md`, Push), on the single writer.
//!
//! For each event of the contiguous batch: `seq ≤ hwm` → compare hashes (equal: duplicate, skipped;
//! different: fork — both versions go to quarantine, the stream is frozen and the batch refused);
//! `seq = hwm + 1` → verify the payload hash and the chain, store; `seq > hwm + 1` → gap, nothing
//! stored, the answer names the expected seq. The transaction commits before the caller answers, so
//! an acknowledged hwm is durable (I6). Business-rule oddities never refuse an event: they are noted
//! in its `review` column. A push creates a stream only when it stores something, and a desk has at
//! most [`MAX_STREAMS_PER_DESK`] streams.

use super::{redaction, Sqlite};
use crate::error::{Error, Result};
use crate::store::rules::{self, MAX_STREAMS_PER_DESK};
use crate::store::{parse_time, time_text, Credential};
use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, Transaction, TransactionBehavior};
use tiepdan_domain::event::{canonical_time, GENESIS};
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
    db: &Sqlite,
    cred: &Credential,
    key: &str,
    req: &PushRequest,
    now: DateTime<Utc>,
) -> Result<PushResponse> {
    let now = time_text(&now);
    let mut conn = db.writer();
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let mut row = match load_stream(&tx, key)? {
        Some(row) => row,
        // Nothing to store: answer as for an empty stream without making one, so pushes to
        // made-up stream ids leave no trace.
        None if req.events.is_empty() => {
            return Ok(PushResponse { hwm: 0, head: hex::encode(GENESIS), stored: 0, duplicates: 0 })
        }
        None => {
            let streams: i64 = tx.query_row(
                "SELECT count(*) FROM streams WHERE ward_code = ?1 AND desk = ?2",
                params![cred.ward_code, cred.desk.to_string()],
                |r| r.get(0),
            )?;
            if streams >= MAX_STREAMS_PER_DESK {
                tracing::warn!(ward = %cred.ward_code, desk = %cred.desk, "desk has too many streams");
                return Err(Error::BadRequest(format!(
                    "bàn tiếp này đã có {MAX_STREAMS_PER_DESK} luồng, không mở thêm được: hãy báo cấp trên"
                )));
            }
            tx.execute(
                "INSERT INTO streams (stream, ward_code, desk, head, first_push_at, last_push_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
                params![key, cred.ward_code, cred.desk.to_string(), hex::encode(GENESIS), now],
            )?;
            load_stream(&tx, key)?.ok_or_else(|| Error::Internal("stream row vanished".into()))?
        }
    };
    if row.ward_code != cred.ward_code || row.desk != cred.desk.to_string() {
        return Err(Error::Forbidden("luồng này thuộc bàn tiếp khác".into()));
    }
    if row.quarantined {
        let seq = tx.query_row(
            "SELECT min(seq) FROM quarantine WHERE stream = ?1 AND released_at IS NULL",
            [key],
            |r| r.get::<_, Option<i64>>(0),
        )?;
        return Err(Error::Fork { seq: seq.unwrap_or(0) as u64 });
    }
    tx.execute(
        "UPDATE streams SET local_max_seq = max(local_max_seq, ?2), last_push_at = ?3 WHERE stream = ?1",
        params![key, req.local_max_seq as i64, now],
    )?;
    let (mut stored, mut duplicates, mut reviewed) = (0u64, 0u64, 0i64);
    let mut checkpoint_owed = false;
    for e in &req.events {
        if e.seq <= row.hwm {
            if same_as_stored(&tx, key, e)? {
                duplicates += 1;
                continue;
            }
            quarantine(&tx, key, e, &now)?;
            tx.commit()?;
            if checkpoint_owed {
                redaction::checkpoint(&conn);
            }
            tracing::warn!(stream = %key, seq = e.seq, ward = %cred.ward_code, "fork quarantined");
            return Err(Error::Fork { seq: e.seq });
        }
        if e.seq > row.hwm + 1 {
            return Err(Error::Gap { expected: row.hwm + 1 });
        }
        rules::verify_next(&row.head, e)?;
        let (redacted, review) = insert_event(&tx, key, cred, e, &now)?;
        checkpoint_owed |= redacted;
        reviewed += i64::from(review);
        stored += 1;
        row.hwm = e.seq;
        row.head = e.chain_hash.clone();
    }
    tx.execute(
        "UPDATE streams SET hwm = ?2, head = ?3, reviews = reviews + ?4 WHERE stream = ?1",
        params![key, row.hwm as i64, row.head, reviewed],
    )?;
    tx.commit()?;
    if checkpoint_owed {
        redaction::checkpoint(&conn);
    }
    Ok(PushResponse { hwm: row.hwm, head: row.head, stored, duplicates })
}

/// Releases a quarantined stream: the desk that holds the stored version may push again.
/// Returns how many quarantined versions were marked released (they stay on record).
pub(super) fn release_stream(db: &Sqlite, stream: &str, note: &str, now: DateTime<Utc>) -> Result<u64> {
    let now = time_text(&now);
    let mut conn = db.writer();
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let row = load_stream(&tx, stream)?.ok_or_else(|| Error::NotFound(format!("không có luồng {stream}")))?;
    if !row.quarantined {
        return Err(Error::BadRequest(format!("luồng {stream} không bị tạm giữ")));
    }
    let n = tx.execute(
        "UPDATE quarantine SET released_at = ?2, release_note = ?3 WHERE stream = ?1 AND released_at IS NULL",
        params![stream, now, note],
    )?;
    tx.execute("UPDATE streams SET quarantined_at = NULL WHERE stream = ?1", [stream])?;
    tx.commit()?;
    Ok(n as u64)
}

/// The server's state of every stream of the credential's desk.
pub(super) fn desk_streams(db: &Sqlite, cred: &Credential) -> Result<Vec<StreamState>> {
    let conn = db.reader()?;
    let mut stmt = conn.prepare(
        "SELECT stream, hwm, head, quarantined_at IS NOT NULL FROM streams
         WHERE ward_code = ?1 AND desk = ?2 ORDER BY first_push_at",
    )?;
    let rows = stmt.query_map(params![cred.ward_code, cred.desk.to_string()], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?, r.get::<_, String>(2)?, r.get::<_, bool>(3)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (stream, hwm, head, quarantined) = row?;
        let stream = stream.parse().map_err(|_| Error::Internal(format!("bad stream id {stream}")))?;
        out.push(StreamState { stream, hwm: hwm as u64, head, quarantined });
    }
    Ok(out)
}

/// Stored events of a stream of the credential's ward, after `after`, for a desk restoring a backup.
pub(super) fn stream_events(
    db: &Sqlite,
    cred: &Credential,
    key: &str,
    after: u64,
    limit: u64,
) -> Result<(Vec<WireEvent>, u64)> {
    let conn = db.reader()?;
    let row = load_stream(&conn, key)?.ok_or_else(|| Error::NotFound("không có luồng này".into()))?;
    if row.ward_code != cred.ward_code {
        return Err(Error::Forbidden("luồng này thuộc phường khác".into()));
    }
    let mut stmt = conn.prepare(
        "SELECT event_id, seq, kind, recorded_at, officer, payload, payload_hash, chain_hash, withheld
         FROM events WHERE stream = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3",
    )?;
    let rows = stmt.query_map(params![key, after as i64, limit as i64], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, Option<String>>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, String>(6)?,
            r.get::<_, String>(7)?,
            r.get::<_, Option<String>>(8)?,
        ))
    })?;
    let bad = |what: &str| Error::Internal(format!("stored event has a bad {what}"));
    let mut events = Vec::new();
    for row in rows {
        let (id, seq, kind, recorded_at, officer, payload, payload_hash, chain_hash, withheld) = row?;
        events.push(WireEvent {
            id: id.parse().map_err(|_| bad("id"))?,
            seq: seq as u64,
            kind,
            recorded_at: parse_time(&recorded_at).ok_or_else(|| bad("time"))?,
            officer: officer.map(|o| o.parse()).transpose().map_err(|_| bad("officer"))?,
            payload,
            payload_hash,
            chain_hash,
            withheld: withheld
                .map(|w| serde_json::from_str(&w))
                .transpose()
                .map_err(|_| bad("withheld"))?
                .unwrap_or_default(),
        });
    }
    Ok((events, row.hwm))
}
fn load_stream(conn: &rusqlite::Connection, key: &str) -> Result<Option<StreamRow>> {
    Ok(conn
        .query_row(
            "SELECT ward_code, desk, hwm, head, quarantined_at IS NOT NULL FROM streams WHERE stream = ?1",
            [key],
            |r| {
                Ok(StreamRow {
                    ward_code: r.get(0)?,
                    desk: r.get(1)?,
                    hwm: r.get::<_, i64>(2)? as u64,
                    head: r.get(3)?,
                    quarantined: r.get(4)?,
                })
            },
        )
        .optional()?)
}

fn same_as_stored(tx: &Transaction<'_>, key: &str, e: &WireEvent) -> Result<bool> {
    let (id, payload_hash, chain): (String, String, String) = tx.query_row(
        "SELECT event_id, payload_hash, chain_hash FROM events WHERE stream = ?1 AND seq = ?2",
        params![key, e.seq as i64],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    Ok(id == e.id.to_string() && payload_hash == e.payload_hash && chain == e.chain_hash)
}

/// Keeps the incoming version beside a reference to the stored one and freezes the stream.
fn quarantine(tx: &Transaction<'_>, key: &str, e: &WireEvent, now: &str) -> Result<()> {
    let force = redaction::concerns_protected(tx, &rules::sent_payload(e))?;
    let incoming = rules::quarantined_version(e, force)?;
    tx.execute(
        "INSERT INTO quarantine (stream, seq, stored_event_id, stored_payload_hash, stored_chain_hash,
                                 incoming_event, received_at)
         SELECT stream, seq, event_id, payload_hash, chain_hash, ?3, ?4 FROM events
         WHERE stream = ?1 AND seq = ?2",
        params![key, e.seq as i64, incoming, now],
    )?;
    tx.execute("UPDATE streams SET quarantined_at = ?2 WHERE stream = ?1", params![key, now])?;
    Ok(())
}

/// Stores one event; returns whether storing it redacted earlier events of its visit, and whether
/// it carries a review note.
fn insert_event(
    tx: &Transaction<'_>,
    key: &str,
    cred: &Credential,
    e: &WireEvent,
    now: &str,
) -> Result<(bool, bool)> {
    let sent = rules::sent_payload(e);
    let force = redaction::concerns_protected(tx, &sent)?;
    let stored = rules::storable(e, sent, force)?;
    let review = rules::review_note(e, &stored.value, &cred.ward_code);
    let inserted = tx.execute(
        "INSERT INTO events (stream, seq, event_id, kind, recorded_at, officer, payload, payload_hash,
                             chain_hash, withheld, review, received_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
         ON CONFLICT (event_id) DO NOTHING",
        params![
            key,
            e.seq as i64,
            e.id.to_string(),
            e.kind,
            canonical_time(&e.recorded_at),
            e.officer.map(|o| o.to_string()),
            stored.payload,
            e.payload_hash,
            e.chain_hash,
            stored.withheld,
            review,
            now
        ],
    )?;
    if inserted == 0 {
        return Err(Error::EventIdReused(e.id.to_string()));
    }
    super::projection::apply(tx, key, cred, e.seq, &stored.value)?;
    Ok((redaction::after_insert(tx, key, e.seq, &stored.value, now)?, review.is_some()))
}
