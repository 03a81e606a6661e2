//! Pull (`sync-design.md`): the ward feed, page by page from the saved cursor. Each page and its
//! cursor are saved together in one replacement of the state file (I7); a cursor the server no
//! longer knows gets 410 with a snapshot, which replaces the reference data whole.
//!
//! Before each save, the calendar the reference data holds is applied to the register
//! ([`crate::reference`]); the register takes a version only once and only forward, so a crash
//! between the two (the page fetched again) or a desk that received holidays before they were
//! applied (the state file already holds them) both end with the latest calendar applied.

use super::{refusal, Journal, Round};
use crate::client::Reply;
use crate::error::Result;
use crate::reference;
use tiepdan_protocol::{paths, FeedPage, ReferenceKind, MAX_FEED_PAGE};

impl<J: Journal> Round<'_, J> {
    pub(super) fn pull_feed(&mut self) -> Result<()> {
        loop {
            let path = format!("{}?after={}&limit={}", paths::FEED, self.state.feed_cursor, MAX_FEED_PAGE);
            match self.http.get::<FeedPage>(&path)? {
                Reply::Ok(page) => {
                    self.report.feed_entries += page.entries.len();
                    self.state.apply_feed(&page, false);
                    self.apply_calendar()?;
                    self.state.save(self.state_path)?;
                    if !page.more {
                        return Ok(());
                    }
                }
                Reply::Refused(410, b) => {
                    if let Some(snapshot) = b.snapshot {
                        self.report.feed_entries += snapshot.entries.len();
                        self.state.apply_feed(&snapshot, true);
                        self.apply_calendar()?;
                        self.state.save(self.state_path)?;
                    }
                    return Ok(());
                }
                Reply::Refused(s, b) => return Err(refusal(s, b)),
            }
        }
    }

    /// Applies the latest `holidays` version held to the register's calendar (a no-op for a
    /// version it already has); an unreadable document is left unapplied.
    fn apply_calendar(&mut self) -> Result<()> {
        let Some(entry) = self.state.reference.get(&ReferenceKind::Holidays) else { return Ok(()) };
        let Ok(days) = reference::calendar_days(&entry.data) else { return Ok(()) };
        let version = entry.number;
        self.journal.write(|r| r.apply_upstream_calendar(version, &days))?;
        Ok(())
    }
}
