//! The ward office's working-day calendar: which days count as "ngày làm việc" for deadlines.
//!
//! A day is a working day when it is Monday–Friday and not a public holiday, compensatory day off
//! (nghỉ bù) or swapped day off; a Saturday announced as a make-up working day (làm bù) is one too.
//! Precedence, strongest first: the override table (administrator or upstream server), the table of
//! officially announced dates ([`table`]), the rules of the Labour Code ([`rules`]) with the lunar
//! calendar ([`lunar`]) for Tết and Giỗ Tổ, and the weekly rest days.
//!
//! Pure: the tables are values passed in; the shipped table is embedded, never read from disk.

pub mod lunar;
pub mod overrides;
pub mod rules;
pub mod table;

pub use overrides::{holidays_document, CalendarOverride, OverrideChange};
pub use table::{HolidayTable, Occasion};

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::ops::RangeInclusive;

/// Years whose days are worked out when the calendar is built; others are worked out on demand.
pub const PRECOMPUTED_YEARS: RangeInclusive<i32> = 2000..=2100;

/// What kind of day a date is, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DayStatus {
    /// An ordinary Monday–Friday.
    Working,
    /// Saturday or Sunday.
    WeeklyRest,
    /// A public holiday (ngày nghỉ lễ, tết).
    Holiday { occasion: Occasion, name: String },
    /// Nghỉ bù: a holiday of this occasion fell on a weekly rest day.
    Compensatory { occasion: Occasion },
    /// A working day given off by an announced swap, worked on `made_up_on` instead.
    SwappedOff { occasion: Occasion, made_up_on: NaiveDate },
    /// A Saturday worked to make up for `replaces` (làm bù).
    MakeUpWorking { occasion: Occasion, replaces: NaiveDate },
    /// Made a day off by the override table.
    OverrideOff { note: String },
    /// Made a working day by the override table.
    OverrideWorking { note: String },
}

pub(crate) fn dmy(date: NaiveDate) -> String {
    date.format("%d/%m/%Y").to_string()
}

fn weekday_vi(date: NaiveDate) -> &'static str {
    match date.weekday() {
        Weekday::Mon => "Thứ Hai",
        Weekday::Tue => "Thứ Ba",
        Weekday::Wed => "Thứ Tư",
        Weekday::Thu => "Thứ Năm",
        Weekday::Fri => "Thứ Sáu",
        Weekday::Sat => "Thứ Bảy",
        Weekday::Sun => "Chủ nhật",
    }
}

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

impl DayStatus {
    pub fn is_working(&self) -> bool {
        matches!(
            self,
            DayStatus::Working | DayStatus::MakeUpWorking { .. } | DayStatus::OverrideWorking { .. }
        )
    }

    /// The reason a clerk reads, in Vietnamese ("Ngày Quốc tế Lao động", "Chủ nhật, nghỉ hằng tuần").
    pub fn reason_vi(&self, date: NaiveDate) -> String {
        match self {
            DayStatus::Working => format!("{}, ngày làm việc", weekday_vi(date)),
            DayStatus::WeeklyRest => format!("{}, nghỉ hằng tuần", weekday_vi(date)),
            DayStatus::Holiday { name, .. } => name.clone(),
            DayStatus::Compensatory { occasion } => {
                format!("Nghỉ bù {} (ngày lễ trùng ngày nghỉ hằng tuần)", occasion.label_vi())
            }
            DayStatus::SwappedOff { occasion, made_up_on } => {
                format!("Nghỉ hoán đổi dịp {}, làm bù ngày {}", occasion.label_vi(), dmy(*made_up_on))
            }
            DayStatus::MakeUpWorking { occasion, replaces } => {
                format!(
                    "{} làm bù cho ngày {} (dịp {})",
                    weekday_vi(date),
                    dmy(*replaces),
                    occasion.label_vi()
                )
            }
            DayStatus::OverrideOff { note } => format!("Nghỉ theo điều chỉnh lịch: {note}"),
            DayStatus::OverrideWorking { note } => format!("Làm việc theo điều chỉnh lịch: {note}"),
        }
    }
}

/// One day with its status, as lists and explanations show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CalendarDay {
    pub date: NaiveDate,
    pub working: bool,
    pub status: DayStatus,
    pub reason: String,
}

/// The calendar a ward works by.
#[derive(Debug, Clone)]
pub struct WorkCalendar {
    table: HolidayTable,
    overrides: BTreeMap<NaiveDate, CalendarOverride>,
    /// Days that are not ordinary (holidays, days off, make-up Saturdays) in [`PRECOMPUTED_YEARS`].
    special: BTreeMap<NaiveDate, DayStatus>,
}

impl WorkCalendar {
    /// The shipped table and no overrides.
    pub fn official() -> Self {
        Self::new(HolidayTable::shipped(), Vec::new())
    }

    /// A calendar from a holiday table and an override table; a later override of the same date wins.
    pub fn new(table: HolidayTable, overrides: impl IntoIterator<Item = CalendarOverride>) -> Self {
        let mut special = BTreeMap::new();
        for year in PRECOMPUTED_YEARS {
            special.extend(special_days(&table, year));
        }
        let overrides = overrides.into_iter().map(|o| (o.date, o)).collect();
        Self { table, overrides, special }
    }

