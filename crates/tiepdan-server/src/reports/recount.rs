//! Counting forms for wards from the projection: each ward's rows are read once and every form and
//! period asked for is counted from them, by the domain's own [`compute`].
//!
//! One ward at a time when few are asked (a kept report brought up to date after a push, or one
//! ward's report), one pass over every ward's rows otherwise; either way memory holds one ward's
//! rows at a time. Rows are read up to the latest end of the periods asked, and each period counts
//! only what was received by its own end, as a report of that period alone would.

use super::decisions::{self, WardEvents};
use crate::error::{Error, Result};
use crate::store::{Backend, FactRow, SessionRow};
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};
use tiepdan_domain::calendar::WorkCalendar;
use tiepdan_domain::deadlines::DeadlineRules;
use tiepdan_domain::reports::count::drill;
use tiepdan_domain::reports::{compute, CellValue, Computed, Definition, Facts, ReportPeriod};

/// One form over one period.
#[derive(Debug, Clone, Copy)]
pub struct Job<'a> {
    pub def: &'static Definition,
    pub period: &'a ReportPeriod,
}

/// Whether reading `asked` wards one by one (by index) is cheaper than one pass over the rows of all
/// `of` wards the store holds: a small district's pass costs little, and a ward read alone costs
/// about what its rows cost in the pass (docs/performance.md, "Reports at the district"), so one
/// by one wins while the wards asked are a minority.
fn one_by_one(asked: usize, of: usize) -> bool {
    asked <= 32 || asked * 3 <= of
}

/// Note columns carry their count beside the text while the total is summed (key `n + NOTE`).
pub const NOTE: u16 = 10_000;

/// An equation that failed is a bug in counting: logged with its figures, answered as a 500.
pub fn inconsistent(e: tiepdan_domain::reports::ReportError, ward: &str) -> Error {
    tracing::error!(ward, error = %e, "a report failed its own equation");
    Error::Internal(format!("report of {ward}: {e}"))
}

/// Counts every job for every ward of `codes`, out of the `of` wards the store holds; the answer
/// has one map per job, by ward code, with a ward that has no rows counted as empty.
pub fn recount(
    backend: &dyn Backend,
    jobs: &[Job<'_>],
    codes: &[String],
    of: usize,
    calendars: &Calendars,
) -> Result<Vec<HashMap<String, Computed>>> {
    let mut out: Vec<HashMap<String, Computed>> = vec![HashMap::new(); jobs.len()];
    let Some(up_to) = jobs.iter().map(|j| j.period.to).max() else {
        return Ok(out);
    };
    let up_to = up_to.to_string();
    let shipped = DeadlineRules::shipped();
    let none = WardEvents::default();
    let mut count =
        |code: &str, rows: &[FactRow], sessions: &[SessionRow], events: &WardEvents| -> Result<()> {
            for (job, filled) in count_ward(jobs, code, rows, sessions, events, calendars.of(code), &shipped)?
                .into_iter()
                .enumerate()
            {
                out[job].insert(code.to_string(), filled);
            }
            Ok(())
        };
    if one_by_one(codes.len(), of) {
        for code in codes {
            let (mut rows, mut sessions, mut events) = (Vec::new(), Vec::new(), WardEvents::default());
            backend.report_visits(Some(code), &up_to, &mut |r| {
                rows.push(r);
                Ok(())
            })?;
            backend.report_sessions(Some(code), &up_to, &mut |s| {
                sessions.push(s);
                Ok(())
            })?;
            backend.report_events(Some(code), &decisions::KINDS, &mut |(_, payload)| {
                events.apply(&payload);
                Ok(())
            })?;
            count(code, &rows, &sessions, &events)?;
        }
        return Ok(out);
    }
    let wanted: HashSet<&str> = codes.iter().map(String::as_str).collect();
    let mut sessions: HashMap<String, Vec<SessionRow>> = HashMap::new();
    backend.report_sessions(None, &up_to, &mut |s| {
        if wanted.contains(s.ward_code.as_str()) {
            sessions.entry(s.ward_code.clone()).or_default().push(s);
        }
        Ok(())
    })?;
    let mut events: HashMap<String, WardEvents> = HashMap::new();
    backend.report_events(None, &decisions::KINDS, &mut |(code, payload)| {
        if wanted.contains(code.as_str()) {
            events.entry(code).or_default().apply(&payload);
        }
        Ok(())
    })?;
    let mut done: HashSet<String> = HashSet::new();
    let mut current: Vec<FactRow> = Vec::new();
    let mut finish = |rows: &mut Vec<FactRow>, done: &mut HashSet<String>| -> Result<()> {
        if let Some(code) = rows.first().map(|r| r.ward_code.clone()) {
            let sessions = sessions.get(&code).map_or(&[][..], Vec::as_slice);
            count(&code, rows, sessions, events.get(&code).unwrap_or(&none))?;
            done.insert(code);
        }
        rows.clear();
        Ok(())
    };
    backend.report_visits(None, &up_to, &mut |row| {
        if current.first().is_some_and(|first| first.ward_code != row.ward_code) {
            finish(&mut current, &mut done)?;
        }
        // Rows of wards not asked for are passed over unbuilt.
        if wanted.contains(row.ward_code.as_str()) {
            current.push(row);
        }
        Ok(())
    })?;
    finish(&mut current, &mut done)?;
    for code in codes.iter().filter(|c| !done.contains(c.as_str())) {
        let sessions = sessions.get(code).map_or(&[][..], Vec::as_slice);
        count(code, &[], sessions, events.get(code).unwrap_or(&none))?;
    }
    Ok(out)
}

/// One ward's figures for every job, in the jobs' order. Facts are built once per period end.
fn count_ward(
    jobs: &[Job<'_>],
    code: &str,
    rows: &[FactRow],
    sessions: &[SessionRow],
    events: &WardEvents,
    calendar: &WorkCalendar,
    shipped: &DeadlineRules,
) -> Result<Vec<Computed>> {
    let openings = events.openings();
    let mut built: BTreeMap<chrono::NaiveDate, Facts> = BTreeMap::new();
    let mut out = Vec::with_capacity(jobs.len());
    for job in jobs {
        let to = job.period.to;
        if let std::collections::btree_map::Entry::Vacant(slot) = built.entry(to) {
            let day = to.to_string();
            let rows = held_by(rows, &day, |r| r.received_on.as_deref());
            let sessions = held_by(sessions, &day, |s| s.planned_on.as_deref());
            let (mut facts, unreadable) = super::facts::ward_facts(&rows, &sessions);
            if unreadable + events.unreadable > 0 {
                tracing::warn!(
                    ward = code,
                    rows = unreadable,
                    events = events.unreadable,
                    "projection rows or events this build cannot count were left out"
                );
            }
            events.complete(&mut facts, calendar, shipped);
            slot.insert(facts);
        }
        let facts = &built[&to];
        let filled = compute(job.def, facts, job.period, &openings).map_err(|e| inconsistent(e, code))?;
        // The Ghi chú's count too, for the total's note.
        out.push(with_note_counts(job.def, filled, facts, job.period));
    }
    Ok(out)
}

/// What the register held at the end of `day` (`YYYY-MM-DD`): the items dated on or before it, as
/// the store's own `<= day` reads them. Borrowed when that is all of them, the usual case.
fn held_by<'a, T: Clone>(items: &'a [T], day: &str, date: impl Fn(&T) -> Option<&str>) -> Cow<'a, [T]> {
    let held = |item: &T| date(item).is_some_and(|d| d <= day);
    if items.iter().all(held) {
        Cow::Borrowed(items)
    } else {
        Cow::Owned(items.iter().filter(|i| held(i)).cloned().collect())
    }
}

