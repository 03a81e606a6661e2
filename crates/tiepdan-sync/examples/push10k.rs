//! Benchmark (issue 5, Performance): one desk's register with N events pushed end to end by the
//! sync engine to the server over loopback — reading the journal, redaction, HTTP, verification,
//! storage and the acknowledged marks — timed from the first request to the last acknowledgement.
//!
//! `cargo run --release -p tiepdan-sync --example push10k -- 10000`

use serde_json::json;
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::Instant;
use tiepdan_domain::clock::SystemClock;
use tiepdan_domain::officer::WardProfile;
use tiepdan_domain::visit::VisitDraft;
use tiepdan_register::Register;
use tiepdan_server::store::Store;
use tiepdan_sync::SyncState;

fn main() {
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let dir = tempfile::tempdir().expect("dir");
    let store = Arc::new(Store::open(&dir.path().join("server.db"), Arc::new(SystemClock)).expect("store"));
    store.add_ward("12345", "Phường Hà Đông").expect("ward");
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    runtime.spawn(tiepdan_server::serve_listener(store.clone(), listener, Default::default()));

    let setup = Instant::now();
    let mut register =
        Register::open(&dir.path().join("register.sqlite"), Arc::new(SystemClock)).expect("open");
    let profile = WardProfile {
        ward_code: "12345".into(),
        ward_name: "Phường Hà Đông".into(),
        place: "Hà Đông".into(),
        upstream: String::new(),
        desk: 'A',
    };
    register.init_ward(profile).expect("init");
    register
        .add_first_officer("Trần Thị Bình", "Công chức tiếp công dân", &[tiepdan_domain::access::Role::Clerk])
        .expect("first officer");
    let owner = register.desk_owner().expect("the desk's officer");
    while register.current_stream().expect("stream").max_seq < n as u64 {
        let i = register.current_stream().expect("stream").max_seq;
        let draft: VisitDraft = serde_json::from_value(json!({
            "visitors": [{ "full_name": format!("Nguyễn Văn {i}"), "address": "Số 12 phố Quang Trung" }],
            "summary": "Đề nghị xem xét giải quyết tranh chấp đất đai giữa các hộ liền kề",
            "petition": { "kind": "complaint", "field": "land" },
        }))
        .expect("draft");
        register.record_visit(&owner, draft).expect("recorded");
    }
    let state_path = SyncState::path_in(dir.path());
    let code = store.issue_enrollment_code("12345", "A", chrono::Duration::hours(1)).expect("code").code;
    let register = Mutex::new(register);
    tiepdan_sync::enroll(&register, &state_path, &url, &code, &SystemClock).expect("enrolled");
    eprintln!("setup: {n} events recorded in {:.1?}", setup.elapsed());

    let start = Instant::now();
    let report = tiepdan_sync::round(&register, &state_path, &SystemClock).expect("round");
    let elapsed = start.elapsed();
    assert_eq!((report.stored, report.pending), (n as u64, 0), "everything acknowledged");
    println!(
        "pushed {} events in {:.2?} ({:.0} events/s, batches of {})",
        report.stored,
        elapsed,
        report.stored as f64 / elapsed.as_secs_f64(),
        tiepdan_sync::engine::DEFAULT_BATCH
    );
    tiepdan_server::invariants::check(dir.path().join("server.db")).expect("invariants hold");
    runtime.shutdown_timeout(std::time::Duration::from_secs(5));
}
