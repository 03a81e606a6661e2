//! The server's projection per ward: visits from recorded, amended and cancelled events, and
//! (issue 16) petitions from every source with their processing, and leader reception sessions.

use crate::support::{push, visit, Journal, Server};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::sync::Arc;
use tiepdan_domain::clock::SystemClock;
use tiepdan_domain::event::EventBody;
use tiepdan_server::invariants::store_files_contain;
use tiepdan_server::store::{copy, Cell, Store};

#[test]
fn cancelled_visits_leave_the_counts_and_amendments_update_them() {
    let server = Server::start();
    let cred = server.enroll("12345", "A");
    let mut journal = Journal::new("12345", 'A');
    let EventBody::VisitRecorded(first) = visit("Lê Thị Một", Some("complaint")) else { unreachable!() };
    let EventBody::VisitRecorded(second) = visit("Lê Thị Hai", None) else { unreachable!() };
    journal.append(EventBody::VisitRecorded(first.clone()));
    journal.append(EventBody::VisitRecorded(second.clone()));
    journal.append(EventBody::VisitCancelled { visit_id: first.id, reason: "Nhập nhầm".into() });
    let mut details = second.details.clone();
    details.petition = serde_json::from_value(serde_json::json!({ "kind": "proposal" })).expect("petition");
    journal
        .append(EventBody::VisitAmended { visit_id: second.id, details, reason: "Bổ sung đơn".into() });
    assert_eq!(push(&server, &cred, &journal.path(), &journal.batch(1, 5)).0, 200);
    let wards: serde_json::Value = serde_json::from_str(&server.admin(&["wards", "--json"])).expect("json");
    let ward = &wards[0];
    assert_eq!(ward["visits_today"], 1, "the cancelled visit no longer counts");
    assert_eq!(ward["petitions_this_month"], 1, "the amendment added a petition");
    assert_eq!(ward["streams"][0]["hwm"], 5);
    assert_eq!(ward["streams"][0]["head"], hex::encode(journal.head()));
}

#[test]
fn odd_but_well_formed_events_are_stored_and_flagged_for_review() {
    let server = Server::start();
    let cred = server.enroll("12345", "A");
    // A stream that claims another ward, then a visit: stored, chain intact, flagged.
    let mut journal = Journal::new("67890", 'A');
    journal.append(visit("Trịnh Văn Lạ", None));
    let (status, ok) = push(&server, &cred, &journal.path(), &journal.batch(1, 2));
    assert_eq!(status, 200, "business rules never block the queue: {ok}");
    let wards: serde_json::Value = serde_json::from_str(&server.admin(&["wards", "--json"])).expect("json");
    assert_eq!(wards[0]["events_for_review"], 1);
    assert_eq!(wards[0]["events_stored"], 2);
}

/// A petition as a desk records it (issue 16): received on `day` from `source`, from a named sender
/// with an ID number and an address, and `extra` fields of the details over the defaults.
pub fn petition(
    day: &str,
    source: &str,
    sender: (&str, &str),
    petition: Value,
    extra: Value,
) -> (String, EventBody) {
    let (sender, id_number) = sender;
    let id = uuid::Uuid::now_v7().to_string();
    let mut value = json!({
        "id": id,
        "receipt_no": "ĐT-0001/2026/A",
        "status": "active",
        "received_at": format!("{day}T00:00:00+07:00"),
        "reception": "regular",
        "visitor_kind": "individual",
        "people_count": 1,
        "organisation": null,
        "visitors": [{ "full_name": sender, "id_number": id_number, "address": "Số 12 ngõ Trạm" }],
        "summary": format!("Đơn của {sender} về việc cấp sổ đỏ"),
        "petition": petition,
        "documents": [],
        "refusal": null,
        "officer_id": null,
        "notes": "",
        "source": source
    });
    for (key, v) in extra.as_object().expect("an object of details") {
        value[key] = v.clone();
    }
    (id, EventBody::VisitRecorded(serde_json::from_value(value).expect("a valid record")))
}

