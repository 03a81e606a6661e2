//! What the forms 01/KQGQ and 02/KQGQ count about a complaint the ward resolved and the register
//! would not otherwise hold: the figures of the decision ([`ResolutionFigures`], carried by
//! [`crate::results::Resolution`]) and what was done to carry it out ([`Implementation`], an event of
//! its own, recorded as often as the implementation progresses; the latest one stands).
//!
//! Amounts are stored as integer thousandths of the form's unit ([`Amount`]): triệu đồng for money,
//! m² for land. Events are hashed over their canonical JSON, which admits no floats, and a district
//! summing many wards must get the exact total the wards would. Counts are unsigned, so a negative
//! figure cannot be represented; what is checked here is what the types cannot say (officials are
//! among the people, a referral of people needs a case). None of these values names anyone, so they
//! travel upstream whole; the implementation's note is classified in [`crate::upstream`].

use crate::ids::VisitId;
use crate::petition::MAX_LONG_TEXT;
use crate::text::nfc;
use crate::validation::{Checks, Invalid, Problem};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// An amount in thousandths of its unit (triệu đồng, m²): `1500` is 1,5.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(type = "number"))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Amount(pub u64);

/// The largest amount accepted, in units (a thousand billion): anything above is a typing slip.
pub const MAX_AMOUNT_UNITS: u64 = 1_000_000_000_000;

impl Amount {
    pub const ZERO: Amount = Amount(0);

    pub fn thousandths(self) -> u64 {
        self.0
    }

    /// Reads "12", "12,5" or "0,125" with `separator` before at most three decimals; nothing else
    /// (no signs, no grouping: "1.500" must not be read as 1,5 by a Vietnamese reader or 1500 by an
    /// English one, so the caller says which separator its users type).
    pub fn parse(text: &str, separator: char) -> Result<Amount, Problem> {
        let bad = || Problem::BadFormat {
            expected: format!("số không âm, tối đa 3 chữ số thập phân (ví dụ 12{separator}5)"),
        };
        let text = text.trim();
        let (whole, decimals) = text.split_once(separator).unwrap_or((text, ""));
        let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
        if whole.is_empty() || !digits(whole) || !digits(decimals) || decimals.len() > 3 {
            return Err(bad());
        }
        if text.ends_with(separator) {
            return Err(bad());
        }
        let whole: u64 = whole.parse().map_err(|_| bad())?;
        if whole > MAX_AMOUNT_UNITS {
            return Err(Problem::OutOfRange { min: 0, max: MAX_AMOUNT_UNITS as i64 });
        }
        let frac: u64 = format!("{decimals:0<3}").parse().map_err(|_| bad())?;
        Ok(Amount(whole * 1000 + frac))
    }

    /// "1234,5": the Vietnamese way, without trailing zeros.
    pub fn vi(self) -> String {
        self.to_string().replace('.', ",")
    }
}

impl std::fmt::Display for Amount {
    /// "1234.5", without trailing zeros; "0" for nothing.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (whole, frac) = (self.0 / 1000, self.0 % 1000);
        if frac == 0 {
            write!(f, "{whole}")
        } else {
            write!(f, "{whole}.{}", format!("{frac:03}").trim_end_matches('0'))
        }
    }
}

/// Money (triệu đồng) and land (m²).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assets {
    #[serde(default)]
    pub money: Amount,
    #[serde(default)]
    pub land: Amount,
}

/// People, and how many of them are cán bộ, công chức, viên chức.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Persons {
    #[serde(default)]
    pub people: u32,
    #[serde(default)]
    pub officials: u32,
}

/// Criminal matters: cases (vụ), people, and officials among them.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cases {
    #[serde(default)]
    pub cases: u32,
    #[serde(default)]
    pub people: u32,
    #[serde(default)]
    pub officials: u32,
}

/// What a second-level decision did to the first (giải quyết lần 2).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SecondLevel {
    /// Công nhận quyết định giải quyết lần đầu.
    Upheld,
    /// Hủy bỏ, sửa đổi quyết định giải quyết lần đầu.
    Annulled,
}

