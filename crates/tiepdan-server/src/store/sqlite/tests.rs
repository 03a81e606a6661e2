//! The SQLite back end's own tests: reads beside the writer, and upgrades of older stores.

use super::*;
use crate::store::Backend;

fn calendar() -> Calendar {
    Calendar {
        today: "2026-12-06".into(),
        month_start: "2026-12-01".into(),
        next_month_start: "2027-01-01".into(),
    }
}

#[test]
fn the_dashboard_and_lookups_answer_while_a_push_holds_the_writer() {
    let dir = tempfile::tempdir().unwrap();
    let db = Sqlite::open(&dir.path().join("server.db"), 4, Utc::now()).unwrap();
    db.insert_ward("12345", "Phường Hà Đông", Utc::now()).unwrap();
    // A push in progress: the writer's mutex held, inside an uncommitted write transaction.
    let writer = db.writer();
    writer
        .execute_batch(
            "BEGIN IMMEDIATE; INSERT INTO wards (code, name, created_at) VALUES ('67890', 'Mới', 'x')",
        )
        .unwrap();
    let (done, finished) = std::sync::mpsc::channel();
    let read = std::thread::scope(|s| {
        s.spawn(|| {
            let wards = db.wards(&calendar()).expect("the dashboard reads beside the writer");
            let unknown = db.credential("no such token").expect("a look-up reads beside the writer");
            done.send((wards.len(), unknown.is_none())).unwrap();
        });
        // A read that needed the writer would never finish while this thread holds it; the
        // writer is let go either way so a failing test ends instead of hanging.
        let read = finished.recv_timeout(std::time::Duration::from_secs(60));
        drop(writer);
        read
    });
    assert_eq!(read, Ok((1, true)), "reads finish without the writer, and see only what was committed");
}

#[test]
fn a_store_from_before_the_review_counter_counts_its_reviewed_events_once_upgraded() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("server.db");
    {
        let conn = Connection::open(&path).unwrap();
        for sql in &MIGRATIONS[..4] {
            conn.execute_batch(sql).unwrap();
        }
        conn.pragma_update(None, "user_version", 4).unwrap();
        conn.execute_batch(
            "INSERT INTO wards VALUES ('12345', 'Phường Hà Đông', 't');
             INSERT INTO desks VALUES ('12345', 'A', 't');
             INSERT INTO streams (stream, ward_code, desk, hwm, head, first_push_at, last_push_at)
                 VALUES ('s1', '12345', 'A', 3, 'h', 't', 't');
             INSERT INTO events (stream, seq, event_id, kind, recorded_at, payload, payload_hash, chain_hash,
                                 review, received_at)
                 VALUES ('s1', 1, 'e1', 'k', 't', '{}', 'p', 'c', NULL, 't'),
                        ('s1', 2, 'e2', 'k', 't', '{}', 'p', 'c', 'lạ', 't'),
                        ('s1', 3, 'e3', 'k', 't', '{}', 'p', 'c', 'lạ nữa', 't');",
        )
        .unwrap();
    }
    let db = Sqlite::open(&path, 2, Utc::now()).unwrap();
    let wards = db.wards(&calendar()).unwrap();
    assert_eq!(wards[0].events_for_review, 2, "the two events held for review are counted by the upgrade");
    assert_eq!(wards[0].events_stored, 3);
}

#[test]
fn a_store_from_before_petition_sources_projects_its_visits_field_and_mode_once_upgraded() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("server.db");
    {
        let conn = Connection::open(&path).unwrap();
        for sql in &MIGRATIONS[..5] {
            conn.execute_batch(sql).unwrap();
        }
        conn.pragma_update(None, "user_version", 5).unwrap();
        let recorded = r#"{"kind":"visit_recorded","body":{"id":"v1","reception":"regular",
            "petition":{"kind":"complaint","field":"housing","signatories":2}}}"#;
        let amended = r#"{"kind":"visit_amended","body":{"visit_id":"v1","details":{
            "reception":"leader_periodic","petition":{"kind":"complaint","field":"land",
            "signatories":2,"stage":"resolved_once","eligible":false}}}}"#;
        let no_petition =
            r#"{"kind":"visit_recorded","body":{"id":"v2","reception":"regular","petition":null}}"#;
        conn.execute_batch(
            "INSERT INTO wards VALUES ('12345', 'Phường Hà Đông', 't');
             INSERT INTO desks VALUES ('12345', 'A', 't');
             INSERT INTO streams (stream, ward_code, desk, hwm, head, first_push_at, last_push_at)
                 VALUES ('s1', '12345', 'A', 3, 'h', 't', 't');
             INSERT INTO visits (visit_id, ward_code, desk, stream, seq, status, updated_seq)
                 VALUES ('v1', '12345', 'A', 's1', 1, 'active', 2), ('v2', '12345', 'A', 's1', 3, 'active', 3);",
        )
        .unwrap();
        for (seq, kind, payload) in [
            (1, "visit_recorded", recorded),
            (2, "visit_amended", amended),
            (3, "visit_recorded", no_petition),
        ] {
            conn.execute(
                "INSERT INTO events (stream, seq, event_id, kind, recorded_at, payload, payload_hash,
                                     chain_hash, received_at)
                 VALUES ('s1', ?1, ?2, ?3, 't', ?4, 'p', 'c', 't')",
                rusqlite::params![seq, format!("e{seq}"), kind, payload],
            )
            .unwrap();
        }
        conn.execute_batch(
            "INSERT INTO visit_events VALUES ('v1', 's1', 1), ('v1', 's1', 2), ('v2', 's1', 3)",
        )
        .unwrap();
    }
    let db = Sqlite::open(&path, 2, Utc::now()).unwrap();
    let read = |visit: &str| {
        db.writer()
            .query_row(
                "SELECT source, petition_field, signatories, stage, eligible, reception FROM visits
                 WHERE visit_id = ?1",
                [visit],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, Option<String>>(1)?,
                        r.get::<_, Option<i64>>(2)?,
                        r.get::<_, Option<String>>(3)?,
                        r.get::<_, Option<i64>>(4)?,
                        r.get::<_, Option<String>>(5)?,
                    ))
                },
            )
            .unwrap()
    };
    assert_eq!(
        read("v1"),
        (
            "desk".into(),
            Some("land".into()),
            Some(2),
            Some("resolved_once".into()),
            Some(0),
            Some("leader_periodic".into())
        ),
        "the latest details (the amendment) are projected"
    );
    assert_eq!(
        read("v2"),
        ("desk".into(), None, None, None, None, Some("regular".into())),
        "no petition: no field, count or eligibility"
    );
}

