//! A district server as a real child process, for the restore scenarios and the desk's sync test in
//! the real window: the built `tiepdan-server` binary serving a store of its own on 127.0.0.1:0, its
//! bound address read from the line it prints. The store is a SQLite file, or a fresh PostgreSQL
//! database when `TIEPDAN_TEST_POSTGRES` names a cluster (`store::scratch`), so the scenarios run on
//! both engines. The process is killed when the guard is dropped —
//! also when a test panics — so no server outlives its test.

use crate::target_dir;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use tiepdan_server::store::{scratch, Location};

pub struct District {
    /// Holds a SQLite store; removed when the district is dropped.
    _dir: tempfile::TempDir,
    /// The store, chosen once: a restart serves the same one.
    pub db: Location,
    child: Option<Child>,
    pub addr: String,
    /// Extra arguments to `serve` (e.g. `--name`), kept for a restart.
    serve_args: Vec<String>,
}

fn server_binary() -> PathBuf {
    let bin = target_dir().join("debug/tiepdan-server");
    let why = "run `cargo test --workspace --no-run` first (make test and scripts/e2e.sh do)";
    assert!(bin.exists(), "{why}: {} is missing", bin.display());
    bin
}

/// Runs one administrative command of the server on `db` and returns what it printed.
fn admin(db: &Location, args: &[&str]) -> String {
    let out = Command::new(server_binary())
        .arg("--db")
        .arg(db.as_arg())
        .args(args)
        .output()
        .expect("tiepdan-server runs");
    assert!(out.status.success(), "tiepdan-server {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8")
}

impl District {
    /// A store with ward 12345, served on a free port.
    pub fn start() -> District {
        District::start_serving(&[])
    }

    /// As [`District::start`], the upstream named `name` (`serve --name`), as the wards see it.
    pub fn start_named(name: &str) -> District {
        District::start_serving(&["--name", name])
    }

    fn start_serving(serve_args: &[&str]) -> District {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = scratch::location(dir.path());
        admin(&db, &["ward", "add", "--code", "12345", "--name", "Phường Hà Đông"]);
        let serve_args = serve_args.iter().map(|a| a.to_string()).collect();
        let mut district = District { _dir: dir, db, child: None, addr: "127.0.0.1:0".into(), serve_args };
        district.serve();
        district
    }

    /// Serves on the remembered address (a free port the first time); returns once it listens.
    pub fn serve(&mut self) {
        let mut child = Command::new(server_binary())
            .arg("--db")
            .arg(self.db.as_arg())
            .args(["serve", "--listen", &self.addr])
            .args(&self.serve_args)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the server starts");
        let mut line = String::new();
        let stdout = child.stdout.take().expect("stdout");
        // Guard first, so a server that announces something unexpected is still killed.
        self.child = Some(child);
        BufReader::new(stdout).read_line(&mut line).expect("read");
        let addr = line.trim().strip_prefix("listening on ");
        self.addr = addr.unwrap_or_else(|| panic!("the server announces its address: {line:?}")).into();
    }

    /// SIGKILL: the process dies at once, whatever it was doing.
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Runs an administrative command of the server on this district's store (`ward add`,
    /// `user add`, `enroll-code`…); panics unless it succeeds; returns what it printed.
    pub fn admin(&self, args: &[&str]) -> String {
        admin(&self.db, args)
    }

    /// `tiepdan-server --db STORE check`, as an operator runs it: panics unless the store's invariants
    /// hold; returns the checker's one-line summary.
    pub fn check(&self) -> String {
        admin(&self.db, &["check"])
    }

    /// The events the store holds, from [`District::check`]'s summary ("ổn: N luồng, M sự kiện, …"),
    /// so a test can say what reached the district once its invariants were checked.
    pub fn events(&self) -> u64 {
        let summary = self.check();
        let events = summary.split(", ").find_map(|part| part.strip_suffix(" sự kiện"));
        events.and_then(|n| n.trim().parse().ok()).unwrap_or_else(|| panic!("an event count in {summary:?}"))
    }

    /// True while the server process has not exited (a crash shows here as `false`).
    pub fn is_running(&mut self) -> bool {
        self.child.as_mut().is_some_and(|c| matches!(c.try_wait(), Ok(None)))
    }

    /// A one-time enrollment code for desk `desk` of ward 12345.
    pub fn code(&self, desk: &str) -> String {
        admin(&self.db, &["enroll-code", "--ward", "12345", "--desk", desk])
            .lines()
            .next()
            .expect("a code")
            .trim()
            .into()
    }
}

impl Drop for District {
    fn drop(&mut self) {
        self.kill();
    }
}
