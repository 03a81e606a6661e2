//! The register's working-day calendar and deadline rules: the shipped calendar with the days the
//! upstream server published (`upstream_calendar`) and this ward's overrides on top (days an
//! administrator declares off or working), and the
//! rule set in force (the shipped national one unless a province's set was stored).
//!
//! Both are stored through events, one transaction each, and read back whenever a deadline is
//! computed, so a change applies at once to every open petition: due dates are never stored.

use crate::access::actor::Actor;
use crate::error::FollowUpRefusal;
use crate::error::{RegisterError, Result};
use crate::store::columns::{from_word, parse_date, word};
use crate::{journal, Register};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};
use std::sync::OnceLock;
use tiepdan_domain::acts::Act;
use tiepdan_domain::calendar::{CalendarOverride, WorkCalendar};
use tiepdan_domain::deadlines::{self, DeadlineExplained, DeadlineRules, Step, Variant};
use tiepdan_domain::event::EventBody;
use tiepdan_domain::petition::{PetitionKind, MAX_TEXT};
use tiepdan_domain::text::one_line;
use tiepdan_domain::validation::Checks;

/// The shipped calendar, worked out once per process (it precomputes a century of holidays).
fn official() -> &'static WorkCalendar {
    static OFFICIAL: OnceLock<WorkCalendar> = OnceLock::new();
    OFFICIAL.get_or_init(WorkCalendar::official)
}

/// Applies a `calendar_override_set` event: it replaces any earlier override of the same date.
pub(crate) fn apply_override_set(conn: &Connection, o: &CalendarOverride) -> Result<()> {
    conn.execute(
        "INSERT INTO calendar_overrides (date, change, note) VALUES (?1, ?2, ?3)
         ON CONFLICT (date) DO UPDATE SET change = ?2, note = ?3",
        rusqlite::params![o.date.to_string(), word(&o.change), o.note],
    )?;
    Ok(())
}

/// Applies a `calendar_override_removed` event.
pub(crate) fn apply_override_removed(conn: &Connection, date: NaiveDate) -> Result<()> {
    conn.execute("DELETE FROM calendar_overrides WHERE date = ?1", [date.to_string()])?;
    Ok(())
}

/// Applies a `deadline_rules_set` event: the set in force from now on.
pub(crate) fn apply_rules_set(conn: &Connection, rules: &DeadlineRules) -> Result<()> {
    let json = serde_json::to_string(rules).map_err(|e| FollowUpRefusal::Rules(e.to_string()))?;
    conn.execute(
        "INSERT INTO deadline_rules (id, rules) VALUES (1, ?1) ON CONFLICT (id) DO UPDATE SET rules = ?1",
        [json],
    )?;
    Ok(())
}

impl Register {
    /// The overrides of this register, by date.
    pub fn calendar_overrides(&self) -> Result<Vec<CalendarOverride>> {
        let mut stmt =
            self.conn.prepare_cached("SELECT date, change, note FROM calendar_overrides ORDER BY date")?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows.into_iter()
            .map(|(date, change, note)| {
                Ok(CalendarOverride {
                    date: parse_date("calendar_overrides.date", &date)?,
                    change: from_word("calendar_overrides.change", &change)?,
                    note,
                })
            })
            .collect()
    }

    /// The calendar deadlines are counted by: the shipped table, the days the upstream published
    /// (`upstream_calendar`) on top, and this register's own overrides on top of both.
    pub fn calendar(&self) -> Result<WorkCalendar> {
        Ok(official()
            .clone()
            .with_overrides(self.upstream_calendar()?)
            .with_overrides(self.calendar_overrides()?))
    }

    /// Declares `o.date` a day off or a working day, replacing any earlier override of that date.
    /// The note is the reason the clerk reads beside every deadline it moves.
    pub fn set_calendar_override(
        &mut self,
        actor: &Actor<'_>,
        o: CalendarOverride,
    ) -> Result<CalendarOverride> {
        self.permit(actor, Act::ChangeCalendar)?;
        let o = CalendarOverride { note: one_line(&o.note), ..o };
        let mut checks = Checks::default();
        checks.required_text("note", &o.note, MAX_TEXT);
        checks.finish()?;
        let officer = Some(actor.officer_id());
        let (tx, clock) = self.write()?;
        journal::append(&tx, clock, &EventBody::CalendarOverrideSet(o.clone()), officer)?;
        apply_override_set(&tx, &o)?;
        tx.commit()?;
        Ok(o)
    }

    /// Withdraws the override of `date`: the day is again what the official calendar says.
    /// `NotFound` (nothing journaled) when the date has no override.
    pub fn remove_calendar_override(
        &mut self,
        actor: &Actor<'_>,
        date: NaiveDate,
    ) -> Result<CalendarOverride> {
        self.permit(actor, Act::ChangeCalendar)?;
        let officer = Some(actor.officer_id());
        let existing = self.calendar_overrides()?.into_iter().find(|o| o.date == date);
        let Some(existing) = existing else {
            return Err(RegisterError::NotFound { what: "calendar override", id: date.to_string() });
        };
        let (tx, clock) = self.write()?;
        journal::append(&tx, clock, &EventBody::CalendarOverrideRemoved { date }, officer)?;
        apply_override_removed(&tx, date)?;
        tx.commit()?;
        Ok(existing)
    }

    /// The deadline rule set in force: a stored province set, else the shipped national one.
    pub fn deadline_rules(&self) -> Result<DeadlineRules> {
        let stored: Option<String> = self
            .conn
            .prepare_cached("SELECT rules FROM deadline_rules WHERE id = 1")?
            .query_row([], |r| r.get(0))
            .optional()?;
        match stored {
            Some(json) => DeadlineRules::from_json(&json)
                .map_err(|e| RegisterError::Decode(format!("deadline_rules: {e}"))),
            None => Ok(DeadlineRules::shipped()),
        }
    }

    /// Puts a rule set in force (a province's shortened periods, say); checked before it is stored.
    pub fn set_deadline_rules(&mut self, actor: &Actor<'_>, rules: DeadlineRules) -> Result<DeadlineRules> {
        self.permit(actor, Act::ChangeDeadlineRules)?;
        rules.check().map_err(|e| FollowUpRefusal::Rules(e.to_string()))?;
        let officer = Some(actor.officer_id());
        let (tx, clock) = self.write()?;
        journal::append(&tx, clock, &EventBody::DeadlineRulesSet(rules.clone()), officer)?;
        apply_rules_set(&tx, &rules)?;
        tx.commit()?;
        Ok(rules)
    }

    /// One deadline by this register's rules and calendar — what the appointment slip proposes and
    /// `tiepdan deadline` prints.
    pub fn deadline(
        &self,
        kind: PetitionKind,
        step: Step,
        variant: Variant,
        from: NaiveDate,
    ) -> Result<DeadlineExplained> {
        let rules = self.deadline_rules()?;
        let calendar = self.calendar()?;
        deadlines::compute(&rules, &calendar, kind, step, variant, from)
            .map_err(|e| FollowUpRefusal::Deadline(e).into())
    }
}
