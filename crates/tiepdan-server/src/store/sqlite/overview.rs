//! What district staff look at (`store::reports`), read on a reading connection in one snapshot.
//!
//! Every figure comes from an index or a per-stream column, never from scanning stored events: a
//! stream's stored events are its hwm (a gapless prefix, I5), visits are counted through
//! `visits_by_ward_day`, events held for review through the partial index `events_for_review`.

use super::Sqlite;
use crate::error::Result;
use crate::store::{Calendar, DeskReport, QuarantineReport, StreamReport, WardReport};
use rusqlite::{params, Connection};

pub(super) fn wards(db: &Sqlite, calendar: &Calendar) -> Result<Vec<WardReport>> {
    let conn = db.reader()?;
    let tx = conn.unchecked_transaction()?;
    let mut stmt = tx.prepare("SELECT code, name FROM wards ORDER BY code")?;
    let wards: Vec<(String, String)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?;
    let mut visits = tx.prepare_cached(
        "SELECT count(*) FILTER (WHERE received_on = ?2),
                count(*),
                count(*) FILTER (WHERE petition_kind IS NOT NULL)
         FROM visits WHERE ward_code = ?1 AND received_on >= ?3 AND received_on < ?4 AND status = 'active'",
    )?;
    let mut review = tx.prepare_cached(
        "SELECT count(*) FROM events e JOIN streams s ON s.stream = e.stream
         WHERE s.ward_code = ?1 AND e.review IS NOT NULL",
    )?;
    let mut out = Vec::new();
    for (code, name) in wards {
        let streams = streams_of(&tx, &code)?;
        let desks = desks_of(&tx, &code, &streams)?;
        let (visits_today, visits_this_month, petitions_this_month) = visits.query_row(
            params![code, calendar.today, calendar.month_start, calendar.next_month_start],
            |r| Ok((r.get::<_, i64>(0)? as u64, r.get::<_, i64>(1)? as u64, r.get::<_, i64>(2)? as u64)),
        )?;
        let events_for_review = review.query_row([&code], |r| r.get::<_, i64>(0))? as u64;
        out.push(WardReport {
            events_for_review,
            events_stored: streams.iter().map(|s| s.events_stored).sum(),
            quarantined_streams: streams.iter().filter(|s| s.quarantined).count() as u64,
            code,
            name,
            desks,
            streams,
            visits_today,
            visits_this_month,
            petitions_this_month,
        });
    }
    Ok(out)
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

fn streams_of(conn: &Connection, ward: &str) -> Result<Vec<StreamReport>> {
    let mut stmt = conn.prepare_cached(
        "SELECT stream, desk, hwm, head, local_max_seq, last_push_at, quarantined_at IS NOT NULL
         FROM streams WHERE ward_code = ?1 ORDER BY desk, first_push_at",
    )?;
    let rows = stmt.query_map([ward], |r| {
        let hwm = r.get::<_, i64>(2)? as u64;
        Ok(crate::store::reports::stream_report(
            r.get(0)?,
            r.get(1)?,
            hwm,
            r.get(3)?,
            r.get::<_, i64>(4)? as u64,
            r.get(5)?,
            r.get(6)?,
        ))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn desks_of(conn: &Connection, ward: &str, streams: &[StreamReport]) -> Result<Vec<DeskReport>> {
    let mut stmt = conn.prepare_cached(
        "SELECT d.desk, EXISTS (SELECT 1 FROM credentials c WHERE c.ward_code = d.ward_code AND c.desk = d.desk
                                AND c.revoked_at IS NULL)
         FROM desks d WHERE d.ward_code = ?1 ORDER BY d.desk",
    )?;
    let rows = stmt.query_map([ward], |r| Ok((r.get::<_, String>(0)?, r.get::<_, bool>(1)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (desk, enrolled) = row?;
        out.push(crate::store::reports::desk_report(desk, enrolled, streams));
    }
    Ok(out)
}
