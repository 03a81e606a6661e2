//! Faults: forks, revocation, a district restored from backup, a server that is down.

use crate::proxy::{Fault, Proxy};
use crate::support::{Desk, District};
use std::sync::mpsc::channel;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tiepdan_domain::clock::SystemClock;
use tiepdan_register::Register;
use tiepdan_sync::{status, Runner, RunnerOptions, StatusKind, SyncError};

#[test]
fn a_copied_register_that_continues_the_same_stream_is_stopped_as_a_fork_and_keeps_its_data() {
    let district = District::start();
    let original = Desk::new("12345", 'A');
    original.enroll(&district, "12345", "A");
    original.visits(2);
    original.round().expect("round");
    // Copy the register file (closed first, as a person copying it would find it).
    let copy_dir = tempfile::tempdir().expect("dir");
    let copy_path = copy_dir.path().join("register.sqlite");
    {
        let mut r = original.register.lock().expect("lock");
        let owner = r.desk_owner().expect("the desk's officer");
        r.backup(&owner, &copy_path).expect("a file copy");
    }
    let copied = Register::open(&copy_path, Arc::new(SystemClock)).expect("opens");
    let copy = Desk { dir: copy_dir, register: Arc::new(Mutex::new(copied)) };
    std::fs::copy(original.state_path(), copy.state_path()).expect("state copied too");
    original.visits(1);
    copy.record("Người khác", None, "Nội dung khác");
    original.round().expect("the original goes first");
    let report = copy.round().expect("a fork is not an error of the round");
    let before = copy.streams();
    assert_eq!(report.needs_attention.len(), 1, "the forked stream stops");
    let st = status(&*copy.register, &copy.state(), false).expect("status");
    assert_eq!(st.kind, StatusKind::NeedsAttention);
    assert_eq!(copy.streams(), before, "the desk keeps its data");
    let server = district.check();
    assert_eq!(server.quarantined_versions, 1, "the district keeps both versions and shows them");
    original.assert_all_acknowledged(&district);
}

#[test]
fn a_revoked_desk_stops_keeps_its_data_and_resumes_after_enrolling_again() {
    let district = District::start();
    let desk = Desk::new("12345", 'A');
    desk.enroll(&district, "12345", "A");
    desk.visits(2);
    desk.round().expect("round");
    district.revoke("12345", "A");
    desk.visits(3);
    let err = desk.round().expect_err("refused");
    assert!(matches!(err, SyncError::NeedsEnrollment(_)), "{err}");
    let st = status(&*desk.register, &desk.state(), false).expect("status");
    assert_eq!((st.kind, st.pending), (StatusKind::NeedsAttention, 3), "data kept, waiting");
    desk.enroll(&district, "12345", "A");
    desk.round().expect("round after enrolling again");
    desk.assert_all_acknowledged(&district);
}

#[test]
fn a_district_restored_from_an_older_backup_gets_the_missing_events_again() {
    let mut district = District::start();
    let desk = Desk::new("12345", 'A');
    desk.enroll(&district, "12345", "A");
    desk.visits(3);
    desk.round().expect("round");
    let backup = district.backup("backup");
    desk.visits(4);
    desk.round().expect("round");
    // The district loses the last push: its store goes back to the backup.
    district.stop();
    district.db = backup;
    let addr = district.addr();
    district.listen(&addr);
    let report = desk.round().expect("round");
    assert_eq!((report.regressions, report.stored), (1, 4), "the mark went down and the events went again");
    desk.assert_all_acknowledged(&district);
}

