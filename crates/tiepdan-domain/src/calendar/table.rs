//! The table of officially announced days off, shipped in `data/holidays.json` and replaceable by a
//! newer table the upstream server pushes down.
//!
//! One entry is one occasion (Tết, Giỗ Tổ, 30/4–1/5, Quốc khánh, Tết Dương lịch) of one year, as the
//! government announced it for civil servants: its public-holiday days, its compensatory days off
//! (nghỉ bù), and its swaps (a weekday taken off, made up on a Saturday). When an occasion of a year is
//! in the table the calendar uses exactly those days; otherwise it derives them from the rules
//! ([`super::rules`]). Each entry names its source and whether it was checked against it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The holiday occasions of Bộ luật Lao động 2019, Điều 112.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Occasion {
    /// Tết Dương lịch, 1 January.
    NewYear,
    /// Tết Âm lịch, five days.
    LunarNewYear,
    /// Giỗ Tổ Hùng Vương, 10/3 lunar.
    HungKings,
    /// Ngày Chiến thắng 30/4 and Ngày Quốc tế Lao động 1/5, announced together.
    VictoryAndLabour,
    /// Quốc khánh 2/9 and one adjacent day.
    NationalDay,
    /// Fixed-date holidays added by a later law ([`RuleChoices::added_holidays`]).
    Added,
}

impl Occasion {
    pub const ALL: [Occasion; 6] = [
        Occasion::NewYear,
        Occasion::LunarNewYear,
        Occasion::HungKings,
        Occasion::VictoryAndLabour,
        Occasion::NationalDay,
        Occasion::Added,
    ];

    pub fn label_vi(self) -> &'static str {
        match self {
            Occasion::NewYear => "Tết Dương lịch",
            Occasion::LunarNewYear => "Tết Nguyên đán",
            Occasion::HungKings => "Giỗ Tổ Hùng Vương",
            Occasion::VictoryAndLabour => "Lễ 30/4 và 1/5",
            Occasion::NationalDay => "Quốc khánh",
            Occasion::Added => "ngày lễ bổ sung",
        }
    }
}

/// A weekday taken off and the Saturday worked instead (hoán đổi ngày làm việc).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Swap {
    /// The working day given off.
    pub off: NaiveDate,
    /// The weekly day off worked instead (làm bù).
    pub work: NaiveDate,
}

/// One occasion of one year as officially announced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnouncedOccasion {
    pub year: i32,
    pub occasion: Occasion,
    /// The public-holiday days themselves (ngày nghỉ lễ, tết), including any that fall on a weekend.
    pub holidays: Vec<NaiveDate>,
    /// Compensatory days off for holidays that fell on a weekly day off (nghỉ bù).
    #[serde(default)]
    pub compensatory: Vec<NaiveDate>,
    #[serde(default)]
    pub swaps: Vec<Swap>,
    /// The decision or announcement the days come from.
    pub source: String,
    /// True only if the days were checked against a published copy of that source (or a report of
    /// it); false means they come from memory and the rules and should be confirmed.
    pub verified: bool,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// Which adjacent day goes with 2/9, by the weekday 2/9 falls on (Monday first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Adjacent {
    /// 1/9.
    Before,
    /// 3/9.
    After,
}

/// A fixed-date (solar) public holiday added to Điều 112 by a later law — e.g. Ngày Văn hóa Việt
/// Nam (24/11), announced as a paid day off by Nghị quyết 80-NQ/TW (2026) but, when this table was
/// written, not confirmed to be in the Labour Code yet. Published in the table, not in code, so the
/// upstream server can add one without a release.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddedHoliday {
    pub month: u32,
    pub day: u32,
    /// The name the clerk reads.
    pub name: String,
    /// The first year it is a holiday.
    pub from_year: i32,
    pub source: String,
}

/// Choices the law leaves to each year's announcement, used for years not in the table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleChoices {
    /// Index 0 = 2/9 on Monday … 6 = on Sunday.
    pub national_day_adjacent: [Adjacent; 7],
    /// Tết days counted before mùng 1 (the rest follow it); the law's five days are by convention the
    /// last day of the old year and mùng 1–4.
    pub lunar_new_year_days_before: u32,
    pub lunar_new_year_days: u32,
    #[serde(default)]
    pub added_holidays: Vec<AddedHoliday>,
}

/// The whole shipped (or pushed) table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HolidayTable {
    /// Bumped by whoever publishes a newer table, so a desk can tell which one it has.
    pub version: u32,
    pub rules: RuleChoices,
    pub announced: Vec<AnnouncedOccasion>,
}

/// Why a holiday table was rejected.
#[derive(Debug, thiserror::Error)]
pub enum TableError {
    #[error("the holiday table is not valid JSON for this version: {0}")]
    Format(#[from] serde_json::Error),
    #[error("{occasion:?} {year} is announced twice in the holiday table")]
    Duplicate { year: i32, occasion: Occasion },
    #[error("{occasion:?} {year} swaps {off} for {work}, which is not a weekend day")]
    SwapNotOnWeekend { year: i32, occasion: Occasion, off: NaiveDate, work: NaiveDate },
}

const SHIPPED: &str = include_str!("../../data/holidays.json");

impl HolidayTable {
    /// The table shipped with this release.
    pub fn shipped() -> Self {
        Self::from_json(SHIPPED).expect("the shipped holiday table is valid (a test checks it)")
    }

    /// Reads and checks a table (the shipped one or one pushed by the upstream server).
    pub fn from_json(json: &str) -> Result<Self, TableError> {
        let table: HolidayTable = serde_json::from_str(json)?;
        table.check()?;
        Ok(table)
    }

    fn check(&self) -> Result<(), TableError> {
        use chrono::{Datelike, Weekday};
        let mut seen = std::collections::BTreeSet::new();
        for entry in &self.announced {
            if !seen.insert((entry.year, entry.occasion)) {
                return Err(TableError::Duplicate { year: entry.year, occasion: entry.occasion });
            }
            for swap in &entry.swaps {
                if !matches!(swap.work.weekday(), Weekday::Sat | Weekday::Sun) {
                    return Err(TableError::SwapNotOnWeekend {
                        year: entry.year,
                        occasion: entry.occasion,
                        off: swap.off,
                        work: swap.work,
                    });
                }
            }
        }
        Ok(())
    }

    pub fn announced(&self, year: i32, occasion: Occasion) -> Option<&AnnouncedOccasion> {
        self.announced.iter().find(|e| e.year == year && e.occasion == occasion)
    }
}
