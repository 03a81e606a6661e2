//! A server (or a proxy in front of it) that misbehaves cannot exhaust the desk: an answer larger
//! than the desk reads ends the round as a transient failure, pages of events that never advance
//! end the fetch instead of looping, and a refusal of one stream holds back no other. Each runs in a thread with a deadline, so a desk that
//! hung would fail the test rather than hang it.

use crate::proxy::{Fault, Proxy};
use crate::support::{Desk, District};
use std::sync::mpsc::channel;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tiepdan_domain::clock::SystemClock;
use tiepdan_register::Register;

/// Runs `work` in a thread and fails if it has not finished within a minute.
fn within_a_minute<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = channel();
    std::thread::spawn(move || tx.send(work()));
    rx.recv_timeout(Duration::from_secs(60)).expect("the desk gave up instead of hanging")
}

#[test]
fn an_endless_answer_ends_the_round_as_a_retry_and_changes_nothing() {
    let district = District::start();
    let desk = Desk::new("12345", 'A');
    let proxy = Proxy::start(&district.url, Fault::OversizedDeskAnswer);
    tiepdan_sync::enroll(
        &*desk.register,
        &desk.state_path(),
        &proxy.url,
        &district.code("12345", "A"),
        &SystemClock,
    )
    .expect("enrolled through the proxy");
    desk.visits(2);
    let (err, desk) = within_a_minute(move || (desk.round().expect_err("the answer is refused"), desk));
    assert!(err.is_transient(), "retried later, as for an unreachable server: {err}");
    assert!(err.to_string().contains("exceeds"), "the log says why: {err}");
    assert_eq!(desk.state().acknowledged(desk.streams()[0].0), 0, "nothing acknowledged (I6)");
    assert_eq!(district.check().events, 0, "nothing was pushed on a view the desk could not read");
}

#[test]
fn pages_of_events_that_never_advance_end_the_fetch() {
    let district = District::start();
    let desk = Desk::new("12345", 'A');
    let proxy = Proxy::start(&district.url, Fault::RepeatEventsPage);
    tiepdan_sync::enroll(
        &*desk.register,
        &desk.state_path(),
        &proxy.url,
        &district.code("12345", "A"),
        &SystemClock,
    )
    .expect("enrolled through the proxy");
    desk.visits(3);
    desk.round().expect("pushed");
    let stream = desk.streams()[0].0;
    let (register, state) = (desk.register.clone(), desk.state_path());
    let fetched = within_a_minute(move || tiepdan_sync::engine::server_events(&*register, &state, stream, 0));
    let err = fetched.expect_err("the same page again is refused");
    assert!(err.is_transient() && err.to_string().contains("do not follow on"), "{err}");
    district.check();
}

#[test]
fn a_stream_the_server_refuses_holds_back_neither_the_other_stream_nor_the_feed() {
    let district = District::start();
    let desk = Desk::new("12345", 'A');
    let proxy = Proxy::start(&district.url, Fault::RefuseFirstStream);
    tiepdan_sync::enroll(
        &*desk.register,
        &desk.state_path(),
        &proxy.url,
        &district.code("12345", "A"),
        &SystemClock,
    )
    .expect("enrolled through the proxy");
    // Two streams with events to send: the desk restored from a backup never synced freezes the
    // old stream (its events still to send) and writes on in a new one.
    desk.visits(2);
    let backup = desk.dir.path().join("backup.sqlite");
    let owner = desk.owner();
    desk.register.lock().unwrap().backup(&owner, &backup).expect("backup");
    let restored_path = desk.dir.path().join("restored.sqlite");
    let restored = Register::restore(&backup, &restored_path, Arc::new(SystemClock)).expect("restored");
    let again = Desk { dir: tempfile::tempdir().expect("dir"), register: Arc::new(Mutex::new(restored)) };
    std::fs::copy(desk.state_path(), again.state_path()).expect("state");
    again.visits(1);
    let streams = again.streams();
    assert_eq!(streams.len(), 2);
    let holidays = serde_json::json!({ "2027-02-06": "Tết" });
    district.set_reference("holidays", Some("12345"), &holidays);

    let err = again.round().expect_err("the refused stream fails the round");
    assert!(matches!(err, tiepdan_sync::SyncError::Refused { status: 400, .. }), "{err}");
    let state = again.state();
    let sent: Vec<u64> = streams.iter().map(|(id, _)| state.acknowledged(*id)).collect();
    assert!(sent.contains(&0), "the refused stream has nothing acknowledged: {sent:?}");
    assert!(sent.iter().any(|&n| n > 0), "the other stream was sent all the same: {sent:?}");
    assert_eq!(
        state.reference[&tiepdan_protocol::ReferenceKind::Holidays].data,
        holidays,
        "and the feed was pulled"
    );
    assert!(state.last_error.is_some_and(|e| e.contains("refuses this stream")), "the failure is recorded");
    district.check();
}
