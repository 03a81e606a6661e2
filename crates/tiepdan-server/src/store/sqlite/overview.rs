//! What district staff look at (`store::reports`), read on a reading connection in one snapshot.
//!
//! Four set-based queries per refresh, whatever the number of wards, and every figure from an
//! index or a per-stream column, never from scanning stored events: a stream's stored events are its
//! hwm (a gapless prefix, I5) and those held for review its `reviews` counter; visits are counted
//! through `visits_by_day`.

use super::Sqlite;
use crate::error::Result;
use crate::store::reports::{assemble, stream_report, OverviewRows, StreamRow};
use crate::store::{Calendar, QuarantineReport, WardReport};
use rusqlite::params;

pub(super) fn wards(db: &Sqlite, calendar: &Calendar) -> Result<Vec<WardReport>> {
    let conn = db.reader()?;
    let tx = conn.unchecked_transaction()?;
    let mut rows = OverviewRows::default();
    let mut stmt = tx.prepare_cached("SELECT code, name FROM wards ORDER BY code")?;
    rows.wards = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?;
    let mut stmt = tx.prepare_cached(
        "SELECT ward_code, stream, desk, hwm, head, local_max_seq, last_push_at, quarantined_at IS NOT NULL,
                reviews
         FROM streams ORDER BY ward_code, desk, first_push_at",
    )?;
    rows.streams = stmt
        .query_map([], |r| {
            let line = stream_report(StreamRow {
                stream: r.get(1)?,
                desk: r.get(2)?,
                hwm: r.get::<_, i64>(3)? as u64,
                head: r.get(4)?,
                local_max_seq: r.get::<_, i64>(5)? as u64,
                last_push_at: r.get(6)?,
                quarantined: r.get(7)?,
                reviews: r.get::<_, i64>(8)? as u64,
            });
            Ok((r.get(0)?, line))
        })?
        .collect::<Result<_, _>>()?;
    let mut stmt = tx.prepare_cached(
        "SELECT d.ward_code, d.desk, EXISTS (SELECT 1 FROM credentials c WHERE c.ward_code = d.ward_code
                                             AND c.desk = d.desk AND c.revoked_at IS NULL)
         FROM desks d ORDER BY d.ward_code, d.desk",
    )?;
    rows.desks = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<Result<_, _>>()?;
    let mut stmt = tx.prepare_cached(
        "SELECT ward_code, count(*) FILTER (WHERE received_on = ?1), count(*),
                count(*) FILTER (WHERE petition_kind IS NOT NULL)
         FROM visits WHERE received_on >= ?2 AND received_on < ?3 AND status = 'active'
         GROUP BY ward_code",
    )?;
    rows.visits = stmt
        .query_map(params![calendar.today, calendar.month_start, calendar.next_month_start], |r| {
            Ok((
                r.get(0)?,
                r.get::<_, i64>(1)? as u64,
                r.get::<_, i64>(2)? as u64,
                r.get::<_, i64>(3)? as u64,
            ))
        })?
        .collect::<Result<_, _>>()?;
    Ok(assemble(rows))
}

pub(super) fn quarantine(db: &Sqlite) -> Result<Vec<QuarantineReport>> {
    let conn = db.reader()?;
    let mut stmt = conn.prepare(
        "SELECT s.ward_code, w.name, s.desk, q.stream, q.seq, q.stored_event_id, q.received_at,
                q.stored_payload_hash, q.incoming_event
         FROM quarantine q JOIN streams s ON s.stream = q.stream JOIN wards w ON w.code = s.ward_code
         WHERE q.released_at IS NULL
         ORDER BY q.id DESC",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(QuarantineReport {
            ward_code: r.get(0)?,
            ward_name: r.get(1)?,
            desk: r.get(2)?,
            stream: r.get(3)?,
            seq: r.get::<_, i64>(4)? as u64,
            stored_event_id: r.get(5)?,
            received_at: r.get(6)?,
            stored_payload_hash: r.get(7)?,
            incoming: serde_json::from_str(&r.get::<_, String>(8)?).unwrap_or(serde_json::Value::Null),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
