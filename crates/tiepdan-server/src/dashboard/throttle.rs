//! Slows password guessing on the dashboard login: after [`MAX_FAILURES`] failed attempts for one
//! name within [`WINDOW`], that name is refused without checking the password until the window ends.
//! Kept in memory: a restart forgets it, which costs an attacker a restart they cannot cause.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub const MAX_FAILURES: u32 = 5;
pub const WINDOW: Duration = Duration::from_secs(15 * 60);
/// Names tracked at most; stale entries are dropped first.
const MAX_TRACKED: usize = 10_000;

#[derive(Default)]
pub struct LoginGuard {
    failures: Mutex<HashMap<String, (u32, Instant)>>,
}

impl LoginGuard {
    fn table(&self) -> std::sync::MutexGuard<'_, HashMap<String, (u32, Instant)>> {
        // Only counters live here; a poisoned lock still holds usable counts.
        self.failures.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Whether `name` may try a password now.
    pub fn allows(&self, name: &str, now: Instant) -> bool {
        match self.table().get(name) {
            Some((count, since)) => *count < MAX_FAILURES || now.duration_since(*since) >= WINDOW,
            None => true,
        }
    }

    pub fn failed(&self, name: &str, now: Instant) {
        let mut table = self.table();
        if table.len() >= MAX_TRACKED {
            table.retain(|_, (_, since)| now.duration_since(*since) < WINDOW);
        }
        let entry = table.entry(name.to_string()).or_insert((0, now));
        if now.duration_since(entry.1) >= WINDOW {
            *entry = (0, now);
        }
        entry.0 += 1;
    }

    pub fn succeeded(&self, name: &str) {
        self.table().remove(name);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_failures_lock_a_name_for_the_window_and_not_other_names() {
        let guard = LoginGuard::default();
        let t0 = Instant::now();
        for _ in 0..MAX_FAILURES {
            assert!(guard.allows("an", t0));
            guard.failed("an", t0);
        }
        assert!(!guard.allows("an", t0 + Duration::from_secs(60)));
        assert!(guard.allows("binh", t0), "other names are not affected");
        assert!(guard.allows("an", t0 + WINDOW), "the lock ends with the window");
    }
}
