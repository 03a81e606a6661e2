//! Slows password guessing on the dashboard login with three budgets of attempts per [`WINDOW`]:
//! per (name, client address) [`PER_NAME_AND_ADDRESS`], per client address [`PER_ADDRESS`], per name
//! [`PER_NAME`].
//!
//! Invariants:
//! - A slot is taken *before* the password is checked, under one lock ([`LoginGuard::reserve`]), so
//!   parallel guesses cannot all pass a check made before any of them failed. A successful login
//!   gives its slots back: only failures use a budget up.
//! - The per-name budget is ten times the per-pair budget: a stranger guessing from one address runs
//!   out long before the name does, so the owner, from another address, can still log in. A
//!   stranger with many addresses can still lock a name for the window; that is the price of
//!   bounding guesses at one account from a botnet (`docs/security.md`).
//! - IPv6 clients count by /64, the block one subscriber gets, so rotating addresses buys nothing.
//! - At most [`MAX_TRACKED`] entries: expired ones go first, then the oldest. Kept in memory: a
//!   restart forgets it, which costs an attacker a restart they cannot cause.

use std::collections::HashMap;
use std::net::{IpAddr, Ipv6Addr};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

pub const WINDOW: Duration = Duration::from_secs(15 * 60);
pub const PER_NAME_AND_ADDRESS: u32 = 5;
pub const PER_ADDRESS: u32 = 20;
pub const PER_NAME: u32 = 50;
pub const MAX_TRACKED: usize = 30_000;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    Pair(String, IpAddr),
    Address(IpAddr),
    Name(String),
}

impl Key {
    fn limit(&self) -> u32 {
        match self {
            Key::Pair(..) => PER_NAME_AND_ADDRESS,
            Key::Address(_) => PER_ADDRESS,
            Key::Name(_) => PER_NAME,
        }
    }
}

#[derive(Debug)]
struct Budget {
    used: u32,
    since: Instant,
}

impl Budget {
    fn live(&self, now: Instant) -> bool {
        now.saturating_duration_since(self.since) < WINDOW
    }
}

#[derive(Default)]
pub struct LoginGuard {
    table: Mutex<HashMap<Key, Budget>>,
}

/// One reserved attempt. Dropping it keeps the slots used (a failure); [`LoginGuard::succeeded`]
/// gives them back.
#[must_use]
#[derive(Debug)]
pub struct Attempt {
    keys: [Key; 3],
}

/// The budget that ran out, for the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exhausted {
    NameAndAddress,
    Address,
    Name,
}

impl LoginGuard {
    fn table(&self) -> MutexGuard<'_, HashMap<Key, Budget>> {
        // Only counters live here; a poisoned lock still holds usable counts.
        self.table.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Takes one slot of each budget for a guess at `name` from `client`, or refuses when any is
    /// spent. Checking and taking happen under one lock.
    pub fn reserve(&self, name: &str, client: IpAddr, now: Instant) -> Result<Attempt, Exhausted> {
        let client = block_of(client);
        let name = name.trim().to_string();
        let keys = [Key::Pair(name.clone(), client), Key::Address(client), Key::Name(name)];
        let mut table = self.table();
        for key in &keys {
            if let Some(budget) = table.get(key) {
                if budget.live(now) && budget.used >= key.limit() {
                    return Err(match key {
                        Key::Pair(..) => Exhausted::NameAndAddress,
                        Key::Address(_) => Exhausted::Address,
                        Key::Name(_) => Exhausted::Name,
                    });
                }
            }
        }
        make_room(&mut table, now, keys.len());
        for key in &keys {
            let budget = table.entry(key.clone()).or_insert(Budget { used: 0, since: now });
            if !budget.live(now) {
                *budget = Budget { used: 0, since: now };
            }
            budget.used += 1;
        }
        Ok(Attempt { keys })
    }

