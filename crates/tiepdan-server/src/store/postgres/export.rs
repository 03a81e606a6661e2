//! Reading a whole PostgreSQL store for the invariant checker and `copy`, and writing one from a
//! copy. Values cross as [`Cell`]s: BIGINT ↔ `Int`, TEXT ↔ `Text`, NULL ↔ `Null` (the schema has no
//! other type). Table and column names come from `copy::TABLES`, constants, and are the only text
//! ever formatted into SQL; every value is a parameter.

use super::{Postgres, Sql};
use crate::error::{Error, Result};
use crate::store::{Cell, ChainRow, QuarantineCheck, Row, StreamSummary, Table};
use postgres::types::{ToSql, Type};

/// Rows fetched per round trip while exporting: a big `events` table streams through a portal
/// instead of being held in memory.
const EXPORT_CHUNK: i32 = 1000;

pub(super) fn stream_summaries(db: &Postgres) -> Result<Vec<(String, StreamSummary)>> {
    let rows = db.conn()?.query(
        "SELECT stream, ward_code, desk, hwm, head, quarantined_at IS NOT NULL FROM streams ORDER BY stream",
        &[],
    )?;
    Ok(rows
        .iter()
        .map(|r| {
            let summary = StreamSummary {
                ward_code: r.get(1),
                desk: r.get(2),
                hwm: r.get::<_, i64>(3) as u64,
                head: r.get(4),
                quarantined: r.get(5),
            };
            (r.get(0), summary)
        })
        .collect())
}

pub(super) fn chain_rows(
    db: &Postgres,
    stream: &str,
    after: u64,
    up_to: u64,
    limit: u64,
) -> Result<Vec<ChainRow>> {
    let rows = db.conn()?.query(
        "SELECT seq, payload, payload_hash, chain_hash, withheld IS NOT NULL FROM events
         WHERE stream = $1 AND seq > $2 AND seq <= $3 ORDER BY seq LIMIT $4",
        &[&stream, &(after as i64), &(up_to as i64), &(limit as i64)],
    )?;
    Ok(rows
        .iter()
        .map(|r| ChainRow {
            seq: r.get::<_, i64>(0) as u64,
            payload: r.get(1),
            payload_hash: r.get(2),
            chain_hash: r.get(3),
            withheld: r.get(4),
        })
        .collect())
}

pub(super) fn repeated_event_ids(db: &Postgres) -> Result<u64> {
    let n: i64 = db.conn()?.query_one("SELECT count(*) - count(DISTINCT event_id) FROM events", &[])?.get(0);
    Ok(n as u64)
}

pub(super) fn quarantine_checks(db: &Postgres) -> Result<Vec<QuarantineCheck>> {
    let rows = db.conn()?.query(
        "SELECT q.stream, q.seq, s.quarantined_at IS NOT NULL OR q.released_at IS NOT NULL,
                coalesce(e.event_id = q.stored_event_id AND e.payload_hash = q.stored_payload_hash
                    AND e.chain_hash = q.stored_chain_hash, false)
         FROM quarantine q JOIN streams s ON s.stream = q.stream
         LEFT JOIN events e ON e.stream = q.stream AND e.seq = q.seq ORDER BY q.id",
        &[],
    )?;
    Ok(rows
        .iter()
        .map(|r| QuarantineCheck {
            stream: r.get(0),
            seq: r.get::<_, i64>(1) as u64,
            shown_or_released: r.get(2),
            stored_unchanged: r.get(3),
        })
        .collect())
}

/// Every row of `table` in key order, from one snapshot, fetched [`EXPORT_CHUNK`] rows at a time.
pub(super) fn export(db: &Postgres, table: &Table, sink: &mut dyn FnMut(Row) -> Result<()>) -> Result<()> {
    let sql = format!("SELECT {} FROM {} ORDER BY {}", table.columns.join(", "), table.name, table.key);
    let mut conn = db.conn()?;
    let mut tx = conn.snapshot()?;
    let portal = tx.raw().bind(sql.as_str(), &[])?;
    loop {
        let rows = tx.raw().query_portal(&portal, EXPORT_CHUNK)?;
        for r in &rows {
            let mut row = Vec::with_capacity(table.columns.len());
            for (i, column) in r.columns().iter().enumerate() {
                row.push(match *column.type_() {
                    Type::INT8 => r.get::<_, Option<i64>>(i).map_or(Cell::Null, Cell::Int),
                    Type::TEXT => r.get::<_, Option<String>>(i).map_or(Cell::Null, Cell::Text),
                    ref other => {
                        return Err(Error::Internal(format!(
                            "{}.{} is a {other}, which the store never uses",
                            table.name, table.columns[i]
                        )))
                    }
                });
            }
            sink(row)?;
        }
        if rows.len() < EXPORT_CHUNK as usize {
            break;
        }
    }
    tx.commit()
}