fn with_note_counts(
    def: &Definition,
    mut filled: Computed,
    facts: &Facts,
    period: &ReportPeriod,
) -> Computed {
    for column in def.columns.iter().filter(|c| c.note.is_some()) {
        let n = drill(def, column.n, facts, period).map(|d| d.records.len() + d.sessions.len()).unwrap_or(0);
        filled.columns.insert(column.n + NOTE, CellValue::Count(n as u64));
    }
    filled
}

/// The calendar each ward's deadlines count on, as its desk holds it: the official one with the latest
/// `holidays` document of the ward's feed on top, whether published for every ward or for that ward
/// alone (a desk applies the latest version it pulled, `tiepdan_sync::engine::pull`). A document that
/// cannot be read leaves the official calendar, as at the desk.
pub struct Calendars {
    every: (i64, WorkCalendar),
    own: HashMap<String, (i64, WorkCalendar)>,
}

impl Calendars {
    pub fn read(backend: &dyn Backend) -> Result<Calendars> {
        let mut calendars = Calendars { every: (0, decisions::district_calendar(None)), own: HashMap::new() };
        for (ward, number, data) in backend.latest_references(tiepdan_protocol::ReferenceKind::Holidays)? {
            let calendar = (number, decisions::district_calendar(Some(&data)));
            match ward {
                None => calendars.every = calendar,
                Some(ward) => {
                    calendars.own.insert(ward, calendar);
                }
            }
        }
        Ok(calendars)
    }

    fn in_force(&self, ward: &str) -> &(i64, WorkCalendar) {
        match self.own.get(ward) {
            Some(own) if own.0 > self.every.0 => own,
            _ => &self.every,
        }
    }

    pub fn of(&self, ward: &str) -> &WorkCalendar {
        &self.in_force(ward).1
    }

    /// The feed number of the document in force for `ward` (0: the official calendar).
    pub fn version(&self, ward: &str) -> i64 {
        self.in_force(ward).0
    }
}
