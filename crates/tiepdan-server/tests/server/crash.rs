//! kill -9 of the server in the middle of a batch: nothing lost, nothing doubled after restart.

use crate::support::{push, Journal, Server};
use std::io::Write;
use std::net::TcpStream;

#[test]
fn a_server_killed_mid_batch_restarts_with_all_or_nothing_and_the_resend_completes_it() {
    let mut server = Server::start();
    let cred = server.enroll("12345", "A");
    let mut journal = Journal::new("12345", 'A');
    journal.visits(999);
    assert_eq!(push(&server, &cred, &journal.path(), &journal.batch(1, 200)).0, 200);
    let mut hwm = 200;
    for _ in 0..3 {
        let (from, to) = (hwm + 1, hwm + 200);
        let body = serde_json::to_vec(&journal.batch(from, to)).expect("json");
        let addr = server.base.trim_start_matches("http://").to_string();
        let mut conn = TcpStream::connect(&addr).expect("connected");
        let head = format!(
            "POST {} HTTP/1.1\r\nhost: {addr}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\
             authorization: Bearer {cred}\r\n{}: {}\r\n\r\n",
            journal.path(),
            body.len(),
            tiepdan_protocol::VERSION_HEADER,
            tiepdan_protocol::PROTOCOL_VERSION
        );
        conn.write_all(head.as_bytes()).expect("head sent");
        conn.write_all(&body).expect("body sent");
        // Killed while the batch is in flight: the answer is never read.
        server.kill();
        server.spawn();
        let report = server.check();
        let after = report.streams[&journal.stream.to_string()].hwm;
        assert!(after == hwm || after == to, "a batch is all or nothing: {hwm} → {after}");
        hwm = after;
    }
    let (status, done) = push(&server, &cred, &journal.path(), &journal.batch(201, 1000));
    assert_eq!(status, 200, "{done}");
    assert_eq!(done["hwm"], 1000);
    let report = server.check();
    assert_eq!(report.events, 1000, "nothing lost, nothing doubled");
}
