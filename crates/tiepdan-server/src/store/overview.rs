//! What district staff look at: every ward, desk and stream with its progress, visit counts for the
//! ward's today and this month (UTC+7), and the forks waiting for attention. Used by `wards --json`
//! and the dashboard alike, so both always say the same thing.

use super::Store;
use crate::error::Result;
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};
use serde::Serialize;
use tiepdan_domain::clock::vietnam_offset;

#[derive(Debug, Clone, Serialize)]
pub struct StreamReport {
    pub stream: String,
    pub desk: String,
    pub hwm: u64,
    pub head: String,
    /// The desk's own max seq, as it last reported it.
    pub local_max_seq: u64,
    /// Events the desk holds that have not arrived: `local_max_seq − hwm`, never negative.
    pub not_received: u64,
    pub last_push_at: String,
    pub events_stored: u64,
    pub quarantined: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct DeskReport {
    pub desk: String,
    /// Holds at least one unrevoked credential.
    pub enrolled: bool,
    pub last_push_at: Option<String>,
    pub events_stored: u64,
    pub not_received: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct WardReport {
    pub code: String,
    pub name: String,
    pub desks: Vec<DeskReport>,
    pub streams: Vec<StreamReport>,
    pub events_stored: u64,
    pub visits_today: u64,
    pub visits_this_month: u64,
    pub petitions_this_month: u64,
    pub quarantined_streams: u64,
    /// Stored events with a business-rule remark for district review.
    pub events_for_review: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct QuarantineReport {
    pub ward_code: String,
    pub ward_name: String,
    pub desk: String,
    pub stream: String,
    pub seq: u64,
    pub stored_event_id: String,
    pub stored_payload_hash: String,
    /// The refused version as it arrived (a denouncer's identity withheld), for district review.
    pub incoming: serde_json::Value,
    pub received_at: String,
}

impl Store {
    pub fn wards(&self) -> Result<Vec<WardReport>> {
        let local_today = self.now().with_timezone(&vietnam_offset()).date_naive();
        let today = local_today.to_string();
        let month = format!("{}%", &today[..8]);
        let conn = self.conn();
        let tx = conn.unchecked_transaction()?;
        let mut stmt = tx.prepare("SELECT code, name FROM wards ORDER BY code")?;
        let wards: Vec<(String, String)> =
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?;
        let mut out = Vec::new();
        for (code, name) in wards {
            let streams = streams_of(&tx, &code)?;
            let desks = desks_of(&tx, &code, &streams)?;
            let count = |sql: &str, p: &str| -> Result<u64> {
                Ok(tx.query_row(sql, params![code, p], |r| r.get::<_, i64>(0))? as u64)
            };
            let visits_today = count(
                "SELECT count(*) FROM visits WHERE ward_code = ?1 AND received_on = ?2 AND status = 'active'",
                &today,
            )?;
            let visits_this_month = count(
                "SELECT count(*) FROM visits WHERE ward_code = ?1 AND received_on LIKE ?2 AND status = 'active'",
                &month,
            )?;
            let petitions_this_month = count(
                "SELECT count(*) FROM visits WHERE ward_code = ?1 AND received_on LIKE ?2 AND status = 'active'
                 AND petition_kind IS NOT NULL",
                &month,
            )?;
            let events_for_review = tx.query_row(
                "SELECT count(*) FROM events e JOIN streams s ON s.stream = e.stream
                 WHERE s.ward_code = ?1 AND e.review IS NOT NULL",
                [&code],
                |r| r.get::<_, i64>(0),
            )? as u64;
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

    /// Forks waiting for district staff (not yet released), newest first.
    pub fn quarantine(&self) -> Result<Vec<QuarantineReport>> {
        let conn = self.conn();
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

    /// The store's clock, for pages that show "today".
    pub fn clock_now(&self) -> DateTime<Utc> {
        self.now()
    }
}

fn streams_of(conn: &Connection, ward: &str) -> Result<Vec<StreamReport>> {
    let mut stmt = conn.prepare(
        "SELECT s.stream, s.desk, s.hwm, s.head, s.local_max_seq, s.last_push_at, s.quarantined_at IS NOT NULL,
                (SELECT count(*) FROM events e WHERE e.stream = s.stream)
         FROM streams s WHERE s.ward_code = ?1 ORDER BY s.desk, s.first_push_at",
    )?;
    let rows = stmt.query_map([ward], |r| {
        let hwm = r.get::<_, i64>(2)? as u64;
        let local_max_seq = r.get::<_, i64>(4)? as u64;
        Ok(StreamReport {
            stream: r.get(0)?,
            desk: r.get(1)?,
            hwm,
            head: r.get(3)?,
            local_max_seq,
            not_received: local_max_seq.saturating_sub(hwm),
            last_push_at: r.get(5)?,
            quarantined: r.get(6)?,
            events_stored: r.get::<_, i64>(7)? as u64,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn desks_of(conn: &Connection, ward: &str, streams: &[StreamReport]) -> Result<Vec<DeskReport>> {
    let mut stmt = conn.prepare(
        "SELECT d.desk, EXISTS (SELECT 1 FROM credentials c WHERE c.ward_code = d.ward_code AND c.desk = d.desk
                                AND c.revoked_at IS NULL)
         FROM desks d WHERE d.ward_code = ?1 ORDER BY d.desk",
    )?;
    let rows = stmt.query_map([ward], |r| Ok((r.get::<_, String>(0)?, r.get::<_, bool>(1)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (desk, enrolled) = row?;
        let own = streams.iter().filter(|s| s.desk == desk);
        out.push(DeskReport {
            last_push_at: own.clone().map(|s| s.last_push_at.clone()).max(),
            events_stored: own.clone().map(|s| s.events_stored).sum(),
            not_received: own.map(|s| s.not_received).sum(),
            desk,
            enrolled,
        });
    }
    Ok(out)
}
