//! Reading a whole SQLite store for the invariant checker and `copy`, and writing one from a copy.

use super::Sqlite;
use crate::error::{Error, Result};
use crate::store::{Cell, ChainRow, QuarantineCheck, Row, StreamSummary, Table};
use rusqlite::types::{Value as SqlValue, ValueRef};
use rusqlite::{params, params_from_iter};

pub(super) fn stream_summaries(db: &Sqlite) -> Result<Vec<(String, StreamSummary)>> {
    let conn = db.reader()?;
    let mut stmt = conn.prepare(
        "SELECT stream, ward_code, desk, hwm, head, quarantined_at IS NOT NULL FROM streams ORDER BY stream",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get(0)?,
            StreamSummary {
                ward_code: r.get(1)?,
                desk: r.get(2)?,
                hwm: r.get::<_, i64>(3)? as u64,
                head: r.get(4)?,
                quarantined: r.get(5)?,
            },
        ))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub(super) fn chain_rows(
    db: &Sqlite,
    stream: &str,
    after: u64,
    up_to: u64,
    limit: u64,
) -> Result<Vec<ChainRow>> {
    let conn = db.reader()?;
    let mut stmt = conn.prepare_cached(
        "SELECT seq, payload, payload_hash, chain_hash, withheld IS NOT NULL FROM events
         WHERE stream = ?1 AND seq > ?2 AND seq <= ?3 ORDER BY seq LIMIT ?4",
    )?;
    let rows = stmt.query_map(params![stream, after as i64, up_to as i64, limit as i64], |r| {
        Ok(ChainRow {
            seq: r.get::<_, i64>(0)? as u64,
            payload: r.get(1)?,
            payload_hash: r.get(2)?,
            chain_hash: r.get(3)?,
            withheld: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub(super) fn repeated_event_ids(db: &Sqlite) -> Result<u64> {
    let n: i64 =
        db.reader()?.query_row("SELECT count(*) - count(DISTINCT event_id) FROM events", [], |r| r.get(0))?;
    Ok(n as u64)
}

pub(super) fn quarantine_checks(db: &Sqlite) -> Result<Vec<QuarantineCheck>> {
    let conn = db.reader()?;
    let mut stmt = conn.prepare(
        "SELECT q.stream, q.seq, s.quarantined_at IS NOT NULL OR q.released_at IS NOT NULL,
                coalesce(e.event_id = q.stored_event_id AND e.payload_hash = q.stored_payload_hash
                    AND e.chain_hash = q.stored_chain_hash, 0)
         FROM quarantine q JOIN streams s ON s.stream = q.stream
         LEFT JOIN events e ON e.stream = q.stream AND e.seq = q.seq ORDER BY q.id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(QuarantineCheck {
            stream: r.get(0)?,
            seq: r.get::<_, i64>(1)? as u64,
            shown_or_released: r.get(2)?,
            stored_unchanged: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub(super) fn export(db: &Sqlite, table: &Table, sink: &mut dyn FnMut(Row) -> Result<()>) -> Result<()> {
    let conn = db.reader()?;
    let tx = conn.unchecked_transaction()?;
    let sql = format!("SELECT {} FROM {} ORDER BY {}", table.columns.join(", "), table.name, table.key);
    let mut stmt = tx.prepare(&sql)?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let mut row = Vec::with_capacity(table.columns.len());
        for i in 0..table.columns.len() {
            row.push(match r.get_ref(i)? {
                ValueRef::Null => Cell::Null,
                ValueRef::Integer(n) => Cell::Int(n),
                ValueRef::Text(t) => Cell::Text(String::from_utf8_lossy(t).into_owned()),
                other => {
                    return Err(Error::Internal(format!(
                        "{}.{} holds a {:?}, which the store never writes",
                        table.name,
                        table.columns[i],
                        other.data_type()
                    )))
                }
            });
        }
        sink(row)?;
    }
    Ok(())
}

pub(super) fn import(db: &Sqlite, table: &Table, rows: &[Row]) -> Result<()> {
    let placeholders = (1..=table.columns.len()).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", ");
    let sql = format!("INSERT INTO {} ({}) VALUES ({placeholders})", table.name, table.columns.join(", "));
    let mut conn = db.writer();
    let tx = conn.transaction()?;
    {
        let mut stmt = tx.prepare(&sql)?;
        for row in rows {
            stmt.execute(params_from_iter(row.iter().map(|c| match c {
                Cell::Null => SqlValue::Null,
                Cell::Int(n) => SqlValue::Integer(*n),
                Cell::Text(t) => SqlValue::Text(t.clone()),
            })))?;
        }
    }
    tx.commit()?;
    Ok(())
}

pub(super) fn is_empty(db: &Sqlite) -> Result<bool> {
    let any: bool = db.reader()?.query_row(
        "SELECT EXISTS (SELECT 1 FROM wards) OR EXISTS (SELECT 1 FROM users)
             OR EXISTS (SELECT 1 FROM streams) OR EXISTS (SELECT 1 FROM feed)",
        [],
        |r| r.get(0),
    )?;
    Ok(!any)
}

/// Scans the database file and its WAL byte for byte: what a thief copying the folder would read,
/// free pages and old WAL frames included.
pub(super) fn holds_text(db: &Sqlite, needle: &str) -> bool {
    let mut candidates = vec![db.path.clone()];
    for suffix in ["-wal", "-journal"] {
        let mut p = db.path.as_os_str().to_owned();
        p.push(suffix);
        candidates.push(p.into());
    }
    let needle = needle.as_bytes();
    candidates
        .iter()
        .filter_map(|p| std::fs::read(p).ok())
        .any(|bytes| !needle.is_empty() && bytes.windows(needle.len()).any(|w| w == needle))
}
