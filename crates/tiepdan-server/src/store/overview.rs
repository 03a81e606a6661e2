//! One dashboard overview at a time, shared by every client that asked while it was computed.
//!
//! At a country's scale the overview is the one expensive read (every ward, desk and stream), and
//! at eight in the morning many district staff open the dashboard together while desks push. So
//! overviews are computed one at a time, and a caller takes the last one if that one *started*
//! after the caller arrived: it then holds every change committed before the caller asked, so a
//! person never sees less than what was there when they pressed reload (read-your-writes holds),
//! and any number of clients cost at most one overview query at a time.

use super::{Calendar, WardReport};
use crate::error::Result;
use std::sync::{Arc, Mutex};
use std::time::Instant;

#[derive(Default)]
pub(super) struct SharedOverview {
    /// Held while an overview is computed: the next caller waits, then maybe shares it.
    computing: Mutex<Option<Last>>,
}

struct Last {
    started: Instant,
    calendar: Calendar,
    wards: Arc<Vec<WardReport>>,
}

impl SharedOverview {
    pub(super) fn get(
        &self,
        calendar: Calendar,
        compute: impl FnOnce(&Calendar) -> Result<Vec<WardReport>>,
    ) -> Result<Vec<WardReport>> {
        self.get_for(Instant::now(), calendar, compute)
    }

    /// As [`get`](Self::get) for a caller that arrived at `arrived`.
    fn get_for(
        &self,
        arrived: Instant,
        calendar: Calendar,
        compute: impl FnOnce(&Calendar) -> Result<Vec<WardReport>>,
    ) -> Result<Vec<WardReport>> {
        let mut last = self.computing.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(l) = last.as_ref().filter(|l| l.started >= arrived && l.calendar == calendar) {
            return Ok(l.wards.as_ref().clone());
        }
        let started = Instant::now();
        let wards = Arc::new(compute(&calendar)?);
        *last = Some(Last { started, calendar, wards: wards.clone() });
        Ok(wards.as_ref().clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn calendar() -> Calendar {
        Calendar {
            today: "2026-12-06".into(),
            month_start: "2026-12-01".into(),
            next_month_start: "2027-01-01".into(),
        }
    }

    #[test]
    fn a_caller_after_an_overview_never_gets_that_one_again() {
        let shared = SharedOverview::default();
        let computed = AtomicUsize::new(0);
        for _ in 0..3 {
            shared
                .get(calendar(), |_| {
                    computed.fetch_add(1, Ordering::SeqCst);
                    Ok(Vec::new())
                })
                .unwrap();
        }
        assert_eq!(computed.load(Ordering::SeqCst), 3, "one after another, each sees its own snapshot");
    }

    #[test]
    fn callers_who_waited_behind_an_overview_share_the_next_one() {
        let shared = SharedOverview::default();
        let computed = AtomicUsize::new(0);
        let count = || {
            computed.fetch_add(1, Ordering::SeqCst);
            Ok(Vec::new())
        };
        shared.get(calendar(), |_| count()).unwrap();
        // Eight callers arrive while that overview is being computed (it started before them) and
        // are let through one after another once it is done.
        let arrived = Instant::now();
        for _ in 0..8 {
            shared.get_for(arrived, calendar(), |_| count()).unwrap();
        }
        assert_eq!(
            computed.load(Ordering::SeqCst),
            2,
            "the first of them computes anew, the others share it"
        );
        let tomorrow = Calendar { today: "2026-12-07".into(), ..calendar() };
        shared.get_for(arrived, tomorrow, |_| count()).unwrap();
        assert_eq!(
            computed.load(Ordering::SeqCst),
            3,
            "a new day is never answered with yesterday's figures"
        );
    }
}
