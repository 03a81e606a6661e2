//! Pull (`sync-design.md`): the ward feed, page by page from the saved cursor. Each page and its
//! cursor are saved together in one replacement of the state file (I7); a cursor the server no
//! longer knows gets 410 with a snapshot, which replaces the reference data whole.

use super::{refusal, Journal, Round};
use crate::client::Reply;
use crate::error::Result;
use tiepdan_protocol::{paths, FeedPage, MAX_FEED_PAGE};

impl<J: Journal> Round<'_, J> {
    pub(super) fn pull_feed(&mut self) -> Result<()> {
        loop {
            let path = format!("{}?after={}&limit={}", paths::FEED, self.state.feed_cursor, MAX_FEED_PAGE);
            match self.http.get::<FeedPage>(&path)? {
                Reply::Ok(page) => {
                    self.report.feed_entries += page.entries.len();
                    self.state.apply_feed(&page, false);
                    self.state.save(self.state_path)?;
                    if !page.more {
                        return Ok(());
                    }
                }
                Reply::Refused(410, b) => {
                    if let Some(snapshot) = b.snapshot {
                        self.report.feed_entries += snapshot.entries.len();
                        self.state.apply_feed(&snapshot, true);
                        self.state.save(self.state_path)?;
                    }
                    return Ok(());
                }
                Reply::Refused(s, b) => return Err(refusal(s, b)),
            }
        }
    }
}
