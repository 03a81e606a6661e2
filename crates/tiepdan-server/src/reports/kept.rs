//! Figures kept between reports, so that the district's dashboard does not count the country's
//! year again for every look (issue 17, Performance: 3 s for 3,321 wards).
//!
//! A ward's figures for a form and period depend only on what the ward's desks pushed and on the
//! holidays document in force for the ward (never on the day they are asked), so each ward's
//! figures are kept with the [`Basis`] they were counted at: the ward's version
//! ([`Backend::ward_versions`], which changes with every stored event of the ward) and the feed
//! number of that document. A report uses a ward's kept figures only while both are unchanged, and counts afresh, with the domain's
//! own `compute`, every ward whose figures are missing or out of date: a kept figure is therefore
//! always the figure a full recount would give, never an approximation.
//!
//! To keep them current, every push names its ward to the keeper ([`Kept::ward_changed`]), a
//! thread that, once the pushes of a moment have settled, counts those wards again for every form
//! and period kept. The figures live in this process's memory only: a restarted server counts
//! again (the keeper starts by counting the dashboard's default reports), and a newer build never
//! trusts figures an older one counted. At most [`MAX_KEPT`] forms and periods are kept, the least
//! recently asked given up first.
//!
//! [`Backend::ward_versions`]: crate::store::Backend::ward_versions

use super::recount::{recount, Calendars, Job};
use crate::error::Result;
use crate::store::Store;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, Weak};
use std::time::{Duration, Instant};
use tiepdan_domain::reports::{CellValue, Computed, FormKey, ReportPeriod};

/// How many forms and periods are kept at most (each holds one line per ward).
pub const MAX_KEPT: usize = 16;

/// How long the keeper waits for more pushes before counting: an end of day arrives in bursts.
const SETTLE: Duration = Duration::from_millis(500);

/// What a ward's figures were counted at: the ward's version and the feed number of the holidays
/// document in force for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Basis {
    pub version: i64,
    pub holidays: i64,
}

/// Where each ward stands now: read before any row is read, so that figures counted from rows
/// pushed meanwhile are kept under the older version and counted again at the next look.
pub struct Now {
    versions: HashMap<String, i64>,
    pub calendars: Calendars,
}

impl Now {
    pub fn read(store: &Store) -> Result<Now> {
        let versions = store.backend().ward_versions()?;
        let calendars = Calendars::read(store.backend())?;
        Ok(Now { versions, calendars })
    }

    pub fn basis(&self, ward: &str) -> Basis {
        Basis {
            version: self.versions.get(ward).copied().unwrap_or(0),
            holidays: self.calendars.version(ward),
        }
    }
}

type Columns = Arc<BTreeMap<u16, CellValue>>;

struct Entry {
    key: FormKey,
    period: ReportPeriod,
    asked: u64,
    wards: HashMap<String, (Basis, Columns)>,
}

#[derive(Default)]
struct Shelf {
    entries: Vec<Entry>,
    /// A counter standing for time, for "least recently asked".
    asked: u64,
}

#[derive(Default)]
pub struct Kept {
    shelf: Mutex<Shelf>,
    keeper: Mutex<Option<Sender<String>>>,
}

impl Kept {
    fn shelf(&self) -> std::sync::MutexGuard<'_, Shelf> {
        self.shelf.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The kept figures of `key` over `period` that are still right for each of `wards` now.
    pub fn fresh(
        &self,
        key: FormKey,
        period: &ReportPeriod,
        wards: &[String],
        now: &Now,
    ) -> HashMap<String, Columns> {
        let mut shelf = self.shelf();
        shelf.asked += 1;
        let asked = shelf.asked;
        let Some(entry) = shelf.entries.iter_mut().find(|e| e.key == key && same(&e.period, period)) else {
            return HashMap::new();
        };
        entry.asked = asked;
        wards
            .iter()
            .filter_map(|code| {
                let (basis, columns) = entry.wards.get(code)?;
                (*basis == now.basis(code)).then(|| (code.clone(), columns.clone()))
            })
            .collect()
    }

