//! Receipt numbers (số biên nhận), made on the desk without asking a server.
//!
//! Format: `NNNN/YYYY/D` — a counter of at least four digits that restarts every year, the year of
//! reception, and the desk letter. A desk restored from a backup starts a new stream epoch
//! (`shared/sync-design.md`, Lifecycle) and may not know the numbers it issued after that backup, so
//! from the second epoch on the epoch follows the letter: `0007/2026/A2`. Two desks, two years or
//! two epochs therefore never produce the same number.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(type = "string"))]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ReceiptNo {
    pub number: u32,
    pub year: i32,
    pub desk: char,
    /// 1 for the first install of the desk; incremented by every restore or reinstall.
    pub epoch: u32,
}

impl fmt::Display for ReceiptNo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
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
        let mut parts = s.trim().split('/');
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
        Ok(ReceiptNo { number, year, desk, epoch })
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
        let r = ReceiptNo { number: 42, year: 2026, desk: 'A', epoch: 1 };
        assert_eq!(r.to_string(), "0042/2026/A");
        assert_eq!("0042/2026/A".parse::<ReceiptNo>().unwrap(), r);
        let later = ReceiptNo { number: 7, year: 2026, desk: 'B', epoch: 3 };
        assert_eq!(later.to_string(), "0007/2026/B3");
        assert_eq!("0007/2026/B3".parse::<ReceiptNo>().unwrap(), later);
        assert_eq!(ReceiptNo { number: 12345, year: 2027, desk: 'C', epoch: 1 }.to_string(), "12345/2027/C");
    }

    #[test]
    fn malformed_receipt_numbers_are_refused() {
        for bad in ["", "42/2026", "0042/2026/a", "0000/2026/A", "0042/26x/A", "0042/2026/A1", "1/2/3/4"] {
            assert!(bad.parse::<ReceiptNo>().is_err(), "{bad:?} must not parse");
        }
    }
}
