//! Resource controls: slow clients are cut off, the open enrollment takes little, made-up streams
//! leave nothing behind, and connections beyond the limit are closed.

use crate::support::{api, body, push, Journal, Server};
use reqwest::blocking::Client;
use serde_json::{json, Value};
use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::time::Duration;
use tiepdan_domain::ids::StreamId;
use tiepdan_protocol::{PushRequest, PROTOCOL_VERSION, VERSION_HEADER};

fn addr(server: &Server) -> String {
    server.base.trim_start_matches("http://").to_string()
}

/// Everything the server sends until it closes the connection. The read timeout only keeps a
/// broken server from hanging the test; it is far beyond the limits the tests set.
fn until_closed(stream: &mut TcpStream) -> String {
    stream.set_read_timeout(Some(Duration::from_secs(60))).expect("timeout set");
    let mut seen = Vec::new();
    match stream.read_to_end(&mut seen) {
        Ok(_) => {}
        Err(e) if e.kind() == ErrorKind::ConnectionReset => {}
        Err(e) => panic!("the server kept the connection open: {e}"),
    }
    String::from_utf8_lossy(&seen).into_owned()
}

#[test]
fn a_client_that_never_finishes_its_headers_is_cut_off() {
    let server = Server::start_serving(&["--header-timeout", "1s"]);
    let mut slow = TcpStream::connect(addr(&server)).expect("connected");
    slow.write_all(b"GET /api/v1/health HTTP/1.1\r\nHost: quan\r\nX-Slow: ").expect("written");
    let answer = until_closed(&mut slow);
    assert!(!answer.contains(" 200 "), "the half-sent request was never served: {answer}");
}

#[test]
fn a_request_whose_body_never_arrives_is_answered_503() {
    let server = Server::start_serving(&["--request-timeout", "1s"]);
    let mut slow = TcpStream::connect(addr(&server)).expect("connected");
    let head = format!(
        "POST /api/v1/enroll HTTP/1.1\r\nHost: quan\r\n{VERSION_HEADER}: {PROTOCOL_VERSION}\r\n\
         Content-Type: application/json\r\nContent-Length: 60\r\nConnection: close\r\n\r\n{{\"code\":"
    );
    slow.write_all(head.as_bytes()).expect("written");
    let answer = until_closed(&mut slow);
    assert!(answer.starts_with("HTTP/1.1 503"), "the server gives up on the body: {answer}");
}

#[test]
fn an_oversized_enrollment_body_is_refused_with_413() {
    let server = Server::start();
    let big = json!({ "code": "A".repeat(2000) });
    let (status, e) =
        body(api(Client::new().post(server.url("/api/v1/enroll"))).json(&big).send().expect("sent"));
    assert_eq!(
        (status, e["code"].as_str()),
        (413, Some("too_large")),
        "anyone may call it, so it reads little"
    );
}

#[test]
fn a_wrong_code_is_refused_while_the_store_is_busy_writing() {
    // SQLite only, on every run: its one write lock, held here by another process, is what a
    // refusal must not wait for; PostgreSQL has no store-wide write lock to hold.
    let server = Server::start_on_sqlite();
    let code = server.admin(&["enroll-code", "--ward", "12345", "--desk", "A"]);
    let code = code.lines().next().expect("code").to_string();
    let writer = rusqlite::Connection::open(server.sqlite_file()).expect("opened");
    writer.execute_batch("BEGIN IMMEDIATE").expect("the write lock is held by another process");
    let redeem = |code: &str| {
        body(
            api(Client::new().post(server.url("/api/v1/enroll")))
                .json(&json!({ "code": code }))
                .send()
                .expect("sent"),
        )
    };
    for wrong in ["AAAA-BBBB-CCCC", "nonsense", ""] {
        let (status, e) = redeem(wrong);
        assert_eq!(
            (status, e["code"].as_str()),
            (403, Some("enrollment_refused")),
            "{wrong:?} is refused by a read, without waiting for the write lock"
        );
    }
    writer.execute_batch("ROLLBACK").expect("released");
    assert_eq!(redeem(&code).0, 200, "a right code still works");
}

#[test]
fn pushes_to_made_up_streams_leave_no_stream_behind() {
    let server = Server::start();
    let cred = server.enroll("12345", "A");
    for _ in 0..20 {
        let path = tiepdan_protocol::paths::stream_events(&StreamId::new().to_string());
        let empty = PushRequest { local_max_seq: 0, events: vec![] };
        let (status, answer) = push(&server, &cred, &path, &empty);
        assert_eq!(
            (status, answer["hwm"].as_u64()),
            (200, Some(0)),
            "an empty stream, as far as the desk can tell"
        );
    }
    let wards: Value = serde_json::from_str(&server.admin(&["wards", "--json"])).expect("json");
    let streams: usize =
        wards.as_array().expect("wards").iter().map(|w| w["streams"].as_array().map_or(0, Vec::len)).sum();
    assert_eq!(streams, 0, "no stream was created for nothing");
}

#[test]
fn a_desk_cannot_open_more_than_64_streams() {
    let server = Server::start();
    let cred = server.enroll("12345", "A");
    for n in 0..64 {
        let journal = Journal::new("12345", 'A');
        assert_eq!(push(&server, &cred, &journal.path(), &journal.batch(1, 1)).0, 200, "stream {n} opens");
    }
    let one_too_many = Journal::new("12345", 'A');
    let (status, e) = push(&server, &cred, &one_too_many.path(), &one_too_many.batch(1, 1));
    assert_eq!((status, e["code"].as_str()), (400, Some("bad_request")));
    assert!(
        e["message"].as_str().unwrap_or_default().contains("cấp trên"),
        "the desk is told whom to ask: {e}"
    );
    assert_eq!(server.check().events, 64);
}

fn health_on(stream: &mut TcpStream) -> String {
    stream.set_read_timeout(Some(Duration::from_secs(60))).expect("timeout set");
    stream.write_all(b"GET /api/v1/health HTTP/1.1\r\nHost: quan\r\n\r\n").expect("written");
    let mut buf = [0u8; 4096];
    let n = stream.read(&mut buf).unwrap_or(0);
    String::from_utf8_lossy(&buf[..n]).into_owned()
}

#[test]
fn connections_beyond_the_limit_are_closed_and_those_admitted_keep_working() {
    let server = Server::start_serving(&["--max-connections", "2"]);
    let mut first = TcpStream::connect(addr(&server)).expect("connected");
    let mut second = TcpStream::connect(addr(&server)).expect("connected");
    assert!(health_on(&mut first).starts_with("HTTP/1.1 200"), "the first connection is served");
    assert!(health_on(&mut second).starts_with("HTTP/1.1 200"), "the second connection is served");
    let mut third = TcpStream::connect(addr(&server)).expect("the kernel still accepts");
    let _ = third.write_all(b"GET /api/v1/health HTTP/1.1\r\nHost: quan\r\n\r\n");
    let answer = until_closed(&mut third);
    assert!(answer.is_empty(), "a third connection is closed unanswered: {answer}");
    assert!(health_on(&mut first).starts_with("HTTP/1.1 200"), "the admitted ones go on working");
}
