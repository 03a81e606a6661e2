//! The reception calendar in the register: the head's fixed days and the desk's hours (one schedule
//! event replaces the last), and leader reception sessions, planned then closed
//! ([`tiepdan_domain::sessions`]).
//!
//! A visit names its session; the register checks that the session is open and planned for the
//! visit's day, and gives the visit the session's reception mode, inside the same write. Closing a
//! session counts its visits in that transaction, so "held" with none is stored as unattended and
//! the count can never disagree with the register.

use crate::access::actor::{load_officer, Actor};
use crate::error::{RegisterError, Result};
use crate::store::columns::{from_opt_word, from_word, parse_date, parse_id, word};
use crate::{journal, Register};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::Serialize;
use tiepdan_domain::acts::Act;
use tiepdan_domain::clock::vietnam_offset;
use tiepdan_domain::event::EventBody;
use tiepdan_domain::sessions::{
    ReceptionSchedule, ReceptionSession, SessionClose, SessionId, SessionOutcome,
};
use tiepdan_domain::validation::{FieldProblem, Problem};
use tiepdan_domain::visit::VisitDetails;
use tiepdan_domain::Invalid;

/// A session as the calendar screen lists it.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SessionEntry {
    pub session: ReceptionSession,
    /// The name of the officer who sits, when one is named.
    pub officer_name: Option<String>,
    /// None while the session is open.
    pub outcome: Option<SessionOutcome>,
    pub outcome_vi: Option<String>,
    /// Visits received in it so far (at close: the count that decided "unattended").
    pub visits: u32,
    pub note: Option<String>,
}

const SESSION_COLUMNS: &str =
    "s.id, s.planned_on, s.part, s.kind, s.sat, s.officer_id, s.delegation, s.place,
    s.outcome, s.note, o.full_name,
    (SELECT count(*) FROM visits v WHERE v.session_id = s.id AND v.status = 'active')";

fn entry_from_row(r: &Row<'_>) -> Result<SessionEntry> {
    let outcome: Option<SessionOutcome> = from_opt_word("outcome", r.get(8)?)?;
    Ok(SessionEntry {
        session: ReceptionSession {
            id: parse_id("reception_sessions.id", &r.get::<_, String>(0)?)?,
            planned_on: parse_date("planned_on", &r.get::<_, String>(1)?)?,
            part: from_word("part", &r.get::<_, String>(2)?)?,
            kind: from_word("kind", &r.get::<_, String>(3)?)?,
            sat: from_word("sat", &r.get::<_, String>(4)?)?,
            officer_id: r.get::<_, Option<String>>(5)?.map(|o| parse_id("officer_id", &o)).transpose()?,
            delegation: r.get(6)?,
            place: r.get(7)?,
        },
        outcome,
        outcome_vi: outcome.map(|o| o.label_vi().to_string()),
        note: r.get(9)?,
        officer_name: r.get(10)?,
        visits: r.get(11)?,
    })
}

fn load_session(conn: &Connection, id: SessionId) -> Result<SessionEntry> {
    conn.prepare_cached(&format!(
        "SELECT {SESSION_COLUMNS} FROM reception_sessions s LEFT JOIN officers o ON o.id = s.officer_id
         WHERE s.id = ?1"
    ))?
    .query_row([id.to_string()], |r| Ok(entry_from_row(r)))
    .optional()?
    .transpose()?
    .ok_or_else(|| RegisterError::NotFound { what: "reception session", id: id.to_string() })
}

fn session_problem(reason: &str) -> RegisterError {
    Invalid {
        problems: vec![FieldProblem::new("session_id", Problem::SessionNotOpen { reason: reason.into() })],
    }
    .into()
}

/// Puts a visit in the session it names: the session must exist, be open and be planned for the
/// visit's day; the visit then takes the session's reception mode (an online link stays).
pub(crate) fn join_session(conn: &Connection, details: &mut VisitDetails) -> Result<()> {
    let Some(id) = details.session_id else { return Ok(()) };
    let entry = match load_session(conn, id) {
        Err(RegisterError::NotFound { .. }) => return Err(session_problem("không tìm thấy kỳ tiếp")),
        other => other?,
    };
    if entry.outcome.is_some() {
        return Err(session_problem("kỳ tiếp đã kết thúc"));
    }
    let day = details.received_at.with_timezone(&vietnam_offset()).date_naive();
    if day != entry.session.planned_on {
        return Err(session_problem(&format!(
            "kỳ tiếp diễn ra ngày {}, lượt tiếp ngày {}",
            entry.session.planned_on.format("%d/%m/%Y"),
            day.format("%d/%m/%Y")
        )));
    }
    details.reception = entry.session.reception_mode();
    Ok(())
}

pub(crate) fn apply_session_planned(conn: &Connection, s: &ReceptionSession) -> Result<()> {
    conn.execute(
        "INSERT INTO reception_sessions (id, planned_on, part, kind, sat, officer_id, delegation, place)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            s.id.to_string(),
            s.planned_on.to_string(),
            word(&s.part),
            word(&s.kind),
            word(&s.sat),
            s.officer_id.map(|o| o.to_string()),
            s.delegation,
            s.place,
        ],
    )?;
    Ok(())
}

