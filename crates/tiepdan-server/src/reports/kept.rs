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

use super::recount::Calendars;
use crate::error::Result;
use crate::store::Store;
use std::collections::{BTreeMap, HashMap};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Condvar, Mutex};
use tiepdan_domain::reports::{CellValue, Computed, FormKey, ReportPeriod};

/// How many forms and periods are kept at most (each holds one line per ward).
pub const MAX_KEPT: usize = 16;

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
    /// The keeper's side ([`super::keeper`]).
    pub(super) keeper: Mutex<Option<Sender<String>>>,
    pub(super) counting: Mutex<Option<super::keeper::Counting>>,
    pub(super) counted: Condvar,
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

#[cfg(test)]
mod tests {
    use super::*;

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
