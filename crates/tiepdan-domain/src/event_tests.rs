use super::*;
use crate::ids::StreamId;
use chrono::TimeZone;

fn at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 2, 30, 0).unwrap()
}

#[test]
fn canonical_json_sorts_keys_and_normalises_strings() {
    let nfd: String = "Ánh".nfd().collect();
    let v = serde_json::json!({ "b": 1, "a": { "z": nfd, "c": [true, null] } });
    assert_eq!(
        String::from_utf8(canonical_json(&v).unwrap()).unwrap(),
        r#"{"a":{"c":[true,null],"z":"Ánh"},"b":1}"#
    );
    assert!(matches!(canonical_json(&serde_json::json!({ "x": 1.5 })), Err(EventError::Float)));
}

#[test]
fn sealed_events_chain_and_decode_back_to_their_body() {
    let stream = StreamId::new();
    let first_body = EventBody::OfficerRetired { officer_id: crate::OfficerId::new() };
    let first = Event::seal(stream, 1, &GENESIS, &first_body, at(), None).unwrap();
    assert_eq!(first.kind, "officer_retired");
    assert_eq!(first.body().unwrap(), first_body);
    assert!(first.payload_is_consistent());
    assert_eq!(first.chain_hash, chain_hash(&GENESIS, 1, &first.payload_hash));

    let second_body =
        EventBody::VisitCancelled { visit_id: crate::VisitId::new(), reason: "Nhập trùng".into() };
    let second = Event::seal(stream, 2, &first.chain_hash, &second_body, at(), None).unwrap();
    assert_eq!(second.chain_hash, chain_hash(&first.chain_hash, 2, &second.payload_hash));
    assert_ne!(second.chain_hash, chain_hash(&GENESIS, 2, &second.payload_hash), "the chain binds the past");
}

#[test]
fn a_changed_payload_or_side_column_is_detected() {
    let body = EventBody::VisitCancelled { visit_id: crate::VisitId::new(), reason: "Sai".into() };
    let event = Event::seal(StreamId::new(), 1, &GENESIS, &body, at(), None).unwrap();
    let mut edited = event.clone();
    edited.payload = String::from_utf8(edited.payload).unwrap().replace("Sai", "Đúng").into_bytes();
    assert!(!edited.payload_is_consistent(), "an edited payload no longer matches its hash");
    let mut relabelled = event;
    relabelled.kind = "visit_recorded".into();
    assert!(!relabelled.payload_is_consistent(), "the kind column must agree with the payload");
}
