//! The end of a reception day (`shared/sync-design.md`, Lifecycle: "End of day"): what the desk
//! counted for one date and where its journal stood when the clerk closed the day.
//!
//! A day close is a fact recorded in the journal like any other ([`crate::event::EventBody::DayClosed`]),
//! so the district receives the desk's own counts beside the events they summarise and can compare.
//! Closing the same date again is allowed (a late registration, a correction): it is a new event,
//! and the newest close of a date is the one that counts. Counts are integers only (the canonical
//! payload has no floats).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Petitions of the day by their handling (hướng xử lý), as the register book's columns 8–10 count them.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HandlingCounts {
    /// Thụ lý để giải quyết.
    pub accept: u32,
    /// Hướng dẫn.
    pub guide: u32,
    /// Chuyển đơn.
    pub transfer: u32,
    /// Trả lại đơn.
    #[serde(rename = "return")]
    pub returned: u32,
    /// Lưu đơn.
    pub file: u32,
    /// No handling chosen yet.
    pub undecided: u32,
}

impl HandlingCounts {
    pub fn total(&self) -> u32 {
        self.accept + self.guide + self.transfer + self.returned + self.file + self.undecided
    }
}

/// The body of a `day_closed` event.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayClose {
    /// The reception day closed, in Vietnam (UTC+7).
    pub date: NaiveDate,
    /// Visits received that day and still standing (not cancelled).
    pub visits: u32,
    /// Visits received that day that were cancelled.
    pub cancelled: u32,
    /// Petitions among the standing visits, by handling.
    pub petitions: HandlingCounts,
    /// The first event of this stream recorded that day (Vietnam time), if any.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub first_seq: Option<u64>,
    /// The last event before this close: everything up to it is sealed by `chain_head`.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub last_seq: u64,
    /// The chain hash of event `last_seq`, hex.
    pub chain_head: String,
}
