//! The district server as a real `tiepdan-server` process on 127.0.0.1 (its own store file, its
//! administrative commands run through the same binary) and desks with real registers. No server
//! code runs in the test process: tests only read the store file (the invariant checker, queries),
//! which SQLite in WAL mode allows while the server writes.

use serde_json::json;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use tiepdan_domain::access::Role;
use tiepdan_domain::clock::SystemClock;
use tiepdan_domain::officer::WardProfile;
use tiepdan_domain::visit::{Visit, VisitDraft};
use tiepdan_register::Register;
use tiepdan_sync::SyncState;

/// The built server binary, next to this test's executable (`target/debug/deps/…` → `target/debug`).
fn server_binary() -> PathBuf {
    let exe = std::env::current_exe().expect("the test binary's path");
    let debug = exe.parent().and_then(Path::parent).expect("the test binary sits in target/debug/deps");
    let bin = debug.join(format!("tiepdan-server{}", std::env::consts::EXE_SUFFIX));
    assert!(bin.exists(), "run `cargo test --workspace --no-run` first: {} is missing", bin.display());
    bin
}

pub struct District {
    pub dir: tempfile::TempDir,
    pub url: String,
    /// The store file the server serves (a restore points it elsewhere before serving again).
    pub db: PathBuf,
    child: Option<Child>,
    /// Extra arguments to `serve` from the next [`District::listen`] on (e.g. `--name`).
    pub serve_args: Vec<String>,
}

impl District {
    /// A store with wards 12345 and 67890, served on a free port.
    pub fn start() -> District {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("server.db");
        let mut d = District { dir, url: String::new(), db, child: None, serve_args: Vec::new() };
        d.admin(&["ward", "add", "--code", "12345", "--name", "Phường Hà Đông"]);
        d.admin(&["ward", "add", "--code", "67890", "--name", "Phường Kiến Hưng"]);
        d.listen("127.0.0.1:0");
        d
    }

    pub fn db(&self) -> PathBuf {
        self.db.clone()
    }

    /// `host:port` the server listens on.
    pub fn addr(&self) -> String {
        self.url.trim_start_matches("http://").to_string()
    }

