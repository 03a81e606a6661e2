//! The real server binary on a PostgreSQL store (`--db postgres://…`), driven over HTTP while the
//! database is taken away: desks get 503 (which they retry), never a half-stored batch, and the
//! resent batch is stored once the database is back.

use crate::support::{api, body, Journal, BIN};
use reqwest::blocking::Client;
use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use tiepdan_protocol::PushRequest;
use tiepdan_server::store::scratch;

/// The server process, killed when dropped.
struct Serving(Child);

impl Drop for Serving {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn admin(db: &str, args: &[&str]) -> String {
    let out = Command::new(BIN).args(["--db", db]).args(args).output().expect("runs");
    assert!(out.status.success(), "{args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8")
}

fn serve(db: &str) -> (Serving, String) {
    let mut child = Command::new(BIN)
        .args(["--db", db, "--db-pool", "4", "serve", "--listen", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("server starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut line).expect("a first line");
    let addr =
        line.trim().strip_prefix("listening on ").expect("the server says where it listens").to_string();
    (Serving(child), format!("http://{addr}"))
}

fn push(base: &str, credential: &str, journal: &Journal, req: &PushRequest) -> (u16, Value) {
    let url = format!("{base}{}", journal.path());
    body(api(Client::new().post(url)).bearer_auth(credential).json(req).send().expect("sent"))
}

#[test]
fn the_server_on_postgres_answers_503_while_the_database_is_away_and_stores_the_resent_batch_once() {
    let Some(server) = scratch::postgres_or_skip("http_on_postgres") else { return };
    let _cluster = super::cluster_exclusive();
    // reqwest is built without a default crypto provider (the workspace uses ring, not aws-lc).
    let _ = rustls::crypto::ring::default_provider().install_default();
    let db = scratch::fresh_database(&server).expect("a database").as_arg();
    admin(&db, &["ward", "add", "--code", "12345", "--name", "Phường Hà Đông"]);
    let code = admin(&db, &["enroll-code", "--ward", "12345", "--desk", "A"]);
    let code = code.lines().next().expect("the code on the first line").to_string();
    let (_serving, base) = serve(&db);
    let resp = api(Client::new().post(format!("{base}/api/v1/enroll"))).json(&json!({ "code": code })).send();
    let (status, enrolled) = body(resp.expect("sent"));
    assert_eq!(status, 200, "a desk enrolls against a PostgreSQL store: {enrolled}");
    let credential = enrolled["credential"].as_str().expect("credential").to_string();

    let mut journal = Journal::new("12345", 'A');
    journal.visits(29);
    let (status, first) = push(&base, &credential, &journal, &journal.batch(1, 10));
    assert_eq!((status, first["stored"].as_u64()), (200, Some(10)), "the first batch is stored: {first}");

    // Every backend of the database terminated between two batches: the pool replaces them.
    let mut admin_conn = postgres::Client::connect(&db, postgres::NoTls).expect("admin connection");
    admin_conn
        .batch_execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
             WHERE datname = current_database() AND pid <> pg_backend_pid()",
        )
        .expect("backends terminated");
    drop(admin_conn);
    let (status, second) = push(&base, &credential, &journal, &journal.batch(11, 20));
    assert_eq!(
        (status, second["stored"].as_u64()),
        (200, Some(10)),
        "broken connections are replaced: {second}"
    );

    if let Ok(ctl) = std::env::var("TIEPDAN_TEST_POSTGRES_CTL") {
        assert!(Command::new(&ctl).arg("stop").status().expect("runs").success(), "the cluster stops");
        let (status, away) = push(&base, &credential, &journal, &journal.batch(21, 30));
        assert_eq!(
            status, 503,
            "a push while the database is away is answered 503, which desks retry: {away}"
        );
        assert!(Command::new(&ctl).arg("start").status().expect("runs").success(), "the cluster starts");
    } else if std::env::var(scratch::REQUIRE_POSTGRES_ENV).is_ok_and(|v| v == "1") {
        panic!("TIEPDAN_TEST_POSTGRES_CTL is required to stop and start the cluster");
    }
    let (status, resent) = push(&base, &credential, &journal, &journal.batch(21, 30));
    assert_eq!(status, 200, "the resent batch is answered once the database is back: {resent}");
    let accounted = resent["stored"].as_u64().unwrap_or(0) + resent["duplicates"].as_u64().unwrap_or(0);
    assert_eq!(accounted, 10, "every event of the resent batch is stored or found stored: {resent}");
    assert_eq!(resent["hwm"], 30, "nothing lost");
    let checked = admin(&db, &["check"]);
    assert!(checked.contains("30 sự kiện"), "`tiepdan-server check` finds every event once: {checked}");
}
