//! A stream stopped for something other than a fork (issue 14 §11): shown with what it means,
//! kept stopped round after round, and let through again by a person without editing a file.
//! A middlebox damages the first push on its way to a real server, which answers `bad_hash`.

use crate::proxy::{Fault, Proxy};
use crate::support::{Desk, District};
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;
use tiepdan_domain::clock::SystemClock;
use tiepdan_sync::{status, Runner, RunnerOptions, StatusKind};

#[test]
fn a_stream_stopped_for_a_bad_hash_is_shown_waits_for_a_person_and_goes_on_once_lifted() {
    let district = District::start();
    let desk = Desk::new("12345", 'A');
    let proxy = Proxy::start(&district.url, Fault::CorruptFirstPush);
    tiepdan_sync::enroll(
        &*desk.register,
        &desk.state_path(),
        &proxy.url,
        &district.code("12345", "A"),
        &SystemClock,
    )
    .expect("enrolled through the proxy");
    desk.visits(3);
    let report = desk.round().expect("the round completes, with the damaged stream stopped");
    assert_eq!(report.needs_attention.len(), 1, "{report:?}");

    let shown = status(&*desk.register, &desk.state(), false).expect("status");
    assert_eq!(shown.kind, StatusKind::NeedsAttention);
    let [stop] = shown.stopped.as_slice() else { panic!("one stopped stream: {:?}", shown.stopped) };
    assert_eq!((stop.stream, stop.code.as_str()), (desk.streams()[0].0, "bad_hash"));
    assert!(stop.explanation.contains("Thử gửi lại"), "says what lifts it: {}", stop.explanation);
    assert_eq!(
        shown.last_success, None,
        "a round that stopped the only stream sent nothing: no success shown"
    );

    // Nobody lifted it: later rounds leave the stream alone (the cause may still be there).
    let pushes = proxy.pushes.load(Ordering::SeqCst);
    desk.round().expect("round");
    assert_eq!(proxy.pushes.load(Ordering::SeqCst), pushes, "a stopped stream waits for a person");
    assert_eq!(district.check().events, 0);

    // The administrator lifts it through the desk's runner: the round that follows delivers.
    let options = RunnerOptions { interval: Duration::from_secs(3600), ..RunnerOptions::default() };
    let runner = Runner::start(desk.register.clone(), desk.state_path(), Arc::new(SystemClock), options);
    let resumed = runner.resume(stop.stream).expect("resumed");
    assert_eq!(resumed.lifted.as_ref().map(|l| l.code.as_str()), Some("bad_hash"));
    let round = resumed.round.expect("the round after the lift completes");
    assert!(round.needs_attention.is_empty(), "{round:?}");
    desk.assert_all_acknowledged(&district);
    let after = status(&*desk.register, &desk.state(), false).expect("status");
    assert!(after.stopped.is_empty() && after.attention.is_empty(), "{after:?}");
    assert!(after.last_success.is_some(), "the round that delivered it is the last success");

    // Lifting a stream that is not stopped lifts nothing (the shells say so).
    let again = runner.resume(stop.stream).expect("answered");
    assert!(again.lifted.is_none());
}
