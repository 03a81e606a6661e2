//! Statutory deadlines of a petition: when each step is due, with the days counted and skipped.
//!
//! Counting follows `shared/domain.md` §7 and Bộ luật Dân sự 2015, Điều 147–148: the period starts
//! the day after the triggering event; "ngày" are calendar days and a last day that is a day off
//! moves to the next working day; "ngày làm việc" skip weekends, public holidays, compensatory and
//! swapped days off and count make-up working days. The numbers come from [`DeadlineRules`] (data),
//! the days from [`WorkCalendar`]; nothing here reads a file or the clock.

mod error;
pub mod explain;
pub mod rules;
pub mod status;

pub use error::DeadlineError;
pub use explain::{DayEntry, DeadlineExplained};
pub use rules::{DeadlineRule, DeadlineRules, RulesError, StartEvent};
pub use status::{follow_up, FollowUp};

use crate::calendar::WorkCalendar;
use crate::petition::PetitionKind;
use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// A step of handling a petition that has a statutory deadline.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// Xử lý đơn after receipt (any petition).
    Process,
    /// Thụ lý a complaint with written notice.
    Accept,
    /// Giải quyết, from acceptance.
    Resolve,
    /// Gia hạn giải quyết a denunciation, from the current deadline.
    Extend,
    /// Kiểm tra điều kiện thụ lý a denunciation, from receipt.
    Check,
    /// Chuyển a denunciation outside the ward's competence and notify the denouncer, from receipt.
    Transfer,
}

impl Step {
    pub const ALL: [Step; 6] =
        [Step::Process, Step::Accept, Step::Resolve, Step::Extend, Step::Check, Step::Transfer];

    pub fn as_str(self) -> &'static str {
        match self {
            Step::Process => "process",
            Step::Accept => "accept",
            Step::Resolve => "resolve",
            Step::Extend => "extend",
            Step::Check => "check",
            Step::Transfer => "transfer",
        }
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            Step::Process => "Xử lý đơn",
            Step::Accept => "Thụ lý",
            Step::Resolve => "Giải quyết",
            Step::Extend => "Gia hạn giải quyết",
            Step::Check => "Kiểm tra điều kiện thụ lý",
            Step::Transfer => "Chuyển đơn",
        }
    }
}

impl FromStr for Step {
    type Err = DeadlineError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Step::ALL
            .into_iter()
            .find(|step| step.as_str() == s)
            .ok_or_else(|| DeadlineError::UnknownStep(s.into()))
    }
}

/// How a period is counted.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// "ngày": calendar days.
    CalendarDays,
    /// "ngày làm việc".
    WorkingDays,
}

impl Unit {
    pub fn label_vi(self) -> &'static str {
        match self {
            Unit::CalendarDays => "ngày",
            Unit::WorkingDays => "ngày làm việc",
        }
    }
}

/// Complaints: the first or the second resolution.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    #[default]
    First,
    Second,
}

/// How complex the case is, in increasing order.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Complexity {
    #[default]
    Normal,
    /// Phức tạp (for a denunciation check: verification at several places).
    Complex,
    /// Đặc biệt phức tạp.
    EspeciallyComplex,
}

/// What about the case changes its deadline.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub struct Variant {
    #[serde(default)]
    pub level: Level,
    #[serde(default)]
    pub complexity: Complexity,
    /// Vùng sâu, vùng xa đi lại khó khăn.
    #[serde(default)]
    pub remote_area: bool,
}

/// The due date of `step` for a petition of `kind`, counted from `from` (the date of the rule's start
/// event: receipt, acceptance, or the deadline being extended), with the days counted and skipped.
pub fn compute(
    rules: &DeadlineRules,
    calendar: &WorkCalendar,
    kind: PetitionKind,
    step: Step,
    variant: Variant,
    from: NaiveDate,
) -> Result<DeadlineExplained, DeadlineError> {
    let rule = rules.find(kind, step, &variant).ok_or(DeadlineError::NoRule { kind, step })?;
    Ok(count(calendar, rule, kind, variant, from))
}

/// Extends a denunciation's current deadline `current_due`, which has already been extended
/// `times_already` times; refused past the rule's limit or for a case not complex enough.
pub fn extend(
    rules: &DeadlineRules,
    calendar: &WorkCalendar,
    kind: PetitionKind,
    variant: Variant,
    current_due: NaiveDate,
    times_already: u32,
) -> Result<DeadlineExplained, DeadlineError> {
    let rule =
        rules.find(kind, Step::Extend, &variant).ok_or(DeadlineError::NoRule { kind, step: Step::Extend })?;
    let allowed = rule.max_times.unwrap_or(1);
    if times_already >= allowed {
        return Err(DeadlineError::ExtensionLimit { allowed });
    }
    Ok(count(calendar, rule, kind, variant, current_due))
}

/// The due date of `step` counted from `from`, then moved by each extension granted (their
/// complexities, in the order granted) that the rules still allow; an extension past the rules'
/// limit, or for a case they do not allow it for, is not applied, nor any after it. Returns the
/// deadline and how many extensions were applied. Only the resolution step is extended. The desk's
/// follow-up, its reports and the district's reports all count a deadline through here.
pub fn compute_extended(
    rules: &DeadlineRules,
    calendar: &WorkCalendar,
    kind: PetitionKind,
    step: Step,
    variant: Variant,
    from: NaiveDate,
    extensions: &[Complexity],
) -> Result<(DeadlineExplained, u32), DeadlineError> {
    let mut explained = compute(rules, calendar, kind, step, variant, from)?;
    let mut applied = 0;
    if step == Step::Resolve {
        for complexity in extensions {
            let variant = Variant { complexity: *complexity, ..variant };
            match extend(rules, calendar, kind, variant, explained.due, applied) {
                Ok(next) => explained = next,
                Err(_) => break,
            }
            applied += 1;
        }
    }
    Ok((explained, applied))
}

/// The resolution deadline of a petition accepted on `accepted_on`, extensions applied; `None` when
/// the rules set none for its kind.
pub fn resolve_due(
    rules: &DeadlineRules,
    calendar: &WorkCalendar,
    kind: PetitionKind,
    variant: Variant,
    accepted_on: NaiveDate,
    extensions: &[Complexity],
) -> Option<NaiveDate> {
    compute_extended(rules, calendar, kind, Step::Resolve, variant, accepted_on, extensions)
        .ok()
        .map(|(e, _)| e.due)
}

fn count(
    calendar: &WorkCalendar,
    rule: &DeadlineRule,
    kind: PetitionKind,
    variant: Variant,
    from: NaiveDate,
) -> DeadlineExplained {
    let mut days = Vec::new();
    let mut day = from;
    let mut counted = 0;
    while counted < rule.period {
        day += Duration::days(1);
        let info = calendar.day(day);
        if rule.unit == Unit::CalendarDays || info.working {
            counted += 1;
            days.push(DayEntry::counted(&info, counted));
        } else {
            days.push(DayEntry::skipped(&info));
        }
    }
    let last_day = day;
    if rule.unit == Unit::CalendarDays && rule.roll_forward {
        while !calendar.is_working_day(day) {
            day += Duration::days(1);
            days.push(DayEntry::rolled(&calendar.day(day)));
        }
    }
    DeadlineExplained::new(rule.clone(), kind, variant, from, last_day, day, days)
}
