//! The facts a report counts, read from the register's tables: each table the facts come from is
//! scanned once in its own order (records, petitions, repeat links, acceptances, extensions,
//! resolutions, transfer answers, sessions) and the rows are joined here by record number. A single
//! SQL join looked each record up in five other tables, one B-tree descent per table per record,
//! which cost a busy ward's year over 300 ms (`docs/performance.md`, "Reports"); scans read each
//! page once.
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
use tiepdan_domain::deadlines::{self, Complexity, DeadlineRules, Level, Variant};
use tiepdan_domain::intake::PetitionSource;
use tiepdan_domain::petition::PetitionKind;
use tiepdan_domain::reports::facts::{PetitionFact, SessionFact, VisitFact};
use tiepdan_domain::reports::Facts;
use tiepdan_domain::results::Outcome;
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

/// A `YYYY-MM-DD` column. The digits are read directly: chrono's general parser took a tenth of
/// the facts' time for the hundred thousand dates of a busy year.
fn date(column: &str, text: &str) -> Result<NaiveDate> {
    let b = text.as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        b[r].iter().try_fold(0u32, |n, c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')))
    };
    let fast = (b.len() == 10 && b[4] == b'-' && b[7] == b'-')
        .then(|| Some((digits(0..4)?, digits(5..7)?, digits(8..10)?)))
        .flatten()
        .and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y as i32, m, d));
    match fast {
        Some(day) => Ok(day),
        None => text.parse().map_err(|e| RegisterError::Decode(format!("{column} = {text:?}: {e}"))),
    }
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

/// Every record, cancelled ones too (a matter may start with one), in register order.
const RECORDS: &str =
    "SELECT no, id, status, source, received_on, received_at, reception, people_count, session_id
     FROM visits ORDER BY no";
const PETITIONS: &str = "SELECT visit_no, kind, field, stage, eligible, competent, handling, processed_on
     FROM petitions ORDER BY visit_no";

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
    outcome: Words<Outcome>,
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
    extensions: ByNo<Vec<Complexity>>,
    /// Deadlines already counted: a year has a few hundred acceptance days, not thousands, and
    /// counting one walks the calendar day by day.
    known: HashMap<(PetitionKind, Variant, NaiveDate, Vec<Complexity>), Option<NaiveDate>>,
}

impl Deadlines<'_> {
    /// The resolution deadline as `follow_up` counts it for an accepted petition: from the
    /// acceptance day, then moved by each extension the rules in force still allow.
    fn resolve_due(
        &mut self,
        no: i64,
        kind: PetitionKind,
        variant: Variant,
        accepted_on: NaiveDate,
    ) -> Option<NaiveDate> {
        let extensions = self.extensions.get(no).cloned().unwrap_or_default();
        let key = (kind, variant, accepted_on, extensions);
        if let Some(due) = self.known.get(&key) {
            return *due;
        }
        let due = self.count_resolve_due(&key.3, kind, variant, accepted_on);
        self.known.insert(key, due);
        due
    }

    fn count_resolve_due(
        &self,
        extensions: &[Complexity],
        kind: PetitionKind,
        variant: Variant,
        accepted_on: NaiveDate,
    ) -> Option<NaiveDate> {
        deadlines::resolve_due(self.rules, self.calendar, kind, variant, accepted_on, extensions)
    }
}

fn extensions(conn: &Connection, words: &mut Words<Complexity>) -> Result<ByNo<Vec<Complexity>>> {
    let mut stmt = conn
        .prepare_cached("SELECT visit_no, complexity FROM petition_extensions ORDER BY visit_no, position")?;
    let mut rows = stmt.query([])?;
    let mut out: ByNo<Vec<Complexity>> = ByNo::default();
    let mut current: Option<(i64, Vec<Complexity>)> = None;
    while let Some(r) = rows.next()? {
        let (no, complexity): (i64, _) = (r.get(0)?, words.get(text(r, 1)?)?);
        match &mut current {
            Some((n, list)) if *n == no => list.push(complexity),
            _ => {
                if let Some((n, list)) = current.replace((no, vec![complexity])) {
                    out.insert(n, list);
                }
            }
        }
    }
    if let Some((n, list)) = current {
        out.insert(n, list);
    }
    Ok(out)
}

