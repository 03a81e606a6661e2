//! `tiepdan doctor`: a sound register passes; a tampered journal or a damaged file fails with the
//! place in words.

use crate::desk::{an_visit, Desk};
use serde_json::Value;

#[test]
fn doctor_passes_a_sound_register() {
    let desk = Desk::ready();
    desk.add_visit(&an_visit());
    let text = desk.ok(&["doctor"]);
    assert!(text.contains("ok"), "says it is sound: {text}");
    let report: Value = serde_json::from_str(&desk.ok(&["doctor", "--json"])).expect("doctor --json");
    assert_eq!(report["ok"], true);
    assert_eq!(report["sqlite"], "ok");
    assert!(report["events"].as_u64().unwrap_or(0) >= 4, "ward, officer, duty and visit events: {report}");
}

/// Rewrites a recorded visit's payload behind the register's back, as a tamperer with the file would;
/// returns the seq of the edited event.
fn tamper_with_the_recorded_visit(desk: &Desk) -> i64 {
    let conn = rusqlite::Connection::open(desk.register_file()).expect("open the register file directly");
    conn.execute_batch("DROP TRIGGER events_are_never_updated").expect("drop the append-only trigger");
    let seq: i64 = conn
        .query_row("SELECT seq FROM events WHERE kind = 'visit_recorded'", [], |r| r.get(0))
        .expect("the visit's event");
    let changed = conn
        .execute(
            "UPDATE events
             SET payload = CAST(replace(CAST(payload AS TEXT), 'Nguyễn Văn An', 'Nguyễn Văn Ân') AS BLOB)
             WHERE seq = ?1",
            [seq],
        )
        .expect("edit the payload");
    assert_eq!(changed, 1);
    seq
}

#[test]
fn doctor_fails_and_names_the_seq_of_an_event_edited_directly_in_sqlite() {
    let desk = Desk::ready();
    desk.add_visit(&an_visit());
    let seq = tamper_with_the_recorded_visit(&desk);
    let run = desk.run(&["doctor"]);
    assert_eq!(run.code, 5, "a broken chain exits 5; stderr: {}", run.stderr);
    assert!(run.stderr.contains(&format!("seq {seq}")), "says where it breaks: {}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1, "one line: {}", run.stderr);
    let json = desk.run(&["doctor", "--json"]);
    assert_eq!(json.code, 5);
    let report: Value =
        serde_json::from_str(&json.stdout).expect("the JSON report is printed even when broken");
    assert_eq!(report["ok"], false);
    assert_eq!(report["broken"]["seq"], seq);
}

#[test]
fn doctor_reports_a_file_that_is_not_a_database() {
    let desk = Desk::ready();
    std::fs::write(desk.register_file(), b"this is not an SQLite file at all, just text").expect("overwrite");
    let run = desk.run(&["doctor"]);
    assert_eq!(run.code, 5, "a damaged file exits 5; stderr: {}", run.stderr);
    assert!(run.stderr.contains("damaged"), "in words: {}", run.stderr);
}
