//! The public holidays of Bộ luật Lao động 2019 (Điều 111–112) derived by rule, for the occasions and
//! years that the official table does not cover.
//!
//! The rules give the holiday days themselves; compensatory days (nghỉ bù) are assigned afterwards by
//! the calendar over the whole year, because two occasions can share them (Giỗ Tổ next to 30/4).
//! Swaps are never invented: they exist only when announced.

use super::lunar::{hung_kings_day, lunar_new_year};
use super::table::{Adjacent, Occasion, RuleChoices};
use chrono::{Datelike, Duration, NaiveDate};

fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("fixed holiday dates exist every year")
}

/// The year Bộ luật Lao động 2019 took effect and gave Quốc khánh its second day.
const ADJACENT_DAY_SINCE: i32 = 2021;

/// The holiday days of `occasion` in `year`, by rule.
pub fn holidays(choices: &RuleChoices, year: i32, occasion: Occasion) -> Vec<NaiveDate> {
    match occasion {
        Occasion::NewYear => vec![ymd(year, 1, 1)],
        Occasion::LunarNewYear => {
            let first = lunar_new_year(year) - Duration::days(i64::from(choices.lunar_new_year_days_before));
            (0..choices.lunar_new_year_days).map(|i| first + Duration::days(i64::from(i))).collect()
        }
        Occasion::HungKings => vec![hung_kings_day(year)],
        Occasion::VictoryAndLabour => vec![ymd(year, 4, 30), ymd(year, 5, 1)],
        Occasion::NationalDay => {
            let day = ymd(year, 9, 2);
            if year < ADJACENT_DAY_SINCE {
                return vec![day];
            }
            let weekday = day.weekday().num_days_from_monday() as usize;
            let adjacent = match choices.national_day_adjacent[weekday] {
                Adjacent::Before => ymd(year, 9, 1),
                Adjacent::After => ymd(year, 9, 3),
            };
            let mut days = vec![day, adjacent];
            days.sort();
            days
        }
        Occasion::Added => choices
            .added_holidays
            .iter()
            .filter(|h| h.from_year <= year)
            .filter_map(|h| NaiveDate::from_ymd_opt(year, h.month, h.day))
            .collect(),
    }
}