    /// The same calendar with more overrides on top.
    pub fn with_overrides(mut self, overrides: impl IntoIterator<Item = CalendarOverride>) -> Self {
        self.overrides.extend(overrides.into_iter().map(|o| (o.date, o)));
        self
    }

    pub fn table(&self) -> &HolidayTable {
        &self.table
    }

    pub fn overrides(&self) -> impl Iterator<Item = &CalendarOverride> {
        self.overrides.values()
    }

    /// What kind of day `date` is.
    pub fn status(&self, date: NaiveDate) -> DayStatus {
        if let Some(o) = self.overrides.get(&date) {
            return o.status();
        }
        let special = if PRECOMPUTED_YEARS.contains(&date.year()) {
            self.special.get(&date).cloned()
        } else {
            special_days(&self.table, date.year()).remove(&date)
        };
        special.unwrap_or(if is_weekend(date) { DayStatus::WeeklyRest } else { DayStatus::Working })
    }

    pub fn day(&self, date: NaiveDate) -> CalendarDay {
        let status = self.status(date);
        CalendarDay { date, working: status.is_working(), reason: status.reason_vi(date), status }
    }

    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        self.status(date).is_working()
    }

    /// Why `date` is not a working day, in Vietnamese; `None` if it is one.
    pub fn why_not_working(&self, date: NaiveDate) -> Option<String> {
        let status = self.status(date);
        (!status.is_working()).then(|| status.reason_vi(date))
    }

    /// The first working day strictly after `date`.
    pub fn next_working_day_after(&self, date: NaiveDate) -> NaiveDate {
        let mut day = date + Duration::days(1);
        while !self.is_working_day(day) {
            day += Duration::days(1);
        }
        day
    }

    /// Every day in `from..=to` that is not an ordinary day: days off other than plain weekends,
    /// and make-up working days.
    pub fn exceptions(&self, from: NaiveDate, to: NaiveDate) -> Vec<CalendarDay> {
        from.iter_days()
            .take_while(|d| *d <= to)
            .map(|d| self.day(d))
            .filter(|d| !matches!(d.status, DayStatus::Working | DayStatus::WeeklyRest))
            .collect()
    }
}

/// The non-ordinary days of one year from the table and the rules (no overrides).
fn special_days(table: &HolidayTable, year: i32) -> BTreeMap<NaiveDate, DayStatus> {
    let mut days = BTreeMap::new();
    let mut needs_compensation = Vec::new();
    for occasion in Occasion::ALL {
        if let Some(announced) = table.announced(year, occasion) {
            for &date in &announced.holidays {
                days.insert(date, holiday(table, occasion, date));
            }
            for &date in &announced.compensatory {
                days.insert(date, DayStatus::Compensatory { occasion });
            }
            for swap in &announced.swaps {
                days.insert(swap.off, DayStatus::SwappedOff { occasion, made_up_on: swap.work });
                days.insert(swap.work, DayStatus::MakeUpWorking { occasion, replaces: swap.off });
            }
        } else {
            for date in rules::holidays(&table.rules, year, occasion) {
                days.insert(date, holiday(table, occasion, date));
                if is_weekend(date) {
                    needs_compensation.push((date, occasion));
                }
            }
        }
    }
    // Labour Code Điều 111(3): a holiday on a weekly rest day is taken on the next working day.
    needs_compensation.sort();
    for (date, occasion) in needs_compensation {
        let mut day = date + Duration::days(1);
        while is_weekend(day) || days.contains_key(&day) {
            day += Duration::days(1);
        }
        days.insert(day, DayStatus::Compensatory { occasion });
    }
    days
}

fn holiday(table: &HolidayTable, occasion: Occasion, date: NaiveDate) -> DayStatus {
    let name = match (occasion, date.month(), date.day()) {
        (Occasion::NewYear, _, _) => "Tết Dương lịch".to_string(),
        (Occasion::LunarNewYear, _, _) => {
            format!("Tết Nguyên đán ({})", lunar::lunar_from_solar(date).label_vi())
        }
        (Occasion::HungKings, _, _) => "Giỗ Tổ Hùng Vương (10 tháng 3 âm lịch)".to_string(),
        (Occasion::VictoryAndLabour, 4, 30) => "Ngày Chiến thắng".to_string(),
        (Occasion::VictoryAndLabour, 5, 1) => "Ngày Quốc tế Lao động".to_string(),
        (Occasion::VictoryAndLabour, _, _) => "Lễ 30/4 và 1/5".to_string(),
        (Occasion::NationalDay, 9, 2) => "Quốc khánh".to_string(),
        (Occasion::NationalDay, _, _) => "Quốc khánh (ngày liền kề)".to_string(),
        (Occasion::Added, month, day) => table
            .rules
            .added_holidays
            .iter()
            .find(|h| h.month == month && h.day == day)
            .map_or_else(|| "Ngày nghỉ lễ".to_string(), |h| h.name.clone()),
    };
    DayStatus::Holiday { occasion, name }
}
