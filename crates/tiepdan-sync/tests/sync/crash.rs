//! kill -9 of a desk process in the middle of a push: nothing lost, nothing doubled, the state file
//! still readable, and the acknowledged mark never ahead of the server (I1, I3, I6).
//!
//! The desk process is this test binary run again with `TIEPDAN_SYNC_CHILD` set: it opens the
//! register and runs one round, and the parent kills it with SIGKILL at a varying moment.

use crate::support::District;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::Duration;
use tiepdan_domain::clock::SystemClock;
use tiepdan_domain::officer::WardProfile;
use tiepdan_register::Register;
use tiepdan_sync::SyncState;

const CHILD: &str = "TIEPDAN_SYNC_CHILD";
const TEST: &str = "crash::a_desk_killed_during_a_push_loses_nothing_and_doubles_nothing";

fn child(dir: &str) {
    let dir = std::path::Path::new(dir);
    let register = std::cell::RefCell::new(
        Register::open(&dir.join("register.sqlite"), Arc::new(SystemClock)).expect("opens"),
    );
    println!("opened");
    let _ = tiepdan_sync::round(&register, &SyncState::path_in(dir), &SystemClock);
    println!("finished");
}

#[test]
fn a_desk_killed_during_a_push_loses_nothing_and_doubles_nothing() {
    if let Ok(dir) = std::env::var(CHILD) {
        return child(&dir);
    }
    let district = District::start();
    let dir = tempfile::tempdir().expect("dir");
    let state_path = SyncState::path_in(dir.path());
    {
        let mut register =
            Register::open(&dir.path().join("register.sqlite"), Arc::new(SystemClock)).expect("opens");
        register
            .init_ward(WardProfile {
                ward_code: "12345".into(),
                ward_name: "Phường Hà Đông".into(),
                place: "Hà Đông".into(),
                upstream: String::new(),
                desk: 'A',
            })
            .expect("init");
        register
            .add_first_officer(
                "Trần Thị Bình",
                "Công chức tiếp công dân",
                &[tiepdan_domain::access::Role::Clerk],
            )
            .expect("first officer");
        let owner = register.desk_owner().expect("the desk's officer");
        let summary = "Đề nghị giải quyết. ".repeat(100);
        for i in 0..1500 {
            let draft = serde_json::from_value(serde_json::json!({
                "visitors": [{ "full_name": format!("Phan Văn {i}") }], "summary": summary,
            }))
            .expect("draft");
            register.record_visit(&owner, draft).expect("recorded");
        }
        let register = std::sync::Mutex::new(register);
        tiepdan_sync::enroll(
            &register,
            &state_path,
            &district.url,
            &district.code("12345", "A"),
            &SystemClock,
        )
        .expect("enrolled");
    }
    for delay_ms in [0u64, 150, 250, 350, 500, 800] {
        let mut desk = Command::new(std::env::current_exe().expect("test binary"))
            .args([TEST, "--exact", "--nocapture", "--test-threads=1"])
            .env(CHILD, dir.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("desk process");
        let mut out = BufReader::new(desk.stdout.take().expect("stdout"));
        let mut line = String::new();
        while !line.trim_end().ends_with("opened") {
            line.clear();
            assert!(out.read_line(&mut line).expect("read") > 0, "the desk process opened its register");
        }
        // A varying moment inside the round, not a synchronisation: any moment must be safe.
        std::thread::sleep(Duration::from_millis(delay_ms));
        desk.kill().expect("SIGKILL");
        desk.wait().expect("reaped");
        let report = district.check();
        let state = SyncState::load(&state_path).expect("the state file survives a kill");
        for (stream, ack) in &state.acks {
            let hwm = report.streams.get(&stream.to_string()).map_or(0, |s| s.hwm);
            assert!(ack.hwm <= hwm, "I6: acknowledged {} but the server holds {hwm}", ack.hwm);
        }
    }
    let register = std::cell::RefCell::new(
        Register::open(&dir.path().join("register.sqlite"), Arc::new(SystemClock)).expect("opens"),
    );
    let report = tiepdan_sync::round(&register, &state_path, &SystemClock).expect("a last round");
    assert_eq!(report.pending, 0);
    let max = register.borrow().current_stream().expect("stream").max_seq;
    assert_eq!(district.check().events, max, "every event exactly once");
}
