use crate::common::{desk, draft};
use rusqlite::Connection;
use tiepdan_domain::event::EventBody;

#[test]
fn every_change_is_journaled_and_the_chain_verifies() {
    let mut d = desk();
    let v = d.register.record_visit(&acting!(d), draft("Bùi Thị Mai", "Phản ánh rác thải")).unwrap();
    d.register
        .amend_visit(&acting!(d), v.id, draft("Bùi Thị Mai", "Phản ánh rác thải sinh hoạt"), "Bổ sung")
        .unwrap();
    d.register.cancel_visit(&acting!(d), v.id, "Công dân rút đơn").unwrap();
    let report = d.register.verify().unwrap();
    assert!(report.is_intact(), "{report:?}");
    assert_eq!(report.events, 6, "stream start, ward, officer, recorded, amended, cancelled");

    let stream = d.register.current_stream().unwrap();
    let events = d.register.events_after(stream.id, 0, 100).unwrap();
    let kinds: Vec<_> = events.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(
        kinds,
        [
            "stream_started",
            "ward_configured",
            "officer_added",
            "visit_recorded",
            "visit_amended",
            "visit_cancelled"
        ]
    );
    assert!(events.iter().zip(1..).all(|(e, seq)| e.seq == seq && e.payload_is_consistent()));
    assert_eq!(events.last().unwrap().chain_hash, stream.head);
    assert_eq!(d.register.events_after(stream.id, 4, 1).unwrap()[0].seq, 5, "paging resumes after a seq");
    assert!(matches!(events[0].body().unwrap(), EventBody::StreamStarted { epoch: 1, desk: 'A', .. }));
}

#[test]
fn the_journal_refuses_updates_and_deletes() {
    let d = desk();
    let conn = Connection::open(d.path()).unwrap();
    let update = conn.execute("UPDATE events SET kind = 'x' WHERE seq = 1", []);
    assert!(update.unwrap_err().to_string().contains("append-only"));
    let delete = conn.execute("DELETE FROM events", []);
    assert!(delete.unwrap_err().to_string().contains("append-only"));
}

#[test]
fn an_event_edited_directly_in_sqlite_is_reported_with_its_seq() {
    let mut d = desk();
    for name in ["Ngô Văn Bảo", "Trịnh Thị Cúc", "Lý Văn Đạt"] {
        d.register.record_visit(&acting!(d), draft(name, "Hỏi thủ tục hành chính")).unwrap();
    }
    // Someone with the file and the sqlite3 tool: drops the guard, rewrites a visit's payload.
    let conn = Connection::open(d.path()).unwrap();
    conn.execute_batch("DROP TRIGGER events_are_never_updated").unwrap();
    let changed = conn
        .execute(
            "UPDATE events SET payload = CAST(replace(CAST(payload AS TEXT), 'Trịnh Thị Cúc', 'Trịnh Thị Cục')
             AS BLOB) WHERE seq = 5",
            [],
        )
        .unwrap();
    assert_eq!(changed, 1);

    let report = d.register.verify().unwrap();
    let broken = report.broken.expect("an edited event must be reported");
    assert_eq!(broken.seq, 5, "the first broken link is the edited event: {}", broken.problem);
    assert!(broken.problem.contains("altered"), "{}", broken.problem);
    assert_eq!(broken.stream, d.register.current_stream().unwrap().id);
}

#[test]
fn a_missing_event_is_reported_as_a_gap() {
    let mut d = desk();
    d.register.record_visit(&acting!(d), draft("Ngô Văn Bảo", "Hỏi thủ tục")).unwrap();
    d.register.record_visit(&acting!(d), draft("Lý Văn Đạt", "Hỏi thủ tục")).unwrap();
    let conn = Connection::open(d.path()).unwrap();
    conn.execute_batch("DROP TRIGGER events_are_never_deleted; DELETE FROM events WHERE seq = 4").unwrap();
    let broken = d.register.verify().unwrap().broken.expect("a gap must be reported");
    assert_eq!(broken.seq, 5);
    assert!(broken.problem.contains("event 4 is missing"), "{}", broken.problem);
}
