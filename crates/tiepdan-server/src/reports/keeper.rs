//! The keeper: the thread that keeps the kept figures ([`super::kept`]) up to date after pushes,
//! so that a look finds them counted. Each push names its ward ([`Kept::ward_changed`]); once the
//! pushes of a moment have settled, the keeper counts those wards again for every form and period
//! kept. As it starts it counts the dashboard's defaults for every ward. A look that needs what
//! the keeper is counting at that moment waits for it rather than counting the same wards again
//! beside it ([`Kept::wait_for_keeper`]).

use super::kept::{lines, Kept, Now};
use super::recount::{recount, Job};
use crate::error::Result;
use crate::store::Store;
use chrono::NaiveDate;
use std::collections::BTreeSet;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Weak};
use std::time::{Duration, Instant};
use tiepdan_domain::reports::{FormKey, ReportPeriod};

/// How long the keeper waits for more pushes before counting: an end of day arrives in bursts.
const SETTLE: Duration = Duration::from_millis(500);

/// A look waits for the keeper at most this long, then counts for itself.
const PATIENCE: Duration = Duration::from_secs(600);

/// What is being counted for keeping at this moment: these forms and periods, for these wards
/// (`None`: every ward).
pub struct Counting {
    jobs: Vec<(FormKey, NaiveDate, NaiveDate)>,
    wards: Option<BTreeSet<String>>,
}

impl Counting {
    fn covers(&self, key: FormKey, period: &ReportPeriod, wards: &[String]) -> bool {
        self.jobs.iter().any(|(k, from, to)| *k == key && *from == period.from && *to == period.to)
            && self.wards.as_ref().is_none_or(|held| wards.iter().all(|w| held.contains(w)))
    }
}

/// Marks a count as under way while it lives, and wakes the looks waiting for it when it ends
/// (however it ends).
struct UnderWay<'a>(&'a Kept);

impl Drop for UnderWay<'_> {
    fn drop(&mut self) {
        *self.0.counting.lock().unwrap_or_else(|p| p.into_inner()) = None;
        self.0.counted.notify_all();
    }
}

impl Kept {
    /// Tells the keeper, if one runs, that `ward`'s desks pushed.
    pub fn ward_changed(&self, ward: &str) {
        if let Some(keeper) = self.keeper.lock().unwrap_or_else(|p| p.into_inner()).as_ref() {
            let _ = keeper.send(ward.to_string());
        }
    }

    /// Counts `wards` again for every form and period kept, and keeps what they count now.
    pub fn refresh(&self, store: &Store, wards: &BTreeSet<String>) -> Result<usize> {
        let kept = self.kept();
        if kept.is_empty() || wards.is_empty() {
            return Ok(0);
        }
        let now = Now::read(store)?;
        let codes: Vec<String> = wards.iter().cloned().collect();
        self.count_and_keep(store, &kept, &codes, &now)?;
        Ok(codes.len())
    }

    /// Counts `forms` over `periods` for every ward, and keeps them.
    pub fn warm(&self, store: &Store, kept: &[(FormKey, ReportPeriod)]) -> Result<()> {
        let now = Now::read(store)?;
        let codes: Vec<String> = store.backend().ward_names()?.into_iter().map(|(code, _)| code).collect();
        self.count_and_keep(store, kept, &codes, &now)
    }

