//! What a ward's reports need beyond the projection's rows, read from a few kinds of its stored
//! events ([`KINDS`]): each accepted petition's deadline and decision, and the ward's opening
//! balances. With them the district counts what the desk counts (`Register::report_facts`):
//!
//! - a petition's resolution deadline (`resolve_due`, the overdue cells of 03/XLD) is counted by the
//!   domain's rule (`deadlines::resolve_due`) from the acceptance day and its variant, with the
//!   extensions granted, under the ward's deadline rules in force (its latest `deadline_rules_set`,
//!   else the shipped ones) and its calendar (the official one, the district's own `holidays`
//!   reference on top, as the desks apply it, and the ward's overrides on top of both);
//! - the decision facts of 01/KQGQ and 02/KQGQ: every accepted petition with its resolution's
//!   figures, whether its deadline was kept, and its implementation records;
//! - the opening balances a ward declared (and corrected) for a form.
//!
//! Nothing here reads an identity: only kinds, days, variants, rules and figures are read from the
//! events (a protected visit's events reach the district with their texts withheld, which none of
//! these reads).

use chrono::NaiveDate;
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use tiepdan_domain::calendar::{CalendarOverride, WorkCalendar};
use tiepdan_domain::deadlines::{self, Complexity, DeadlineRules, Variant};
use tiepdan_domain::decisions::ResolutionFigures;
use tiepdan_domain::reports::decisions::decisions_of;
use tiepdan_domain::reports::facts::ImplementationFact;
use tiepdan_domain::reports::{Facts, FormKey, Opening};
use tiepdan_domain::VisitId;

/// The event kinds read here.
pub const KINDS: [&str; 9] = [
    "petition_accepted",
    "deadline_extended",
    "petition_resolved",
    "decision_implemented",
    "deadline_rules_set",
    "calendar_override_set",
    "calendar_override_removed",
    "opening_declared",
    "opening_corrected",
];

/// What one petition's events say about its deadline and decision.
#[derive(Debug, Default)]
struct Decided {
    /// From the latest acceptance decision.
    variant: Option<Variant>,
    /// Complexities of the extensions granted, in order.
    extensions: Vec<Complexity>,
    /// From the latest resolution.
    figures: Option<ResolutionFigures>,
    implementations: Vec<ImplementationFact>,
}

/// A ward's events of [`KINDS`], folded in the order they arrived.
#[derive(Debug, Default)]
pub struct WardEvents {
    rules: Option<DeadlineRules>,
    /// The ward's calendar overrides in force, by date.
    overrides: BTreeMap<NaiveDate, CalendarOverride>,
    petitions: HashMap<VisitId, Decided>,
    openings: BTreeMap<FormKey, Opening>,
    /// Payloads this build cannot read (a newer desk's), for the log.
    pub unreadable: usize,
}

impl WardEvents {
    /// Folds one stored event's payload in. Read field by field rather than as the domain's event
    /// type: a protected visit's texts reach the district withheld (absent), which the event type
    /// would refuse, and none of them is read here.
    pub fn apply(&mut self, payload: &str) {
        let event = serde_json::from_str::<Value>(payload).ok();
        let folded = event.as_ref().and_then(|e| self.fold(e.get("kind")?.as_str()?, e.get("body")?));
        if folded.is_none() {
            self.unreadable += 1;
        }
    }

    fn fold(&mut self, kind: &str, body: &Value) -> Option<()> {
        let visit = || body.get("visit_id")?.as_str()?.parse::<VisitId>().ok();
        match kind {
            "petition_accepted" => {
                let variant = match body.get("variant") {
                    None | Some(Value::Null) => Variant::default(),
                    Some(v) => read(v)?,
                };
                self.petitions.entry(visit()?).or_default().variant = Some(variant);
            }
            "deadline_extended" => {
                let complexity: Complexity = read(body.get("complexity")?)?;
                self.petitions.entry(visit()?).or_default().extensions.push(complexity);
            }
            "petition_resolved" => {
                let figures = match body.get("figures") {
                    None | Some(Value::Null) => None,
                    Some(v) => Some(read(v)?),
                };
                self.petitions.entry(visit()?).or_default().figures = figures;
            }
            "decision_implemented" => {
                let record = ImplementationFact {
                    on: read(body.get("on")?)?,
                    completed: body.get("completed")?.as_bool()?,
                    done: body.get("done").map_or(Some(Default::default()), read)?,
                };
                self.petitions.entry(visit()?).or_default().implementations.push(record);
            }
            "deadline_rules_set" => self.rules = Some(read(body)?),
            "calendar_override_set" => {
                let day: CalendarOverride = read(body)?;
                self.overrides.insert(day.date, day);
            }
            "calendar_override_removed" => {
                self.overrides.remove(&read::<NaiveDate>(body.get("date")?)?);
            }
            "opening_declared" | "opening_corrected" => {
                let opening: Opening =
                    read(if kind == "opening_declared" { body } else { body.get("opening")? })?;
                self.openings.insert(opening.form, opening);
            }
            _ => {}
        }
        Some(())
    }

    /// The opening balances in force, one per form declared.
    pub fn openings(&self) -> Vec<Opening> {
        self.openings.values().cloned().collect()
    }

    /// Completes `facts` (from the projection's rows) with each accepted petition's resolution
    /// deadline and the decision facts, as the desk builds them. `district` is the official calendar
    /// with the district's `holidays` reference applied ([`district_calendar`]); `shipped` the
    /// national rules, for a ward that set none (read once per report, not once per ward).
    pub fn complete(&self, facts: &mut Facts, district: &WorkCalendar, shipped: &DeadlineRules) {
        let rules = self.rules.as_ref().unwrap_or(shipped);
        let own;
        let calendar = if self.overrides.is_empty() {
            district
        } else {
            own = district.clone().with_overrides(self.overrides.values().cloned());
            &own
        };
        let none = Decided::default();
        for p in &mut facts.petitions {
            let Some(accepted_on) = p.accepted_on else { continue };
            let decided = self.petitions.get(&p.id).unwrap_or(&none);
            let variant = decided.variant.unwrap_or(Variant { level: p.level, ..Variant::default() });
            p.resolve_due =
                deadlines::resolve_due(rules, calendar, p.kind, variant, accepted_on, &decided.extensions);
        }
        facts.decisions = decisions_of(&facts.petitions, |id| {
            let decided = self.petitions.get(&id).unwrap_or(&none);
            (decided.figures, decided.implementations.clone())
        });
    }
}

fn read<T: DeserializeOwned>(value: &Value) -> Option<T> {
    T::deserialize(value).ok()
}

/// A calendar deadlines start from: the official one with a `holidays` document on top (which
/// document is in force for a ward is `recount::Calendars`'s choice). A document that cannot be read leaves the official calendar, as
/// at the desks, which keep their calendar when a document cannot be read (and log it).
pub fn district_calendar(holidays: Option<&str>) -> WorkCalendar {
    let days = holidays
        .and_then(|text| serde_json::from_str::<serde_json::Value>(text).ok())
        .map(|data| tiepdan_domain::calendar::holidays_document(&data));
    match days {
        Some(Ok(days)) => WorkCalendar::official().with_overrides(days),
        Some(Err(e)) => {
            tracing::warn!(error = %e, "the holidays reference cannot be read: deadlines count the official calendar");
            WorkCalendar::official()
        }
        None => WorkCalendar::official(),
    }
}