pub(crate) fn apply_session_closed(conn: &Connection, c: &SessionClose) -> Result<()> {
    let changed = conn.execute(
        "UPDATE reception_sessions SET outcome = ?2, visits = ?3, note = ?4 WHERE id = ?1",
        params![c.session_id.to_string(), word(&c.outcome), c.visits, c.note],
    )?;
    if changed == 0 {
        return Err(RegisterError::NotFound { what: "reception session", id: c.session_id.to_string() });
    }
    Ok(())
}

pub(crate) fn apply_schedule_set(conn: &Connection, s: &ReceptionSchedule) -> Result<()> {
    let json = serde_json::to_string(s).map_err(|e| RegisterError::Decode(e.to_string()))?;
    conn.execute(
        "INSERT INTO reception_schedule (id, schedule) VALUES (1, ?1) ON CONFLICT (id) DO UPDATE SET schedule = ?1",
        [json],
    )?;
    Ok(())
}

/// Whether a session was held, or cancelled, as the clerk closes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Closing {
    Held,
    Cancelled,
}

impl Register {
    /// The head's fixed reception days and the desk's hours (empty until set).
    pub fn reception_schedule(&self) -> Result<ReceptionSchedule> {
        let json: Option<String> = self
            .conn
            .query_row("SELECT schedule FROM reception_schedule WHERE id = 1", [], |r| r.get(0))
            .optional()?;
        match json {
            Some(j) => serde_json::from_str(&j)
                .map_err(|e| RegisterError::Decode(format!("reception_schedule: {e}"))),
            None => Ok(ReceptionSchedule::default()),
        }
    }

    /// Sets the fixed days and desk hours, for `actor`, replacing the earlier ones.
    pub fn set_reception_schedule(
        &mut self,
        actor: &Actor<'_>,
        schedule: ReceptionSchedule,
    ) -> Result<ReceptionSchedule> {
        self.permit(actor, Act::SetReceptionSchedule)?;
        let schedule = schedule.checked()?;
        let (tx, clock) = self.write()?;
        journal::append(
            &tx,
            clock,
            &EventBody::ReceptionScheduleSet(schedule.clone()),
            Some(actor.officer_id()),
        )?;
        apply_schedule_set(&tx, &schedule)?;
        tx.commit()?;
        Ok(schedule)
    }

    /// Plans a leader reception session, for `actor`. The sitting officer must be on the register.
    pub fn plan_session(&mut self, actor: &Actor<'_>, session: ReceptionSession) -> Result<SessionEntry> {
        self.permit(actor, Act::KeepSessions)?;
        let session = session.checked()?;
        if let Some(officer) = session.officer_id {
            load_officer(&self.conn, officer)?;
        }
        let (tx, clock) = self.write()?;
        journal::append(&tx, clock, &EventBody::SessionPlanned(session.clone()), Some(actor.officer_id()))?;
        apply_session_planned(&tx, &session)?;
        tx.commit()?;
        load_session(&self.conn, session.id)
    }

    /// Closes a session as held (unattended when no visit was received in it) or cancelled (with
    /// why), for `actor`. A closed session stays closed.
    pub fn close_session(
        &mut self,
        actor: &Actor<'_>,
        id: SessionId,
        closing: Closing,
        note: Option<String>,
    ) -> Result<SessionEntry> {
        self.permit(actor, Act::KeepSessions)?;
        let entry = load_session(&self.conn, id)?;
        if entry.outcome.is_some() {
            return Err(session_problem("kỳ tiếp đã kết thúc"));
        }
        let (tx, clock) = self.write()?;
        let visits: u32 = tx.query_row(
            "SELECT count(*) FROM visits WHERE session_id = ?1 AND status = 'active'",
            [id.to_string()],
            |r| r.get(0),
        )?;
        if closing == Closing::Cancelled && visits > 0 {
            drop(tx);
            return Err(session_problem(&format!("đã tiếp {visits} lượt trong kỳ tiếp này, không thể hủy")));
        }
        let outcome = match closing {
            Closing::Held => SessionOutcome::held_with(visits),
            Closing::Cancelled => SessionOutcome::Cancelled,
        };
        let close = SessionClose { session_id: id, outcome, visits, note }.checked()?;
        journal::append(&tx, clock, &EventBody::SessionClosed(close.clone()), Some(actor.officer_id()))?;
        apply_session_closed(&tx, &close)?;
        tx.commit()?;
        load_session(&self.conn, id)
    }

    /// The sessions planned between two days (inclusive), in date order and morning before
    /// afternoon (not the stored words' order), for `actor`.
    pub fn sessions_between(
        &self,
        actor: &Actor<'_>,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<SessionEntry>> {
        self.permit(actor, Act::ReadRegister)?;
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {SESSION_COLUMNS} FROM reception_sessions s LEFT JOIN officers o ON o.id = s.officer_id
             WHERE s.planned_on BETWEEN ?1 AND ?2
             ORDER BY s.planned_on, CASE s.part WHEN 'morning' THEN 0 WHEN 'afternoon' THEN 1 ELSE 2 END, s.id"
        ))?;
        let mut rows = stmt.query([from.to_string(), to.to_string()])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(entry_from_row(r)?);
        }
        Ok(out)
    }

    /// One session, for `actor`.
    pub fn session(&self, actor: &Actor<'_>, id: SessionId) -> Result<SessionEntry> {
        self.permit(actor, Act::ReadRegister)?;
        load_session(&self.conn, id)
    }
}
