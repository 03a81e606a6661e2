//! What the periodic reports read from SQLite's projection (issue 17), row by row in ward-code
//! order, so a country's year streams through without being held whole.

use super::Sqlite;
use crate::error::Result;
use crate::store::{FactRow, RowSink, SessionRow};
use rusqlite::OptionalExtension;
use std::collections::HashMap;
use tiepdan_protocol::ReferenceKind;

pub(super) fn latest_reference(db: &Sqlite, kind: ReferenceKind) -> Result<Option<String>> {
    let conn = db.reader()?;
    let mut stmt = conn.prepare_cached(
        "SELECT data FROM feed WHERE kind = ?1 AND ward_code IS NULL ORDER BY number DESC LIMIT 1",
    )?;
    Ok(stmt.query_row([kind.as_str()], |r| r.get(0)).optional()?)
}

pub(super) fn latest_references(
    db: &Sqlite,
    kind: ReferenceKind,
) -> Result<Vec<(Option<String>, i64, String)>> {
    let conn = db.reader()?;
    let mut stmt = conn.prepare_cached(
        "SELECT ward_code, number, data FROM feed f WHERE kind = ?1
           AND number = (SELECT max(number) FROM feed g WHERE g.kind = ?1 AND g.ward_code IS f.ward_code)",
    )?;
    let rows = stmt
        .query_map([kind.as_str()], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

pub(super) fn ward_names(db: &Sqlite) -> Result<Vec<(String, String)>> {
    let conn = db.reader()?;
    let mut stmt = conn.prepare_cached("SELECT code, name FROM wards ORDER BY code")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?;
    Ok(rows)
}

/// How far each ward's stored history has come: the sum of its streams' high-water marks. Every
/// change to what a ward's reports count comes with at least one stored event of that ward (a
/// redaction too is done by the push that stores the event asking for it), so the sum grows with
/// every such change and never repeats a value.
pub(super) fn ward_versions(db: &Sqlite) -> Result<HashMap<String, i64>> {
    let conn = db.reader()?;
    let mut stmt = conn.prepare_cached("SELECT ward_code, sum(hwm) FROM streams GROUP BY ward_code")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?;
    Ok(rows)
}

// Each read comes in two statements, every ward's and one ward's, rather than one with
// `?1 IS NULL OR ward_code = ?1`: SQLite cannot use an index for that condition, and one ward's
// recount (a kept report brought up to date after a push) must not scan the country.
const VISITS_COLUMNS: &str = "SELECT v.ward_code, v.visit_id, status, received_at, received_on, people_count,
        petition_kind, handling, source, petition_field, stage, eligible, competent, processed_on, session_id,
        reception, level, accepted_on, answered_on, resolved_on, outcome, l.visit_id IS NOT NULL,
        l.earlier_visit_id
     FROM visits v LEFT JOIN repeat_links l ON l.visit_id = v.visit_id";

pub(super) fn visits(db: &Sqlite, ward: Option<&str>, up_to: &str, sink: RowSink<'_, FactRow>) -> Result<()> {
    let conn = db.reader()?;
    let (mut stmt, params) = match ward {
        None => (
            conn.prepare_cached(&format!("{VISITS_COLUMNS} WHERE received_on <= ?1 ORDER BY v.ward_code"))?,
            rusqlite::params_from_iter(vec![up_to]),
        ),
        Some(ward) => (
            conn.prepare_cached(&format!("{VISITS_COLUMNS} WHERE v.ward_code = ?2 AND received_on <= ?1"))?,
            rusqlite::params_from_iter(vec![up_to, ward]),
        ),
    };
    let mut rows = stmt.query(params)?;
    while let Some(r) = rows.next()? {
        sink(FactRow {
            ward_code: r.get(0)?,
            visit_id: r.get(1)?,
            status: r.get(2)?,
            received_at: r.get(3)?,
            received_on: r.get(4)?,
            people_count: r.get(5)?,
            petition_kind: r.get(6)?,
            handling: r.get(7)?,
            source: r.get(8)?,
            petition_field: r.get(9)?,
            stage: r.get(10)?,
            eligible: r.get(11)?,
            competent: r.get(12)?,
            processed_on: r.get(13)?,
            session_id: r.get(14)?,
            reception: r.get(15)?,
            level: r.get(16)?,
            accepted_on: r.get(17)?,
            answered_on: r.get(18)?,
            resolved_on: r.get(19)?,
            outcome: r.get(20)?,
            linked: r.get(21)?,
            earlier: r.get(22)?,
        })?;
    }
    Ok(())
}

pub(super) fn sessions(
    db: &Sqlite,
    ward: Option<&str>,
    up_to: &str,
    sink: RowSink<'_, SessionRow>,
) -> Result<()> {
    let conn = db.reader()?;
    const COLUMNS: &str =
        "SELECT ward_code, session_id, planned_on, kind, sat, outcome FROM reception_sessions";
    let (mut stmt, params) = match ward {
        None => (
            conn.prepare_cached(&format!("{COLUMNS} WHERE planned_on <= ?1 ORDER BY ward_code"))?,
            rusqlite::params_from_iter(vec![up_to]),
        ),
        Some(ward) => (
            conn.prepare_cached(&format!("{COLUMNS} WHERE ward_code = ?2 AND planned_on <= ?1"))?,
            rusqlite::params_from_iter(vec![up_to, ward]),
        ),
    };
    let mut rows = stmt.query(params)?;
    while let Some(r) = rows.next()? {
        sink(SessionRow {
            ward_code: r.get(0)?,
            session_id: r.get(1)?,
            planned_on: r.get(2)?,
            kind: r.get(3)?,
            sat: r.get(4)?,
            outcome: r.get(5)?,
        })?;
    }
    Ok(())
}

pub(super) fn events(
    db: &Sqlite,
    ward: Option<&str>,
    kinds: &[&str],
    sink: RowSink<'_, (String, String)>,
) -> Result<()> {
    let conn = db.reader()?;
    // The kinds are the caller's constants, passed as one JSON array (no SQL is built from them).
    let kinds = serde_json::to_string(kinds).map_err(|e| crate::error::Error::Internal(e.to_string()))?;
    let (mut stmt, params) = match ward {
        None => (
            conn.prepare_cached(
                "SELECT s.ward_code, e.payload FROM events e JOIN streams s ON s.stream = e.stream
                 WHERE e.kind IN (SELECT value FROM json_each(?1))
                 ORDER BY s.ward_code, e.received_at, e.stream, e.seq",
            )?,
            rusqlite::params_from_iter(vec![kinds]),
        ),
        // CROSS JOIN keeps SQLite to the ward's few streams first, then their events by key,
        // rather than every event of these kinds in the country.
        Some(ward) => (
            conn.prepare_cached(
                "SELECT s.ward_code, e.payload FROM streams s CROSS JOIN events e
                 WHERE s.ward_code = ?2 AND e.stream = s.stream AND e.kind IN (SELECT value FROM json_each(?1))
                 ORDER BY e.received_at, e.stream, e.seq",
            )?,
            rusqlite::params_from_iter(vec![kinds, ward.to_string()]),
        ),
    };
    let mut rows = stmt.query(params)?;
    while let Some(r) = rows.next()? {
        sink((r.get(0)?, r.get(1)?))?;
    }
    Ok(())
}
