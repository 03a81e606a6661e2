//! The Vietnamese lunisolar calendar (âm lịch), computed for UTC+7.
//!
//! This is the astronomical method published by Hồ Ngọc Đức ("Thuật toán tính âm lịch"): new moons
//! from Meeus' series, the sun's longitude for the major solar terms, the month containing the winter
//! solstice is month 11, and in a year with 13 months the first month without a major solar term is
//! the leap month. Computing for UTC+7 (not China's UTC+8) is what makes Vietnamese Tết differ from
//! Chinese New Year in some years (e.g. 1985, 2007).
//!
//! It is used only where no officially announced date is shipped (see `data/holidays.json`), and is
//! checked against every announced Tết and Giỗ Tổ date in the tests. Valid for roughly 1800–2199.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::f64::consts::PI;

/// Vietnam's time zone in hours.
const TIME_ZONE: f64 = 7.0;
/// Julian day number of 0001-01-01 minus one: JDN = days from the common era + this.
const JDN_OFFSET: i64 = 1_721_425;
const SYNODIC_MONTH: f64 = 29.530588853;
/// Julian day of the new moon of 1900-01-01, the epoch of the new-moon index `k`.
const EPOCH_NEW_MOON: f64 = 2415021.076998695;

/// A date in the lunar calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LunarDate {
    /// The lunar year, named by the solar year in which most of it falls (Tết 2025 starts year 2025).
    pub year: i32,
    pub month: u32,
    pub day: u32,
    /// The intercalary (nhuận) month repeats the number of the month before it.
    pub leap: bool,
}

impl LunarDate {
    /// How a Vietnamese reader names the day: "mùng 1 tháng Giêng", "30 tháng Chạp", "10 tháng 3".
    pub fn label_vi(&self) -> String {
        let day = if self.day <= 10 { format!("mùng {}", self.day) } else { self.day.to_string() };
        let month = match self.month {
            1 => "Giêng".to_string(),
            12 => "Chạp".to_string(),
            m => m.to_string(),
        };
        let leap = if self.leap { " nhuận" } else { "" };
        format!("{day} tháng {month}{leap}")
    }
}

fn jdn(date: NaiveDate) -> i64 {
    i64::from(date.num_days_from_ce()) + JDN_OFFSET
}

fn date_from_jdn(jdn: i64) -> NaiveDate {
    let days = i32::try_from(jdn - JDN_OFFSET).expect("lunar computations stay within chrono's range");
    NaiveDate::from_num_days_from_ce_opt(days).expect("lunar computations stay within chrono's range")
}

/// Julian day (with fraction, UT) of the `k`-th new moon after 1900-01-01.
fn new_moon(k: i64) -> f64 {
    let k = k as f64;
    let t = k / 1236.85;
    let t2 = t * t;
    let t3 = t2 * t;
    let dr = PI / 180.0;
    let mut jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3;
    jd1 += 0.00033 * ((166.56 + 132.87 * t - 0.009173 * t2) * dr).sin();
    let m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3;
    let mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3;
    let f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3;
    let mut c1 = (0.1734 - 0.000393 * t) * (m * dr).sin() + 0.0021 * (2.0 * dr * m).sin();
    c1 = c1 - 0.4068 * (mpr * dr).sin() + 0.0161 * (dr * 2.0 * mpr).sin();
    c1 -= 0.0004 * (dr * 3.0 * mpr).sin();
    c1 = c1 + 0.0104 * (dr * 2.0 * f).sin() - 0.0051 * (dr * (m + mpr)).sin();
    c1 = c1 - 0.0074 * (dr * (m - mpr)).sin() + 0.0004 * (dr * (2.0 * f + m)).sin();
    c1 = c1 - 0.0004 * (dr * (2.0 * f - m)).sin() - 0.0006 * (dr * (2.0 * f + mpr)).sin();
    c1 = c1 + 0.0010 * (dr * (2.0 * f - mpr)).sin() + 0.0005 * (dr * (2.0 * mpr + m)).sin();
    let delta_t = if t < -11.0 {
        0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
    } else {
        -0.000278 + 0.000265 * t + 0.000262 * t2
    };
    jd1 + c1 - delta_t
}

/// The local (UTC+7) day number on which the `k`-th new moon falls.
fn new_moon_day(k: i64) -> i64 {
    (new_moon(k) + 0.5 + TIME_ZONE / 24.0).floor() as i64
}