    fn count_and_keep(
        &self,
        store: &Store,
        kept: &[(FormKey, ReportPeriod)],
        codes: &[String],
        now: &Now,
    ) -> Result<()> {
        let of = store.backend().ward_names()?.len();
        let wards = (codes.len() < of).then(|| codes.iter().cloned().collect());
        let jobs = kept.iter().map(|(key, p)| (*key, p.from, p.to)).collect();
        *self.counting.lock().unwrap_or_else(|p| p.into_inner()) = Some(Counting { jobs, wards });
        let _under_way = UnderWay(self);
        let jobs: Vec<(FormKey, Job<'_>)> = kept
            .iter()
            .filter_map(|(key, period)| Some((*key, Job { def: key.definition()?, period })))
            .collect();
        let only: Vec<Job<'_>> = jobs.iter().map(|(_, job)| *job).collect();
        let counted = recount(store.backend(), &only, codes, of, &now.calendars)?;
        for ((key, job), by_ward) in jobs.iter().zip(counted) {
            self.keep(*key, job.period, lines(by_ward, now));
        }
        Ok(())
    }

    /// Waits while the keeper counts `key` over `period` for all of `wards`, which a look is about to
    /// count; true when it waited (the look then reads where the wards stand again).
    pub fn wait_for_keeper(&self, key: FormKey, period: &ReportPeriod, wards: &[String]) -> bool {
        let started = Instant::now();
        let mut counting = self.counting.lock().unwrap_or_else(|p| p.into_inner());
        let mut waited = false;
        while counting.as_ref().is_some_and(|c| c.covers(key, period, wards)) {
            let Some(left) = PATIENCE.checked_sub(started.elapsed()) else { break };
            counting = self.counted.wait_timeout(counting, left).unwrap_or_else(|p| p.into_inner()).0;
            waited = true;
        }
        waited
    }

    /// Starts the keeper thread for `store`, first counting the reports `warm` names for every
    /// ward. It ends when this `Kept` is dropped. (`warm` runs on the thread: a PostgreSQL store
    /// must not be read from the async code that starts the keeper.)
    pub fn start_keeper(
        self: &Arc<Self>,
        store: &Arc<Store>,
        warm: fn(&Store) -> Vec<(FormKey, ReportPeriod)>,
    ) {
        let (tx, rx) = mpsc::channel();
        *self.keeper.lock().unwrap_or_else(|p| p.into_inner()) = Some(tx);
        let (kept, store) = (Arc::downgrade(self), Arc::downgrade(store));
        let spawned = std::thread::Builder::new()
            .name("report-keeper".into())
            .spawn(move || keep_up(kept, store, rx, warm));
        if let Err(e) = spawned {
            tracing::warn!(error = %e, "the report keeper could not start: reports count afresh at every look");
        }
    }
}

/// What the dashboard shows first and district staff look at most: 01/TCD and 01/XLD over the
/// quarter today falls in and over its year, and in Quý I (the season of the annual report) over
/// the year just ended, on the district's report calendar. Counted by the keeper as it starts, so
/// the first look after a restart does not count the country.
pub fn dashboard_defaults(store: &Store) -> Vec<(FormKey, ReportPeriod)> {
    let Ok(calendar) = super::period::calendar(store) else { return Vec::new() };
    let today = store.clock_now().with_timezone(&tiepdan_domain::clock::vietnam_offset()).date_naive();
    let (quarter, year) = super::period::current_quarter(today, &calendar);
    let mut asked = vec![(quarter.as_str(), year), ("year", year)];
    if quarter == "q1" {
        asked.push(("year", year - 1));
    }
    let periods = asked.into_iter().filter_map(|(kind, year)| calendar.period(kind.parse().ok()?, year).ok());
    periods.flat_map(|period| [FormKey::Tcd01, FormKey::Xld01].map(|key| (key, period.clone()))).collect()
}

fn keep_up(
    kept: Weak<Kept>,
    store: Weak<Store>,
    rx: Receiver<String>,
    warm: fn(&Store) -> Vec<(FormKey, ReportPeriod)>,
) {
    if let (Some(kept), Some(store)) = (kept.upgrade(), store.upgrade()) {
        let started = Instant::now();
        match kept.warm(&store, &warm(&store)) {
            Ok(()) => {
                tracing::info!(took = ?started.elapsed(), "the dashboard's default reports are counted")
            }
            Err(e) => {
                tracing::warn!(error = %e, "the dashboard's default reports could not be counted ahead")
            }
        }
    }
    // Ends when the last sender (held by the Kept) is gone.
    while let Ok(first) = rx.recv() {
        let mut wards = BTreeSet::from([first]);
        let until = Instant::now() + SETTLE;
        loop {
            match rx.recv_timeout(until.saturating_duration_since(Instant::now())) {
                Ok(ward) => {
                    wards.insert(ward);
                }
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        let (Some(kept), Some(store)) = (kept.upgrade(), store.upgrade()) else { return };
        let started = Instant::now();
        match kept.refresh(&store, &wards) {
            Ok(n) => tracing::debug!(wards = n, took = ?started.elapsed(), "kept reports brought up to date"),
            Err(e) => {
                tracing::warn!(error = %e, "kept reports could not be brought up to date; they are counted at the next look")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use std::collections::BTreeMap;
    use tiepdan_domain::clock::FixedClock;

    fn defaults_on(y: i32, m: u32, d: u32) -> Vec<(FormKey, String)> {
        let dir = tempfile::tempdir().expect("temp dir");
        // 10:00 in Hà Nội.
        let at = chrono::Utc.with_ymd_and_hms(y, m, d, 3, 0, 0).unwrap();
        let store = Store::open(&dir.path().join("s.db"), Arc::new(FixedClock(at))).expect("store");
        dashboard_defaults(&store).into_iter().map(|(k, p)| (k, format!("{} – {}", p.from, p.to))).collect()
    }

    #[test]
    fn the_keeper_starts_with_the_current_quarter_and_its_year_and_in_quy_i_the_year_just_ended() {
        let (tcd, xld) = (FormKey::Tcd01, FormKey::Xld01);
        let q4 = "2026-09-15 – 2026-12-14".to_string();
        let y2026 = "2025-12-15 – 2026-12-14".to_string();
        assert_eq!(
            defaults_on(2026, 12, 7),
            [(tcd, q4.clone()), (xld, q4), (tcd, y2026.clone()), (xld, y2026.clone())]
        );
        // 15/12 opens the next year's Quý I: its year, and the year just ended for the annual report.
        let q1 = "2026-12-15 – 2027-03-14".to_string();
        let y2027 = "2026-12-15 – 2027-12-14".to_string();
        assert_eq!(
            defaults_on(2026, 12, 15),
            [
                (tcd, q1.clone()),
                (xld, q1),
                (tcd, y2027.clone()),
                (xld, y2027),
                (tcd, y2026.clone()),
                (xld, y2026)
            ]
        );
    }

    #[test]
    fn a_look_waits_for_the_keeper_counting_what_it_needs_and_only_then() {
        let kept = Arc::new(Kept::default());
        let cal = tiepdan_domain::reports::ReportCalendar::default();
        let year = cal.period(tiepdan_domain::reports::PeriodKind::Year, 2026).expect("year");
        let q1 = cal.period(tiepdan_domain::reports::PeriodKind::Quarter(1), 2026).expect("q1");
        let ward = |w: &str| vec![w.to_string()];
        // Nothing under way: no wait.
        assert!(!kept.wait_for_keeper(FormKey::Tcd01, &year, &ward("12345")));
        *kept.counting.lock().unwrap() = Some(Counting {
            jobs: vec![(FormKey::Tcd01, year.from, year.to)],
            wards: Some(BTreeSet::from(["12345".to_string()])),
        });
        // Another form, another period, or a ward the keeper is not counting: no wait.
        assert!(!kept.wait_for_keeper(FormKey::Xld01, &year, &ward("12345")));
        assert!(!kept.wait_for_keeper(FormKey::Tcd01, &q1, &ward("12345")));
        assert!(!kept.wait_for_keeper(FormKey::Tcd01, &year, &["12345".to_string(), "67890".to_string()]));
        // What it counts: the look waits until the count ends, and then finds it kept.
        let keeper = {
            let kept = kept.clone();
            let year = year.clone();
            std::thread::spawn(move || {
                let _under_way = UnderWay(&kept);
                std::thread::sleep(Duration::from_millis(200));
                let basis = super::super::kept::Basis { version: 7, holidays: 0 };
                kept.keep(
                    FormKey::Tcd01,
                    &year,
                    vec![("12345".to_string(), basis, Arc::new(BTreeMap::new()))],
                );
            })
        };
        assert!(kept.wait_for_keeper(FormKey::Tcd01, &year, &ward("12345")));
        assert!(kept.counting.lock().unwrap().is_none(), "the count had ended");
        assert_eq!(kept.kept().len(), 1, "and its figures were kept first");
        keeper.join().expect("the keeper's thread");
    }
}
