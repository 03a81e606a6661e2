//! Redaction of a visit's stored events once the visit is protected (issue 14; `docs/protocol.md`,
//! Redaction).
//!
//! A desk withholds a protected visit's identity, words and links before they leave the ward
//! (`tiepdan_protocol::withhold`), but a visit may be protected only later: recorded as a proposal,
//! synced, then amended to a denunciation. Its earlier events then sit here in clear. So every
//! stored event is indexed by the visits it concerns (`visit_events`: the visit it is about, and the
//! earlier visit a repeat link names), a visit is remembered as protected (`protected_visits`) as
//! soon as one of its events says so, and in the same transaction every stored event of it, and
//! every quarantined version of one, is redacted the way the desk would have sent it: the values
//! become `null` and are listed in `withheld`. The payload and chain hashes stay as received, so
//! every chain still verifies (I5) and a desk restoring its journal accepts the event as it accepts
//! any withheld one. A later event of a protected visit is stored withheld whatever the desk sent.
//!
//! The rules (what is redacted, which payload protects a visit) are [`rules`]; this file is the
//! SQLite side. The cleartext must not linger in the file either: the connection runs with `secure_delete`, and
//! a push that redacted anything owes a `wal_checkpoint(TRUNCATE)` once it has committed.

use crate::error::{Error, Result};
use crate::store::rules::{self, marks_protected};
use crate::store::time_text;
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::Value;

/// Whether any visit this payload concerns is already protected here.
pub(super) fn concerns_protected(conn: &Connection, payload: &Value) -> Result<bool> {
    let mut stmt = conn.prepare_cached("SELECT 1 FROM protected_visits WHERE visit_id = ?1")?;
    for visit in rules::visits_of(payload) {
        if stmt.exists([visit])? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Indexes a just-stored event by its visits and, when it marks its visit protected for the first
/// time, redacts everything stored about that visit. Returns whether anything was redacted.
pub(super) fn after_insert(
    conn: &Connection,
    stream: &str,
    seq: u64,
    payload: &Value,
    now: &str,
) -> Result<bool> {
    let mut index = conn
        .prepare_cached("INSERT OR IGNORE INTO visit_events (visit_id, stream, seq) VALUES (?1, ?2, ?3)")?;
    for visit in rules::visits_of(payload) {
        index.execute(params![visit, stream, seq as i64])?;
    }
    match marks_protected(payload) {
        Some(visit) => protect(conn, &visit, now),
        None => Ok(false),
    }
}

/// Remembers `visit` as protected and redacts its stored events and quarantined versions.
fn protect(conn: &Connection, visit: &str, now: &str) -> Result<bool> {
    let new = conn.execute(
        "INSERT OR IGNORE INTO protected_visits (visit_id, protected_at) VALUES (?1, ?2)",
        params![visit, now],
    )?;
    if new == 0 {
        return Ok(false);
    }
    let events: Vec<(String, i64)> = conn
        .prepare_cached("SELECT stream, seq FROM visit_events WHERE visit_id = ?1 ORDER BY stream, seq")?
        .query_map([visit], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut redacted = false;
    for (stream, seq) in events {
        redacted |= redact_event(conn, &stream, seq, now)?;
    }
    redacted |= redact_quarantine(conn, visit)?;
    // The projection's repeat links must not keep what the events no longer say (issue 17).
    conn.execute(
        "UPDATE repeat_links SET earlier_visit_id = NULL WHERE visit_id = ?1 OR earlier_visit_id = ?1",
        [visit],
    )?;
    if redacted {
        tracing::info!(visit, "stored events of a newly protected visit redacted");
    }
    Ok(redacted)
}

/// Redacts one stored event in place; false when nothing in it was left to withhold.
fn redact_event(conn: &Connection, stream: &str, seq: i64, now: &str) -> Result<bool> {
    let row: Option<(String, Option<String>)> = conn
        .query_row(
            "SELECT payload, withheld FROM events WHERE stream = ?1 AND seq = ?2",
            params![stream, seq],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((payload, withheld)) = row else { return Ok(false) };
    let Some((payload, pointers)) = rules::redacted(&payload, withheld.as_deref())? else {
        return Ok(false);
    };
    conn.execute(
        "UPDATE events SET payload = ?3, withheld = ?4, redacted_at = ?5 WHERE stream = ?1 AND seq = ?2",
        params![stream, seq, payload, pointers, now],
    )?;
    // The index must not keep what the payload no longer says: a withheld link's other end.
    let left: Vec<String> =
        serde_json::from_str::<Value>(&payload).map(|v| rules::visits_of(&v)).unwrap_or_default();
    let left = serde_json::to_string(&left).map_err(|e| Error::Internal(e.to_string()))?;
    conn.execute(
        "DELETE FROM visit_events WHERE stream = ?1 AND seq = ?2
             AND visit_id NOT IN (SELECT value FROM json_each(?3))",
        params![stream, seq, left],
    )?;
    Ok(true)
}

/// Redacts the incoming versions of forks that concern `visit` (kept in full for the district's
/// review, so they would keep the identity otherwise).
fn redact_quarantine(conn: &Connection, visit: &str) -> Result<bool> {
    let rows: Vec<(i64, String)> = conn
        .prepare_cached("SELECT id, incoming_event FROM quarantine")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut redacted = false;
    for (id, incoming) in rows {
        if let Some(text) = rules::redacted_quarantined(&incoming, visit)? {
            conn.execute("UPDATE quarantine SET incoming_event = ?2 WHERE id = ?1", params![id, text])?;
            redacted = true;
        }
    }
    Ok(redacted)
}

/// Moves every page into the database file and empties the WAL, once a redacting push has
/// committed, so the cleartext does not stay in old WAL frames (`secure_delete` has zeroed what the
/// redaction freed). A failure leaves the store correct, only less clean, so it is logged, not raised.
pub(super) fn checkpoint(conn: &Connection) {
    let done = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get::<_, i64>(0));
    match done {
        Ok(0) => {}
        Ok(_) => tracing::warn!("redaction checkpoint was blocked by a reader; the WAL is emptied later"),
        Err(e) => tracing::warn!(error = %e, "redaction checkpoint failed"),
    }
}

/// The one-off pass after migration 0003: indexes every stored event by its visits and redacts the
/// visits already protected, so a store upgraded from an earlier version holds no cleartext either.
pub(super) fn backfill(conn: &Connection, now: DateTime<Utc>) -> Result<()> {
    let now = time_text(&now);
    let rows: Vec<(String, i64, String)> = conn
        .prepare("SELECT stream, seq, payload FROM events ORDER BY stream, seq")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut protected = Vec::new();
    let mut index =
        conn.prepare("INSERT OR IGNORE INTO visit_events (visit_id, stream, seq) VALUES (?1, ?2, ?3)")?;
    for (stream, seq, payload) in rows {
        let Ok(payload) = serde_json::from_str::<Value>(&payload) else { continue };
        for visit in rules::visits_of(&payload) {
            index.execute(params![visit, stream, seq])?;
        }
        protected.extend(marks_protected(&payload));
    }
    for visit in protected {
        protect(conn, &visit, &now)?;
    }
    Ok(())
}
