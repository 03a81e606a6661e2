//! Pull: the ward feed, district → desk (`sync-design.md`, Pull).
//!
//! The feed is a sequence of entries numbered by the server under its write lock, so a reader that
//! asks for `after = N` never skips an entry committed later with a smaller number. An entry is a new
//! version of one kind of reference data, replacing the previous version of that kind entirely. The
//! desk applies a page and its cursor in one local transaction (I7). A cursor the server does not know
//! (from a restored server, or pruned) gets 410 with a [`FeedPage`] snapshot in
//! [`ErrorBody::snapshot`](crate::ErrorBody): the current version of
//! every kind, and the cursor to continue from.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReferenceKind {
    /// Agencies a petition can be transferred to.
    Agencies,
    /// Classification lists (fields, kinds) as the province configures them.
    Classification,
    /// Holiday calendar overrides: public holidays, swapped days off, make-up working days.
    Holidays,
    /// The province's reporting calendar (`tiepdan_domain::reports::period::ReportCalendar`): its
    /// cut-off day and quarter months, replacing the official 15th → 14th periods (issue 17).
    ReportCalendar,
}

impl ReferenceKind {
    pub const ALL: [ReferenceKind; 4] = [
        ReferenceKind::Agencies,
        ReferenceKind::Classification,
        ReferenceKind::Holidays,
        ReferenceKind::ReportCalendar,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ReferenceKind::Agencies => "agencies",
            ReferenceKind::Classification => "classification",
            ReferenceKind::Holidays => "holidays",
            ReferenceKind::ReportCalendar => "report_calendar",
        }
    }

    pub fn parse(text: &str) -> Option<ReferenceKind> {
        ReferenceKind::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedEntry {
    /// The feed number; strictly increasing, server-wide.
    pub number: u64,
    pub kind: ReferenceKind,
    /// Whether this version applies to every ward (`true`) or only to the reader's ward.
    pub all_wards: bool,
    /// The whole reference document of this kind (JSON array or object).
    pub data: serde_json::Value,
}

/// `GET /api/v1/feed?after=N&limit=M` (200), and the snapshot of a 410.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedPage {
    pub entries: Vec<FeedEntry>,
    /// Store this with the page; ask `after = cursor` next.
    pub cursor: u64,
    /// True when more entries follow; ask again at once.
    pub more: bool,
}
