//! What district staff look at (`store::reports`), read in one REPEATABLE READ READ ONLY
//! transaction so every figure of a page comes from the same moment, while desks keep pushing.
//!
//! Four set-based queries per refresh, whatever the number of wards (one assembler for both engines:
//! `store::reports::assemble`). Every figure comes from an index or a per-stream column, never from
//! scanning stored events: a stream's stored events are its hwm (a gapless prefix, I5) and those
//! held for review its `reviews` counter; visits are counted through `visits_by_day`.

use super::{Postgres, Sql};
use crate::error::Result;
use crate::store::reports::{assemble, stream_report, OverviewRows, StreamRow};
use crate::store::{Calendar, QuarantineReport, WardReport};

pub(super) fn wards(db: &Postgres, calendar: &Calendar) -> Result<Vec<WardReport>> {
    let mut conn = db.conn()?;
    let mut tx = conn.snapshot()?;
    let wards = tx
        .query("SELECT code, name FROM wards ORDER BY code", &[])?
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    let streams = tx
        .query(
            "SELECT ward_code, stream, desk, hwm, head, local_max_seq, last_push_at, quarantined_at IS NOT NULL,
                    reviews
             FROM streams ORDER BY ward_code, desk, first_push_at",
            &[],
        )?
        .iter()
        .map(|r| {
            let line = stream_report(StreamRow {
                stream: r.get(1),
                desk: r.get(2),
                hwm: r.get::<_, i64>(3) as u64,
                head: r.get(4),
                local_max_seq: r.get::<_, i64>(5) as u64,
                last_push_at: r.get(6),
                quarantined: r.get(7),
                reviews: r.get::<_, i64>(8) as u64,
            });
            (r.get(0), line)
        })
        .collect();
    let desks = tx
        .query(
            "SELECT d.ward_code, d.desk, EXISTS (SELECT 1 FROM credentials c WHERE c.ward_code = d.ward_code
                                                 AND c.desk = d.desk AND c.revoked_at IS NULL)
             FROM desks d ORDER BY d.ward_code, d.desk",
            &[],
        )?
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2)))
        .collect();
    let count = |r: &postgres::Row, i: usize| r.get::<_, i64>(i) as u64;
    let visits = tx
        .query(
            "SELECT ward_code, count(*) FILTER (WHERE received_on = $1), count(*),
                    count(*) FILTER (WHERE petition_kind IS NOT NULL)
             FROM visits WHERE received_on >= $2 AND received_on < $3 AND status = 'active'
             GROUP BY ward_code",
            &[&calendar.today, &calendar.month_start, &calendar.next_month_start],
        )?
        .iter()
        .map(|r| (r.get(0), count(r, 1), count(r, 2), count(r, 3)))
        .collect();
    tx.commit()?;
    Ok(assemble(OverviewRows { wards, streams, desks, visits }))
}

pub(super) fn quarantine(db: &Postgres) -> Result<Vec<QuarantineReport>> {
    let rows = db.conn()?.query(
        "SELECT s.ward_code, w.name, s.desk, q.stream, q.seq, q.stored_event_id, q.received_at,
                q.stored_payload_hash, q.incoming_event
         FROM quarantine q JOIN streams s ON s.stream = q.stream JOIN wards w ON w.code = s.ward_code
         WHERE q.released_at IS NULL
         ORDER BY q.id DESC",
        &[],
    )?;
    Ok(rows
        .iter()
        .map(|r| QuarantineReport {
            ward_code: r.get(0),
            ward_name: r.get(1),
            desk: r.get(2),
            stream: r.get(3),
            seq: r.get::<_, i64>(4) as u64,
            stored_event_id: r.get(5),
            received_at: r.get(6),
            stored_payload_hash: r.get(7),
            incoming: serde_json::from_str(r.get::<_, &str>(8)).unwrap_or(serde_json::Value::Null),
        })
        .collect())
}
