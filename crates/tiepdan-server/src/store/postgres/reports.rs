//! What the periodic reports read from PostgreSQL's projection (issue 17): the same rows as
//! SQLite's, in ward-code order, streamed from the server (`query_raw`) rather than fetched whole,
//! so a country's year is never held in memory at once.

use super::{Postgres, Sql};
use crate::error::Result;
use crate::store::{FactRow, RowSink, SessionRow};
use postgres::fallible_iterator::FallibleIterator;
use postgres::types::ToSql;
use std::collections::HashMap;
use tiepdan_protocol::ReferenceKind;

pub(super) fn latest_reference(db: &Postgres, kind: ReferenceKind) -> Result<Option<String>> {
    let mut conn = db.conn()?;
    Ok(conn
        .query_opt(
            "SELECT data FROM feed WHERE kind = $1 AND ward_code IS NULL ORDER BY number DESC LIMIT 1",
            &[&kind.as_str()],
        )?
        .map(|r| r.get(0)))
}

pub(super) fn latest_references(
    db: &Postgres,
    kind: ReferenceKind,
) -> Result<Vec<(Option<String>, i64, String)>> {
    let mut conn = db.conn()?;
    Ok(conn
        .query(
            "SELECT ward_code, number, data FROM feed f WHERE kind = $1
               AND number = (SELECT max(number) FROM feed g
                             WHERE g.kind = $1 AND g.ward_code IS NOT DISTINCT FROM f.ward_code)",
            &[&kind.as_str()],
        )?
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2)))
        .collect())
}

pub(super) fn ward_names(db: &Postgres) -> Result<Vec<(String, String)>> {
    let mut conn = db.conn()?;
    Ok(conn
        .query("SELECT code, name FROM wards ORDER BY code", &[])?
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect())
}

/// Streams the rows of `sql` with `params` through `each`, in one read-only snapshot.
fn stream(
    db: &Postgres,
    sql: &'static str,
    params: &[&(dyn ToSql + Sync)],
    each: &mut dyn FnMut(&postgres::Row) -> Result<()>,
) -> Result<()> {
    let mut conn = db.conn()?;
    let mut tx = conn.snapshot()?;
    let statement = tx.statement(sql)?;
    let mut rows = tx.raw().query_raw(&statement, params.iter().copied())?;
    while let Some(row) = rows.next()? {
        each(&row)?;
    }
    drop(rows);
    tx.commit()
}

/// How far each ward's stored history has come (SQLite's `ward_versions` says why this sum).
pub(super) fn ward_versions(db: &Postgres) -> Result<HashMap<String, i64>> {
    let mut conn = db.conn()?;
    Ok(conn
        .query("SELECT ward_code, sum(hwm)::bigint FROM streams GROUP BY ward_code", &[])?
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect())
}

// Every ward's and one ward's reads are separate statements: a generic plan for
// `$1 IS NULL OR ward_code = $1` would scan the country for one ward's recount.
macro_rules! visits_select {
    () => {
        "SELECT v.ward_code, v.visit_id, status, received_at, received_on, people_count,
        petition_kind, handling, source, petition_field, stage, eligible, competent, processed_on, session_id,
        reception, level, accepted_on, answered_on, resolved_on, outcome, l.visit_id IS NOT NULL,
        l.earlier_visit_id
     FROM visits v LEFT JOIN repeat_links l ON l.visit_id = v.visit_id"
    };
}
const VISITS_ALL: &str = concat!(visits_select!(), " WHERE received_on <= $1 ORDER BY v.ward_code");
const VISITS_OF_WARD: &str = concat!(visits_select!(), " WHERE received_on <= $1 AND v.ward_code = $2");

pub(super) fn visits(
    db: &Postgres,
    ward: Option<&str>,
    up_to: &str,
    sink: RowSink<'_, FactRow>,
) -> Result<()> {
    let each = &mut |r: &postgres::Row| {
        sink(FactRow {
            ward_code: r.get(0),
            visit_id: r.get(1),
            status: r.get(2),
            received_at: r.get(3),
            received_on: r.get(4),
            people_count: r.get(5),
            petition_kind: r.get(6),
            handling: r.get(7),
            source: r.get(8),
            petition_field: r.get(9),
            stage: r.get(10),
            eligible: r.get(11),
            competent: r.get(12),
            processed_on: r.get(13),
            session_id: r.get(14),
            reception: r.get(15),
            level: r.get(16),
            accepted_on: r.get(17),
            answered_on: r.get(18),
            resolved_on: r.get(19),
            outcome: r.get(20),
            linked: r.get(21),
            earlier: r.get(22),
        })
    };
    match ward {
        None => stream(db, VISITS_ALL, &[&up_to], each),
        Some(ward) => stream(db, VISITS_OF_WARD, &[&up_to, &ward], each),
    }
}

pub(super) fn sessions(
    db: &Postgres,
    ward: Option<&str>,
    up_to: &str,
    sink: RowSink<'_, SessionRow>,
) -> Result<()> {
    let each = &mut |r: &postgres::Row| {
        sink(SessionRow {
            ward_code: r.get(0),
            session_id: r.get(1),
            planned_on: r.get(2),
            kind: r.get(3),
            sat: r.get(4),
            outcome: r.get(5),
        })
    };
    match ward {
        None => stream(
            db,
            "SELECT ward_code, session_id, planned_on, kind, sat, outcome FROM reception_sessions
             WHERE planned_on <= $1 ORDER BY ward_code",
            &[&up_to],
            each,
        ),
        Some(ward) => stream(
            db,
            "SELECT ward_code, session_id, planned_on, kind, sat, outcome FROM reception_sessions
             WHERE planned_on <= $1 AND ward_code = $2",
            &[&up_to, &ward],
            each,
        ),
    }
}

pub(super) fn events(
    db: &Postgres,
    ward: Option<&str>,
    kinds: &[&str],
    sink: RowSink<'_, (String, String)>,
) -> Result<()> {
    let kinds: Vec<String> = kinds.iter().map(|k| k.to_string()).collect();
    let each = &mut |r: &postgres::Row| sink((r.get(0), r.get(1)));
    match ward {
        None => stream(
            db,
            "SELECT s.ward_code, e.payload FROM events e JOIN streams s ON s.stream = e.stream
             WHERE e.kind = ANY($1) ORDER BY s.ward_code, e.received_at, e.stream, e.seq",
            &[&kinds],
            each,
        ),
        Some(ward) => stream(
            db,
            "SELECT s.ward_code, e.payload FROM streams s JOIN events e ON e.stream = s.stream
             WHERE e.kind = ANY($1) AND s.ward_code = $2 ORDER BY e.received_at, e.stream, e.seq",
            &[&kinds, &ward],
            each,
        ),
    }
}
