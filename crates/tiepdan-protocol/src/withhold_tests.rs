use super::*;
use chrono::{TimeZone, Utc};
use tiepdan_domain::event::{Event, EventBody, GENESIS};
use tiepdan_domain::ids::StreamId;

fn visit(petition_kind: Option<&str>) -> EventBody {
    let petition = petition_kind.map(|kind| serde_json::json!({ "kind": kind }));
    let visit = serde_json::json!({
        "id": uuid::Uuid::now_v7(),
        "receipt_no": "0001/2026/A",
        "status": "active",
        "received_at": "2026-11-25T09:00:00+07:00",
        "reception": "regular",
        "visitor_kind": "individual",
        "people_count": 1,
        "organisation": null,
        "visitors": [{ "full_name": "Lê Văn Tố", "id_number": "001090001234", "address": "Số 3 ngõ 5",
                       "phone": "0912345678", "birth_year": 1990 }],
        "summary": "Nội dung vụ việc",
        "petition": petition,
        "documents": [],
        "refusal": null,
        "officer_id": null,
        "notes": ""
    });
    EventBody::VisitRecorded(serde_json::from_value(visit).expect("a valid visit"))
}

fn sealed(body: &EventBody) -> Event {
    let at = Utc.with_ymd_and_hms(2026, 11, 25, 2, 0, 0).unwrap();
    Event::seal(StreamId::new(), 1, &GENESIS, body, at, None).expect("sealable")
}

#[test]
fn a_denouncers_identity_never_reaches_the_wire_but_the_chain_still_verifies() {
    let event = sealed(&visit(Some("denunciation")));
    let wire = for_upstream(&event).unwrap();
    assert!(!wire.payload.contains("Lê Văn Tố"), "the denouncer's name must stay at the ward");
    assert!(!wire.payload.contains("001090001234") && !wire.payload.contains("0912345678"));
    assert!(wire.withheld.contains(&"/body/visitors/0/full_name".to_string()), "{:?}", wire.withheld);
    assert!(wire.payload.contains("Nội dung vụ việc"), "the matter itself is still reported");
    let back = wire.to_event(event.stream).unwrap();
    assert_eq!(back.payload_hash, event.payload_hash, "hashes stay those of the journal event");
    let chain = tiepdan_domain::event::chain_hash(&GENESIS, 1, &back.payload_hash);
    assert_eq!(chain, back.chain_hash);
}

#[test]
fn a_complaint_travels_whole_and_round_trips_to_the_same_event() {
    let event = sealed(&visit(Some("complaint")));
    let wire = for_upstream(&event).unwrap();
    assert!(wire.withheld.is_empty());
    let back = wire.to_event(event.stream).unwrap();
    assert_eq!(back, event);
    assert!(back.payload_is_consistent());
    assert!(sealed(&visit(None)).payload != event.payload);
    assert!(for_upstream(&sealed(&visit(None))).unwrap().withheld.is_empty());
}

#[test]
fn a_mixed_petition_is_protected_like_a_denunciation() {
    let wire = for_upstream(&sealed(&visit(Some("mixed")))).unwrap();
    assert!(!wire.payload.contains("Lê Văn Tố"));
}

#[test]
fn hashes_must_be_lower_case_hex_of_32_bytes() {
    assert!(crate::push::parse_hash(&"ab".repeat(32), "x").is_ok());
    assert!(crate::push::parse_hash(&"AB".repeat(32), "x").is_err());
    assert!(crate::push::parse_hash("abcd", "x").is_err());
    assert!(crate::push::parse_hash(&"zz".repeat(32), "x").is_err());
}

#[test]
fn a_visit_that_was_ever_a_denunciation_is_withheld_even_when_amended_to_another_kind() {
    let event = sealed(&visit(Some("complaint")));
    assert!(for_upstream_protecting(&event, false).unwrap().withheld.is_empty());
    let wire = for_upstream_protecting(&event, true).unwrap();
    assert!(!wire.payload.contains("Lê Văn Tố"), "the visit's history makes its visitors protected");
}

#[test]
fn a_sealed_identity_stays_at_the_ward_ciphertext_included() {
    let EventBody::VisitRecorded(mut visit) = visit(Some("denunciation")) else { unreachable!() };
    let v = &mut visit.details.visitors[0];
    v.take_identity();
    v.sealed = Some(tiepdan_domain::visit::SealedIdentity::new("sealed:v1:AQIDBAUG"));
    let event = sealed(&EventBody::VisitRecorded(visit));
    let wire = for_upstream(&event).unwrap();
    assert!(!wire.payload.contains("sealed:v1:"), "the ciphertext is not sent upstream: {}", wire.payload);
    assert!(wire.withheld.contains(&"/body/visitors/0/sealed".to_string()), "{:?}", wire.withheld);
    let back = wire.to_event(event.stream).unwrap();
    assert_eq!(back.chain_hash, event.chain_hash, "the district still verifies the chain");
}

#[test]
fn a_visitor_without_a_sealed_value_gets_no_sealed_key_on_the_wire() {
    let wire = for_upstream(&sealed(&visit(Some("denunciation")))).unwrap();
    assert!(!wire.payload.contains("\"sealed\""), "absent stays absent: {}", wire.payload);
}
