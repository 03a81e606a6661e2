//! The database going away: a killed backend in the middle of a push, and the cluster stopped and
//! started. While it is away the store answers `Busy` (503, which desks retry); once it is back the
//! same batch pushed again is stored or found stored, nothing lost or doubled.

use super::{enroll, fresh_store_at};
use crate::support::Journal;
use std::process::Command;
use tiepdan_server::error::Error;
use tiepdan_server::invariants::check_store;
use tiepdan_server::store::{scratch, Store};

/// A superuser connection to the store's database, beside the store's own pool.
fn admin(url: &str) -> postgres::Client {
    postgres::Client::connect(url, postgres::NoTls).expect("an admin connection")
}

/// Runs `$TIEPDAN_TEST_POSTGRES_CTL stop|start`; `false` when the variable is absent and not
/// required (that part of the test is skipped, saying so).
fn ctl(action: &str) -> bool {
    match std::env::var("TIEPDAN_TEST_POSTGRES_CTL") {
        Ok(script) => {
            let status = Command::new(script).arg(action).status().expect("postgres-ctl runs");
            assert!(status.success(), "postgres-ctl {action} succeeds");
            true
        }
        Err(_) if std::env::var(scratch::REQUIRE_POSTGRES_ENV).is_ok_and(|v| v == "1") => {
            panic!("TIEPDAN_TEST_POSTGRES_CTL is required to stop and start the cluster")
        }
        Err(_) => {
            eprintln!("stopping the cluster skipped: TIEPDAN_TEST_POSTGRES_CTL is not set");
            false
        }
    }
}

/// Pushes the batch again until the store accepts it; the answer must account for every event.
fn push_until_stored(
    store: &Store,
    cred: &tiepdan_server::store::Credential,
    j: &Journal,
    from: u64,
    to: u64,
) {
    let resp =
        store.push(cred, j.stream, &j.batch(from, to)).expect("the database is back: the push is answered");
    assert_eq!(
        resp.stored + resp.duplicates,
        to - from + 1,
        "every event of the resent batch is either stored now or found stored, none lost"
    );
    assert_eq!(resp.hwm, to, "the stream reaches the batch's end");
}

#[test]
fn a_push_whose_backend_is_killed_or_whose_cluster_stops_answers_busy_and_a_resend_stores_it_once() {
    let Some(server) = scratch::postgres_or_skip("database_goes_away") else { return };
    let _cluster = super::cluster_exclusive();
    let (store, url) = fresh_store_at(&server);
    store.add_ward("12345", "Phường Hà Đông").expect("ward");
    let (_, cred) = enroll(&store, "12345", "A");
    let mut journal = Journal::new("12345", 'A');
    journal.visits(39);
    push_until_stored(&store, &cred, &journal, 1, 10);

    // A push in progress: an admin transaction holds the stream's row, so the push waits inside
    // its own transaction; then every other backend of the database is terminated.
    let mut admin_conn = admin(&url);
    let mut hold = admin_conn.transaction().expect("admin transaction");
    hold.execute("SELECT 1 FROM streams WHERE stream = $1 FOR UPDATE", &[&journal.stream.to_string()])
        .expect("the stream row is held");
    let waiting = std::thread::scope(|scope| {
        let pusher = scope.spawn(|| store.push(&cred, journal.stream, &journal.batch(11, 20)));
        super::wait_for_lock_waiters(&url, 1);
        let killed: i64 = hold
            .query_one(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                 WHERE datname = current_database() AND pid <> pg_backend_pid()",
                &[],
            )
            .expect("backends terminated")
            .get(0);
        assert!(killed >= 1, "the pushing backend was among those terminated");
        pusher.join().expect("the pusher returns")
    });
    assert!(matches!(waiting, Err(Error::Busy)), "a push cut off mid-way answers Busy (503): {waiting:?}");
    hold.rollback().expect("the admin lets go");
    // The pool tests every connection on checkout: the broken ones are replaced, the resend works.
    push_until_stored(&store, &cred, &journal, 11, 20);

    if ctl("stop") {
        let away = store.push(&cred, journal.stream, &journal.batch(21, 30));
        assert!(matches!(away, Err(Error::Busy)), "with the database stopped a push answers Busy: {away:?}");
        assert!(matches!(store.feed("12345", 0, 10), Err(Error::Busy)), "and so does a read");
        assert!(ctl("start"), "the cluster starts again");
        push_until_stored(&store, &cred, &journal, 21, 30);
    }
    push_until_stored(&store, &cred, &journal, 21, 40);
    let report = check_store(&store).unwrap_or_else(|p| panic!("invariants broken: {p:#?}"));
    assert_eq!(report.events, 40, "all 40 events are stored exactly once");
}
