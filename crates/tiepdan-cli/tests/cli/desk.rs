//! A temporary desk: a data folder of its own and the real `tiepdan` binary run against it.

use serde_json::{json, Value};
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use tempfile::TempDir;

/// What one run of `tiepdan` did.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub struct Desk {
    dir: TempDir,
    /// Once the register is encrypted: the officer every run signs in as (`TIEPDAN_OFFICER`) and
    /// their password, typed as the first line of standard input.
    sign_in: std::cell::RefCell<Option<(String, String)>>,
}

impl Desk {
    /// A desk whose data folder is empty: nothing initialised yet.
    pub fn empty() -> Desk {
        Desk { dir: tempfile::tempdir().expect("a temporary folder"), sign_in: Default::default() }
    }

    /// A desk of "Phường Hà Đông" (12345), desk A, with one officer on duty.
    pub fn ready() -> Desk {
        let desk = Desk::empty();
        desk.ok(&[
            "init",
            "--ward-code",
            "12345",
            "--ward-name",
            "Phường Hà Đông",
            "--desk",
            "A",
            "--no-encryption",
        ]);
        let officer = desk.ok(&["officer", "add", "--name", "Trần Thị Bình", "--position", "Công chức"]);
        desk.ok(&["officer", "use", officer.trim()]);
        desk
    }

    /// From now on every run signs in to the (encrypted) register as `officer` with `password`.
    pub fn sign_in_as(&self, officer: &str, password: &str) {
        *self.sign_in.borrow_mut() = Some((officer.to_string(), password.to_string()));
    }

    /// Who runs sign in as, and their password, once the register is encrypted.
    pub fn signed_in_as(&self) -> Option<(String, String)> {
        self.sign_in.borrow().clone()
    }

    pub fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    pub fn register_file(&self) -> PathBuf {
        self.data_dir().join(tiepdan_register::paths::REGISTER_FILE)
    }

    /// A path inside the desk's temporary folder, outside the data folder.
    pub fn scratch(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Runs `tiepdan --data-dir <this desk> ARGS`, with `stdin` piped in.
    pub fn run_with_input(&self, args: &[&str], stdin: &str) -> Run {
        let mut command = Command::new(env!("CARGO_BIN_EXE_tiepdan"));
        let mut input = stdin.to_string();
        if let Some((officer, password)) = &*self.sign_in.borrow() {
            command.env("TIEPDAN_OFFICER", officer);
            input = format!("{password}\n{stdin}");
        }
        let stdin = input.as_str();
        let mut child = command
            .arg("--data-dir")
            .arg(self.data_dir())
            .args(args)
            .env_remove("TIEPDAN_DATA_DIR")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the tiepdan binary starts");
        // A command that fails before it reads its input (a locked register) closes the pipe early.
        match child.stdin.take().expect("stdin").write_all(stdin.as_bytes()) {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
            written => written.expect("stdin accepts the input"),
        }
        finish(child.wait_with_output().expect("tiepdan finishes"))
    }

    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with_input(args, "")
    }

    /// Runs a command that must succeed; returns its standard output.
    pub fn ok(&self, args: &[&str]) -> String {
        let run = self.run(args);
        assert_eq!(run.code, 0, "`tiepdan {}` should succeed; stderr: {}", args.join(" "), run.stderr);
        run.stdout
    }

    /// Records a visit through `visit add --json -` and returns the stored visit.
    pub fn add_visit(&self, visit: &Value) -> Value {
        let run = self.run_with_input(&["visit", "add", "--json", "-"], &visit.to_string());
        assert_eq!(run.code, 0, "the visit should be recorded; stderr: {}", run.stderr);
        serde_json::from_str(&run.stdout).expect("visit add prints the stored visit as JSON")
    }

    /// The visits of a day, as `visit list --json` prints them.
    pub fn visits_on(&self, day: &str) -> Vec<Value> {
        serde_json::from_str(&self.ok(&["visit", "list", "--date", day, "--json"])).expect("a JSON list")
    }
}

pub fn finish(output: std::process::Output) -> Run {
    Run {
        code: output.status.code().expect("tiepdan exits normally, not by a signal"),
        stdout: String::from_utf8(output.stdout).expect("UTF-8 output"),
        stderr: String::from_utf8(output.stderr).expect("UTF-8 errors"),
    }
}

/// A simple complaint about land, received on `received_at` from one citizen born in 1989, whose sex
/// is the one the CCCD's 4th digit encodes (0 man, 1 woman, for the 1900s).
pub fn visit(full_name: &str, id_number: &str, received_at: &str) -> Value {
    let sex = if id_number.chars().nth(3) == Some('1') { "female" } else { "male" };
    json!({
        "received_at": received_at,
        "visitors": [{
            "full_name": full_name,
            "id_number": id_number,
            "birth_year": 1989,
            "sex": sex,
            "address": "Số 5 ngõ 10 Quang Trung, Hà Đông"
        }],
        "summary": "Khiếu nại quyết định thu hồi đất",
        "petition": { "kind": "complaint", "field": "land", "handling": "accept" },
        "documents": [{ "title": "Đơn khiếu nại", "original": true, "pages": 2 }]
    })
}

/// Nguyễn Văn An, CCCD of a man born in 1989, received on 2 March 2026.
pub fn an_visit() -> Value {
    visit("Nguyễn Văn An", "001089012345", "2026-03-02T09:15:00+07:00")
}
