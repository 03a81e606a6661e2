//! The working-day calendar the upstream server publishes (issue 14 §7, docs/deadlines.md): the
//! days of the `holidays` reference data the sync engine pulls from the ward feed, applied here so
//! every deadline counts them.
//!
//! Invariants: versions only move forward — a version (the feed entry's number) not above the one
//! applied changes nothing, so a page replayed after a crash or an older entry never undoes a newer
//! calendar; a version replaces the whole set of days in one transaction. These days sit between
//! the shipped table and the ward's own overrides (`calendar_overrides`), which win: the ward's
//! administrator knows the ward's own closures. Reference data, not a fact of the ward: it names no
//! actor and is not journaled (the district holds it), like the sync state beside the register.

use crate::error::Result;
use crate::store::columns::{from_word, parse_date, word};
use crate::Register;
use rusqlite::OptionalExtension;
use tiepdan_domain::calendar::CalendarOverride;
use tiepdan_domain::text::one_line;

/// The note shown when the upstream sent a day without one.
const UNNAMED: &str = "Theo lịch làm việc cấp trên công bố";

impl Register {
    /// The version of the upstream calendar applied (0: none yet).
    pub fn upstream_calendar_version(&self) -> Result<u64> {
        let version: Option<i64> = self
            .conn
            .prepare_cached("SELECT version FROM upstream_calendar_version WHERE id = 1")?
            .query_row([], |r| r.get(0))
            .optional()?;
        Ok(version.map_or(0, |v| v as u64))
    }

    /// The days of the upstream calendar applied, by date.
    pub fn upstream_calendar(&self) -> Result<Vec<CalendarOverride>> {
        let mut stmt =
            self.conn.prepare_cached("SELECT date, change, note FROM upstream_calendar ORDER BY date")?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows.into_iter()
            .map(|(date, change, note)| {
                Ok(CalendarOverride {
                    date: parse_date("upstream_calendar.date", &date)?,
                    change: from_word("upstream_calendar.change", &change)?,
                    note,
                })
            })
            .collect()
    }

    /// Applies version `version` of the upstream calendar: its `days` replace the previous
    /// version's. Returns whether anything changed (false for a version not above the applied one).
    /// A date given twice keeps its last entry.
    pub fn apply_upstream_calendar(&mut self, version: u64, days: &[CalendarOverride]) -> Result<bool> {
        if version == 0 || version <= self.upstream_calendar_version()? {
            return Ok(false);
        }
        let (tx, _) = self.write()?;
        tx.execute("DELETE FROM upstream_calendar", [])?;
        {
            let mut insert = tx.prepare_cached(
                "INSERT INTO upstream_calendar (date, change, note) VALUES (?1, ?2, ?3)
                 ON CONFLICT (date) DO UPDATE SET change = ?2, note = ?3",
            )?;
            for day in days {
                let note = one_line(&day.note);
                let note = if note.is_empty() { UNNAMED.to_string() } else { note };
                insert.execute(rusqlite::params![day.date.to_string(), word(&day.change), note])?;
            }
        }
        tx.execute(
            "INSERT INTO upstream_calendar_version (id, version) VALUES (1, ?1)
             ON CONFLICT (id) DO UPDATE SET version = ?1",
            [version as i64],
        )?;
        tx.commit()?;
        Ok(true)
    }
}
