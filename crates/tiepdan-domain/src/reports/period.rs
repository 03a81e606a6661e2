//! Reporting periods and their data cut-offs (`shared/reports.md`, "Legal frame and periods").
//!
//! The official calendar does not follow calendar quarters: Quý I runs from 15/12 of the previous
//! year to 14/03, Quý II from 15/03 to 14/06, and so on; 6 tháng, 9 tháng and năm all start on 15/12.
//! A province may impose its own cut-off day or quarter months; that arrives as a
//! [`ReportCalendar`] in the district's reference data and replaces the default. Monthly periods
//! follow the same cut-off day (15/02 → 14/03 is "Tháng 3"). A custom range is taken as given.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// Which period of a year.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "n")]
pub enum PeriodKind {
    /// Quý I–IV (`n` = 1…4).
    Quarter(u8),
    SixMonths,
    NineMonths,
    Year,
    /// Tháng `n` (1…12).
    Month(u8),
}

impl std::str::FromStr for PeriodKind {
    type Err = String;
    /// The CLI's words: q1…q4, 6m, 9m, year, m1…m12.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || format!("unknown period {s:?} (q1, q2, q3, q4, 6m, 9m, year, m1…m12)");
        match s {
            "6m" => Ok(PeriodKind::SixMonths),
            "9m" => Ok(PeriodKind::NineMonths),
            "year" => Ok(PeriodKind::Year),
            _ => {
                let (kind, n): (fn(u8) -> PeriodKind, &str) = if let Some(n) = s.strip_prefix('q') {
                    (PeriodKind::Quarter, n)
                } else if let Some(n) = s.strip_prefix('m') {
                    (PeriodKind::Month, n)
                } else {
                    return Err(bad());
                };
                let n: u8 = n.parse().map_err(|_| bad())?;
                let max = if matches!(kind(1), PeriodKind::Quarter(_)) { 4 } else { 12 };
                if (1..=max).contains(&n) {
                    Ok(kind(n))
                } else {
                    Err(bad())
                }
            }
        }
    }
}

/// The cut-off calendar: official by default, a province's when its reference data says so.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportCalendar {
    /// The last day of each period in its closing month (14: a period ends on the 14th and the next
    /// starts on the 15th).
    pub cutoff_day: u8,
    /// The months in which Quý I–IV close (3, 6, 9, 12 officially).
    pub quarter_months: [u8; 4],
    /// Who set this calendar, shown beside the period ("Thông tư 01/2024/TT-TTCP" by default).
    pub authority: String,
}

impl Default for ReportCalendar {
    fn default() -> Self {
        ReportCalendar {
            cutoff_day: 14,
            quarter_months: [3, 6, 9, 12],
            authority: "Thông tư 01/2024/TT-TTCP".into(),
        }
    }
}

/// Why a calendar or a range cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PeriodError {
    #[error("the cut-off day must be 1…28 (was {0})")]
    CutoffDay(u8),
    #[error("quarter months must rise within 1…12 (were {0:?})")]
    QuarterMonths([u8; 4]),
    #[error("the range ends ({to}) before it starts ({from})")]
    Backwards { from: NaiveDate, to: NaiveDate },
    #[error("the year {0} is out of range")]
    Year(i32),
}

impl ReportCalendar {
    pub fn checked(self) -> Result<Self, PeriodError> {
        if !(1..=28).contains(&self.cutoff_day) {
            return Err(PeriodError::CutoffDay(self.cutoff_day));
        }
        let m = self.quarter_months;
        if m[0] < 1 || m[3] > 12 || m.windows(2).any(|w| w[0] >= w[1]) {
            return Err(PeriodError::QuarterMonths(m));
        }
        Ok(self)
    }

    /// The closing day of `month` of `year` (month may run 0…12: 0 is December of `year - 1`).
    fn end(&self, year: i32, month: i32) -> Result<NaiveDate, PeriodError> {
        let (y, m) = if month <= 0 { (year - 1, month + 12) } else { (year, month) };
        NaiveDate::from_ymd_opt(y, m as u32, self.cutoff_day as u32).ok_or(PeriodError::Year(year))
    }

    /// The period of `year` this calendar defines for `kind`.
    pub fn period(&self, kind: PeriodKind, year: i32) -> Result<ReportPeriod, PeriodError> {
        if !(2000..=2100).contains(&year) {
            return Err(PeriodError::Year(year));
        }
        let q = |n: u8| self.quarter_months[n as usize - 1] as i32;
        // Every period of the year starts the day after the previous year's last quarter closed.
        let year_start =
            self.end(year - 1, self.quarter_months[3] as i32)?.succ_opt().ok_or(PeriodError::Year(year))?;
        let (from, to) = match kind {
            PeriodKind::Quarter(1) => (year_start, self.end(year, q(1))?),
            PeriodKind::Quarter(n) if (2..=4).contains(&n) => {
                (self.end(year, q(n - 1))?.succ_opt().ok_or(PeriodError::Year(year))?, self.end(year, q(n))?)
            }
            PeriodKind::Quarter(_) | PeriodKind::Month(0) => return Err(PeriodError::Year(year)),
            PeriodKind::SixMonths => (year_start, self.end(year, q(2))?),
            PeriodKind::NineMonths => (year_start, self.end(year, q(3))?),
            PeriodKind::Year => (year_start, self.end(year, q(4))?),
            PeriodKind::Month(m) if m <= 12 => {
                let m = m as i32;
                (self.end(year, m - 1)?.succ_opt().ok_or(PeriodError::Year(year))?, self.end(year, m)?)
            }
            PeriodKind::Month(_) => return Err(PeriodError::Year(year)),
        };
        Ok(ReportPeriod { from, to, label_vi: label(kind, year) })
    }
}

