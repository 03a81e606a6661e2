//! `tiepdan enroll`, `sync`, `status` and `close-day` against a real district server, run in this
//! test process on 127.0.0.1:0 (`tiepdan_server::serve_listener`, as the sync engine's tests do: a
//! binary of another package is not built for this one's tests), while `tiepdan` runs as its own
//! process. The workspace scenario in `tests/` drives the server binary itself.

use crate::desk::{an_visit, Desk};
use serde_json::Value;
use std::net::TcpListener;
use std::sync::Arc;
use tiepdan_domain::clock::SystemClock;
use tiepdan_server::store::{scratch, Location, Store, DEFAULT_POOL};

struct District {
    _dir: tempfile::TempDir,
    /// A SQLite file, or a fresh PostgreSQL database when `TIEPDAN_TEST_POSTGRES` names a cluster.
    db: Location,
    store: Arc<Store>,
    url: String,
    runtime: Option<tokio::runtime::Runtime>,
}

impl District {
    fn start() -> District {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = scratch::location(dir.path());
        let store =
            Arc::new(Store::connect(&db, DEFAULT_POOL, Arc::new(SystemClock)).expect("the server's store"));
        store.add_ward("12345", "Phường Hà Đông").expect("ward");
        let mut d = District { _dir: dir, db, store, url: String::new(), runtime: None };
        d.listen("127.0.0.1:0");
        d
    }

    fn listen(&mut self, addr: &str) {
        let listener = TcpListener::bind(addr).expect("bound");
        self.url = format!("http://{}", listener.local_addr().expect("addr"));
        let runtime = tokio::runtime::Runtime::new().expect("runtime");
        runtime.spawn(tiepdan_server::serve_listener(self.store.clone(), listener, Default::default()));
        self.runtime = Some(runtime);
    }

    /// The server goes away; [`District::listen`] with the same address brings it back.
    fn stop(&mut self) -> String {
        if let Some(rt) = self.runtime.take() {
            rt.shutdown_timeout(std::time::Duration::from_secs(5));
        }
        self.url.trim_start_matches("http://").to_string()
    }

    fn code(&self) -> String {
        self.store.issue_enrollment_code("12345", "A", chrono::Duration::hours(1)).expect("code").code
    }

    /// Events the district holds, after checking its invariants (I3, I5).
    fn events(&self) -> u64 {
        tiepdan_server::invariants::check(&self.db)
            .unwrap_or_else(|p| panic!("server invariants: {p:#?}"))
            .events
    }
}

impl Drop for District {
    fn drop(&mut self) {
        self.stop();
    }
}

fn status(desk: &Desk) -> Value {
    serde_json::from_str(&desk.ok(&["status", "--json"])).expect("status --json")
}

fn enrolled(district: &District) -> Desk {
    let desk = Desk::ready();
    let out = desk.ok(&["enroll", "--server", &district.url, "--code", &district.code()]);
    assert!(out.contains("12345") && out.contains("desk A"), "says which ward and desk: {out}");
    desk
}

#[test]
fn a_desk_enrolls_syncs_and_its_status_counts_only_what_the_district_acknowledged() {
    let district = District::start();
    let desk = Desk::ready();
    desk.add_visit(&an_visit());
    assert_eq!(status(&desk)["kind"], "not_enrolled");
    let unenrolled = desk.run(&["sync"]);
    assert_eq!(unenrolled.code, 7, "nothing can be acknowledged without enrollment: {}", unenrolled.stderr);

    desk.ok(&["enroll", "--server", &district.url, "--code", &district.code()]);
    let waiting = status(&desk);
    assert_eq!(waiting["kind"], "waiting");
    assert_eq!(waiting["acknowledged_seq"], 0, "nothing is acknowledged before a round");
    let local = waiting["local_max_seq"].as_u64().expect("local max seq");
    assert_eq!(waiting["pending"].as_u64(), Some(local));

    let round: Value = serde_json::from_str(&desk.ok(&["sync", "--json"])).expect("sync --json");
    assert_eq!(round["ok"], true);
    assert_eq!(round["round"]["stored"].as_u64(), Some(local));
    let sent = status(&desk);
    assert_eq!((sent["kind"].as_str(), sent["pending"].as_u64()), (Some("all_sent"), Some(0)));
    assert_eq!(sent["acknowledged_seq"].as_u64(), Some(local));
    assert!(sent["last_success"].is_string(), "the time of the last success is kept: {sent}");
    assert_eq!(district.events(), local, "every event reached the district once");
    let again = desk.ok(&["sync"]);
    assert!(again.contains("0 stored"), "a second round sends nothing: {again}");
}

