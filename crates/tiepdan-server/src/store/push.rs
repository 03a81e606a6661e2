//! One push, in one transaction (`sync-design.md`, Push).
//!
//! For each event of the contiguous batch: `seq ≤ hwm` → compare hashes (equal: duplicate, skipped;
//! different: fork — both versions go to quarantine, the stream is frozen and the batch refused);
//! `seq = hwm + 1` → verify the payload hash and the chain, store; `seq > hwm + 1` → gap, nothing
//! stored, the answer names the expected seq. The transaction commits before the caller answers, so
//! an acknowledged hwm is durable (I6). Business-rule oddities never refuse an event: they are noted
//! in its `review` column. A push creates a stream only when it stores something, and a desk has at
//! most [`MAX_STREAMS_PER_DESK`] streams.

use super::{redaction, time_text, Credential, Store};
use crate::error::{Error, Result};
use rusqlite::{params, OptionalExtension, Transaction, TransactionBehavior};
use serde_json::Value;
use tiepdan_domain::event::{canonical_time, chain_hash, sha256, EventBody, GENESIS};
use tiepdan_domain::ids::StreamId;
use tiepdan_protocol::push::parse_hash;
use tiepdan_protocol::{withhold, PushRequest, PushResponse, StreamState, WireEvent, MAX_BATCH_EVENTS};

/// A desk opens a new stream only when its register is reinstalled or restored; more than this
/// many is a runaway or a misused credential, not a ward's work.
pub const MAX_STREAMS_PER_DESK: i64 = 64;

struct StreamRow {
    ward_code: String,
    desk: String,
    hwm: u64,
    head: String,
    quarantined: bool,
}

/// Checks what can be checked without the store: size, contiguity, well-formed hashes and payload.
pub(crate) fn validate_batch(req: &PushRequest) -> Result<()> {
    if req.events.len() > MAX_BATCH_EVENTS {
        return Err(Error::BadRequest(format!("một lần gửi tối đa {MAX_BATCH_EVENTS} sự kiện")));
    }
    if req.local_max_seq > i64::MAX as u64 {
        return Err(Error::BadRequest("local_max_seq quá lớn".into()));
    }
    for (i, e) in req.events.iter().enumerate() {
        let expected = req.events[0].seq.checked_add(i as u64);
        if e.seq == 0 || e.seq > i64::MAX as u64 || Some(e.seq) != expected {
            return Err(Error::BadRequest("các sự kiện phải liên tiếp, bắt đầu từ số 1 trở lên".into()));
        }
        for (text, field) in [(&e.payload_hash, "payload_hash"), (&e.chain_hash, "chain_hash")] {
            parse_hash(text, field)
                .map_err(|err| Error::BadRequest(format!("sự kiện số {}: {err}", e.seq)))?;
        }
        if !serde_json::from_str::<Value>(&e.payload).is_ok_and(|v| v.is_object()) {
            return Err(Error::BadRequest(format!("sự kiện số {}: nội dung không phải JSON", e.seq)));
        }
        if e.kind.is_empty() || e.kind.len() > 64 || e.withheld.len() > 1000 {
            return Err(Error::BadRequest(format!("sự kiện số {}: loại hoặc danh sách giữ lại sai", e.seq)));
        }
    }
    Ok(())
}

/// The payload hash and side fields agree with the payload (as far as a redacted payload allows).
fn verify_payload(e: &WireEvent) -> bool {
    let Ok(v) = serde_json::from_str::<Value>(&e.payload) else { return false };
    let side_fields_match = v.get("event_id").and_then(Value::as_str) == Some(e.id.to_string().as_str())
        && v.get("kind").and_then(Value::as_str) == Some(e.kind.as_str())
        && v.get("recorded_at").and_then(Value::as_str) == Some(canonical_time(&e.recorded_at).as_str())
        && v.get("officer") == Some(&serde_json::to_value(e.officer).unwrap_or(Value::Null));
    if !side_fields_match {
        return false;
    }
    if e.withheld.is_empty() {
        hex::encode(sha256(e.payload.as_bytes())) == e.payload_hash
    } else {
        // Only the withheld values are missing; each must be present as null.
        e.withheld.iter().all(|p| v.pointer(p).is_some_and(Value::is_null))
    }
}

