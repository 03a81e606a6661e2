//! Redaction of a visit's stored events once the visit is protected (issue 14; `docs/protocol.md`,
//! Redaction), on PostgreSQL: the same rules ([`rules::redacted`], [`rules::redacted_quarantined`])
//! and the same tables as SQLite's `redaction.rs`, inside the push transaction that learns of the
//! protection (the batch writer, [`super::batch`], indexes each event and calls [`protect`]).
//!
//! Every stored event is indexed by the visits it concerns (`visit_events`); a visit is remembered
//! as protected (`protected_visits`) the first time one of its events says so, and then every
//! stored event of it, and every quarantined version of one, is rewritten the way the desk would
//! have sent it: the values become `null` and are listed in `withheld`. The payload and chain hashes
//! stay as received, so every chain still verifies (I5); the `events_are_only_redacted` trigger
//! refuses any other change.
//!
//! What this does NOT do, honestly: PostgreSQL's UPDATE writes a new row version and leaves the old
//! one (the cleartext) in the table file until VACUUM reuses the space, and never zeroes it; the WAL
//! segments, and any WAL archive or base backup, keep it too. The SQLite back end zeroes freed pages
//! (`secure_delete`) and truncates its WAL after a redacting push; here the operator's disk
//! encryption and WAL/backup retention policy must cover what lingers (`docs/server.md`). Also no
//! new database is needed for a backfill: this engine starts at the schema that has the index.

use super::{Sql, Tx};
use crate::error::Result;
use crate::store::rules;
use serde_json::Value;

/// Whether any visit this payload concerns is already protected here.
pub(super) fn concerns_protected(tx: &mut Tx<'_>, payload: &Value) -> Result<bool> {
    for visit in rules::visits_of(payload) {
        if tx.query_opt("SELECT 1 FROM protected_visits WHERE visit_id = $1", &[&visit])?.is_some() {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Remembers `visit` as protected and redacts its stored events and quarantined versions.
pub(super) fn protect(tx: &mut Tx<'_>, visit: &str, now: &str) -> Result<()> {
    let new = tx.execute(
        "INSERT INTO protected_visits (visit_id, protected_at) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        &[&visit, &now],
    )?;
    if new == 0 {
        return Ok(());
    }
    let events =
        tx.query("SELECT stream, seq FROM visit_events WHERE visit_id = $1 ORDER BY stream, seq", &[&visit])?;
    let mut redacted = false;
    for r in &events {
        redacted |= redact_event(tx, &r.get::<_, String>(0), r.get(1), now)?;
    }
    redacted |= redact_quarantine(tx, visit)?;
    // The projection's repeat links must not keep what the events no longer say (issue 17).
    tx.execute(
        "UPDATE repeat_links SET earlier_visit_id = NULL WHERE visit_id = $1 OR earlier_visit_id = $1",
        &[&visit],
    )?;
    if redacted {
        tracing::info!(visit, "stored events of a newly protected visit redacted");
    }
    Ok(())
}

/// Redacts one stored event in place; false when nothing in it was left to withhold.
fn redact_event(tx: &mut Tx<'_>, stream: &str, seq: i64, now: &str) -> Result<bool> {
    let Some(row) = tx
        .query_opt("SELECT payload, withheld FROM events WHERE stream = $1 AND seq = $2", &[&stream, &seq])?
    else {
        return Ok(false);
    };
    let (payload, withheld): (String, Option<String>) = (row.get(0), row.get(1));
    let Some((payload, pointers)) = rules::redacted(&payload, withheld.as_deref())? else {
        return Ok(false);
    };
    tx.execute(
        "UPDATE events SET payload = $3, withheld = $4, redacted_at = $5 WHERE stream = $1 AND seq = $2",
        &[&stream, &seq, &payload, &pointers, &now],
    )?;
    // The index must not keep what the payload no longer says: a withheld link's other end.
    let left: Vec<String> =
        serde_json::from_str::<Value>(&payload).map(|v| rules::visits_of(&v)).unwrap_or_default();
    tx.execute(
        "DELETE FROM visit_events WHERE stream = $1 AND seq = $2 AND visit_id <> ALL($3::text[])",
        &[&stream, &seq, &left],
    )?;
    Ok(true)
}

/// Redacts the incoming versions of forks that concern `visit` (kept in full for the district's
/// review, so they would keep the identity otherwise).
fn redact_quarantine(tx: &mut Tx<'_>, visit: &str) -> Result<bool> {
    let rows = tx.query("SELECT id, incoming_event FROM quarantine ORDER BY id", &[])?;
    let mut redacted = false;
    for r in &rows {
        let (id, incoming): (i64, String) = (r.get(0), r.get(1));
        if let Some(text) = rules::redacted_quarantined(&incoming, visit)? {
            tx.execute("UPDATE quarantine SET incoming_event = $2 WHERE id = $1", &[&id, &text])?;
            redacted = true;
        }
    }
    Ok(redacted)
}