#[test]
fn a_used_or_unknown_code_is_refused() {
    let district = District::start();
    let desk = Desk::ready();
    let code = district.code();
    desk.ok(&["enroll", "--server", &district.url, "--code", &code]);
    let reused = Desk::ready().run(&["enroll", "--server", &district.url, "--code", &code]);
    assert_eq!(reused.code, 3, "a code works once: {}", reused.stderr);
    let unknown = Desk::ready().run(&["enroll", "--server", &district.url, "--code", "KHONG-CO"]);
    assert_eq!(unknown.code, 3, "an unknown code is refused: {}", unknown.stderr);
}

#[test]
fn an_address_that_is_not_http_or_https_is_refused_as_input_before_any_request() {
    // The desk app refuses the same addresses: the check is tiepdan_sync's, not either shell's.
    let typed = Desk::ready().run(&["enroll", "--server", "10.0.0.5:8080", "--code", "MOT-LAN"]);
    assert_eq!(typed.code, 3, "a mistyped address is bad input, not a network failure: {}", typed.stderr);
    assert!(typed.stderr.contains("http://"), "and says what is expected: {}", typed.stderr);
}

#[test]
fn with_the_district_away_sync_fails_and_status_says_offline_until_it_is_back() {
    let mut district = District::start();
    let desk = enrolled(&district);
    desk.ok(&["sync"]);
    desk.add_visit(&an_visit());
    let addr = district.stop();
    let offline = desk.run(&["sync", "--json"]);
    assert_eq!(offline.code, 7, "exit 7 while anything is unacknowledged: {}", offline.stderr);
    let outcome: Value = serde_json::from_str(&offline.stdout).expect("JSON printed on failure too");
    assert_eq!(outcome["ok"], false);
    let s = status(&desk);
    assert_eq!((s["kind"].as_str(), s["pending"].as_u64()), (Some("offline"), Some(1)));
    assert!(s["last_error"].is_string(), "the last error is shown: {s}");
    district.listen(&addr);
    desk.ok(&["sync"]);
    assert_eq!(status(&desk)["kind"], "all_sent");
}

#[test]
fn close_day_records_the_days_counts_syncs_and_says_what_reached_the_district() {
    let mut district = District::start();
    let desk = enrolled(&district);
    desk.add_visit(&an_visit());
    let report: Value =
        serde_json::from_str(&desk.ok(&["close-day", "--date", "2026-03-02", "--json"])).expect("JSON");
    assert_eq!(report["summary"]["close"]["visits"], 1, "the visit of 2 March is counted: {report}");
    assert_eq!(report["summary"]["close"]["petitions"]["accept"], 1);
    assert_eq!(report["reached_district"], true);
    assert_eq!(report["summary"]["earlier_closes"], 0);
    let text = desk.ok(&["close-day", "--date", "2026-03-02"]);
    assert!(
        text.contains("02/03/2026") && text.contains("closed 1 time(s) before"),
        "a re-close says so: {text}"
    );
    assert!(text.contains("reached the district: yes"), "{text}");

    district.stop();
    let offline = desk.run(&["close-day", "--json"]);
    assert_eq!(offline.code, 7, "closed here, not acknowledged: {}", offline.stderr);
    let report: Value = serde_json::from_str(&offline.stdout).expect("the report is printed");
    assert_eq!(report["reached_district"], false);

    let future = desk.run(&["close-day", "--date", "2999-01-01"]);
    assert_eq!(future.code, 3, "a future day cannot be closed: {}", future.stderr);
}

#[test]
fn a_move_to_another_server_is_audited_and_resuming_a_stream_that_is_not_stopped_changes_nothing() {
    let first = District::start();
    let second = District::start();
    let desk = enrolled(&first);
    desk.ok(&["enroll", "--server", &second.url, "--code", &second.code()]);
    let audit: Value = serde_json::from_str(&desk.ok(&["audit", "--json"])).expect("JSON");
    let enrollments: Vec<&str> = audit
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "sync_enrolled")
        .map(|e| e["detail"].as_str().unwrap())
        .collect();
    assert_eq!(enrollments.len(), 2, "each enrollment is audited: {audit}");
    assert!(
        enrollments[0].starts_with(&second.url)
            && enrollments[0].contains(&format!("trước đó: {}", first.url)),
        "the move names the server left (newest first): {enrollments:?}"
    );

    let stream = "0b6f3c1e-8f35-4a8e-9d7c-2c4b1f0a9e11";
    let refused = desk.run(&["sync", "--resume", stream]);
    assert_eq!(refused.code, 3, "{}", refused.stderr);
    assert!(refused.stderr.contains("is not stopped"), "{}", refused.stderr);
    let after: Value = serde_json::from_str(&desk.ok(&["audit", "--json"])).expect("JSON");
    assert_eq!(after.as_array().unwrap().len(), audit.as_array().unwrap().len(), "nothing audited");
    assert_eq!(second.events(), 0, "no round ran");
}