/// The figures of a complaint's resolution that 01/KQGQ counts. Whether it was decided or
/// withdrawn after explanation is the resolution's outcome ([`crate::results::Outcome::Withdrawn`]).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResolutionFigures {
    /// Kiến nghị thu hồi cho Nhà nước.
    #[serde(default)]
    pub to_state: Assets,
    /// Trả lại cho tổ chức.
    #[serde(default)]
    pub to_organisations: Assets,
    /// Trả lại cho cá nhân.
    #[serde(default)]
    pub to_individuals: Assets,
    /// Số tổ chức được trả lại quyền lợi.
    #[serde(default)]
    pub organisations_restored: u32,
    /// Số cá nhân được trả lại quyền lợi.
    #[serde(default)]
    pub individuals_restored: u32,
    /// Kiến nghị xử lý hành chính.
    #[serde(default)]
    pub sanctions: Persons,
    /// Chuyển cơ quan điều tra.
    #[serde(default)]
    pub referred: Cases,
    /// Giải quyết đúng thời hạn; None when not recorded (counting then compares with the deadline
    /// the register computed).
    #[serde(default)]
    pub deadline_kept: Option<bool>,
    /// For a second-level complaint: upheld or annulled/amended the first decision.
    #[serde(default)]
    pub second_level: Option<SecondLevel>,
}

fn check_persons(checks: &mut Checks, field: &str, p: &Persons) {
    if p.officials > p.people {
        checks.push(format!("{field}.officials"), Problem::ExceedsTotal { total: "số người".into() });
    }
}

fn check_cases(checks: &mut Checks, field: &str, c: &Cases) {
    if c.officials > c.people {
        checks.push(format!("{field}.officials"), Problem::ExceedsTotal { total: "số người".into() });
    }
    if c.people > 0 && c.cases == 0 {
        checks.push(format!("{field}.cases"), Problem::Required);
    }
}

fn check_assets(checks: &mut Checks, field: &str, a: &Assets) {
    let max = MAX_AMOUNT_UNITS * 1000;
    for (name, value) in [("money", a.money), ("land", a.land)] {
        if value.0 > max {
            checks.push(
                format!("{field}.{name}"),
                Problem::OutOfRange { min: 0, max: MAX_AMOUNT_UNITS as i64 },
            );
        }
    }
}

impl ResolutionFigures {
    /// Checks the figures; `field` is where they sit in the input ("figures").
    pub fn check(&self, checks: &mut Checks, field: &str) {
        check_assets(checks, &format!("{field}.to_state"), &self.to_state);
        check_assets(checks, &format!("{field}.to_organisations"), &self.to_organisations);
        check_assets(checks, &format!("{field}.to_individuals"), &self.to_individuals);
        check_persons(checks, &format!("{field}.sanctions"), &self.sanctions);
        check_cases(checks, &format!("{field}.referred"), &self.referred);
    }
}

/// What has been done so far to carry out a complaint decision (thi hành quyết định giải quyết
/// khiếu nại), as totals to date, for 02/KQGQ. A later record replaces an earlier one in counting;
/// the journal keeps both.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Implementation {
    pub visit_id: VisitId,
    /// The day the state of things was recorded.
    pub on: NaiveDate,
    /// Đã thực hiện xong.
    pub completed: bool,
    #[serde(default)]
    pub done: ImplementationFigures,
    #[serde(default)]
    pub note: String,
}

/// The totals of an implementation to date.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImplementationFigures {
    /// Đã thu hồi cho Nhà nước.
    #[serde(default)]
    pub to_state: Assets,
    /// Đã trả lại cho tổ chức.
    #[serde(default)]
    pub to_organisations: Assets,
    /// Đã trả lại cho cá nhân.
    #[serde(default)]
    pub to_individuals: Assets,
    /// Đã xử lý hành chính.
    #[serde(default)]
    pub sanctioned: Persons,
    /// Đã khởi tố.
    #[serde(default)]
    pub prosecuted: Cases,
}

impl Implementation {
    pub fn checked(mut self) -> Result<Self, Invalid> {
        self.note = nfc(&self.note);
        let mut checks = Checks::default();
        let d = &self.done;
        check_assets(&mut checks, "done.to_state", &d.to_state);
        check_assets(&mut checks, "done.to_organisations", &d.to_organisations);
        check_assets(&mut checks, "done.to_individuals", &d.to_individuals);
        check_persons(&mut checks, "done.sanctioned", &d.sanctioned);
        check_cases(&mut checks, "done.prosecuted", &d.prosecuted);
        checks.max_len("note", &self.note, MAX_LONG_TEXT);
        checks.finish().map(|()| self)
    }
}

#[cfg(test)]
#[path = "decisions_tests.rs"]
mod tests;
