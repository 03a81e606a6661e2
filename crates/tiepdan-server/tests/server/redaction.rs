//! The district redacts a visit once it is protected (issue 14): the earlier events lose the
//! identity, the words and the link they were stored with, every hash stays, the chains still
//! verify, and no other change to a stored event is possible.

use crate::support::{api, body, push, visit, Journal, Server};
use reqwest::blocking::Client;
use serde_json::Value;
use tiepdan_domain::event::EventBody;
use tiepdan_domain::results::RepeatLink;
use tiepdan_domain::visit::VisitDetails;
use tiepdan_domain::VisitId;
use tiepdan_server::invariants::store_files_contain;
use tiepdan_server::store::{Cell, Location};

fn details(body: &EventBody) -> (VisitId, VisitDetails) {
    let EventBody::VisitRecorded(v) = body else { panic!("a visit record") };
    (v.id, v.details.clone())
}

fn amended_to(kind: &str, id: VisitId, mut details: VisitDetails) -> EventBody {
    details.petition =
        Some(serde_json::from_value(serde_json::json!({ "kind": kind, "field": "land" })).expect("petition"));
    EventBody::VisitAmended {
        visit_id: id, details, reason: "Phân loại lại theo lời ông Bùi Văn Kín".into()
    }
}

fn events(server: &Server, cred: &str, journal: &Journal) -> Vec<Value> {
    let url = server.url(&format!("{}?after=0&limit=100", journal.path()));
    let (status, page) = body(api(Client::new().get(url)).bearer_auth(cred).send().expect("sent"));
    assert_eq!(status, 200, "{page}");
    page["events"].as_array().expect("events").clone()
}

#[test]
fn a_visit_amended_into_a_denunciation_is_redacted_at_the_district_and_its_chain_still_verifies() {
    let server = Server::start();
    let cred = server.enroll("12345", "A");
    let mut journal = Journal::new("12345", 'A');
    let recorded = visit("Bùi Văn Kín", Some("proposal"));
    let (id, before) = details(&recorded);
    journal.append(recorded);
    assert_eq!(push(&server, &cred, &journal.path(), &journal.batch(1, 2)).0, 200);
    assert!(store_files_contain(server.db(), "Bùi Văn Kín"), "a proposal is stored whole");

    journal.append(amended_to("denunciation", id, before));
    assert_eq!(push(&server, &cred, &journal.path(), &journal.batch(3, 3)).0, 200);
    for text in ["Bùi Văn Kín", "Đề nghị giải quyết tranh chấp đất", "Số 1 phố Quang Trung"]
    {
        assert!(!store_files_contain(server.db(), text), "{text:?} is gone from the database and its WAL");
    }
    let stored = events(&server, &cred, &journal);
    for (sent, back) in journal.events.iter().zip(&stored) {
        assert_eq!(back["payload_hash"], hex::encode(sent.payload_hash), "the payload hash is kept");
        assert_eq!(back["chain_hash"], hex::encode(sent.chain_hash), "the chain is kept");
    }
    let record = &stored[1];
    assert!(!record.to_string().contains("Bùi Văn Kín"), "a desk reading it back gets it redacted: {record}");
    let withheld: Vec<String> = serde_json::from_value(record["withheld"].clone()).expect("a withheld list");
    assert!(withheld.contains(&"/body/summary".to_string()), "{withheld:?}");
    let report = server.check();
    assert_eq!(report.events, 3, "the redacted stream still verifies (`tiepdan-server check`)");
}

#[test]
fn a_link_stored_in_clear_loses_its_other_end_when_either_visit_becomes_protected() {
    let server = Server::start();
    let cred = server.enroll("12345", "A");
    let mut journal = Journal::new("12345", 'A');
    let first = visit("Cao Thị Trước", Some("proposal"));
    let (earlier, _) = details(&first);
    journal.append(first);
    let second = visit("Cao Thị Trước", Some("proposal"));
    let (later, later_details) = details(&second);
    journal.append(second);
    journal.append(EventBody::RepeatLinked(RepeatLink { visit_id: later, earlier_visit_id: earlier }));
    assert_eq!(push(&server, &cred, &journal.path(), &journal.batch(1, 4)).0, 200);
    assert!(events(&server, &cred, &journal)[3].to_string().contains(&earlier.to_string()));
    let projected = || crate::projection::rows(&server, "repeat_links");
    assert_eq!(projected()[0]["earlier_visit_id"], Cell::Text(earlier.to_string()), "the reports' matter");

    journal.append(amended_to("denunciation", later, later_details));
    assert_eq!(push(&server, &cred, &journal.path(), &journal.batch(5, 5)).0, 200);
    let link = &events(&server, &cred, &journal)[3];
    assert!(!link.to_string().contains(&earlier.to_string()), "the district cannot join the two: {link}");
    assert!(link.to_string().contains(&later.to_string()), "the repeat still counts");
    let projected = projected();
    assert_eq!(
        (&projected[0]["visit_id"], &projected[0]["earlier_visit_id"]),
        (&Cell::Text(later.to_string()), &Cell::Null),
        "the reports' projection keeps the repeat but no longer the visit it repeats (issue 17)"
    );
    server.check();
}

