//! Receipt numbers (số biên nhận), made on the desk without asking a server.
//!
//! Format: `NNNN/YYYY/D` — a counter of at least four digits that restarts every year, the year of
//! reception, and the desk letter. A desk restored from a backup starts a new stream epoch
//! (`shared/sync-design.md`, Lifecycle) and may not know the numbers it issued after that backup, so
//! from the second epoch on the epoch follows the letter: `0007/2026/A2`. Two desks, two years or
//! two epochs therefore never produce the same number.
//!
//! A petition received without a visit (by post, transferred in, …: [`crate::intake`]) is numbered in
//! its own series, the same way, with `ĐT-` in front: `ĐT-0012/2026/A`. The two series never share a
//! number; `DT-` is read as `ĐT-` for keyboards without Vietnamese input.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(type = "string"))]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ReceiptNo {
    pub series: Series,
    pub number: u32,
    pub year: i32,
    pub desk: char,
    /// 1 for the first install of the desk; incremented by every restore or reinstall.
    pub epoch: u32,
}

/// Which register series a number belongs to.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Series {
    /// Số biên nhận of a visit.
    #[default]
    Visit,
    /// Số vào sổ of a petition received without a visit.
    Petition,
}

impl Series {
    /// The word stored in the register's `series` column.
    pub fn word(self) -> &'static str {
        match self {
            Series::Visit => "visit",
            Series::Petition => "petition",
        }
    }
}

const PETITION_PREFIX: &str = "ĐT-";

impl fmt::Display for ReceiptNo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.series == Series::Petition {
            f.write_str(PETITION_PREFIX)?;
        }
        write!(f, "{:04}/{}/{}", self.number, self.year, self.desk)?;
        if self.epoch > 1 {
            write!(f, "{}", self.epoch)?;
        }
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("\"{0}\" is not a receipt number like 0042/2026/A")]
pub struct BadReceiptNo(pub String);

impl FromStr for ReceiptNo {
    type Err = BadReceiptNo;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || BadReceiptNo(s.to_string());
        let trimmed = s.trim();
        let (series, rest) = ["ĐT-", "đt-", "Đt-", "DT-", "dt-", "Dt-"]
            .iter()
            .find_map(|p| trimmed.strip_prefix(p))
            .map_or((Series::Visit, trimmed), |rest| (Series::Petition, rest));
        let mut parts = rest.split('/');
        let (Some(n), Some(y), Some(d), None) = (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(bad());
        };
        let number = n.parse().ok().filter(|n| *n > 0).ok_or_else(bad)?;
        let year = y.parse().ok().filter(|y| (1900..=9999).contains(y)).ok_or_else(bad)?;
        let mut chars = d.chars();
        let desk = chars.next().filter(char::is_ascii_uppercase).ok_or_else(bad)?;
        let rest = chars.as_str();
        let epoch = if rest.is_empty() { 1 } else { rest.parse().ok().filter(|e| *e > 1).ok_or_else(bad)? };
        Ok(ReceiptNo { series, number, year, desk, epoch })
    }
}

impl Serialize for ReceiptNo {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ReceiptNo {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn receipt_numbers_print_and_parse_as_documented() {
        let r = ReceiptNo { series: Default::default(), number: 42, year: 2026, desk: 'A', epoch: 1 };
        assert_eq!(r.to_string(), "0042/2026/A");
        assert_eq!("0042/2026/A".parse::<ReceiptNo>().unwrap(), r);
        let later = ReceiptNo { series: Default::default(), number: 7, year: 2026, desk: 'B', epoch: 3 };
        assert_eq!(later.to_string(), "0007/2026/B3");
        assert_eq!("0007/2026/B3".parse::<ReceiptNo>().unwrap(), later);
        assert_eq!(
            ReceiptNo { series: Default::default(), number: 12345, year: 2027, desk: 'C', epoch: 1 }
                .to_string(),
            "12345/2027/C"
        );
    }

    #[test]
    fn petitions_have_their_own_series_read_with_or_without_the_vietnamese_letter() {
        let r = ReceiptNo { series: Series::Petition, number: 12, year: 2026, desk: 'A', epoch: 1 };
        assert_eq!(r.to_string(), "ĐT-0012/2026/A");
        for typed in ["ĐT-0012/2026/A", "DT-0012/2026/A", "dt-0012/2026/A"] {
            assert_eq!(typed.parse::<ReceiptNo>().unwrap(), r, "{typed}");
        }
        let visit = ReceiptNo { series: Series::Visit, ..r.clone() };
        assert_ne!(visit.to_string(), r.to_string());
        assert!("ĐT0012/2026/A".parse::<ReceiptNo>().is_err());
    }

    #[test]
    fn malformed_receipt_numbers_are_refused() {
        for bad in ["", "42/2026", "0042/2026/a", "0000/2026/A", "0042/26x/A", "0042/2026/A1", "1/2/3/4"] {
            assert!(bad.parse::<ReceiptNo>().is_err(), "{bad:?} must not parse");
        }
    }
}