#[test]
fn after_a_failed_push_and_no_new_writes_the_queue_drains_by_itself() {
    let mut district = District::start();
    let desk = Desk::new("12345", 'A');
    desk.enroll(&district, "12345", "A");
    let addr = district.addr();
    district.stop();
    desk.visits(3);
    let (tx, outcomes) = channel();
    let options = RunnerOptions {
        interval: Duration::from_millis(100),
        backoff_base: Duration::from_millis(20),
        backoff_max: Duration::from_millis(200),
        observer: Some(Box::new(move |r| {
            let _ = tx.send(r.as_ref().map(|rep| rep.pending).map_err(|e| e.is_transient()));
        })),
    };
    let runner = Runner::start(desk.register.clone(), desk.state_path(), Arc::new(SystemClock), options);
    assert_eq!(outcomes.recv_timeout(Duration::from_secs(10)).expect("a first round"), Err(true), "offline");
    let st = status(&*desk.register, &desk.state(), false).expect("status");
    assert_eq!((st.kind, st.pending), (StatusKind::Offline, 6));
    district.listen(&addr);
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let outcome =
            outcomes.recv_timeout(Duration::from_secs(10)).expect("rounds keep coming from the timer");
        if outcome == Ok(0) {
            break;
        }
        assert!(Instant::now() < deadline, "the queue drains within a few backoff periods");
    }
    drop(runner);
    desk.assert_all_acknowledged(&district);
}

#[test]
fn a_desk_restored_from_an_older_backup_recognises_what_the_district_already_has() {
    let district = District::start();
    let desk = Desk::new("12345", 'A');
    desk.enroll(&district, "12345", "A");
    desk.visits(2);
    let backup = desk.dir.path().join("backup.sqlite");
    let owner = desk.owner();
    desk.register.lock().unwrap().backup(&owner, &backup).expect("backup");
    desk.visits(3);
    desk.round().expect("round");
    let old_stream = desk.streams()[0].0;
    // The PC dies; the register comes back from the older backup on a new install (state kept).
    let restored_path = desk.dir.path().join("restored.sqlite");
    let restored = Register::restore(&backup, &restored_path, Arc::new(SystemClock)).expect("restored");
    let streams = restored.streams().expect("streams");
    assert_eq!(streams.len(), 2, "the restored stream is frozen and a new one continues");
    let again = Desk { dir: tempfile::tempdir().expect("dir"), register: Arc::new(Mutex::new(restored)) };
    std::fs::copy(desk.state_path(), again.state_path()).expect("state");
    let mut state = again.state();
    state.acks.clear();
    state.save(&again.state_path()).expect("saved");
    again.visits(1);
    let report = again.round().expect("round");
    assert_eq!(report.pending, 0, "nothing local is unacknowledged: {report:?}");
    assert!(report.needs_attention.is_empty(), "no fork");
    // The backup holds seq 1–5 (start, ward, officer, two visits); the district has 6–8 besides.
    let missing = tiepdan_sync::engine::server_events(&*again.register, &again.state_path(), old_stream, 5)
        .expect("fetched");
    let seqs: Vec<u64> = missing.iter().map(|e| e.seq).collect();
    assert_eq!(seqs, [6, 7, 8], "the events only the district still has can be fetched back");
    district.check();
}

#[test]
fn an_answer_lost_on_the_wire_after_the_commit_is_recognised_not_doubled() {
    let district = District::start();
    let desk = Desk::new("12345", 'A');
    let proxy = Proxy::start(&district.url, Fault::DropAnswerOfPush(0));
    tiepdan_sync::enroll(
        &*desk.register,
        &desk.state_path(),
        &proxy.url,
        &district.code("12345", "A"),
        &SystemClock,
    )
    .expect("enrolled through the proxy");
    desk.visits(4);
    let err = desk.round().expect_err("the answer was lost");
    assert!(err.is_transient(), "a lost answer is retried later: {err}");
    assert_eq!(
        desk.state().acknowledged(desk.streams()[0].0),
        0,
        "nothing acknowledged without an answer (I6)"
    );
    assert_eq!(district.check().events, 7, "yet the server committed the batch");
    let report = desk.round().expect("the next round");
    assert_eq!((report.stored, report.pending), (0, 0), "recognised, not sent again");
    desk.assert_all_acknowledged(&district);
}

