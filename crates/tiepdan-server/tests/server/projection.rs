//! The server's projection of visits per ward, from recorded, amended and cancelled events.

use crate::support::{push, visit, Journal, Server};
use tiepdan_domain::event::EventBody;

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