/// Inserts `rows` as they are, in one transaction, through one prepared statement.
pub(super) fn import(db: &Postgres, table: &Table, rows: &[Row]) -> Result<()> {
    let placeholders = (1..=table.columns.len()).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ");
    let sql = format!("INSERT INTO {} ({}) VALUES ({placeholders})", table.name, table.columns.join(", "));
    let mut conn = db.conn()?;
    let mut tx = conn.begin()?;
    let statement = tx.raw().prepare(&sql)?;
    let types = statement.params().to_vec();
    for row in rows {
        if row.len() != types.len() {
            return Err(Error::Internal(format!(
                "a {} row has {} values, not {}",
                table.name,
                row.len(),
                types.len()
            )));
        }
        // A NULL is sent as the column's own type: the client checks a parameter's type even when
        // it is NULL.
        let values: Vec<Box<dyn ToSql + Sync>> = row
            .iter()
            .zip(&types)
            .map(|(cell, ty)| -> Box<dyn ToSql + Sync> {
                match (cell, *ty == Type::INT8) {
                    (Cell::Int(n), _) => Box::new(*n),
                    (Cell::Text(t), _) => Box::new(t.clone()),
                    (Cell::Null, true) => Box::new(None::<i64>),
                    (Cell::Null, false) => Box::new(None::<String>),
                }
            })
            .collect();
        let params: Vec<&(dyn ToSql + Sync)> = values.iter().map(|v| &**v).collect();
        tx.raw().execute(&statement, &params)?;
    }
    tx.commit()
}

/// Moves the identity sequences above the imported ids, so the next credential or quarantined
/// version does not collide with a copied one.
pub(super) fn finish_import(db: &Postgres) -> Result<()> {
    let mut conn = db.conn()?;
    let mut tx = conn.begin()?;
    tx.query_one(
        "SELECT setval(pg_get_serial_sequence('credentials', 'id'), coalesce(max(id), 0) + 1, false)
         FROM credentials",
        &[],
    )?;
    tx.query_one(
        "SELECT setval(pg_get_serial_sequence('quarantine', 'id'), coalesce(max(id), 0) + 1, false)
         FROM quarantine",
        &[],
    )?;
    tx.commit()
}

pub(super) fn is_empty(db: &Postgres) -> Result<bool> {
    let any: bool = db
        .conn()?
        .query_one(
            "SELECT EXISTS (SELECT 1 FROM wards) OR EXISTS (SELECT 1 FROM users)
                 OR EXISTS (SELECT 1 FROM streams) OR EXISTS (SELECT 1 FROM feed)",
            &[],
        )?
        .get(0);
    Ok(!any)
}

/// Whether `needle` occurs in any column of any live row. Column by column, not `row::text`: the
/// record's text form doubles quotes and backslashes, which would hide a needle containing them.
/// Unlike SQLite's byte scan of its files this cannot see dead row versions awaiting VACUUM or the
/// WAL (see `redaction.rs`): it answers for what the database serves.
pub(super) fn holds_text(db: &Postgres, needle: &str) -> Result<bool> {
    if needle.is_empty() {
        return Ok(false);
    }
    let mut conn = db.conn()?;
    let mut tx = conn.snapshot()?;
    for table in crate::store::copy::TABLES {
        let condition = table
            .columns
            .iter()
            .map(|c| format!("strpos({c}::text, $1) > 0"))
            .collect::<Vec<_>>()
            .join(" OR ");
        let sql = format!("SELECT EXISTS (SELECT 1 FROM {} WHERE {condition})", table.name);
        let found: bool = tx.raw().query_one(sql.as_str(), &[&needle])?.get(0);
        if found {
            return Ok(true);
        }
    }
    tx.commit()?;
    Ok(false)
}