    /// Keeps figures of `key` over `period`, each with the basis it was counted at.
    pub fn keep(
        &self,
        key: FormKey,
        period: &ReportPeriod,
        counted: impl IntoIterator<Item = (String, Basis, Columns)>,
    ) {
        let mut shelf = self.shelf();
        shelf.asked += 1;
        let asked = shelf.asked;
        let at = match shelf.entries.iter().position(|e| e.key == key && same(&e.period, period)) {
            Some(at) => at,
            None => {
                if shelf.entries.len() >= MAX_KEPT {
                    let oldest =
                        (0..shelf.entries.len()).min_by_key(|&i| shelf.entries[i].asked).unwrap_or(0);
                    shelf.entries.swap_remove(oldest);
                }
                shelf.entries.push(Entry { key, period: period.clone(), asked, wards: HashMap::new() });
                shelf.entries.len() - 1
            }
        };
        let entry = &mut shelf.entries[at];
        for (code, basis, columns) in counted {
            // The keeper and a look may count one ward at once: the later data wins, whoever ends last.
            match entry.wards.get(&code) {
                Some((held, _)) if held.version > basis.version => {}
                _ => {
                    entry.wards.insert(code, (basis, columns));
                }
            }
        }
    }

    /// The forms and periods kept, most recently asked first.
    pub fn kept(&self) -> Vec<(FormKey, ReportPeriod)> {
        let shelf = self.shelf();
        let mut entries: Vec<&Entry> = shelf.entries.iter().collect();
        entries.sort_by_key(|e| std::cmp::Reverse(e.asked));
        entries.into_iter().map(|e| (e.key, e.period.clone())).collect()
    }

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
        let jobs: Vec<(FormKey, Job<'_>)> = kept
            .iter()
            .filter_map(|(key, period)| Some((*key, Job { def: key.definition()?, period })))
            .collect();
        let only: Vec<Job<'_>> = jobs.iter().map(|(_, job)| *job).collect();
        let of = store.backend().ward_names()?.len();
        let counted = recount(store.backend(), &only, codes, of, &now.calendars)?;
        for ((key, job), by_ward) in jobs.iter().zip(counted) {
            self.keep(*key, job.period, lines(by_ward, now));
        }
        Ok(())
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

/// Two periods are the same report period when they cover the same days.
fn same(a: &ReportPeriod, b: &ReportPeriod) -> bool {
    a.from == b.from && a.to == b.to
}

/// Counted figures as kept lines.
pub fn lines(counted: HashMap<String, Computed>, now: &Now) -> Vec<(String, Basis, Columns)> {
    counted
        .into_iter()
        .map(|(code, c)| {
            let basis = now.basis(&code);
            (code, basis, Arc::new(c.columns))
        })
        .collect()
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
    fn at_most_the_set_number_of_reports_is_kept_and_the_least_recently_asked_goes_first() {
        let kept = Kept::default();
        let cal = tiepdan_domain::reports::ReportCalendar::default();
        let month = |m: u8| cal.period(tiepdan_domain::reports::PeriodKind::Month(m), 2026).expect("month");
        let basis = Basis { version: 1, holidays: 0 };
        let line = || vec![("12345".to_string(), basis, Arc::new(BTreeMap::new()))];
        for m in 1..=12 {
            kept.keep(FormKey::Tcd01, &month(m), line());
            kept.keep(FormKey::Xld01, &month(m), line());
        }
        let held = kept.kept();
        assert_eq!(held.len(), MAX_KEPT);
        assert_eq!((held[0].0, held[0].1.to), (FormKey::Xld01, month(12).to), "the latest first");
        assert!(!held.iter().any(|(_, p)| p.to == month(1).to), "the oldest went first");
    }
}
