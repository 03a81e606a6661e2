//! A computed deadline with its working: every day from the day after the start event to the due
//! date, counted or skipped and why — what `tiepdan deadline` prints and the desk app shows.

use super::{DeadlineRule, Unit, Variant};
use crate::calendar::{dmy, CalendarDay, DayStatus};
use crate::petition::PetitionKind;
use chrono::NaiveDate;
use serde::Serialize;

/// What happened to one day of the count.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DayCount {
    /// Counted as day `ordinal` of the period.
    Counted,
    /// Not counted: not a working day, in a working-day period.
    Skipped,
    /// After the last day of a calendar-day period that fell on a day off: the deadline moves on.
    RolledForward,
}

/// One day of the count.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DayEntry {
    pub date: NaiveDate,
    pub count: DayCount,
    /// Its position in the period when counted (1 = the day after the start event).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ordinal: Option<u32>,
    pub working: bool,
    /// Why the day is not an ordinary weekday (holiday, weekend, make-up Saturday…), in Vietnamese.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

impl DayEntry {
    fn new(day: &CalendarDay, count: DayCount, ordinal: Option<u32>) -> Self {
        let reason = (day.status != DayStatus::Working).then(|| day.reason.clone());
        Self { date: day.date, count, ordinal, working: day.working, reason }
    }

    pub(super) fn counted(day: &CalendarDay, ordinal: u32) -> Self {
        Self::new(day, DayCount::Counted, Some(ordinal))
    }

    pub(super) fn skipped(day: &CalendarDay) -> Self {
        Self::new(day, DayCount::Skipped, None)
    }

    pub(super) fn rolled(day: &CalendarDay) -> Self {
        Self::new(day, DayCount::RolledForward, None)
    }
}

/// A due date and how it was reached. Dates serialise as "YYYY-MM-DD".
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeadlineExplained {
    pub kind: PetitionKind,
    pub variant: Variant,
    pub rule: DeadlineRule,
    /// The date of the start event; not itself counted.
    pub from: NaiveDate,
    /// The last day of the period before any move to a working day.
    pub last_day: NaiveDate,
    pub due: NaiveDate,
    /// True when the last day was a day off and the deadline moved to the next working day.
    pub rolled_forward: bool,
    pub days: Vec<DayEntry>,
    /// One Vietnamese sentence: the rule, the count and the due date.
    pub summary: String,
}

impl DeadlineExplained {
    pub(super) fn new(
        rule: DeadlineRule,
        kind: PetitionKind,
        variant: Variant,
        from: NaiveDate,
        last_day: NaiveDate,
        due: NaiveDate,
        days: Vec<DayEntry>,
    ) -> Self {
        let rolled_forward = due != last_day;
        let mut summary = format!(
            "{}: {} {} kể từ ngày tiếp theo {} {}",
            rule.label_vi,
            rule.period,
            rule.unit.label_vi(),
            rule.start.label_vi(),
            dmy(from)
        );
        if rolled_forward {
            let why =
                days.iter().find(|d| d.date == last_day).and_then(|d| d.reason.clone()).unwrap_or_default();
            summary.push_str(&format!(
                "; ngày cuối cùng {} là ngày nghỉ ({why}) nên hạn chuyển sang ngày làm việc tiếp theo",
                dmy(last_day)
            ));
        }
        summary.push_str(&format!(" → hạn {} ({}).", dmy(due), rule.basis));
        Self { kind, variant, rule, from, last_day, due, rolled_forward, days, summary }
    }

    /// The days that were not ordinary: skipped, rolled over, or counted with a note (a day off
    /// inside a calendar-day period, a make-up Saturday).
    pub fn notable_days(&self) -> impl Iterator<Item = &DayEntry> {
        self.days.iter().filter(|d| d.reason.is_some() || d.count != DayCount::Counted)
    }

    /// The explanation as lines of Vietnamese text: the summary, then one line per notable day.
    pub fn lines_vi(&self) -> Vec<String> {
        let mut lines = vec![self.summary.clone()];
        for day in self.notable_days() {
            let what = match (day.count, self.rule.unit, day.working) {
                (DayCount::Counted, Unit::WorkingDays, _) => {
                    format!("tính ngày thứ {}", day.ordinal.unwrap_or(0))
                }
                (DayCount::Counted, Unit::CalendarDays, _) => {
                    format!("vẫn tính (thời hạn theo ngày), ngày thứ {}", day.ordinal.unwrap_or(0))
                }
                (DayCount::Skipped, _, _) => "không tính".to_string(),
                (DayCount::RolledForward, _, false) => "ngày nghỉ, hạn lùi tiếp".to_string(),
                (DayCount::RolledForward, _, true) => "ngày làm việc tiếp theo: hạn".to_string(),
            };
            let reason = day.reason.as_deref().unwrap_or("ngày làm việc");
            lines.push(format!("{} — {} — {}", dmy(day.date), reason, what));
        }
        lines
    }
}