    /// The attempt was right: its slots are given back and the pair starts afresh.
    pub fn succeeded(&self, attempt: Attempt) {
        let mut table = self.table();
        for key in attempt.keys {
            if let Key::Pair(..) = key {
                table.remove(&key);
            } else if let Some(budget) = table.get_mut(&key) {
                budget.used = budget.used.saturating_sub(1);
            }
        }
    }

    /// Entries held now (for tests of the bound).
    pub fn tracked(&self) -> usize {
        self.table().len()
    }
}

/// Frees room for `wanted` new entries: expired entries first, then the oldest tenth at once, so a
/// full table costs one pass per many logins rather than one per login.
fn make_room(table: &mut HashMap<Key, Budget>, now: Instant, wanted: usize) {
    if table.len() + wanted <= MAX_TRACKED {
        return;
    }
    table.retain(|_, budget| budget.live(now));
    if table.len() + wanted <= MAX_TRACKED {
        return;
    }
    let mut starts: Vec<Instant> = table.values().map(|b| b.since).collect();
    let nth = (MAX_TRACKED / 10).max(wanted).min(starts.len() - 1);
    let (_, cutoff, _) = starts.select_nth_unstable(nth);
    let cutoff = *cutoff;
    table.retain(|_, budget| budget.since > cutoff);
}

/// The unit a client is counted by: its IPv4 address, or its IPv6 /64.
fn block_of(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(_) => ip,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => IpAddr::V6(Ipv6Addr::from(u128::from(v6) & !u128::from(u64::MAX))),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::Ipv4Addr;

    fn ip(last: u8) -> IpAddr {
        IpAddr::V4(Ipv4Addr::new(10, 0, 0, last))
    }

    #[test]
    fn five_failures_from_one_address_lock_that_name_there_and_not_elsewhere() {
        let guard = LoginGuard::default();
        let t0 = Instant::now();
        for _ in 0..PER_NAME_AND_ADDRESS {
            drop(guard.reserve("an", ip(1), t0).expect("within the budget"));
        }
        assert_eq!(guard.reserve("an", ip(1), t0).unwrap_err(), Exhausted::NameAndAddress);
        assert!(guard.reserve("an", ip(2), t0).is_ok(), "the owner at another address still may try");
        assert!(guard.reserve("binh", ip(1), t0).is_ok(), "other names are not affected");
        assert!(guard.reserve("an", ip(1), t0 + WINDOW).is_ok(), "the lock ends with the window");
    }

    #[test]
    fn a_success_gives_its_slots_back() {
        let guard = LoginGuard::default();
        let t0 = Instant::now();
        for _ in 0..PER_NAME_AND_ADDRESS * 3 {
            let attempt = guard.reserve("an", ip(1), t0).expect("successes never run a budget out");
            guard.succeeded(attempt);
        }
    }

    #[test]
    fn one_address_guessing_many_names_runs_out_of_its_own_budget() {
        let guard = LoginGuard::default();
        let t0 = Instant::now();
        let tried = (0..100).filter(|n| guard.reserve(&format!("user{n}"), ip(9), t0).is_ok()).count();
        assert_eq!(tried as u32, PER_ADDRESS);
    }

    #[test]
    fn addresses_of_one_ipv6_block_share_a_budget() {
        let guard = LoginGuard::default();
        let t0 = Instant::now();
        let tried = (0..100u16)
            .filter(|n| {
                let addr = IpAddr::V6(Ipv6Addr::new(0x2001, 0xdb8, 1, 2, *n, 7, 7, 7));
                guard.reserve(&format!("user{n}"), addr, t0).is_ok()
            })
            .count();
        assert_eq!(tried as u32, PER_ADDRESS);
    }

    #[test]
    fn the_table_never_holds_more_than_its_bound() {
        let guard = LoginGuard::default();
        let t0 = Instant::now();
        for n in 0..(MAX_TRACKED as u32 / 2) {
            let client = IpAddr::V4(Ipv4Addr::from(0x0a00_0000 + n));
            let _ = guard.reserve(&format!("u{n}"), client, t0);
        }
        assert!(guard.tracked() <= MAX_TRACKED, "{} entries", guard.tracked());
    }
}