impl Store {
    /// Applies one batch from the desk of `cred` to `stream`.
    pub fn push(&self, cred: &Credential, stream: StreamId, req: &PushRequest) -> Result<PushResponse> {
        validate_batch(req)?;
        let now = time_text(&self.now());
        let key = stream.to_string();
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut row = match load_stream(&tx, &key)? {
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
                load_stream(&tx, &key)?.ok_or_else(|| Error::Internal("stream row vanished".into()))?
            }
        };
        if row.ward_code != cred.ward_code || row.desk != cred.desk.to_string() {
            return Err(Error::Forbidden("luồng này thuộc bàn tiếp khác".into()));
        }
        if row.quarantined {
            let seq = tx.query_row(
                "SELECT min(seq) FROM quarantine WHERE stream = ?1 AND released_at IS NULL",
                [&key],
                |r| r.get::<_, Option<i64>>(0),
            )?;
            return Err(Error::Fork { seq: seq.unwrap_or(0) as u64 });
        }
        tx.execute(
            "UPDATE streams SET local_max_seq = max(local_max_seq, ?2), last_push_at = ?3 WHERE stream = ?1",
            params![key, req.local_max_seq as i64, now],
        )?;
        let (mut stored, mut duplicates) = (0u64, 0u64);
        let mut checkpoint_owed = false;
        for e in &req.events {
            if e.seq <= row.hwm {
                if same_as_stored(&tx, &key, e)? {
                    duplicates += 1;
                    continue;
                }
                quarantine(&tx, &key, e, &now)?;
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
            if !verify_payload(e) {
                return Err(Error::BadHash { seq: e.seq });
            }
            let previous = parse_hash(&row.head, "head").map_err(|e| Error::Internal(e.to_string()))?;
            let payload_hash = parse_hash(&e.payload_hash, "payload_hash")
                .map_err(|err| Error::BadRequest(err.to_string()))?;
            if hex::encode(chain_hash(&previous, e.seq, &payload_hash)) != e.chain_hash {
                return Err(Error::BrokenChain { seq: e.seq });
            }
            checkpoint_owed |= insert_event(&tx, &key, cred, e, &now)?;
            stored += 1;
            row.hwm = e.seq;
            row.head = e.chain_hash.clone();
        }
        tx.execute(
            "UPDATE streams SET hwm = ?2, head = ?3 WHERE stream = ?1",
            params![key, row.hwm as i64, row.head],
        )?;
        tx.commit()?;
        if checkpoint_owed {
            redaction::checkpoint(&conn);
        }
        Ok(PushResponse { hwm: row.hwm, head: row.head, stored, duplicates })
    }

    /// Releases a quarantined stream: the desk that holds the stored version may push again.
    /// Returns how many quarantined versions were marked released (they stay on record).
    pub fn release_stream(&self, stream: &str, note: &str) -> Result<u64> {
        let note = note.trim();
        if note.is_empty() || note.chars().count() > 1000 {
            return Err(Error::BadRequest("cần ghi lý do (tối đa 1000 ký tự)".into()));
        }
        let now = time_text(&self.now());
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let row =
            load_stream(&tx, stream)?.ok_or_else(|| Error::NotFound(format!("không có luồng {stream}")))?;
        if !row.quarantined {
            return Err(Error::BadRequest(format!("luồng {stream} không bị tạm giữ")));
        }
        let n = tx.execute(
            "UPDATE quarantine SET released_at = ?2, release_note = ?3 WHERE stream = ?1 AND released_at IS NULL",
            params![stream, now, note],
        )?;
        tx.execute("UPDATE streams SET quarantined_at = NULL WHERE stream = ?1", [stream])?;
        tx.commit()?;
        tracing::info!(stream, "quarantine released");
        Ok(n as u64)
    }