fn label(kind: PeriodKind, year: i32) -> String {
    match kind {
        PeriodKind::Quarter(n) => {
            format!("Quý {} năm {year}", ["I", "II", "III", "IV"][(n as usize - 1).min(3)])
        }
        PeriodKind::SixMonths => format!("6 tháng đầu năm {year}"),
        PeriodKind::NineMonths => format!("9 tháng năm {year}"),
        PeriodKind::Year => format!("Năm {year}"),
        PeriodKind::Month(m) => format!("Tháng {m} năm {year}"),
    }
}

/// The period a person chose: an official one of a year, or a custom range.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "choice")]
pub enum PeriodChoice {
    Official { period: PeriodKind, year: i32 },
    Custom { from: NaiveDate, to: NaiveDate },
}

impl PeriodChoice {
    /// The days it covers under `calendar`.
    pub fn resolve(self, calendar: &ReportCalendar) -> Result<ReportPeriod, PeriodError> {
        match self {
            PeriodChoice::Official { period, year } => calendar.period(period, year),
            PeriodChoice::Custom { from, to } => ReportPeriod::custom(from, to),
        }
    }
}

/// A report's range of days, both ends included, and how the form names it.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportPeriod {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// "Quý I năm 2026", or "Từ ngày 01/01/2026 đến ngày 31/01/2026" for a custom range.
    pub label_vi: String,
}

impl ReportPeriod {
    /// A custom range (both days included).
    pub fn custom(from: NaiveDate, to: NaiveDate) -> Result<ReportPeriod, PeriodError> {
        if to < from {
            return Err(PeriodError::Backwards { from, to });
        }
        let label_vi = format!("Từ ngày {} đến ngày {}", from.format("%d/%m/%Y"), to.format("%d/%m/%Y"));
        Ok(ReportPeriod { from, to, label_vi })
    }

    pub fn contains(&self, day: NaiveDate) -> bool {
        self.from <= day && day <= self.to
    }

    /// "Số liệu từ ngày 15/12/2025 đến ngày 14/03/2026": the data range the form prints under its title.
    pub fn range_vi(&self) -> String {
        format!(
            "(Số liệu tính từ ngày {} đến ngày {})",
            self.from.format("%d/%m/%Y"),
            self.to.format("%d/%m/%Y")
        )
    }

    /// The year the period closes in (the report's year).
    pub fn year(&self) -> i32 {
        self.to.year()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_official_periods_run_from_the_fifteenth_to_the_fourteenth() {
        let cal = ReportCalendar::default();
        let p = |k| cal.period(k, 2026).unwrap();
        assert_eq!(
            (p(PeriodKind::Quarter(1)).from, p(PeriodKind::Quarter(1)).to),
            (d(2025, 12, 15), d(2026, 3, 14))
        );
        assert_eq!(
            (p(PeriodKind::Quarter(2)).from, p(PeriodKind::Quarter(2)).to),
            (d(2026, 3, 15), d(2026, 6, 14))
        );
        assert_eq!(
            (p(PeriodKind::Quarter(4)).from, p(PeriodKind::Quarter(4)).to),
            (d(2026, 9, 15), d(2026, 12, 14))
        );
        assert_eq!(
            (p(PeriodKind::SixMonths).from, p(PeriodKind::SixMonths).to),
            (d(2025, 12, 15), d(2026, 6, 14))
        );
        assert_eq!(p(PeriodKind::NineMonths).to, d(2026, 9, 14));
        assert_eq!((p(PeriodKind::Year).from, p(PeriodKind::Year).to), (d(2025, 12, 15), d(2026, 12, 14)));
        assert_eq!(
            (p(PeriodKind::Month(1)).from, p(PeriodKind::Month(1)).to),
            (d(2025, 12, 15), d(2026, 1, 14))
        );
        assert_eq!(p(PeriodKind::Quarter(1)).label_vi, "Quý I năm 2026");
    }

    #[test]
    fn a_province_calendar_moves_the_cut_off() {
        let cal =
            ReportCalendar { cutoff_day: 20, quarter_months: [2, 5, 8, 11], authority: "UBND tỉnh".into() }
                .checked()
                .unwrap();
        let q1 = cal.period(PeriodKind::Quarter(1), 2026).unwrap();
        assert_eq!((q1.from, q1.to), (d(2025, 11, 21), d(2026, 2, 20)));
        assert!(ReportCalendar { cutoff_day: 31, ..ReportCalendar::default() }.checked().is_err());
        assert!(ReportCalendar { quarter_months: [3, 3, 9, 12], ..ReportCalendar::default() }
            .checked()
            .is_err());
    }

    #[test]
    fn cli_words_name_the_periods_and_nonsense_is_refused() {
        assert_eq!("q3".parse::<PeriodKind>().unwrap(), PeriodKind::Quarter(3));
        assert_eq!("m12".parse::<PeriodKind>().unwrap(), PeriodKind::Month(12));
        assert_eq!("year".parse::<PeriodKind>().unwrap(), PeriodKind::Year);
        for bad in ["q5", "q0", "m13", "quarter", ""] {
            assert!(bad.parse::<PeriodKind>().is_err(), "{bad:?} must be refused");
        }
        assert!(ReportPeriod::custom(d(2026, 2, 1), d(2026, 1, 1)).is_err());
        assert_eq!(
            ReportPeriod::custom(d(2026, 1, 1), d(2026, 1, 31)).unwrap().label_vi,
            "Từ ngày 01/01/2026 đến ngày 31/01/2026"
        );
    }
}
