//! Redaction on PostgreSQL (issue 14): a visit protected later loses its identity in every stored
//! event, in the same push, hashes kept; a later event of it is stored withheld even within the
//! same batch; and the triggers refuse any other change to a stored event.

use super::{enroll, fresh_store_at};
use crate::support::{visit, Journal};
use tiepdan_domain::event::EventBody;
use tiepdan_server::invariants::check_store;
use tiepdan_server::store::scratch;

/// Appends a visit recorded as a proposal and its amendment into a denunciation.
fn recorded_then_protected(journal: &mut Journal, name: &str) -> String {
    let recorded = visit(name, Some("proposal"));
    let EventBody::VisitRecorded(v) = &recorded else { panic!("a visit record") };
    let (id, mut details) = (v.id, v.details.clone());
    journal.append(recorded);
    details.petition = Some(
        serde_json::from_value(serde_json::json!({ "kind": "denunciation", "field": "land" }))
            .expect("petition"),
    );
    journal.append(EventBody::VisitAmended { visit_id: id, details, reason: "Phân loại lại".into() });
    id.to_string()
}

#[test]
fn a_visit_protected_later_is_redacted_in_every_stored_event_and_every_chain_still_verifies() {
    let Some(server) = scratch::postgres_or_skip("pg_redaction") else { return };
    let _cluster = super::cluster_shared();
    let (store, url) = fresh_store_at(&server);
    store.add_ward("12345", "Phường Hà Đông").expect("ward");
    let (_, cred) = enroll(&store, "12345", "A");

    // Across two pushes: the record arrives in clear, the amendment protects it later.
    let mut journal = Journal::new("12345", 'A');
    recorded_then_protected(&mut journal, "Bùi Văn Kín");
    store.push(&cred, journal.stream, &journal.batch(1, 2)).expect("the record is stored");
    assert!(store.backend().holds_text("Bùi Văn Kín").expect("searched"), "a proposal is stored whole");
    store.push(&cred, journal.stream, &journal.batch(3, 3)).expect("the amendment is stored");
    assert!(!store.backend().holds_text("Bùi Văn Kín").expect("searched"), "the earlier record is redacted");

    // Within one batch: the record and its protecting amendment arrive together.
    let mut same_batch = Journal::new("12345", 'A');
    recorded_then_protected(&mut same_batch, "Đinh Thị Kín");
    same_batch.visits(2);
    store.push(&cred, same_batch.stream, &same_batch.batch(1, 5)).expect("stored");
    assert!(
        !store.backend().holds_text("Đinh Thị Kín").expect("searched"),
        "a record redacted by a later event of its own batch keeps nothing either"
    );
    assert!(store.backend().holds_text("Nguyễn Văn 1").expect("searched"), "unprotected visits stay whole");

    let (events, _) = store.stream_events(&cred, journal.stream, 0, 10).expect("events");
    for (sent, back) in journal.events.iter().zip(&events) {
        assert_eq!(back.payload_hash, hex::encode(sent.payload_hash), "the payload hash is kept");
        assert_eq!(back.chain_hash, hex::encode(sent.chain_hash), "the chain hash is kept");
    }
    assert!(events[1].withheld.contains(&"/body/summary".to_string()), "the withheld list says what went");
    let report = check_store(&store).unwrap_or_else(|p| panic!("invariants broken: {p:#?}"));
    assert_eq!(report.events, 3 + 5, "every event is still stored");

    let mut admin = postgres::Client::connect(&url, postgres::NoTls).expect("admin connection");
    // seq 4 exists only in the second stream: a visit stored whole, never redacted.
    let tamper = [
        "UPDATE events SET payload = '{}' WHERE seq = 4",
        "UPDATE events SET payload_hash = 'x', withheld = '[]', redacted_at = 'now' WHERE seq = 4",
        "UPDATE events SET chain_hash = 'x', withheld = '[]', redacted_at = 'now' WHERE seq = 4",
        "DELETE FROM events WHERE seq = 4",
        "TRUNCATE events CASCADE",
    ];
    for sql in tamper {
        assert!(
            admin.batch_execute(sql).is_err(),
            "{sql} is refused even to a superuser: events are append-only"
        );
    }
    admin
        .batch_execute("UPDATE events SET withheld = '[]', redacted_at = 'now' WHERE seq = 4")
        .expect("a redaction-shaped update (payload and withheld list only) is allowed by the trigger");
    check_store(&store).unwrap_or_else(|p| panic!("invariants broken: {p:#?}"));
}
