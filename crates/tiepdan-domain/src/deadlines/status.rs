//! Follow-up status of a deadline on a given day: on time, due soon, overdue, or done.
//!
//! "Due soon" is measured in working days, because that is what the clerk has left to act; lateness
//! is measured in calendar days, because that is what a report and a citizen count.

use crate::calendar::{dmy, WorkCalendar};
use chrono::{Duration, NaiveDate};
use serde::Serialize;

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum FollowUp {
    /// The step was done; `on_time` if on or before the due date.
    Done { on: NaiveDate, on_time: bool },
    /// More than the warning window left.
    OnTime { working_days_left: u32 },
    /// Due within the warning window (0 = due today).
    DueSoon { working_days_left: u32 },
    /// Past the due date.
    Overdue { days_late: u32 },
}

impl FollowUp {
    /// Sorting key for the "Việc cần làm" view: overdue first (most late first), then due soonest,
    /// then on time, then done.
    pub fn urgency(&self) -> (u8, i64) {
        match *self {
            FollowUp::Overdue { days_late } => (0, -i64::from(days_late)),
            FollowUp::DueSoon { working_days_left } => (1, i64::from(working_days_left)),
            FollowUp::OnTime { working_days_left } => (2, i64::from(working_days_left)),
            FollowUp::Done { .. } => (3, 0),
        }
    }

    pub fn label_vi(&self) -> String {
        match *self {
            FollowUp::Done { on, on_time: true } => format!("Đã xong ngày {} (đúng hạn)", dmy(on)),
            FollowUp::Done { on, on_time: false } => format!("Đã xong ngày {} (trễ hạn)", dmy(on)),
            FollowUp::OnTime { working_days_left } => {
                format!("Trong hạn (còn {working_days_left} ngày làm việc)")
            }
            FollowUp::DueSoon { working_days_left: 0 } => "Đến hạn hôm nay".to_string(),
            FollowUp::DueSoon { working_days_left } => {
                format!("Sắp đến hạn (còn {working_days_left} ngày làm việc)")
            }
            FollowUp::Overdue { days_late } => format!("Quá hạn {days_late} ngày"),
        }
    }
}

/// The status of a step due on `due`, seen on `today`; `done_on` is when it was done, if it was.
/// "Due soon" means at most `warn_within` working days left after today.
pub fn follow_up(
    calendar: &WorkCalendar,
    due: NaiveDate,
    today: NaiveDate,
    done_on: Option<NaiveDate>,
    warn_within: u32,
) -> FollowUp {
    if let Some(on) = done_on {
        return FollowUp::Done { on, on_time: on <= due };
    }
    if today > due {
        let days_late = u32::try_from((today - due).num_days()).unwrap_or(u32::MAX);
        return FollowUp::Overdue { days_late };
    }
    let mut working_days_left = 0;
    let mut day = today;
    while day < due {
        day += Duration::days(1);
        if calendar.is_working_day(day) {
            working_days_left += 1;
        }
    }
    if working_days_left <= warn_within {
        FollowUp::DueSoon { working_days_left }
    } else {
        FollowUp::OnTime { working_days_left }
    }
}
