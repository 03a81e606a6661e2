//! `copy` from a SQLite store into PostgreSQL keeps every row: the copy answers as the original,
//! passes the invariant checker, and keeps working (tokens, new credentials, new forks).

use super::{enroll, fresh_store};
use crate::support::{visit, Journal};
use std::sync::Arc;
use tiepdan_domain::clock::SystemClock;
use tiepdan_domain::event::EventBody;
use tiepdan_protocol::ReferenceKind;
use tiepdan_server::error::Error;
use tiepdan_server::invariants::check_store;
use tiepdan_server::store::{copy, scratch, Credential, Store};

/// A visit recorded as a proposal, then amended into a denunciation: the district redacts it.
fn protected_later(journal: &mut Journal) {
    let recorded = visit("Bùi Văn Kín", Some("proposal"));
    let EventBody::VisitRecorded(v) = &recorded else { panic!("a visit record") };
    let (id, mut details) = (v.id, v.details.clone());
    journal.append(recorded);
    details.petition = Some(
        serde_json::from_value(serde_json::json!({ "kind": "denunciation", "field": "land" }))
            .expect("petition"),
    );
    journal.append(EventBody::VisitAmended { visit_id: id, details, reason: "Phân loại lại".into() });
}

/// A SQLite store holding a bit of everything: wards, desks, credentials (one revoked), events, a
/// redacted protected visit, a repeat link, a reception session, a fork in quarantine, feed entries, users and a session.
fn populated_sqlite(dir: &std::path::Path) -> (Store, String, Credential, Journal) {
    let store = Store::open(&dir.join("server.db"), Arc::new(SystemClock)).expect("sqlite store");
    store.add_ward("12345", "Phường Hà Đông").expect("ward");
    store.add_ward("67890", "Phường Kiến Hưng").expect("ward");
    let (token, cred) = enroll(&store, "12345", "A");
    enroll(&store, "67890", "B");
    store.revoke_desk("67890", "B").expect("revoked");
    let mut journal = Journal::new("12345", 'A');
    journal.visits(5);
    protected_later(&mut journal);
    journal.visits(3);
    // A repeat link: the reports' matters (issue 17).
    let visit_id = |i: usize| match journal.events[i].body().expect("a body") {
        EventBody::VisitRecorded(v) => v.id,
        other => panic!("a visit record, not {other:?}"),
    };
    let (earlier, later) = (visit_id(1), visit_id(2));
    journal.append(EventBody::RepeatLinked(tiepdan_domain::results::RepeatLink {
        visit_id: later,
        earlier_visit_id: earlier,
    }));
    let session = serde_json::json!({ "kind": "session_planned", "body": {
        "id": uuid::Uuid::now_v7(), "planned_on": "2026-11-26", "sat": "head"
    }});
    journal.append(serde_json::from_value(session).expect("a session planned"));
    let n = journal.events.len() as u64;
    store.push(&cred, journal.stream, &journal.batch(1, n)).expect("pushed");

    let mut forked = Journal::new("12345", 'A');
    forked.visits(2);
    store.push(&cred, forked.stream, &forked.batch(1, 3)).expect("pushed");
    let mut other = Journal { stream: forked.stream, events: forked.events[..2].to_vec() };
    other.append(visit("Trần Thị Khác", None));
    let fork = store.push(&cred, other.stream, &other.batch(3, 3));
    assert!(matches!(fork, Err(Error::Fork { seq: 3 })), "a differing resend is a fork: {fork:?}");

    store
        .set_reference(ReferenceKind::Agencies, None, &serde_json::json!([{ "name": "UBND" }]))
        .expect("feed");
    store
        .set_reference(ReferenceKind::Holidays, Some("12345"), &serde_json::json!({ "d": 1 }))
        .expect("feed");
    store.add_user("quan.tri", "mat-khau-dai-1").expect("user");
    store.open_session("quan.tri", chrono::Duration::hours(1)).expect("session");
    store.add_user("cu.nhan.vien", "mat-khau-dai-2").expect("user");
    store.remove_user("cu.nhan.vien").expect("removed");
    (store, token, cred, journal)
}

#[test]
fn a_sqlite_store_copied_into_postgres_answers_the_same_and_keeps_working() {
    let Some(server) = scratch::postgres_or_skip("copy_from_sqlite") else { return };
    let _cluster = super::cluster_shared();
    let dir = tempfile::tempdir().expect("temp dir");
    let (sqlite, token, cred, journal) = populated_sqlite(dir.path());
    let pg = fresh_store(&server);

    let report = copy::copy(&sqlite, &pg).expect("the copy into an empty database succeeds");
    assert!(report.iter().all(|(_, rows)| *rows > 0), "every table had rows to copy: {report:?}");
    let checked = check_store(&pg).unwrap_or_else(|p| panic!("the copy breaks invariants: {p:#?}"));
    assert_eq!(checked.quarantined_versions, 1, "the fork came along");

    assert_eq!(json(pg.wards().expect("pg")), json(sqlite.wards().expect("sqlite")), "wards agree");
    assert_eq!(json(pg.quarantine().expect("pg")), json(sqlite.quarantine().expect("sqlite")), "forks agree");
    assert_eq!(
        pg.feed("12345", 0, 100).expect("pg"),
        sqlite.feed("12345", 0, 100).expect("sqlite"),
        "feed agrees"
    );
    assert_eq!(
        pg.stream_events(&cred, journal.stream, 0, 100).expect("pg"),
        sqlite.stream_events(&cred, journal.stream, 0, 100).expect("sqlite"),
        "a desk restoring its journal gets the same events, redactions included"
    );
    assert!(
        !pg.backend().holds_text("Bùi Văn Kín").expect("searched"),
        "the redacted identity did not come back"
    );
    assert!(pg.backend().holds_text("Nguyễn Văn 1").expect("searched"), "the search finds what is there");

    assert_eq!(pg.authenticate(&token).expect("the copied token authenticates"), cred, "the same desk");
    assert!(pg.password_hash("quan.tri").expect("read").is_some(), "accounts came along");
    assert!(pg.password_hash("cu.nhan.vien").expect("read").is_none(), "a removed account stays removed");

    let (_, newer) = enroll(&pg, "67890", "C");
    assert_eq!(newer.desk, 'C', "a credential made after the copy does not collide with a copied id");
    let mut forked = Journal::new("67890", 'C');
    forked.visits(1);
    pg.push(&newer, forked.stream, &forked.batch(1, 2)).expect("pushed");
    let mut other = Journal { stream: forked.stream, events: forked.events[..1].to_vec() };
    other.append(visit("Lê Văn Mới", None));
    let fork = pg.push(&newer, other.stream, &other.batch(2, 2));
    assert!(
        matches!(fork, Err(Error::Fork { seq: 2 })),
        "a new fork is quarantined, not a key clash: {fork:?}"
    );
    assert_eq!(pg.quarantine().expect("forks").len(), 2, "both forks are on record");
    check_store(&pg).unwrap_or_else(|p| panic!("invariants broken after use: {p:#?}"));

    let again = copy::copy(&sqlite, &pg);
    assert!(
        matches!(again, Err(Error::BadRequest(_))),
        "a copy into a non-empty store is refused: {again:?}"
    );
}

/// Reports compared as JSON: they are `Serialize` but not `PartialEq`.
fn json<T: serde::Serialize>(value: T) -> serde_json::Value {
    serde_json::to_value(value).expect("serialisable")
}
