//! The facts a report counts, read from the register's tables: one query for every record (visits
//! and petitions of every source, with their matter, processing, acceptance, resolution and transfer
//! answer), one for extensions (for the resolution deadline) and one for the leader's sessions.
//!
//! How the register's rows become facts, where a choice was made:
//! - a visit (`VisitFact`) is an active record of source `desk`; a petition (`PetitionFact`) is an
//!   active record with a petition row, whatever its source, so a desk visit with a petition is both;
//! - the matter is the first record of its repeat chain (`repeat_links.matter_no`, which duplicate
//!   links of issue 16 share), and a visit's "lần tiếp" is its place among the matter's active desk
//!   visits by reception time: a petition by post is not a reception, and a cancelled visit was none;
//! - a petition whose handling was decided at reception without a processing day was processed the
//!   day it was received (as `follow_up` reads it);
//! - `resolve_due` is the resolution deadline `follow_up` shows: counted from the acceptance by the
//!   rule set and calendar in force, moved by each extension the rules allow.

use crate::access::actor::Actor;
use crate::error::{RegisterError, Result};
use crate::store::columns::from_word;
use crate::Register;
use chrono::{DateTime, FixedOffset, NaiveDate};
use rusqlite::{Connection, Row};
use serde::de::DeserializeOwned;
use std::collections::HashMap;
use tiepdan_domain::acts::Act;
use tiepdan_domain::calendar::WorkCalendar;
use tiepdan_domain::deadlines::{self, Complexity, DeadlineRules, Level, Step, Variant};
use tiepdan_domain::intake::PetitionSource;
use tiepdan_domain::petition::PetitionKind;
use tiepdan_domain::reports::facts::{PetitionFact, SessionFact, VisitFact};
use tiepdan_domain::reports::Facts;
use tiepdan_domain::VisitId;

/// A column's few words decoded once each, not once per row (a year holds tens of thousands).
struct Words<T> {
    column: &'static str,
    seen: Vec<(String, T)>,
}

impl<T: DeserializeOwned + Copy> Words<T> {
    fn new(column: &'static str) -> Self {
        Words { column, seen: Vec::new() }
    }

    fn get(&mut self, text: &str) -> Result<T> {
        if let Some((_, v)) = self.seen.iter().find(|(w, _)| w == text) {
            return Ok(*v);
        }
        let v: T = from_word(self.column, text)?;
        self.seen.push((text.to_string(), v));
        Ok(v)
    }

    fn opt(&mut self, text: Option<&str>) -> Result<Option<T>> {
        text.map(|t| self.get(t)).transpose()
    }
}

fn text<'r>(r: &'r Row<'_>, i: usize) -> Result<&'r str> {
    r.get_ref(i)?.as_str().map_err(|e| RegisterError::Decode(format!("report facts, column {i}: {e}")))
}

fn opt_text<'r>(r: &'r Row<'_>, i: usize) -> Result<Option<&'r str>> {
    r.get_ref(i)?
        .as_str_or_null()
        .map_err(|e| RegisterError::Decode(format!("report facts, column {i}: {e}")))
}

fn date(column: &str, text: &str) -> Result<NaiveDate> {
    text.parse().map_err(|e| RegisterError::Decode(format!("{column} = {text:?}: {e}")))
}

fn opt_date(column: &str, text: Option<&str>) -> Result<Option<NaiveDate>> {
    text.map(|t| date(column, t)).transpose()
}

fn id<T: std::str::FromStr>(column: &str, text: &str) -> Result<T>
where
    T::Err: std::fmt::Display,
{
    text.parse().map_err(|e| RegisterError::Decode(format!("{column} = {text:?}: {e}")))
}

/// Every active record with what counting needs; matter_no is the first record of its matter.
const RECORDS: &str = "
    SELECT v.no, v.id, v.source, v.received_on, v.received_at, v.reception, v.people_count, v.session_id,
           COALESCE(l.matter_no, v.no), m.id,
           p.kind, p.field, p.stage, p.eligible, p.competent, p.handling, p.processed_on,
           a.decided_on, a.accepted, a.level, a.complexity, a.remote_area,
           r.resolved_on, r.outcome, t.answered_on
      FROM visits v
      LEFT JOIN repeat_links l ON l.visit_no = v.no
      JOIN visits m ON m.no = COALESCE(l.matter_no, v.no)
      LEFT JOIN petitions p ON p.visit_no = v.no
      LEFT JOIN petition_acceptances a ON a.visit_no = v.no
      LEFT JOIN petition_resolutions r ON r.visit_no = v.no
      LEFT JOIN petition_transfers t ON t.visit_no = v.no
     WHERE v.status = 'active'
     ORDER BY v.no";

