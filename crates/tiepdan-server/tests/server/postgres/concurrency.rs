//! Concurrency on PostgreSQL: what SQLite gets from its single writer must hold with 64 writers.

use super::{enroll, fresh_store};
use crate::support::Journal;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Barrier};
use tiepdan_protocol::ReferenceKind;
use tiepdan_server::error::Error;
use tiepdan_server::invariants::check_store;
use tiepdan_server::store::scratch;

#[test]
fn feed_readers_paging_beside_concurrent_writers_see_every_number_once_and_in_order() {
    let Some(server) = scratch::postgres_or_skip("feed_readers_see_every_number") else { return };
    let _cluster = super::cluster_shared();
    let store = Arc::new(fresh_store(&server));
    store.add_ward("12345", "Phường Hà Đông").expect("ward");
    let (writers, per_writer, readers) = (4, 50, 4);
    let done = Arc::new(AtomicBool::new(false));
    let start = Arc::new(Barrier::new(writers + readers));
    let reading: Vec<_> = (0..readers)
        .map(|r| {
            let (store, done, start) = (store.clone(), done.clone(), start.clone());
            std::thread::spawn(move || {
                start.wait();
                let (mut cursor, mut seen) = (0u64, Vec::new());
                loop {
                    // Read `done` before the page: a page read after every writer returned must
                    // reach the last number.
                    let finished = done.load(Ordering::SeqCst);
                    let page = store.feed("12345", cursor, 3 + r as u64).expect("a page");
                    seen.extend(page.entries.iter().map(|e| e.number));
                    assert!(page.cursor >= cursor, "a cursor never goes back");
                    cursor = page.cursor;
                    if finished && !page.more {
                        return seen;
                    }
                }
            })
        })
        .collect();
    let writing: Vec<_> = (0..writers)
        .map(|w| {
            let (store, start) = (store.clone(), start.clone());
            std::thread::spawn(move || {
                start.wait();
                for i in 0..per_writer {
                    let ward = (i % 2 == 0).then_some("12345");
                    store
                        .set_reference(
                            ReferenceKind::Agencies,
                            ward,
                            &serde_json::json!([{ "w": w, "i": i }]),
                        )
                        .expect("a reference is published");
                }
            })
        })
        .collect();
    for w in writing {
        w.join().expect("a writer finishes");
    }
    done.store(true, Ordering::SeqCst);
    let total = (writers * per_writer) as u64;
    for r in reading {
        let seen = r.join().expect("a reader finishes");
        assert_eq!(
            seen,
            (1..=total).collect::<Vec<_>>(),
            "a reader paging with its cursor sees every number exactly once, in order: none committed late is skipped (I7)"
        );
    }
}

#[test]
fn sixteen_threads_pushing_to_sixteen_streams_all_succeed_and_the_store_stays_sound() {
    let Some(server) = scratch::postgres_or_skip("sixteen_streams") else { return };
    let _cluster = super::cluster_shared();
    let store = Arc::new(fresh_store(&server));
    store.add_ward("12345", "Phường Hà Đông").expect("ward");
    let (_, cred) = enroll(&store, "12345", "A");
    let start = Arc::new(Barrier::new(16));
    let threads: Vec<_> = (0..16)
        .map(|_| {
            let (store, cred, start) = (store.clone(), cred.clone(), start.clone());
            std::thread::spawn(move || {
                let mut journal = Journal::new("12345", 'A');
                journal.visits(19);
                start.wait();
                for from in [1, 11] {
                    let resp =
                        store.push(&cred, journal.stream, &journal.batch(from, from + 9)).expect("stored");
                    assert_eq!(resp.stored, 10, "each batch of a stream's own events is stored whole");
                }
                journal.stream.to_string()
            })
        })
        .collect();
    let streams: Vec<String> = threads.into_iter().map(|t| t.join().expect("a pusher finishes")).collect();
    let report = check_store(&store).unwrap_or_else(|p| panic!("invariants broken: {p:#?}"));
    for stream in &streams {
        assert_eq!(report.streams[stream].hwm, 20, "every stream is the gapless prefix its desk pushed");
    }
    assert_eq!(report.events, 16 * 20, "nothing is lost or doubled");
}

#[test]
fn the_same_batch_pushed_twice_at_once_is_stored_once_and_seen_once_as_duplicates() {
    let Some(server) = scratch::postgres_or_skip("same_batch_twice") else { return };
    let _cluster = super::cluster_shared();
    let (store, url) = super::fresh_store_at(&server);
    let store = Arc::new(store);
    store.add_ward("12345", "Phường Hà Đông").expect("ward");
    let (_, cred) = enroll(&store, "12345", "A");

    // Certain overlap on an existing stream: a transaction holds its row until both pushes of the
    // same batch wait behind it, then lets go.
    let mut journal = Journal::new("12345", 'A');
    journal.visits(29);
    store.push(&cred, journal.stream, &journal.batch(1, 1)).expect("the stream exists");
    let mut admin = postgres::Client::connect(&url, postgres::NoTls).expect("admin connection");
    let mut hold = admin.transaction().expect("transaction");
    hold.execute("SELECT 1 FROM streams WHERE stream = $1 FOR UPDATE", &[&journal.stream.to_string()])
        .expect("the stream row is held");
    let batch = Arc::new(journal.batch(2, 30));
    let racers: Vec<_> = (0..2)
        .map(|_| {
            let (store, cred, batch, stream) = (store.clone(), cred.clone(), batch.clone(), journal.stream);
            std::thread::spawn(move || store.push(&cred, stream, &batch).map(|r| (r.stored, r.duplicates)))
        })
        .collect();
    super::wait_for_lock_waiters(&url, 2);
    hold.rollback().expect("released");
    let mut outcomes: Vec<_> =
        racers.into_iter().map(|t| t.join().expect("joined").expect("both pushes succeed")).collect();
    outcomes.sort();
    assert_eq!(outcomes, vec![(0, 29), (29, 0)], "the second push reads the hwm the first committed (I3)");

    // And racing to create the same new stream, started together.
    for _ in 0..5 {
        let mut journal = Journal::new("12345", 'A');
        journal.visits(29);
        let batch = Arc::new(journal.batch(1, 30));
        let start = Arc::new(Barrier::new(2));
        let racers: Vec<_> = (0..2)
            .map(|_| {
                let (store, cred, start, batch) = (store.clone(), cred.clone(), start.clone(), batch.clone());
                let stream = journal.stream;
                std::thread::spawn(move || {
                    start.wait();
                    let resp = store.push(&cred, stream, &batch).expect("both pushes succeed");
                    (resp.stored, resp.duplicates)
                })
            })
            .collect();
        let mut outcomes: Vec<(u64, u64)> = racers.into_iter().map(|t| t.join().expect("joined")).collect();
        outcomes.sort();
        assert_eq!(
            outcomes,
            vec![(0, 30), (30, 0)],
            "one push stores the batch, the other finds it stored (I3)"
        );
    }
    let report = check_store(&store).unwrap_or_else(|p| panic!("invariants broken: {p:#?}"));
    assert_eq!(report.events, 6 * 30, "each event is stored once");
}

