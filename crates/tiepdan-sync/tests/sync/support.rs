//! A district server in-process on 127.0.0.1 and desks with real registers.

use serde_json::json;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use tiepdan_domain::clock::SystemClock;
use tiepdan_domain::officer::WardProfile;
use tiepdan_domain::visit::{Visit, VisitDraft};
use tiepdan_register::Register;
use tiepdan_server::store::Store;
use tiepdan_sync::SyncState;

pub struct District {
    pub dir: tempfile::TempDir,
    pub url: String,
    /// The store file the server serves (a restore points it elsewhere).
    pub db: PathBuf,
    pub store: Arc<Store>,
    runtime: Option<tokio::runtime::Runtime>,
}

impl District {
    pub fn start() -> District {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("server.db");
        let store = Arc::new(Store::open(&db, Arc::new(SystemClock)).expect("store"));
        store.add_ward("12345", "Phường Hà Đông").expect("ward");
        store.add_ward("67890", "Phường Kiến Hưng").expect("ward");
        let mut d = District { dir, url: String::new(), db, store, runtime: None };
        d.listen("127.0.0.1:0");
        d
    }

    pub fn db(&self) -> PathBuf {
        self.db.clone()
    }

    /// Serves the store on `addr` (the same port again after [`District::stop`]).
    pub fn listen(&mut self, addr: &str) {
        let listener = TcpListener::bind(addr).expect("bound");
        self.url = format!("http://{}", listener.local_addr().expect("addr"));
        let runtime = tokio::runtime::Runtime::new().expect("runtime");
        runtime.spawn(tiepdan_server::serve_listener(self.store.clone(), listener, None, false));
        self.runtime = Some(runtime);
    }

    /// The server goes away: its listener closes, its connections drop.
    pub fn stop(&mut self) {
        if let Some(rt) = self.runtime.take() {
            // Waits until the tasks are dropped, so the port is free to serve again.
            rt.shutdown_timeout(std::time::Duration::from_secs(5));
        }
    }

    pub fn code(&self, ward: &str, desk: &str) -> String {
        self.store.issue_enrollment_code(ward, desk, chrono::Duration::hours(1)).expect("code").code
    }

    pub fn check(&self) -> tiepdan_server::invariants::Report {
        tiepdan_server::invariants::check(&self.db()).unwrap_or_else(|p| panic!("server invariants: {p:#?}"))
    }
}

impl Drop for District {
    fn drop(&mut self) {
        self.stop();
    }
}

pub struct Desk {
    pub dir: tempfile::TempDir,
    pub register: Arc<Mutex<Register>>,
}

impl Desk {
    pub fn new(ward: &str, desk: char) -> Desk {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut register =
            Register::open(&dir.path().join("register.sqlite"), Arc::new(SystemClock)).expect("open");
        register
            .init_ward(WardProfile {
                ward_code: ward.into(),
                ward_name: "Phường Thử".into(),
                place: "Hà Đông".into(),
                upstream: String::new(),
                desk,
            })
            .expect("init");
        Desk { dir, register: Arc::new(Mutex::new(register)) }
    }

    pub fn state_path(&self) -> PathBuf {
        SyncState::path_in(self.dir.path())
    }

    pub fn state(&self) -> SyncState {
        SyncState::load(&self.state_path()).expect("state")
    }

    pub fn enroll(&self, district: &District, ward: &str, desk: &str) {
        tiepdan_sync::enroll(&self.state_path(), &district.url, &district.code(ward, desk), &SystemClock)
            .expect("enrolled");
    }

    pub fn record(&self, name: &str, kind: Option<&str>, summary: &str) -> Visit {
        let draft: VisitDraft = serde_json::from_value(json!({
            "visitors": [{ "full_name": name, "address": "Số 7 phố Tô Hiệu" }],
            "summary": summary,
            "petition": kind.map(|k| json!({ "kind": k, "field": "land" })),
        }))
        .expect("draft");
        self.register.lock().expect("lock").record_visit(draft).expect("recorded")
    }

    pub fn visits(&self, n: usize) {
        for i in 0..n {
            self.record(&format!("Nguyễn Thị {i}"), Some("complaint"), "Khiếu nại quyết định thu hồi đất");
        }
    }

    pub fn round(&self) -> tiepdan_sync::error::Result<tiepdan_sync::RoundReport> {
        tiepdan_sync::round(&*self.register, &self.state_path(), &SystemClock)
    }

    /// Local max seq of every stream.
    pub fn streams(&self) -> Vec<(tiepdan_domain::ids::StreamId, u64)> {
        let r = self.register.lock().expect("lock");
        r.streams().expect("streams").into_iter().map(|s| (s.id, s.max_seq)).collect()
    }

    /// I1/I6: every local event acknowledged and the mark equals the server's durable hwm.
    pub fn assert_all_acknowledged(&self, district: &District) {
        let report = district.check();
        let state = self.state();
        for (stream, max) in self.streams() {
            let server = report.streams.get(&stream.to_string()).map_or(0, |s| s.hwm);
            assert_eq!(state.acknowledged(stream), max, "stream {stream}: everything acknowledged");
            assert_eq!(server, max, "stream {stream}: the server holds everything acknowledged (I6)");
        }
    }
}

pub fn file_contains(path: &Path, needle: &str) -> bool {
    tiepdan_server::invariants::store_files_contain(path, needle)
}
