//! The PostgreSQL schema's migrations: two servers starting together on an empty database both
//! come up on one schema, and a database newer than the binary is refused.

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
    assert_eq!(applied, 1, "the one migration is recorded once");

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