/// Sessions with the active visits recorded in them (as the calendar screen counts them).
const SESSIONS: &str = "
    SELECT s.id, s.planned_on, s.sat, s.kind, s.outcome, COALESCE(c.n, 0)
      FROM reception_sessions s
      LEFT JOIN (SELECT session_id, count(*) AS n FROM visits
                  WHERE status = 'active' AND session_id IS NOT NULL GROUP BY session_id) c
             ON c.session_id = s.id
     ORDER BY s.planned_on, s.id";

/// The decoders of every enum column the records query reads.
struct Decoders {
    source: Words<PetitionSource>,
    mode: Words<tiepdan_domain::visit::ReceptionMode>,
    kind: Words<PetitionKind>,
    field: Words<tiepdan_domain::petition::Field>,
    stage: Words<tiepdan_domain::petition::Stage>,
    handling: Words<tiepdan_domain::petition::Handling>,
    level: Words<Level>,
    complexity: Words<Complexity>,
    outcome: Words<tiepdan_domain::results::Outcome>,
}

impl Decoders {
    fn new() -> Self {
        Decoders {
            source: Words::new("source"),
            mode: Words::new("reception"),
            kind: Words::new("kind"),
            field: Words::new("field"),
            stage: Words::new("stage"),
            handling: Words::new("handling"),
            level: Words::new("level"),
            complexity: Words::new("complexity"),
            outcome: Words::new("outcome"),
        }
    }
}

/// What the resolution deadline is counted with.
struct Deadlines<'a> {
    rules: &'a DeadlineRules,
    calendar: &'a WorkCalendar,
    /// Each record's extensions (their complexity), in the order granted.
    extensions: HashMap<i64, Vec<Complexity>>,
}

impl Deadlines<'_> {
    /// The resolution deadline as `follow_up` counts it for an accepted petition: from the
    /// acceptance day, then moved by each extension the rules in force still allow.
    fn resolve_due(
        &self,
        no: i64,
        kind: PetitionKind,
        variant: Variant,
        accepted_on: NaiveDate,
    ) -> Option<NaiveDate> {
        let mut due =
            deadlines::compute(self.rules, self.calendar, kind, Step::Resolve, variant, accepted_on)
                .ok()?
                .due;
        for (times, complexity) in self.extensions.get(&no).into_iter().flatten().enumerate() {
            let variant = Variant { complexity: *complexity, ..variant };
            match deadlines::extend(self.rules, self.calendar, kind, variant, due, times as u32) {
                Ok(next) => due = next.due,
                Err(_) => break,
            }
        }
        Some(due)
    }
}

fn extensions(conn: &Connection, words: &mut Words<Complexity>) -> Result<HashMap<i64, Vec<Complexity>>> {
    let mut stmt = conn
        .prepare_cached("SELECT visit_no, complexity FROM petition_extensions ORDER BY visit_no, position")?;
    let mut rows = stmt.query([])?;
    let mut out: HashMap<i64, Vec<Complexity>> = HashMap::new();
    while let Some(r) = rows.next()? {
        out.entry(r.get(0)?).or_default().push(words.get(text(r, 1)?)?);
    }
    Ok(out)
}

/// One desk visit waiting for its "lần tiếp": its matter, reception time and place in the list.
struct Reception {
    matter_no: i64,
    at: DateTime<FixedOffset>,
    no: i64,
    index: usize,
}

