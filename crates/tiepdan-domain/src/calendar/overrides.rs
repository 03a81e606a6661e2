//! The override table: days an administrator (or the upstream server) declares off or working,
//! taking precedence over the official table and the rules — an unannounced day off for a storm, a
//! late-announced swap, a correction to a shipped date. Values only; storing and syncing them is the
//! register's and the sync engine's business.

use super::DayStatus;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OverrideChange {
    /// The day is not a working day (adds a day off).
    DayOff,
    /// The day is a working day (removes a day off, or adds a make-up Saturday).
    WorkingDay,
}

/// One overridden day, with the note the clerk sees as the reason.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarOverride {
    pub date: NaiveDate,
    pub change: OverrideChange,
    /// Why, in Vietnamese, e.g. "Nghỉ do bão số 3 theo công văn của UBND tỉnh".
    pub note: String,
}

impl CalendarOverride {
    pub fn day_off(date: NaiveDate, note: impl Into<String>) -> Self {
        Self { date, change: OverrideChange::DayOff, note: note.into() }
    }

    pub fn working_day(date: NaiveDate, note: impl Into<String>) -> Self {
        Self { date, change: OverrideChange::WorkingDay, note: note.into() }
    }

    pub(crate) fn status(&self) -> DayStatus {
        let note = self.note.clone();
        match self.change {
            OverrideChange::DayOff => DayStatus::OverrideOff { note },
            OverrideChange::WorkingDay => DayStatus::OverrideWorking { note },
        }
    }
}

#[derive(Deserialize)]
#[serde(untagged)]
enum HolidaysDocument {
    Days(Vec<CalendarOverride>),
    Wrapped { days: Vec<CalendarOverride> },
}

/// The days of the district's `holidays` reference document: a JSON array of overrides, or an
/// object with that array under `"days"`. The desk applies them as its upstream calendar and the
/// district counts its reports' deadlines with them, so both read the document here.
pub fn holidays_document(data: &serde_json::Value) -> Result<Vec<CalendarOverride>, String> {
    match HolidaysDocument::deserialize(data) {
        Ok(HolidaysDocument::Days(days) | HolidaysDocument::Wrapped { days }) => Ok(days),
        Err(e) => Err(format!("the district's holidays document is not a list of days: {e}")),
    }
}
