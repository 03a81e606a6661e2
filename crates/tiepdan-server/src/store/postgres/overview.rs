//! What district staff look at (`store::reports`), read in one REPEATABLE READ READ ONLY
//! transaction so every figure of a page comes from the same moment, while desks keep pushing.
//!
//! Every figure comes from an index or a per-stream column, never from scanning stored events: a
//! stream's stored events are its hwm (a gapless prefix, I5), visits are counted through
//! `visits_by_ward_day`, events held for review through the partial index `events_for_review`.

use super::{Postgres, Sql, Tx};
use crate::error::Result;
use crate::store::reports::{desk_report, stream_report};
use crate::store::{Calendar, DeskReport, QuarantineReport, StreamReport, WardReport};

pub(super) fn wards(db: &Postgres, calendar: &Calendar) -> Result<Vec<WardReport>> {
    let mut conn = db.conn()?;
    let mut tx = conn.snapshot()?;
    let wards = tx.query("SELECT code, name FROM wards ORDER BY code", &[])?;
    let mut out = Vec::with_capacity(wards.len());
    for w in &wards {
        let (code, name): (String, String) = (w.get(0), w.get(1));
        let streams = streams_of(&mut tx, &code)?;
        let desks = desks_of(&mut tx, &code, &streams)?;
        let v = tx.query_one(
            "SELECT count(*) FILTER (WHERE received_on = $2),
                    count(*),
                    count(*) FILTER (WHERE petition_kind IS NOT NULL)
             FROM visits WHERE ward_code = $1 AND received_on >= $3 AND received_on < $4 AND status = 'active'",
            &[&code, &calendar.today, &calendar.month_start, &calendar.next_month_start],
        )?;
        let review: i64 = tx
            .query_one(
                "SELECT count(*) FROM events e JOIN streams s ON s.stream = e.stream
                 WHERE s.ward_code = $1 AND e.review IS NOT NULL",
                &[&code],
            )?
            .get(0);
        out.push(WardReport {
            events_for_review: review as u64,
            events_stored: streams.iter().map(|s| s.events_stored).sum(),
            quarantined_streams: streams.iter().filter(|s| s.quarantined).count() as u64,
            code,
            name,
            desks,
            streams,
            visits_today: v.get::<_, i64>(0) as u64,
            visits_this_month: v.get::<_, i64>(1) as u64,
            petitions_this_month: v.get::<_, i64>(2) as u64,
        });
    }
    tx.commit()?;
    Ok(out)
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

fn streams_of(tx: &mut Tx<'_>, ward: &str) -> Result<Vec<StreamReport>> {
    let rows = tx.query(
        "SELECT stream, desk, hwm, head, local_max_seq, last_push_at, quarantined_at IS NOT NULL
         FROM streams WHERE ward_code = $1 ORDER BY desk, first_push_at",
        &[&ward],
    )?;
    Ok(rows
        .iter()
        .map(|r| {
            stream_report(
                r.get(0),
                r.get(1),
                r.get::<_, i64>(2) as u64,
                r.get(3),
                r.get::<_, i64>(4) as u64,
                r.get(5),
                r.get(6),
            )
        })
        .collect())
}

fn desks_of(tx: &mut Tx<'_>, ward: &str, streams: &[StreamReport]) -> Result<Vec<DeskReport>> {
    let rows = tx.query(
        "SELECT d.desk, EXISTS (SELECT 1 FROM credentials c WHERE c.ward_code = d.ward_code AND c.desk = d.desk
                                AND c.revoked_at IS NULL)
         FROM desks d WHERE d.ward_code = $1 ORDER BY d.desk",
        &[&ward],
    )?;
    Ok(rows.iter().map(|r| desk_report(r.get(0), r.get(1), streams)).collect())
}