fn petition_fact(
    r: &Row<'_>,
    words: &mut Decoders,
    due: &Deadlines<'_>,
    base: (i64, VisitId, NaiveDate, PetitionSource, VisitId),
) -> Result<Option<PetitionFact>> {
    let (no, visit_id, received_on, source, matter) = base;
    let Some(kind) = words.kind.opt(opt_text(r, 10)?)? else { return Ok(None) };
    let handling = words.handling.opt(opt_text(r, 15)?)?;
    // Decided at reception without a processing day: processed the day it was received.
    let processed_on = opt_date("processed_on", opt_text(r, 16)?)?.or(handling.map(|_| received_on));
    let decided_on = opt_date("decided_on", opt_text(r, 17)?)?;
    let accepted: Option<bool> = r.get(18)?;
    let variant = Variant {
        level: words.level.opt(opt_text(r, 19)?)?.unwrap_or_default(),
        complexity: words.complexity.opt(opt_text(r, 20)?)?.unwrap_or_default(),
        remote_area: r.get::<_, Option<bool>>(21)?.unwrap_or(false),
    };
    let accepted_on = decided_on.filter(|_| accepted == Some(true));
    Ok(Some(PetitionFact {
        id: visit_id,
        received_on,
        source,
        kind,
        field: words.field.get(text(r, 11)?)?,
        stage: words.stage.get(text(r, 12)?)?,
        eligible: r.get(13)?,
        competent: r.get(14)?,
        handling,
        processed_on,
        matter,
        level: variant.level,
        accepted_on,
        resolved_on: opt_date("resolved_on", opt_text(r, 22)?)?,
        outcome: words.outcome.opt(opt_text(r, 23)?)?,
        answered_on: opt_date("answered_on", opt_text(r, 24)?)?,
        resolve_due: accepted_on.and_then(|on| due.resolve_due(no, kind, variant, on)),
    }))
}

fn sessions(conn: &Connection) -> Result<Vec<SessionFact>> {
    let (mut sat, mut kind, mut outcome) = (Words::new("sat"), Words::new("kind"), Words::new("outcome"));
    let mut stmt = conn.prepare_cached(SESSIONS)?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(SessionFact {
            id: id("reception_sessions.id", text(r, 0)?)?,
            on: date("planned_on", text(r, 1)?)?,
            sat: sat.get(text(r, 2)?)?,
            kind: kind.get(text(r, 3)?)?,
            outcome: outcome.opt(opt_text(r, 4)?)?,
            visits: r.get(5)?,
        });
    }
    Ok(out)
}

impl Register {
    /// Everything this ward's reports count, for `actor`: no name, ID number, address or summary.
    pub fn report_facts(&self, actor: &Actor<'_>) -> Result<Facts> {
        self.permit(actor, Act::ComputeReport)?;
        self.read_facts()
    }

    #[allow(
        clippy::needless_update,
        reason = "Facts grows with issue 17 (decisions): new parts default here"
    )]
    pub(crate) fn read_facts(&self) -> Result<Facts> {
        let (rules, calendar) = (self.deadline_rules()?, self.calendar()?);
        let mut words = Decoders::new();
        let due = Deadlines {
            rules: &rules,
            calendar: &calendar,
            extensions: extensions(&self.conn, &mut words.complexity)?,
        };
        let mut visits: Vec<VisitFact> = Vec::new();
        let mut receptions: Vec<Reception> = Vec::new();
        let mut petitions = Vec::new();
        let mut stmt = self.conn.prepare_cached(RECORDS)?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let no: i64 = r.get(0)?;
            let visit_id: VisitId = id("visits.id", text(r, 1)?)?;
            let source = words.source.get(text(r, 2)?)?;
            let received_on = date("received_on", text(r, 3)?)?;
            let matter_no: i64 = r.get(8)?;
            let matter: VisitId = id("visits.id", text(r, 9)?)?;
            if source == PetitionSource::Desk {
                let at = DateTime::parse_from_rfc3339(text(r, 4)?)
                    .map_err(|e| RegisterError::Decode(format!("received_at: {e}")))?;
                receptions.push(Reception { matter_no, at, no, index: visits.len() });
                visits.push(VisitFact {
                    id: visit_id,
                    on: received_on,
                    mode: words.mode.get(text(r, 5)?)?,
                    people: r.get(6)?,
                    matter,
                    // Numbered below, once every visit of the matter is known.
                    matter_visit_no: 1,
                    session: opt_text(r, 7)?.map(|s| id("session_id", s)).transpose()?,
                });
            }
            let base = (no, visit_id, received_on, source, matter);
            petitions.extend(petition_fact(r, &mut words, &due, base)?);
        }
        // "Lần tiếp": each visit's place among its matter's visits, by reception time.
        receptions.sort_by_key(|v| (v.matter_no, v.at, v.no));
        let mut place = 0;
        for (i, v) in receptions.iter().enumerate() {
            place = if i > 0 && receptions[i - 1].matter_no == v.matter_no { place + 1 } else { 1 };
            visits[v.index].matter_visit_no = place;
        }
        let sessions = sessions(&self.conn)?;
        Ok(Facts { visits, petitions, sessions, ..Facts::default() })
    }
}