/// Values by record number (`visits.no`, from 1 without gaps: rows are never deleted), in a vector
/// rather than a hash map: tens of thousands of lookups cost nothing this way.
struct ByNo<T>(Vec<Option<T>>);

impl<T> Default for ByNo<T> {
    fn default() -> Self {
        ByNo(Vec::new())
    }
}

impl<T> ByNo<T> {
    fn insert(&mut self, no: i64, value: T) {
        let at = no.max(0) as usize;
        if self.0.len() <= at {
            self.0.resize_with(at + 1, || None);
        }
        self.0[at] = Some(value);
    }

    fn get(&self, no: i64) -> Option<&T> {
        self.0.get(no.max(0) as usize).and_then(Option::as_ref)
    }
}

/// What became of each petition after processing, by record number.
#[derive(Default)]
struct Results {
    /// The acceptance decision in force: its day, whether accepted, and its variant.
    acceptances: ByNo<(NaiveDate, bool, Variant)>,
    resolutions: ByNo<(NaiveDate, Outcome)>,
    /// The day the receiving body answered a transfer.
    answers: ByNo<NaiveDate>,
}

fn results(conn: &Connection, words: &mut Decoders) -> Result<Results> {
    let mut out = Results::default();
    let mut stmt = conn.prepare_cached(
        "SELECT visit_no, decided_on, accepted, level, complexity, remote_area FROM petition_acceptances",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let variant = Variant {
            level: words.level.get(text(r, 3)?)?,
            complexity: words.complexity.get(text(r, 4)?)?,
            remote_area: r.get(5)?,
        };
        out.acceptances.insert(r.get(0)?, (date("decided_on", text(r, 1)?)?, r.get(2)?, variant));
    }
    let mut stmt = conn.prepare_cached("SELECT visit_no, resolved_on, outcome FROM petition_resolutions")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let outcome = words.outcome.get(text(r, 2)?)?;
        out.resolutions.insert(r.get(0)?, (date("resolved_on", text(r, 1)?)?, outcome));
    }
    let mut stmt = conn.prepare_cached(
        "SELECT visit_no, answered_on FROM petition_transfers WHERE answered_on IS NOT NULL",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        out.answers.insert(r.get(0)?, date("answered_on", text(r, 1)?)?);
    }
    Ok(out)
}

/// The first record of each linked record's matter (`repeat_links.matter_no`).
fn matters(conn: &Connection) -> Result<ByNo<i64>> {
    let mut stmt = conn.prepare_cached("SELECT visit_no, matter_no FROM repeat_links")?;
    let mut rows = stmt.query([])?;
    let mut out = ByNo::default();
    while let Some(r) = rows.next()? {
        out.insert(r.get(0)?, r.get(1)?);
    }
    Ok(out)
}

