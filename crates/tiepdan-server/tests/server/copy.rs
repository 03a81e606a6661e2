//! `tiepdan-server copy` as an operator runs it: a SQLite store that served a ward moves into an
//! empty store (another SQLite file always; a PostgreSQL database when the run has a cluster), the
//! copy passes `check`, refuses a second copy on top, and the same desk goes on pushing to it with
//! its old credential from where it stopped.

use crate::support::{push, visit, Journal, Server, BIN};
use std::process::Command;
use tiepdan_server::store::{scratch, Location};

fn run(args: &[&str]) -> (bool, String) {
    let out = Command::new(BIN).args(args).output().expect("tiepdan-server runs");
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    (out.status.success(), text)
}

fn moves_a_served_store_to(target: Location) {
    let mut server = Server::start_on_sqlite();
    let cred = server.enroll("12345", "A");
    let mut journal = Journal::new("12345", 'A');
    journal.visits(4);
    assert_eq!(push(&server, &cred, &journal.path(), &journal.batch(1, 5)).0, 200);
    // A fork kept for review must travel too, and its stream stay frozen.
    let other = server.enroll("67890", "B");
    let mut forked = Journal::new("67890", 'B');
    forked.visits(1);
    assert_eq!(push(&server, &other, &forked.path(), &forked.batch(1, 2)).0, 200);
    let mut copy = Journal { stream: forked.stream, events: forked.events[..1].to_vec() };
    copy.append(visit("Trần Thị Khác", Some("proposal")));
    assert_eq!(push(&server, &other, &copy.path(), &copy.batch(2, 2)).0, 409);
    server.kill();

    let source = format!("sqlite:{}", server.sqlite_file().display());
    let (ok, said) = run(&["copy", "--from", &source, "--to", &target.as_arg()]);
    assert!(ok, "the copy succeeds: {said}");
    assert!(said.contains("events: 7"), "every event is copied: {said}");
    assert!(said.contains("đã chép xong và kiểm tra: 2 luồng, 7 sự kiện"), "and checked: {said}");
    let (ok, said) = run(&["--db", &target.as_arg(), "check"]);
    assert!(
        ok && said.contains("ổn: 2 luồng, 7 sự kiện, 1 bản bị tạm giữ"),
        "check passes on the copy: {said}"
    );
    let (ok, said) = run(&["copy", "--from", &source, "--to", &target.as_arg()]);
    assert!(!ok && said.contains("kho đích đã có dữ liệu"), "a second copy on top is refused: {said}");

    // The server now serves the copy: the desk's credential still works and its stream goes on.
    server.db = target;
    server.spawn();
    journal.visits(2);
    let (status, answer) = push(&server, &cred, &journal.path(), &journal.batch(4, 7));
    assert_eq!(status, 200, "the old credential pushes to the copy: {answer}");
    assert_eq!((answer["hwm"].as_u64(), answer["stored"].as_u64()), (Some(7), Some(2)), "{answer}");
    assert_eq!(push(&server, &other, &copy.path(), &copy.batch(2, 2)).0, 409, "the fork is still frozen");
    let another = server.enroll("12345", "C");
    assert!(another.starts_with("tdc_"), "a new enrollment after the copy gets a fresh credential");
    assert_eq!(server.check().events, 9);
}

#[test]
fn a_sqlite_store_copied_into_another_file_serves_the_same_desks() {
    let dir = tempfile::tempdir().unwrap();
    moves_a_served_store_to(Location::Sqlite(dir.path().join("copy.db")));
}

#[test]
fn a_sqlite_store_copied_into_postgresql_serves_the_same_desks() {
    let Some(cluster) =
        scratch::postgres_or_skip("a_sqlite_store_copied_into_postgresql_serves_the_same_desks")
    else {
        return;
    };
    moves_a_served_store_to(scratch::fresh_database(&cluster).expect("a fresh database"));
}
