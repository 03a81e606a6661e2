//! The PostgreSQL back end against a real, throwaway cluster (`scripts/postgres-env.sh`, `pg_up`):
//! feed order under concurrent writers (I7), parallel and racing pushes (I3, I5), the per-desk
//! stream limit under a race, `copy` from SQLite, and a database that goes away and comes back.
//! Every test skips (saying so) when `TIEPDAN_TEST_POSTGRES` names no cluster, and fails when
//! `TIEPDAN_TEST_REQUIRE_POSTGRES=1` requires one.

mod concurrency;
mod copy;
mod failure;
mod http;
mod redaction;
mod schema;

use chrono::Duration;
use std::sync::{Arc, RwLock, RwLockReadGuard, RwLockWriteGuard};
use tiepdan_domain::clock::SystemClock;
use tiepdan_server::store::{scratch, Credential, Store};

/// A store on a new, empty database of the test cluster, with a pool of 8 connections.
pub fn fresh_store(server: &str) -> Store {
    fresh_store_at(server).0
}

/// As [`fresh_store`], with the URL of its database (for an admin connection beside the store).
pub fn fresh_store_at(server: &str) -> (Store, String) {
    let location = scratch::fresh_database(server).expect("a fresh database on the test cluster");
    let store =
        Store::connect(&location, 8, Arc::new(SystemClock)).expect("the PostgreSQL store opens and migrates");
    (store, location.as_arg())
}

/// Enrolls `desk` of `ward` (the ward must exist) and returns its token and credential.
pub fn enroll(store: &Store, ward: &str, desk: &str) -> (String, Credential) {
    let code = store.issue_enrollment_code(ward, desk, Duration::hours(1)).expect("a code is issued");
    store.enroll(&code.code).expect("a fresh code enrolls the desk")
}

/// The failure test stops the whole cluster; the other tests of this binary would see it go away
/// too. They share the cluster (read), the failure test takes it alone (write).
static CLUSTER: RwLock<()> = RwLock::new(());

/// Held for the whole of a test that only needs the cluster up.
pub fn cluster_shared() -> RwLockReadGuard<'static, ()> {
    CLUSTER.read().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Held for the whole of a test that stops and starts the cluster.
pub fn cluster_exclusive() -> RwLockWriteGuard<'static, ()> {
    CLUSTER.write().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Returns once `n` backends of the database at `url` wait for a lock (pushes held by a test's
/// transaction). Polls the server's own view of its backends; gives up after a minute rather than
/// hang, which fails the test: the pushes never reached the lock it holds.
pub fn wait_for_lock_waiters(url: &str, n: i64) {
    let mut watcher = postgres::Client::connect(url, postgres::NoTls).expect("a watching connection");
    for _ in 0..6000 {
        let waiting: i64 = watcher
            .query_one(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
                &[],
            )
            .expect("pg_stat_activity")
            .get(0);
        if waiting >= n {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("{n} backends never waited for the lock the test holds");
}