#[test]
fn a_store_from_before_district_reports_backfills_decisions_answers_and_links_once_upgraded() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("server.db");
    {
        let conn = Connection::open(&path).unwrap();
        for sql in &MIGRATIONS[..6] {
            conn.execute_batch(sql).unwrap();
        }
        conn.pragma_update(None, "user_version", 6).unwrap();
        conn.execute_batch(
            "INSERT INTO wards VALUES ('12345', 'Phường Hà Đông', 't');
             INSERT INTO desks VALUES ('12345', 'A', 't');
             INSERT INTO streams (stream, ward_code, desk, hwm, head, first_push_at, last_push_at)
                 VALUES ('s1', '12345', 'A', 9, 'h', 't', 't');
             INSERT INTO visits (visit_id, ward_code, desk, stream, seq, status, updated_seq)
                 VALUES ('v1', '12345', 'A', 's1', 1, 'active', 1), ('v2', '12345', 'A', 's1', 2, 'active', 2);",
        )
        .unwrap();
        // v1: accepted, then the decision replaced by a refusal at the second level; transferred,
        // answered, transferred again (the answer was to the first transfer), then resolved. v2: a
        // repeat of v1 whose other end was withheld.
        let events = [
            (3, "petition_accepted", r#"{"body":{"visit_id":"v1","on":"2026-01-05","accepted":true}}"#, "v1"),
            (
                4,
                "petition_accepted",
                r#"{"body":{"visit_id":"v1","on":"2026-01-06","accepted":false,"variant":{"level":"second"}}}"#,
                "v1",
            ),
            (5, "petition_transferred", r#"{"body":{"visit_id":"v1","on":"2026-01-07","to":"X"}}"#, "v1"),
            (6, "transfer_answered", r#"{"body":{"visit_id":"v1","on":"2026-01-08","answer":""}}"#, "v1"),
            (
                7,
                "petition_resolved",
                r#"{"body":{"visit_id":"v1","on":"2026-02-01","outcome":"wrong"}}"#,
                "v1",
            ),
            (8, "repeat_linked", r#"{"body":{"visit_id":"v2","earlier_visit_id":null}}"#, "v2"),
            (9, "petition_transferred", r#"{"body":{"visit_id":"v2","on":"2026-02-03","to":"Y"}}"#, "v2"),
        ];
        for (seq, kind, payload, visit) in events {
            conn.execute(
                "INSERT INTO events (stream, seq, event_id, kind, recorded_at, payload, payload_hash,
                                     chain_hash, received_at)
                 VALUES ('s1', ?1, ?2, ?3, 't', ?4, 'p', 'c', ?5)",
                rusqlite::params![seq, format!("e{seq}"), kind, payload, format!("2026-03-01T00:00:0{seq}Z")],
            )
            .unwrap();
            conn.execute("INSERT INTO visit_events VALUES (?1, 's1', ?2)", rusqlite::params![visit, seq])
                .unwrap();
        }
    }
    let db = Sqlite::open(&path, 2, Utc::now()).unwrap();
    let read = |visit: &str| {
        db.writer()
            .query_row(
                "SELECT level, accepted_on, transferred_on, answered_on, resolved_on, outcome FROM visits
                 WHERE visit_id = ?1",
                [visit],
                |r| (0..6).map(|i| r.get::<_, Option<String>>(i)).collect::<rusqlite::Result<Vec<_>>>(),
            )
            .unwrap()
    };
    let some = |s: &str| Some(s.to_string());
    assert_eq!(
        read("v1"),
        vec![some("second"), None, some("2026-01-07"), some("2026-01-08"), some("2026-02-01"), some("wrong")],
        "the latest decision (a refusal: no acceptance day), the answer to the transfer in force, the resolution"
    );
    assert_eq!(read("v2")[3], None, "no answer yet to v2's transfer");
    let links: Vec<(String, String, Option<String>)> = db
        .writer()
        .prepare("SELECT ward_code, visit_id, earlier_visit_id FROM repeat_links")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(
        links,
        vec![("12345".into(), "v2".into(), None)],
        "a withheld link: a repeat of an unknown visit"
    );
}