#[test]
fn two_concurrent_first_pushes_of_a_desk_at_63_streams_cannot_make_65() {
    let Some(server) = scratch::postgres_or_skip("stream_limit_race") else { return };
    let _cluster = super::cluster_shared();
    let (store, url) = super::fresh_store_at(&server);
    let store = Arc::new(store);
    store.add_ward("12345", "Phường Hà Đông").expect("ward");
    let (_, cred) = enroll(&store, "12345", "A");
    for _ in 0..63 {
        let journal = Journal::new("12345", 'A');
        store.push(&cred, journal.stream, &journal.batch(1, 1)).expect("a stream below the limit opens");
    }
    // The race is made certain: a transaction holds the desk's row, both first pushes queue behind
    // it (a push that counted without that lock would not wait, and the wait below would fail),
    // then it lets go and they run one after the other.
    let mut admin = postgres::Client::connect(&url, postgres::NoTls).expect("admin connection");
    let mut hold = admin.transaction().expect("transaction");
    hold.execute("SELECT 1 FROM desks WHERE ward_code = '12345' AND desk = 'A' FOR UPDATE", &[])
        .expect("the desk row is held");
    let racers: Vec<_> = (0..2)
        .map(|_| {
            let (store, cred) = (store.clone(), cred.clone());
            std::thread::spawn(move || {
                let journal = Journal::new("12345", 'A');
                store.push(&cred, journal.stream, &journal.batch(1, 1))
            })
        })
        .collect();
    super::wait_for_lock_waiters(&url, 2);
    hold.rollback().expect("released");
    let results: Vec<_> = racers.into_iter().map(|t| t.join().expect("joined")).collect();
    let opened = results.iter().filter(|r| r.is_ok()).count();
    assert_eq!(opened, 1, "only one of two racing first pushes fits under the limit: {results:?}");
    assert!(
        results.iter().any(|r| matches!(r, Err(Error::BadRequest(_)))),
        "the other is refused as over the limit: {results:?}"
    );
    let per_desk = store.desk_streams(&cred).expect("streams").len();
    assert_eq!(per_desk, 64, "the desk holds exactly the maximum number of streams");
    let mut by_desk = BTreeMap::new();
    for s in check_store(&store).expect("sound").streams.values() {
        *by_desk.entry((s.ward_code.clone(), s.desk.clone())).or_insert(0) += 1;
    }
    assert_eq!(by_desk.values().copied().max(), Some(64), "no desk exceeds the limit");
}

#[test]
fn a_push_to_one_stream_does_not_wait_for_a_transaction_holding_another_streams_row() {
    let Some(server) = scratch::postgres_or_skip("pushes_run_in_parallel") else { return };
    let _cluster = super::cluster_shared();
    let (store, url) = super::fresh_store_at(&server);
    let store = Arc::new(store);
    store.add_ward("12345", "Phường Hà Đông").expect("ward");
    let (_, cred) = enroll(&store, "12345", "A");
    let mut held = Journal::new("12345", 'A');
    held.visits(1);
    store.push(&cred, held.stream, &held.batch(1, 1)).expect("stored");

    // A transaction holds the first stream's row, as a push in progress does.
    let mut admin = postgres::Client::connect(&url, postgres::NoTls).expect("admin connection");
    let mut hold = admin.transaction().expect("transaction");
    hold.execute("SELECT 1 FROM streams WHERE stream = $1 FOR UPDATE", &[&held.stream.to_string()])
        .expect("the row is held");

    let (sent, received) = std::sync::mpsc::channel();
    let other = {
        let (store, cred) = (store.clone(), cred.clone());
        std::thread::spawn(move || {
            let mut journal = Journal::new("12345", 'A');
            journal.visits(9);
            let _ = sent.send(store.push(&cred, journal.stream, &journal.batch(1, 10)).map(|r| r.stored));
        })
    };
    // A guard against hanging forever, not a timing claim: a table or global lock would block here.
    let outcome = received.recv_timeout(std::time::Duration::from_secs(60));
    hold.rollback().expect("released");
    other.join().expect("joined");
    assert_eq!(
        outcome
            .expect("the push to another stream finished while the first stream's row was held")
            .expect("stored"),
        10,
        "pushes to different streams take no common lock"
    );
}
