//! The real server binary on 127.0.0.1:0 with a temporary store, and a desk that seals real events.
//! The store is a SQLite file, or a fresh PostgreSQL database when `TIEPDAN_TEST_POSTGRES` names a
//! cluster ([`scratch::location`]), so every test here runs on both engines; the few whose point is
//! the SQLite file itself ask for one ([`Server::start_on_sqlite`]).

use chrono::{TimeZone, Utc};
use reqwest::blocking::{Client, Response};
use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use tiepdan_domain::event::{Event, EventBody, Hash, GENESIS};
use tiepdan_domain::ids::StreamId;
use tiepdan_protocol::{withhold, PushRequest, WireEvent, PROTOCOL_VERSION, VERSION_HEADER};
use tiepdan_server::store::{scratch, Location};

pub const BIN: &str = env!("CARGO_BIN_EXE_tiepdan-server");

pub struct Server {
    pub dir: tempfile::TempDir,
    /// The store, chosen once at start: a restart serves the same one.
    pub db: Location,
    pub child: Option<Child>,
    pub base: String,
    /// Extra arguments to `serve` (e.g. `--name`), kept for a restart.
    pub serve_args: Vec<String>,
}

impl Server {
    /// A fresh store with wards 12345 and 67890 and a dashboard user, served.
    pub fn start() -> Server {
        Server::start_serving(&[])
    }

    /// As [`Server::start`], with extra arguments to `serve`.
    pub fn start_serving(serve_args: &[&str]) -> Server {
        Server::start_on(scratch::location, serve_args)
    }

    /// As [`Server::start`], always on a SQLite file, for a test whose point is that file (its
    /// permissions, its write lock) whatever engine the run asks for.
    pub fn start_on_sqlite() -> Server {
        Server::start_on(|dir| Location::Sqlite(dir.join("server.db")), &[])
    }

    /// A served store with the wards and the user of [`Server::start`], at `store(dir)`.
    fn start_on(store: impl FnOnce(&std::path::Path) -> Location, serve_args: &[&str]) -> Server {
        // reqwest is built without a default crypto provider (the workspace uses ring, not aws-lc).
        let _ = rustls::crypto::ring::default_provider().install_default();
        let dir = tempfile::tempdir().expect("temp dir");
        let db = store(dir.path());
        let serve_args = serve_args.iter().map(|a| a.to_string()).collect();
        let mut server = Server { dir, db, child: None, base: String::new(), serve_args };
        server.admin(&["ward", "add", "--code", "12345", "--name", "Phường Hà Đông"]);
        server.admin(&["ward", "add", "--code", "67890", "--name", "Phường <Kiến> Hưng"]);
        server.admin(&["user", "add", "--name", "quan.tri", "--password", "mat-khau-dai-1"]);
        server.spawn();
        server
    }

    /// The store this server serves.
    pub fn db(&self) -> &Location {
        &self.db
    }

    /// The `--db` argument naming the store.
    pub fn db_arg(&self) -> String {
        self.db.as_arg()
    }

    /// The store's file, for a test started with [`Server::start_on_sqlite`].
    pub fn sqlite_file(&self) -> PathBuf {
        match &self.db {
            Location::Sqlite(path) => path.clone(),
            Location::Postgres(_) => panic!("this test needs a SQLite store: start it with start_on_sqlite"),
        }
    }

