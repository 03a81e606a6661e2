//! Closing a reception day (`shared/sync-design.md`, Lifecycle: "End of day"): one transaction that
//! counts the day's visits and petitions from the register, notes where the journal stands (first
//! and last seq of the day, chain head) and appends the `day_closed` event that records it.
//!
//! Closing a date twice is allowed, never silent: a late registration or a correction after the
//! close needs a new close, so each is its own event and the summary says how many closes of that
//! date came before. A date in the future cannot be closed. Sending the close to the district is the
//! sync engine's work (`tiepdan_sync::day`), not this crate's.

use crate::access::actor::Actor;
use crate::error::Result;
use crate::{journal, Register};
use chrono::{DateTime, Days, NaiveDate, NaiveTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use tiepdan_domain::acts::Act;
use tiepdan_domain::clock::vietnam_offset;
use tiepdan_domain::day_close::{DayClose, HandlingCounts};
use tiepdan_domain::event::{canonical_time, EventBody};
use tiepdan_domain::validation::{FieldProblem, Problem};
use tiepdan_domain::{Invalid, StreamId};

/// What closing a day wrote: the recorded counts and where the close sits in the journal.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DaySummary {
    pub close: DayClose,
    /// The stream the close event went to.
    pub stream: StreamId,
    /// Seq of the `day_closed` event itself: the day has reached the district once the district
    /// has acknowledged this seq.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub close_seq: u64,
    pub closed_at: DateTime<Utc>,
    /// Closes of the same date recorded before this one (0 for a first close).
    pub earlier_closes: u32,
}

/// The UTC instant at which `date` begins in Vietnam, in the journal's `recorded_at` text.
fn day_start(date: NaiveDate) -> String {
    let local = date.and_time(NaiveTime::MIN).and_local_timezone(vietnam_offset()).single();
    // UTC+7 has no gaps or folds, so `single()` always has a value; MIN_UTC only keeps this total.
    canonical_time(&local.map_or(DateTime::<Utc>::MIN_UTC, |t| t.with_timezone(&Utc)))
}

fn count_visits(conn: &Connection, date: &str) -> Result<(u32, u32)> {
    let mut stmt =
        conn.prepare_cached("SELECT status, COUNT(*) FROM visits WHERE received_on = ?1 GROUP BY status")?;
    let rows = stmt
        .query_map([date], |r| Ok((r.get::<_, String>(0)?, r.get::<_, u32>(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let of = |status: &str| rows.iter().find(|(s, _)| s == status).map_or(0, |(_, n)| *n);
    Ok((of("active"), of("cancelled")))
}

fn count_petitions(conn: &Connection, date: &str) -> Result<HandlingCounts> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.handling, COUNT(*) FROM petitions p JOIN visits v ON v.no = p.visit_no
         WHERE v.received_on = ?1 AND v.status = 'active' GROUP BY p.handling",
    )?;
    let rows = stmt
        .query_map([date], |r| Ok((r.get::<_, Option<String>>(0)?, r.get::<_, u32>(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut counts = HandlingCounts::default();
    for (handling, n) in rows {
        // The words are `columns::word` of `Handling`; an unknown one is counted as undecided
        // rather than lost, so the total always equals the petitions of the day.
        let slot = match handling.as_deref() {
            Some("accept") => &mut counts.accept,
            Some("guide") => &mut counts.guide,
            Some("transfer") => &mut counts.transfer,
            Some("return") => &mut counts.returned,
            Some("file") => &mut counts.file,
            _ => &mut counts.undecided,
        };
        *slot += n;
    }
    Ok(counts)
}

fn first_seq_of_day(conn: &Connection, stream: StreamId, date: NaiveDate) -> Result<Option<u64>> {
    let next = date.checked_add_days(Days::new(1)).unwrap_or(date);
    let seq: Option<i64> = conn
        .prepare_cached(
            "SELECT MIN(seq) FROM events WHERE stream = ?1 AND recorded_at >= ?2 AND recorded_at < ?3",
        )?
        .query_row(params![stream.to_string(), day_start(date), day_start(next)], |r| r.get(0))
        .optional()?
        .flatten();
    Ok(seq.map(|s| s as u64))
}

fn closes_of(conn: &Connection, date: &str) -> Result<u32> {
    Ok(conn
        .prepare_cached(
            "SELECT COUNT(*) FROM events
             WHERE kind = 'day_closed' AND json_extract(CAST(payload AS TEXT), '$.body.date') = ?1",
        )?
        .query_row([date], |r| r.get(0))?)
}

impl Register {
    /// Closes the reception day `date`: counts it and appends its `day_closed` event, in one
    /// transaction. A date after today is refused; a date closed before is closed again (see the
    /// summary's `earlier_closes`).
    pub fn close_day(&mut self, actor: &Actor<'_>, date: NaiveDate) -> Result<DaySummary> {
        self.permit(actor, Act::SyncRegister)?;
        self.require_ward()?;
        if date > self.clock.today() {
            let problem = FieldProblem::new("date", Problem::InFuture);
            return Err(Invalid { problems: vec![problem] }.into());
        }
        let officer = Some(actor.officer_id());
        let day = date.to_string();
        let (tx, clock) = self.write()?;
        let head = journal::open_head(&tx)?;
        let (visits, cancelled) = count_visits(&tx, &day)?;
        let close = DayClose {
            date,
            visits,
            cancelled,
            petitions: count_petitions(&tx, &day)?,
            first_seq: first_seq_of_day(&tx, head.stream, date)?,
            last_seq: head.seq,
            chain_head: hex::encode(head.chain),
        };
        let earlier_closes = closes_of(&tx, &day)?;
        let event = journal::append(&tx, clock, &EventBody::DayClosed(close.clone()), officer)?;
        tx.commit()?;
        Ok(DaySummary {
            close,
            stream: event.stream,
            close_seq: event.seq,
            closed_at: event.recorded_at,
            earlier_closes,
        })
    }
}