#[test]
fn a_stored_event_cannot_be_changed_except_by_redaction() {
    let server = Server::start();
    let cred = server.enroll("12345", "A");
    let mut journal = Journal::new("12345", 'A');
    journal.visits(1);
    assert_eq!(push(&server, &cred, &journal.path(), &journal.batch(1, 2)).0, 200);
    // Someone with the store's own access, bypassing the server, tries every change but a redaction.
    match server.db() {
        Location::Sqlite(file) => {
            let store = rusqlite::Connection::open(file).expect("the store");
            for sql in tampering("'now'") {
                assert!(store.execute(&sql, []).is_err(), "{sql} is refused: events are append-only");
            }
        }
        Location::Postgres(url) => {
            let mut store = postgres::Client::connect(url, postgres::NoTls).expect("the store");
            for sql in tampering("now()") {
                let refused = store.execute(sql.as_str(), &[]).expect_err("events are append-only");
                let code = refused.code().map(|c| c.code().to_string()).unwrap_or_default();
                // A value of the wrong type or a misspelt column is no proof of the guard.
                let guarded = !code.starts_with("22") && (!code.starts_with("42") || code == "42501");
                assert!(guarded, "{sql} is refused by the store's guard, not by a mistake: {refused}");
            }
        }
    }
    server.check();
}

/// Statements that would change or remove the second stored event; `now` is the engine's
/// spelling of a time.
fn tampering(now: &str) -> [String; 4] {
    [
        "UPDATE events SET payload = '{}' WHERE seq = 2".to_string(),
        format!("UPDATE events SET payload_hash = 'x', withheld = '[]', redacted_at = {now} WHERE seq = 2"),
        format!("UPDATE events SET chain_hash = 'x', withheld = '[]', redacted_at = {now} WHERE seq = 2"),
        "DELETE FROM events WHERE seq = 2".to_string(),
    ]
}

#[test]
fn a_later_event_of_a_protected_visit_is_stored_without_its_words_even_from_an_old_desk() {
    let server = Server::start();
    let cred = server.enroll("12345", "A");
    let mut journal = Journal::new("12345", 'A');
    let recorded = visit("Tạ Văn Giấu", Some("denunciation"));
    let (id, _) = details(&recorded);
    journal.append(recorded);
    let on = chrono::NaiveDate::from_ymd_opt(2026, 11, 26).expect("a day");
    journal.append(EventBody::PetitionTransferred(tiepdan_domain::results::Transfer {
        visit_id: id,
        on,
        to: "Thanh tra quận Hà Đông".into(),
        note: "Ông Tạ Văn Giấu đề nghị giữ kín".into(),
    }));
    let mut req = journal.batch(1, 3);
    // As an old desk sends it: the note in clear.
    req.events[2] = tiepdan_protocol::WireEvent::from_event(&journal.events[2]).expect("wire");
    assert_eq!(push(&server, &cred, &journal.path(), &req).0, 200);
    assert!(!store_files_contain(server.db(), "Tạ Văn Giấu"), "neither the name nor the note names him");
    assert!(store_files_contain(server.db(), "Thanh tra quận Hà Đông"), "the competent body is reported");
    server.check();
}

#[test]
fn a_processing_stored_in_clear_loses_its_words_when_its_petition_becomes_a_denunciation() {
    let server = Server::start();
    let cred = server.enroll("12345", "A");
    let mut journal = Journal::new("12345", 'A');
    let recorded = visit("Bùi Thị Thư", Some("proposal"));
    let (id, before) = details(&recorded);
    journal.append(recorded);
    let processing = serde_json::json!({ "kind": "petition_processed", "body": {
        "visit_id": id, "processed_on": "2026-11-26", "eligible": false, "competent": false,
        "handling": "guide", "ineligible_reason": "Bà Bùi Thị Thư chưa ký đơn",
        "guidance": "Bà Thư ký đơn và gửi Thanh tra tỉnh"
    }});
    journal.append(serde_json::from_value(processing).expect("a processing"));
    assert_eq!(push(&server, &cred, &journal.path(), &journal.batch(1, 3)).0, 200);
    assert!(store_files_contain(server.db(), "chưa ký đơn"), "a proposal's processing is stored whole");

    journal.append(amended_to("denunciation", id, before));
    assert_eq!(push(&server, &cred, &journal.path(), &journal.batch(4, 4)).0, 200);
    for text in ["Bùi Thị Thư", "chưa ký đơn", "Bà Thư ký đơn"] {
        assert!(!store_files_contain(server.db(), text), "{text:?} is gone once the petition is protected");
    }
    let stored = events(&server, &cred, &journal);
    let processed = &stored[2];
    assert_eq!(processed["payload_hash"], hex::encode(journal.events[2].payload_hash), "its hash is kept");
    let payload: Value =
        serde_json::from_str(processed["payload"].as_str().expect("a payload")).expect("json");
    assert_eq!(payload["body"]["handling"], "guide", "the decision is still counted");
    server.check();
}