pub fn event(kind: &str, body: Value) -> EventBody {
    serde_json::from_value(json!({ "kind": kind, "body": body })).expect("a valid event")
}

/// Every row of `table` as the store holds it, by column.
pub fn rows(server: &Server, table: &str) -> Vec<BTreeMap<&'static str, Cell>> {
    let table = copy::TABLES.iter().find(|t| t.name == table).expect("a table of the store");
    let store =
        Store::connect(server.db(), 1, Arc::new(SystemClock)).expect("the store opens beside the server");
    let mut out = Vec::new();
    store
        .backend()
        .export(table, &mut |row| {
            out.push(table.columns.iter().copied().zip(row).collect());
            Ok(())
        })
        .expect("the rows");
    out
}

fn text(s: &str) -> Cell {
    Cell::Text(s.into())
}

#[test]
fn petitions_from_every_source_and_reception_sessions_are_projected_with_what_reports_count_and_no_identity()
{
    let server = Server::start();
    let cred = server.enroll("12345", "A");
    let mut journal = Journal::new("12345", 'A');
    let (mailed, record) = petition(
        "2026-11-20",
        "post",
        ("Hoàng Thị Kín", "001190004321"),
        json!({ "kind": "denunciation", "field": "corruption" }),
        json!({}),
    );
    journal.append(record);
    let (transferred, record) = petition(
        "2026-11-21",
        "transferred_in",
        ("Lê Văn Gửi", "001080000012"),
        json!({ "kind": "complaint", "field": "land", "signatories": 3 }),
        json!({ "people_count": 3, "from_body": "Thanh tra tỉnh", "letter_no": "125/TTr-TCD",
                "letter_date": "2026-11-18" }),
    );
    journal.append(record);
    journal.append(event(
        "petition_processed",
        json!({
            "visit_id": transferred, "processed_on": "2026-11-24", "eligible": true, "competent": false,
            "handling": "transfer", "transfer_to": "UBND tỉnh"
        }),
    ));
    // The reason names the denouncer: it stays at the ward, as every word about a protected visit.
    journal.append(event("petition_processed", json!({
        "visit_id": mailed, "processed_on": "2026-11-23", "eligible": false,
        "ineligible_reason": "Đơn của bà Hoàng Thị Kín không ghi ngày", "competent": true, "handling": "file"
    })));
    let (delegated, head) = (uuid::Uuid::now_v7().to_string(), uuid::Uuid::now_v7().to_string());
    journal.append(event("session_planned", json!({
        "id": delegated, "planned_on": "2026-11-26", "sat": "delegate", "officer_id": uuid::Uuid::now_v7(),
        "delegation": "Giấy ủy quyền số 12/GUQ-UBND"
    })));
    let (in_session, record) = petition(
        "2026-11-26",
        "desk",
        ("Phạm Văn Đến", "001070000023"),
        json!({ "kind": "proposal" }),
        json!({ "receipt_no": "0007/2026/A", "reception": "delegated", "session_id": delegated }),
    );
    journal.append(record);
    let (online, record) = petition(
        "2026-11-26",
        "desk",
        ("Đỗ Thị Xa", "001160000034"),
        json!({ "kind": "reflection" }),
        json!({ "receipt_no": "0008/2026/A", "reception": "online", "online_site": "Điểm cầu UBND tỉnh",
                "recording_ref": "Bản ghi 2026-11-26/03" }),
    );
    journal.append(record);
    journal
        .append(event("session_closed", json!({ "session_id": delegated, "outcome": "held", "visits": 1 })));
    journal.append(event(
        "session_planned",
        json!({
            "id": head, "planned_on": "2026-11-27", "part": "afternoon", "kind": "ad_hoc", "sat": "head"
        }),
    ));
    journal
        .append(event("session_closed", json!({ "session_id": head, "outcome": "unattended", "visits": 0 })));
    let n = journal.events.len() as u64;
    let (status, answer) = push(&server, &cred, &journal.path(), &journal.batch(1, n));
    assert_eq!(status, 200, "every new event is stored: {answer}");
    assert_eq!(server.check().streams.len(), 1, "the store's invariants hold");

    let visits = rows(&server, "visits");
    let visit = |id: &str| visits.iter().find(|r| r["visit_id"] == text(id)).expect("the visit is projected");
    let m = visit(&mailed);
    assert_eq!(m["source"], text("post"), "a mailed petition is counted by its source");
    assert_eq!((&m["received_on"], &m["petition_kind"]), (&text("2026-11-20"), &text("denunciation")));
    assert_eq!(m["petition_field"], text("corruption"));
    assert_eq!((&m["eligible"], &m["competent"]), (&Cell::Int(0), &Cell::Int(1)), "its processing");
    assert_eq!((&m["handling"], &m["processed_on"]), (&text("file"), &text("2026-11-23")));
    let t = visit(&transferred);
    assert_eq!(t["source"], text("transferred_in"));
    assert_eq!(
        (&t["from_body"], &t["letter_no"], &t["letter_date"]),
        (&text("Thanh tra tỉnh"), &text("125/TTr-TCD"), &text("2026-11-18")),
        "the sending body and its letter, as 01/XLD counts transfers in"
    );
    assert_eq!((&t["people_count"], &t["signatories"]), (&Cell::Int(3), &Cell::Int(3)));
    assert_eq!((&t["handling"], &t["competent"]), (&text("transfer"), &Cell::Int(0)), "outside competence");
    assert_eq!(t["processed_on"], text("2026-11-24"));
    let s = visit(&in_session);
    assert_eq!((&s["session_id"], &s["reception"]), (&text(&delegated), &text("delegated")));
    assert_eq!(
        (&s["source"], &s["processed_on"]),
        (&text("desk"), &Cell::Null),
        "a visit, not processed yet"
    );
    assert_eq!(visit(&online)["reception"], text("online"));

    let sessions = rows(&server, "reception_sessions");
    assert_eq!(sessions.len(), 2, "both sessions are projected");
    let session = |id: &str| sessions.iter().find(|r| r["session_id"] == text(id)).expect("projected");
    let d = session(&delegated);
    assert_eq!(
        (&d["planned_on"], &d["sat"], &d["kind"]),
        (&text("2026-11-26"), &text("delegate"), &text("periodic"))
    );
    assert_eq!((&d["outcome"], &d["visits"]), (&text("held"), &Cell::Int(1)));
    let h = session(&head);
    assert_eq!((&h["sat"], &h["kind"], &h["part"]), (&text("head"), &text("ad_hoc"), &text("afternoon")));
    assert_eq!((&h["outcome"], &h["visits"]), (&text("unattended"), &Cell::Int(0)), "nobody came: counted");

    // No identity in the projection, whatever the kind: the senders' names, ID number and address,
    // the summaries and the online recording stay in the payloads (a denouncer's not even there).
    let identities = [
        "Hoàng Thị Kín",
        "Lê Văn Gửi",
        "Phạm Văn Đến",
        "Đỗ Thị Xa",
        "001190004321",
        "001080000012",
        "ngõ Trạm",
    ];
    for row in visits.iter().chain(&sessions) {
        for (column, cell) in row {
            if let Cell::Text(value) = cell {
                for identity in identities.iter().chain(&["Bản ghi", "Giấy ủy quyền", "cấp sổ đỏ"])
                {
                    assert!(!value.contains(identity), "{column} holds {identity:?}: {value:?}");
                }
            }
        }
    }
    for secret in ["Hoàng Thị Kín", "001190004321", "không ghi ngày"] {
        assert!(
            !store_files_contain(server.db(), secret),
            "{secret:?} of the denunciation stays at the ward"
        );
    }
}
