//! Time comes from an injected clock so rules that depend on "now" (no future dates, receipt years,
//! deadlines) are deterministic in tests. Vietnam has one time zone, UTC+7, with no daylight saving.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};

/// Vietnam's offset from UTC (Indochina Time, no daylight saving).
pub fn vietnam_offset() -> FixedOffset {
    FixedOffset::east_opt(7 * 3600).expect("UTC+7 is a valid offset")
}

/// The source of "now" for everything that needs it.
pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<Utc>;

    /// Today's date at the ward (UTC+7), whatever the machine's own zone is.
    fn today(&self) -> NaiveDate {
        self.now().with_timezone(&vietnam_offset()).date_naive()
    }
}

/// The machine's clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock that always says the same instant; for tests and for replaying a journal.
#[derive(Debug, Clone, Copy)]
pub struct FixedClock(pub DateTime<Utc>);

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        self.0
    }
}