/// The sun's apparent longitude in radians, 0..2π, at Julian day `jd` (UT).
fn sun_longitude(jd: f64) -> f64 {
    let t = (jd - 2451545.0) / 36525.0;
    let t2 = t * t;
    let dr = PI / 180.0;
    let m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2;
    let l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
    let mut dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * (dr * m).sin();
    dl += (0.019993 - 0.000101 * t) * (dr * 2.0 * m).sin() + 0.000290 * (dr * 3.0 * m).sin();
    let l = (l0 + dl) * dr;
    l - 2.0 * PI * (l / (2.0 * PI)).floor()
}

/// Which of the 12 major solar terms (0..11, 30° each) the sun is in at the start of local day `day`.
fn sun_sector(day: i64) -> i64 {
    (sun_longitude(day as f64 - 0.5 - TIME_ZONE / 24.0) / PI * 6.0).floor() as i64
}

/// Day number of the start of lunar month 11 of solar year `year` (the month with the winter solstice).
fn month_11_start(year: i32) -> i64 {
    let last_day = NaiveDate::from_ymd_opt(year, 12, 31).expect("31 December exists");
    let off = jdn(last_day) as f64 - 2415021.0;
    let k = (off / SYNODIC_MONTH).floor() as i64;
    let nm = new_moon_day(k);
    if sun_sector(nm) >= 9 {
        new_moon_day(k - 1)
    } else {
        nm
    }
}

/// In a 13-month year starting at month 11 `a11`: how many months after it the leap month comes.
fn leap_month_offset(a11: i64) -> i64 {
    let k = ((a11 as f64 - EPOCH_NEW_MOON) / SYNODIC_MONTH + 0.5).floor() as i64;
    let mut i = 1;
    let mut arc = sun_sector(new_moon_day(k + i));
    loop {
        let last = arc;
        i += 1;
        arc = sun_sector(new_moon_day(k + i));
        if arc == last || i >= 14 {
            break;
        }
    }
    i - 1
}

/// The lunar date of a solar (Gregorian) date, in Vietnam.
pub fn lunar_from_solar(date: NaiveDate) -> LunarDate {
    let day_number = jdn(date);
    let k = ((day_number as f64 - EPOCH_NEW_MOON) / SYNODIC_MONTH).floor() as i64;
    let mut month_start = new_moon_day(k + 1);
    if month_start > day_number {
        month_start = new_moon_day(k);
    }
    let yy = date.year();
    let mut a11 = month_11_start(yy);
    let mut b11 = a11;
    let mut lunar_year;
    if a11 >= month_start {
        lunar_year = yy;
        a11 = month_11_start(yy - 1);
    } else {
        lunar_year = yy + 1;
        b11 = month_11_start(yy + 1);
    }
    let day = day_number - month_start + 1;
    let diff = (month_start - a11) / 29;
    let mut leap = false;
    let mut month = diff + 11;
    if b11 - a11 > 365 {
        let leap_diff = leap_month_offset(a11);
        if diff >= leap_diff {
            month = diff + 10;
            leap = diff == leap_diff;
        }
    }
    if month > 12 {
        month -= 12;
    }
    if month >= 11 && diff < 4 {
        lunar_year -= 1;
    }
    LunarDate { year: lunar_year, month: month as u32, day: day as u32, leap }
}

/// The solar date of a lunar date, or `None` if that leap month does not exist that year.
pub fn solar_from_lunar(lunar: LunarDate) -> Option<NaiveDate> {
    let LunarDate { year, month, day, leap } = lunar;
    let (a11, b11) = if month < 11 {
        (month_11_start(year - 1), month_11_start(year))
    } else {
        (month_11_start(year), month_11_start(year + 1))
    };
    let k = (0.5 + (a11 as f64 - EPOCH_NEW_MOON) / SYNODIC_MONTH).floor() as i64;
    let mut off = i64::from(month) - 11;
    if off < 0 {
        off += 12;
    }
    if b11 - a11 > 365 {
        let leap_off = leap_month_offset(a11);
        let mut leap_month = leap_off - 2;
        if leap_month < 0 {
            leap_month += 12;
        }
        if leap && i64::from(month) != leap_month {
            return None;
        } else if leap || off >= leap_off {
            off += 1;
        }
    } else if leap {
        return None;
    }
    let month_start = new_moon_day(k + off);
    Some(date_from_jdn(month_start + i64::from(day) - 1))
}

/// Mùng 1 tháng Giêng: the first day of lunar year `year`.
pub fn lunar_new_year(year: i32) -> NaiveDate {
    solar_from_lunar(LunarDate { year, month: 1, day: 1, leap: false }).expect("month 1 always exists")
}

/// Giỗ Tổ Hùng Vương: the 10th day of the 3rd lunar month (never the leap 3rd month).
pub fn hung_kings_day(year: i32) -> NaiveDate {
    solar_from_lunar(LunarDate { year, month: 3, day: 10, leap: false }).expect("month 3 always exists")
}