#[test]
fn pushes_delivered_twice_are_stored_once() {
    let district = District::start();
    let desk = Desk::new("12345", 'A');
    let proxy = Proxy::start(&district.url, Fault::DuplicatePushes);
    tiepdan_sync::enroll(
        &*desk.register,
        &desk.state_path(),
        &proxy.url,
        &district.code("12345", "A"),
        &SystemClock,
    )
    .expect("enrolled through the proxy");
    for _ in 0..3 {
        desk.visits(2);
        desk.round().expect("round");
    }
    assert!(proxy.pushes.load(std::sync::atomic::Ordering::SeqCst) >= 3);
    desk.assert_all_acknowledged(&district);
    assert_eq!(district.check().events, 9, "every event once despite every push arriving twice (I3)");
}

#[test]
fn a_gap_from_a_server_that_went_back_behind_a_stale_view_heals_by_resending() {
    let mut district = District::start();
    let desk = Desk::new("12345", 'A');
    // Rounds 1 and 2 see the truth; from round 2 on the desk's view of the server is frozen.
    let proxy = Proxy::start(&district.url, Fault::FreezeDeskAnswer(1));
    tiepdan_sync::enroll(
        &*desk.register,
        &desk.state_path(),
        &proxy.url,
        &district.code("12345", "A"),
        &SystemClock,
    )
    .expect("enrolled");
    desk.visits(2);
    desk.round().expect("round 1");
    let backup = district.backup("backup");
    desk.visits(2);
    desk.round().expect("round 2");
    district.stop();
    district.db = backup;
    let addr = district.addr();
    district.listen(&addr);
    desk.visits(1);
    let report = desk.round().expect("round 3");
    assert_eq!(report.regressions, 1, "the gap answer lowered the mark: {report:?}");
    assert_eq!(report.stored, 3, "the two lost events and the new one");
    desk.assert_all_acknowledged(&district);
}

#[test]
fn a_desk_stopped_by_a_copys_fork_resumes_once_the_district_revokes_the_copy_and_releases_the_stream() {
    let district = District::start();
    let genuine = Desk::new("12345", 'A');
    genuine.enroll(&district, "12345", "A");
    genuine.visits(2);
    genuine.round().expect("round");
    let copy_dir = tempfile::tempdir().expect("dir");
    let copy_path = copy_dir.path().join("register.sqlite");
    let owner = genuine.owner();
    genuine.register.lock().expect("lock").backup(&owner, &copy_path).expect("copied");
    let copy = Desk {
        dir: copy_dir,
        register: Arc::new(Mutex::new(Register::open(&copy_path, Arc::new(SystemClock)).expect("opens"))),
    };
    std::fs::copy(genuine.state_path(), copy.state_path()).expect("state copied too");
    genuine.visits(1);
    genuine.round().expect("the genuine desk goes on first");
    copy.record("Người của bản sao", None, "Nội dung bản sao");
    let forked = copy.round().expect("a round");
    assert_eq!(forked.needs_attention.len(), 1, "the copy forks the stream");
    genuine.visits(1);
    let stopped = genuine.round().expect("a round");
    assert_eq!(stopped.needs_attention.len(), 1, "the genuine desk is stopped by the quarantine too");
    // District staff: revoke the desk (the copy shares its credential), release, enrol the genuine one.
    district.revoke("12345", "A");
    let stream = genuine.streams()[0].0.to_string();
    district.release(&stream, "bản sao ở máy khác đã bị thu hồi");
    genuine.enroll(&district, "12345", "A");
    let resumed = genuine.round().expect("round");
    assert!(resumed.needs_attention.is_empty(), "{resumed:?}");
    genuine.assert_all_acknowledged(&district);
    assert!(matches!(copy.round(), Err(SyncError::NeedsEnrollment(_))), "the copy stays out");
}