    pub fn spawn(&mut self) {
        let mut child = Command::new(BIN)
            .arg("--db")
            .arg(self.db_arg())
            .args(["serve", "--listen", "127.0.0.1:0"])
            .args(&self.serve_args)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("server starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut line).expect("a first line");
        let addr = line.trim().strip_prefix("listening on ").expect("the server says where it listens");
        self.base = format!("http://{addr}");
        self.child = Some(child);
    }

    /// SIGKILL: no chance to flush or clean up.
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            child.kill().expect("kill");
            child.wait().expect("reaped");
        }
    }

    /// Runs an admin command against the store; panics unless it succeeds; returns stdout.
    pub fn admin(&self, args: &[&str]) -> String {
        let out = Command::new(BIN).arg("--db").arg(self.db_arg()).args(args).output().expect("runs");
        assert!(out.status.success(), "{args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).expect("utf-8")
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Enrolls a desk through the API and returns its credential.
    pub fn enroll(&self, ward: &str, desk: &str) -> String {
        let code = self.admin(&["enroll-code", "--ward", ward, "--desk", desk]);
        let code = code.lines().next().expect("the code on the first line").to_string();
        let resp = api(Client::new().post(self.url("/api/v1/enroll")))
            .json(&json!({ "code": code }))
            .send()
            .expect("sent");
        assert_eq!(resp.status(), 200, "enrollment with a fresh code works");
        resp.json::<Value>().expect("json")["credential"].as_str().expect("credential").to_string()
    }

    pub fn check(&self) -> tiepdan_server::invariants::Report {
        tiepdan_server::invariants::check(self.db()).unwrap_or_else(|p| panic!("invariants broken: {p:#?}"))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Adds the protocol version header.
pub fn api(builder: reqwest::blocking::RequestBuilder) -> reqwest::blocking::RequestBuilder {
    builder.header(VERSION_HEADER, PROTOCOL_VERSION.to_string())
}

pub fn body(resp: Response) -> (u16, Value) {
    let status = resp.status().as_u16();
    (status, resp.json().unwrap_or(Value::Null))
}

/// A visit as the desk records it; `kind` is the petition's kind, if any.
pub fn visit(name: &str, kind: Option<&str>) -> EventBody {
    let petition = kind.map(|k| json!({ "kind": k, "field": "land" }));
    let value = json!({
        "id": uuid::Uuid::now_v7(),
        "receipt_no": "0001/2026/A",
        "status": "active",
        "received_at": Utc::now().with_timezone(&tiepdan_domain::clock::vietnam_offset()).to_rfc3339(),
        "reception": "regular",
        "visitor_kind": "individual",
        "people_count": 1,
        "organisation": null,
        "visitors": [{ "full_name": name, "address": "Số 1 phố Quang Trung" }],
        "summary": "Đề nghị giải quyết tranh chấp đất",
        "petition": petition,
        "documents": [],
        "refusal": null,
        "officer_id": null,
        "notes": ""
    });
    EventBody::VisitRecorded(serde_json::from_value(value).expect("a valid visit"))
}

/// One desk's journal: a stream of sealed events.
pub struct Journal {
    pub stream: StreamId,
    pub events: Vec<Event>,
}

impl Journal {
    pub fn new(ward: &str, desk: char) -> Journal {
        let mut j = Journal { stream: StreamId::new(), events: Vec::new() };
        j.append(EventBody::StreamStarted { ward_code: ward.into(), desk, epoch: 1, previous_stream: None });
        j
    }

    pub fn head(&self) -> Hash {
        self.events.last().map_or(GENESIS, |e| e.chain_hash)
    }

    pub fn append(&mut self, body: EventBody) -> &Event {
        let at = Utc.with_ymd_and_hms(2026, 11, 25, 2, 0, 0).unwrap();
        let e = Event::seal(self.stream, self.events.len() as u64 + 1, &self.head(), &body, at, None)
            .expect("sealable");
        self.events.push(e);
        self.events.last().expect("just pushed")
    }

    /// Appends `n` visits.
    pub fn visits(&mut self, n: usize) {
        for i in 0..n {
            self.append(visit(&format!("Nguyễn Văn {i}"), Some("complaint")));
        }
    }

    /// Events `from..=to` (1-based seqs) as a push request, withheld for upstream as the desk sends.
    pub fn batch(&self, from: u64, to: u64) -> PushRequest {
        let events: Vec<WireEvent> = self.events[(from - 1) as usize..to as usize]
            .iter()
            .map(|e| withhold::for_upstream(e).expect("wire form"))
            .collect();
        PushRequest { local_max_seq: self.events.len() as u64, events }
    }

    pub fn path(&self) -> String {
        tiepdan_protocol::paths::stream_events(&self.stream.to_string())
    }
}

/// Pushes a request with a credential; returns status and JSON body.
pub fn push(server: &Server, credential: &str, path: &str, req: &PushRequest) -> (u16, Value) {
    body(api(Client::new().post(server.url(path))).bearer_auth(credential).json(req).send().expect("sent"))
}

/// A client that follows no redirect, as a test of the login wants to see the 303 itself.
pub fn browser() -> Client {
    Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("client")
}

/// The first `name=value` of a `Set-Cookie` whose name ends with `base` (`__Host-` prefixed or not).
pub fn cookie_pair(resp: &Response, base: &str) -> Option<String> {
    resp.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .map(|v| v.split(';').next().unwrap_or_default().to_string())
        .find(|pair| pair.split('=').next().is_some_and(|name| name.ends_with(base)))
}

/// Opens the login form as a browser does: its form-token cookie (`name=value`) and the token
/// from the hidden field.
pub fn login_form(base: &str) -> (String, String) {
    let resp = browser().get(format!("{base}/login")).send().expect("sent");
    assert_eq!(resp.status(), 200, "the login form is served");
    let cookie = cookie_pair(&resp, "tiepdan_login").expect("the form comes with its token cookie");
    let html = resp.text().expect("text");
    let start = html.find("name=\"csrf\" value=\"").expect("the form carries its token") + 19;
    let token = html[start..].split('"').next().expect("quoted").to_string();
    (cookie, token)
}

/// Logs in through the form as a browser would (form token included), with extra headers.
pub fn login_at(base: &str, name: &str, password: &str, headers: &[(&str, &str)]) -> Response {
    let (cookie, token) = login_form(base);
    let mut request = browser().post(format!("{base}/login")).header("cookie", cookie).form(&[
        ("name", name),
        ("password", password),
        ("csrf", &token),
    ]);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.send().expect("sent")
}

/// The session cookie (`name=value`) of a successful login.
pub fn session_of(resp: &Response) -> String {
    assert_eq!(resp.status(), 303, "the login succeeds");
    cookie_pair(resp, "tiepdan_session").expect("a session cookie")
}

/// The server in this test process on 127.0.0.1:0 (as other crates' tests run it), for tests that
/// look inside it: here, how many passwords it checked. Dropping it stops the server.
pub struct InProcess {
    pub base: String,
    pub passwords: std::sync::Arc<tiepdan_server::dashboard::password::PasswordCheck>,
    _runtime: tokio::runtime::Runtime,
    _dir: tempfile::TempDir,
}

impl InProcess {
    /// A store with the user `quan.tri`, served with `options` (its `passwords` are replaced).
    pub fn start(options: tiepdan_server::ServeOptions) -> InProcess {
        // As for the server process: reqwest here has no crypto provider of its own.
        let _ = rustls::crypto::ring::default_provider().install_default();
        use std::sync::Arc;
        let dir = tempfile::tempdir().expect("temp dir");
        let store = tiepdan_server::store::Store::connect(
            &scratch::location(dir.path()),
            tiepdan_server::store::DEFAULT_POOL,
            Arc::new(tiepdan_domain::clock::SystemClock),
        )
        .expect("store");
        store.add_user("quan.tri", "mat-khau-dai-1").expect("user");
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bound");
        let base = format!("http://{}", listener.local_addr().expect("addr"));
        let passwords = Arc::new(tiepdan_server::dashboard::password::PasswordCheck::default());
        let options = tiepdan_server::ServeOptions { passwords: passwords.clone(), ..options };
        let runtime = tokio::runtime::Runtime::new().expect("runtime");
        runtime.spawn(tiepdan_server::serve_listener(Arc::new(store), listener, options));
        InProcess { base, passwords, _runtime: runtime, _dir: dir }
    }
}