    /// Runs one administrative command of the server binary on the store; returns what it printed.
    pub fn admin(&self, args: &[&str]) -> String {
        let out = Command::new(server_binary())
            .arg("--db")
            .arg(&self.db)
            .args(args)
            .output()
            .expect("tiepdan-server runs");
        assert!(out.status.success(), "tiepdan-server {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).expect("UTF-8")
    }

    /// Starts `tiepdan-server --db FILE serve --listen ADDR` (the same port again after
    /// [`District::stop`]) and returns once it has announced its address.
    pub fn listen(&mut self, addr: &str) {
        assert!(self.child.is_none(), "one server at a time");
        let log = std::fs::File::create(self.dir.path().join("server.log")).expect("log file");
        let mut child = Command::new(server_binary())
            .arg("--db")
            .arg(&self.db)
            .args(["serve", "--listen", addr])
            .args(&self.serve_args)
            .stdout(Stdio::piped())
            .stderr(log)
            .spawn()
            .expect("the server starts");
        let stdout = child.stdout.take().expect("stdout");
        // The guard first, so a server that announces something unexpected is still killed.
        self.child = Some(child);
        let mut out = BufReader::new(stdout);
        let mut line = String::new();
        out.read_line(&mut line).expect("read the announcement");
        let announced = line.trim().strip_prefix("listening on ").map(str::to_string);
        let announced = announced.unwrap_or_else(|| {
            let log = std::fs::read_to_string(self.dir.path().join("server.log")).unwrap_or_default();
            panic!("the server announces its address, got {line:?}; its log: {log} (is {addr} busy?)")
        });
        self.url = format!("http://{announced}");
        // Whatever else it prints is read and dropped, so a full pipe never blocks it.
        std::thread::spawn(move || std::io::copy(&mut out, &mut std::io::sink()));
    }

    /// SIGKILL, as a power cut or a crash: the process dies at once, whatever it was doing.
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// A one-time enrollment code (`enroll-code` prints it alone on its first line).
    pub fn code(&self, ward: &str, desk: &str) -> String {
        let out = self.admin(&["enroll-code", "--ward", ward, "--desk", desk]);
        out.lines().next().expect("a code").trim().to_string()
    }

    pub fn revoke(&self, ward: &str, desk: &str) {
        self.admin(&["desk", "revoke", "--ward", ward, "--desk", desk]);
    }

    pub fn release(&self, stream: &str, note: &str) {
        self.admin(&["stream", "release", "--stream", stream, "--note", note]);
    }

    /// Publishes reference data of `kind` (for one ward, or every ward).
    pub fn set_reference(&self, kind: &str, ward: Option<&str>, data: &serde_json::Value) {
        let file = tempfile::NamedTempFile::new_in(self.dir.path()).expect("temp file");
        std::fs::write(file.path(), data.to_string()).expect("written");
        let path = file.path().to_str().expect("utf-8 path");
        let mut args = vec!["reference", "set", "--kind", kind, "--file", path];
        if let Some(ward) = ward {
            args.extend(["--ward", ward]);
        }
        self.admin(&args);
    }

    pub fn check(&self) -> tiepdan_server::invariants::Report {
        tiepdan_server::invariants::check(self.db()).unwrap_or_else(|p| panic!("server invariants: {p:#?}"))
    }
}

impl Drop for District {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The password of the officer of [`Desk::encrypted`].
pub const PASSWORD: &str = "hoa-sen-2026";

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
        // Every event names who acted: the desk's one officer, acting as the register's owner.
        register
            .add_first_officer(
                "Trần Thị Bình",
                "Công chức tiếp công dân",
                &[Role::Clerk, Role::Administrator],
            )
            .expect("first officer");
        Desk { dir, register: Arc::new(Mutex::new(register)) }
    }

    /// A desk whose register is encrypted: its officer (clerk and administrator) has set the first
    /// password, as the desk's first run and `tiepdan init --admin-name` do.
    pub fn encrypted(ward: &str, desk: char) -> Desk {
        let desk = Desk::new(ward, desk);
        {
            let mut register = desk.register.lock().expect("lock");
            let officer = register.officers().expect("officers")[0].id;
            let params = tiepdan_keys::KdfParams::insecure_for_tests();
            register.create_keys(officer, PASSWORD, params).expect("the first password");
            assert!(register.is_encrypted(), "the register is encrypted from now on");
        }
        desk
    }

    pub fn state_path(&self) -> PathBuf {
        SyncState::path_in(self.dir.path())
    }

    pub fn state(&self) -> SyncState {
        SyncState::load(&self.state_path()).expect("state")
    }

    pub fn enroll(&self, district: &District, ward: &str, desk: &str) {
        tiepdan_sync::enroll(
            &*self.register,
            &self.state_path(),
            &district.url,
            &district.code(ward, desk),
            &SystemClock,
        )
        .expect("enrolled");
    }

    pub fn record(&self, name: &str, kind: Option<&str>, summary: &str) -> Visit {
        let draft: VisitDraft = serde_json::from_value(json!({
            "visitors": [{ "full_name": name, "address": "Số 7 phố Tô Hiệu" }],
            "summary": summary,
            "petition": kind.map(|k| json!({ "kind": k, "field": "land" })),
        }))
        .expect("draft");
        let mut register = self.register.lock().expect("lock");
        let owner = register.desk_owner().expect("the desk's officer");
        register.record_visit(&owner, draft).expect("recorded")
    }

    /// The desk's officer, acting as the owner of this register without passwords.
    pub fn owner(&self) -> tiepdan_register::Actor<'static> {
        self.register.lock().expect("lock").desk_owner().expect("the desk's officer")
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