    /// The server's state of every stream of the credential's desk.
    pub fn desk_streams(&self, cred: &Credential) -> Result<Vec<StreamState>> {
        let conn = self.conn();
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
    pub fn stream_events(
        &self,
        cred: &Credential,
        stream: StreamId,
        after: u64,
        limit: u64,
    ) -> Result<(Vec<WireEvent>, u64)> {
        let key = stream.to_string();
        let conn = self.conn();
        let row = load_stream(&conn, &key)?.ok_or_else(|| Error::NotFound("không có luồng này".into()))?;
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
                recorded_at: super::parse_time(&recorded_at).ok_or_else(|| bad("time"))?,
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
    let mut incoming = e.clone();
    let sent: Value = serde_json::from_str(&e.payload).unwrap_or(Value::Null);
    let force = redaction::concerns_protected(tx, &sent)?;
    if let Some((payload, withheld)) = withhold::withhold_visitors(incoming.payload.as_bytes(), force) {
        incoming.payload = payload;
        incoming.withheld.extend(withheld);
    }
    let incoming = serde_json::to_string(&incoming).map_err(|e| Error::Internal(e.to_string()))?;
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

/// Stores one event; returns whether storing it redacted earlier events of its visit.
fn insert_event(
    tx: &Transaction<'_>,
    key: &str,
    cred: &Credential,
    e: &WireEvent,
    now: &str,
) -> Result<bool> {
    // Defence in depth: whatever a desk sends, a denouncer's identity is not stored here, nor the
    // words and links of a visit already protected here (an older desk may not withhold them).
    let sent: Value = serde_json::from_str(&e.payload).map_err(|e| Error::BadRequest(e.to_string()))?;
    let force = redaction::concerns_protected(tx, &sent)?;
    let (payload, withheld) = match withhold::withhold_visitors(e.payload.as_bytes(), force) {
        Some((payload, more)) => (payload, e.withheld.iter().cloned().chain(more).collect::<Vec<_>>()),
        None => (e.payload.clone(), e.withheld.clone()),
    };
    let value: Value = serde_json::from_str(&payload).map_err(|e| Error::BadRequest(e.to_string()))?;
    let review = review_note(e, &value, cred);
    let withheld_json = (!withheld.is_empty()).then(|| serde_json::to_string(&withheld).unwrap_or_default());
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
            payload,
            e.payload_hash,
            e.chain_hash,
            withheld_json,
            review,
            now
        ],
    )?;
    if inserted == 0 {
        return Err(Error::EventIdReused(e.id.to_string()));
    }
    super::projection::apply(tx, key, cred, e.seq, &value)?;
    redaction::after_insert(tx, key, e.seq, &value, now)
}

/// Remarks for district review; the event is stored either way.
fn review_note(e: &WireEvent, payload: &Value, cred: &Credential) -> Option<String> {
    let kind = payload.get("kind").and_then(Value::as_str);
    if (e.seq == 1) != (kind == Some("stream_started")) {
        return Some("luồng phải bắt đầu bằng sự kiện mở luồng, và chỉ một lần".into());
    }
    if kind == Some("stream_started") {
        let ward = payload.pointer("/body/ward_code").and_then(Value::as_str);
        if ward != Some(cred.ward_code.as_str()) {
            return Some(format!("mở luồng cho phường {ward:?} bằng thiết bị của phường {}", cred.ward_code));
        }
    }
    // A withheld payload lacks required fields by design; anything else should decode.
    let known = serde_json::json!({ "kind": kind, "body": payload.get("body") });
    if e.withheld.is_empty() && serde_json::from_value::<EventBody>(known).is_err() {
        return Some(format!(
            "nội dung không đúng dạng sự kiện {kind:?} đã biết (bàn tiếp dùng phiên bản mới hơn?)"
        ));
    }
    None
}
