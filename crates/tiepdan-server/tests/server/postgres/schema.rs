//! The PostgreSQL schema's migrations: two servers starting together on an empty database both
//! come up on one schema, a database newer than the binary is refused, and an older one is
//! upgraded with its projection filled in.

use std::sync::{Arc, Barrier};
use tiepdan_domain::clock::SystemClock;
use tiepdan_server::store::{scratch, Store};

#[test]
fn two_servers_migrating_one_empty_database_at_once_both_start_and_a_newer_schema_is_refused() {
    let Some(server) = scratch::postgres_or_skip("pg_migrations") else { return };
    let _cluster = super::cluster_shared();
    let location = scratch::fresh_database(&server).expect("a database");
    let start = Arc::new(Barrier::new(2));
    let opened: Vec<_> = (0..2)
        .map(|_| {
            let (location, start) = (location.clone(), start.clone());
            std::thread::spawn(move || {
                start.wait();
                Store::connect(&location, 2, Arc::new(SystemClock)).map(|_| ())
            })
        })
        .collect();
    for o in opened {
        let result = o.join().expect("joined");
        assert!(result.is_ok(), "both servers start: the migration lock serialises them: {result:?}");
    }
    let mut admin = postgres::Client::connect(&location.as_arg(), postgres::NoTls).expect("admin");
    let applied: i64 = admin.query_one("SELECT count(*) FROM schema_migrations", &[]).expect("read").get(0);
    assert_eq!(applied, 4, "each of the four migrations is recorded once");

    admin
        .execute("INSERT INTO schema_migrations (version, applied_at) VALUES (99, 'later')", &[])
        .expect("a future version recorded");
    let newer = Store::connect(&location, 2, Arc::new(SystemClock));
    assert!(
        newer.as_ref().err().is_some_and(|e| e.to_string().contains("newer than this server")),
        "a database migrated by a newer server is refused, not used: {:?}",
        newer.err()
    );
}

#[test]
fn a_database_from_before_petition_sources_projects_its_visits_field_and_mode_once_upgraded() {
    let Some(server) = scratch::postgres_or_skip("pg_upgrade_sources") else { return };
    let _cluster = super::cluster_shared();
    let location = scratch::fresh_database(&server).expect("a database");
    let mut admin = postgres::Client::connect(&location.as_arg(), postgres::NoTls).expect("admin");
    // The database as the issue-15 server left it: its one migration, a visit recorded and amended.
    admin.batch_execute(include_str!("../../../migrations/postgres/0001_init.sql")).expect("0001");
    let recorded = r#"{"kind":"visit_recorded","body":{"id":"v1","reception":"regular",
        "petition":{"kind":"complaint","field":"housing","signatories":2}}}"#;
    let amended = r#"{"kind":"visit_amended","body":{"visit_id":"v1","details":{"reception":"delegated",
        "petition":{"kind":"complaint","field":"land","signatories":2,"stage":"resolved_once","eligible":false}}}}"#;
    admin
        .batch_execute(
            "CREATE TABLE schema_migrations (version INT PRIMARY KEY, applied_at TEXT NOT NULL);
             INSERT INTO schema_migrations VALUES (1, 't');
             INSERT INTO wards VALUES ('12345', 'Phường Hà Đông', 't');
             INSERT INTO desks VALUES ('12345', 'A', 't');
             INSERT INTO streams (stream, ward_code, desk, hwm, head, first_push_at, last_push_at)
                 VALUES ('s1', '12345', 'A', 2, 'h', 't', 't');
             INSERT INTO visits (visit_id, ward_code, desk, stream, seq, status, updated_seq)
                 VALUES ('v1', '12345', 'A', 's1', 1, 'active', 2);",
        )
        .expect("an older store");
    for (seq, kind, payload) in [(1i64, "visit_recorded", recorded), (2, "visit_amended", amended)] {
        admin
            .execute(
                "INSERT INTO events (stream, seq, event_id, kind, recorded_at, payload, payload_hash, chain_hash,
                                     received_at)
                 VALUES ('s1', $1, $2, $3, 't', $4, 'p', 'c', 't')",
                &[&seq, &format!("e{seq}"), &kind, &payload],
            )
            .expect("an event");
        admin.execute("INSERT INTO visit_events VALUES ('v1', 's1', $1)", &[&seq]).expect("indexed");
    }
    Store::connect(&location, 2, Arc::new(SystemClock)).expect("the older database is upgraded");
    let row = admin
        .query_one(
            "SELECT source, petition_field, signatories, stage, eligible, reception FROM visits WHERE visit_id = 'v1'",
            &[],
        )
        .expect("the visit");
    let text = |i: usize| row.get::<_, Option<String>>(i);
    let number = |i: usize| row.get::<_, Option<i64>>(i);
    assert_eq!(
        (text(0), text(1), number(2), text(3), number(4), text(5)),
        (
            Some("desk".into()),
            Some("land".into()),
            Some(2),
            Some("resolved_once".into()),
            Some(0),
            Some("delegated".into())
        ),
        "the latest details (the amendment) are projected, as on SQLite"
    );
}