/// One record as `visits` holds it: what both a visit's and a petition's facts need.
struct Record {
    no: i64,
    id: VisitId,
    active: bool,
    source: PetitionSource,
    received_on: NaiveDate,
    matter_no: i64,
    /// The index of its visit fact, for a visit at the desk.
    visit: Option<usize>,
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
    due: &mut Deadlines<'_>,
    results: &Results,
    record: &Record,
    matter: VisitId,
) -> Result<PetitionFact> {
    let no = record.no;
    let kind = words.kind.get(text(r, 1)?)?;
    let handling = words.handling.opt(opt_text(r, 6)?)?;
    // Decided at reception without a processing day: processed the day it was received.
    let processed_on = opt_date("processed_on", opt_text(r, 7)?)?.or(handling.map(|_| record.received_on));
    let acceptance = results.acceptances.get(no);
    let variant = acceptance.map(|a| a.2).unwrap_or_default();
    let accepted_on = acceptance.filter(|a| a.1).map(|a| a.0);
    let resolution = results.resolutions.get(no);
    Ok(PetitionFact {
        id: record.id,
        received_on: record.received_on,
        source: record.source,
        kind,
        field: words.field.get(text(r, 2)?)?,
        stage: words.stage.get(text(r, 3)?)?,
        eligible: r.get(4)?,
        competent: r.get(5)?,
        handling,
        processed_on,
        matter,
        level: variant.level,
        accepted_on,
        resolved_on: resolution.map(|r| r.0),
        outcome: resolution.map(|r| r.1),
        answered_on: results.answers.get(no).copied(),
        resolve_due: accepted_on.and_then(|on| due.resolve_due(no, kind, variant, on)),
    })
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
        let mut due = Deadlines {
            rules: &rules,
            calendar: &calendar,
            extensions: extensions(&self.conn, &mut words.complexity)?,
            known: HashMap::new(),
        };
        let results = results(&self.conn, &mut words)?;
        let links = matters(&self.conn)?;
        let mut records: Vec<Record> = Vec::new();
        let mut visits: Vec<VisitFact> = Vec::new();
        let mut receptions: Vec<Reception> = Vec::new();
        let mut stmt = self.conn.prepare_cached(RECORDS)?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let no: i64 = r.get(0)?;
            let active = text(r, 2)? == "active";
            let source = words.source.get(text(r, 3)?)?;
            let mut record = Record {
                no,
                id: id("visits.id", text(r, 1)?)?,
                active,
                source,
                received_on: date("received_on", text(r, 4)?)?,
                matter_no: links.get(no).copied().unwrap_or(no),
                visit: None,
            };
            if active && source == PetitionSource::Desk {
                let at = DateTime::parse_from_rfc3339(text(r, 5)?)
                    .map_err(|e| RegisterError::Decode(format!("received_at: {e}")))?;
                receptions.push(Reception { matter_no: record.matter_no, at, no, index: visits.len() });
                record.visit = Some(visits.len());
                visits.push(VisitFact {
                    id: record.id,
                    on: record.received_on,
                    mode: words.mode.get(text(r, 6)?)?,
                    people: r.get(7)?,
                    // The matter's id and the visit's place in it are filled below, once every
                    // record is known.
                    matter: record.id,
                    matter_visit_no: 1,
                    session: opt_text(r, 8)?.map(|s| id("session_id", s)).transpose()?,
                });
            }
            records.push(record);
        }
        let mut position: ByNo<usize> = ByNo::default();
        for (at, record) in records.iter().enumerate() {
            position.insert(record.no, at);
        }
        let matter_id = |matter_no: i64| -> Result<VisitId> {
            let at = position.get(matter_no).ok_or_else(|| {
                RegisterError::Decode(format!("repeat_links names record {matter_no}, which is missing"))
            })?;
            Ok(records[*at].id)
        };
        for record in &records {
            if let Some(index) = record.visit {
                visits[index].matter = matter_id(record.matter_no)?;
            }
        }
        let mut petitions = Vec::new();
        let mut stmt = self.conn.prepare_cached(PETITIONS)?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let no: i64 = r.get(0)?;
            let Some(at) = position.get(no) else { continue };
            let record = &records[*at];
            if record.active {
                let matter = matter_id(record.matter_no)?;
                petitions.push(petition_fact(r, &mut words, &mut due, &results, record, matter)?);
            }
        }
        // "Lần tiếp": each visit's place among its matter's visits, by reception time.
        receptions.sort_by_key(|v| (v.matter_no, v.at, v.no));
        let mut place = 0;
        for (i, v) in receptions.iter().enumerate() {
            place = if i > 0 && receptions[i - 1].matter_no == v.matter_no { place + 1 } else { 1 };
            visits[v.index].matter_visit_no = place;
        }
        let sessions = sessions(&self.conn)?;
        let decisions = super::decisions::decision_facts(&self.conn, &petitions)?;
        Ok(Facts { visits, petitions, sessions, decisions })
    }
}
