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
    assert!(!wire.payload.contains("Nội dung vụ việc"), "the clerk's words may name the denouncer");
    assert!(wire.payload.contains("\"denunciation\""), "the kind of the matter is still reported");
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

/// A visitor's JSON with every identifying field the domain lists filled. The match asks for a
/// value for each new field, so the test below covers it as soon as it is in the list.
fn everything() -> serde_json::Value {
    use tiepdan_domain::visit::IdentityField;
    let mut visitor = serde_json::Map::new();
    for field in IdentityField::ALL {
        let value = match field {
            IdentityField::FullName => serde_json::json!("Lê Văn Tố"),
            IdentityField::IdNumber => serde_json::json!("001090001234"),
            IdentityField::IdKind => serde_json::json!("cccd"),
            IdentityField::IdIssuedOn => serde_json::json!("2021-03-12"),
            IdentityField::IdIssuedBy => serde_json::json!("Cục Cảnh sát QLHC về TTXH"),
            IdentityField::BirthYear => serde_json::json!(1990),
            IdentityField::Sex => serde_json::json!("male"),
            IdentityField::Address => serde_json::json!("Số 3 ngõ 5"),
            IdentityField::Phone => serde_json::json!("0912345678"),
        };
        visitor.insert(field.key().into(), value);
    }
    serde_json::Value::Object(visitor)
}

#[test]
fn every_identifying_field_the_domain_lists_is_withheld_from_every_visitor() {
    use tiepdan_domain::visit::{IdentityField, SEALED_KEY};
    let EventBody::VisitRecorded(mut visit) = visit(Some("denunciation")) else { unreachable!() };
    let visitor: tiepdan_domain::visit::Visitor = serde_json::from_value(everything()).expect("a visitor");
    visit.details.visitors = vec![visitor.clone(), visitor];
    visit.details.visitors[1].take_identity();
    visit.details.visitors[1].sealed = Some(tiepdan_domain::visit::SealedIdentity::new("sealed:v1:AQID"));
    let event = sealed(&EventBody::VisitRecorded(visit));
    let wire = for_upstream(&event).unwrap();
    let payload: serde_json::Value = serde_json::from_str(&wire.payload).unwrap();
    for field in IdentityField::ALL {
        let pointer = format!("/body/visitors/0/{}", field.key());
        assert_eq!(payload.pointer(&pointer), Some(&serde_json::Value::Null), "{field:?} is withheld");
        assert!(wire.withheld.contains(&pointer), "{field:?} is listed as kept at the ward");
    }
    let sealed_pointer = format!("/body/visitors/1/{SEALED_KEY}");
    assert!(wire.withheld.contains(&sealed_pointer), "the sealed value stays too: {:?}", wire.withheld);
    let keys: Vec<&str> = IdentityField::ALL.iter().map(|f| f.key()).chain([SEALED_KEY]).collect();
    for pointer in &wire.withheld {
        let key = pointer.rsplit('/').next().unwrap_or_default();
        let identity = pointer.starts_with("/body/visitors/") && keys.contains(&key);
        let text = tiepdan_domain::upstream::blank_of("visit_recorded", pointer).is_some();
        assert!(identity || text, "only identity and the texts the domain withholds: {pointer}");
    }
    assert_eq!(wire.to_event(event.stream).unwrap().chain_hash, event.chain_hash);
}

#[test]
fn the_same_visitor_of_a_complaint_travels_byte_for_byte() {
    let EventBody::VisitRecorded(mut visit) = visit(Some("complaint")) else { unreachable!() };
    visit.details.visitors = vec![serde_json::from_value(everything()).expect("a visitor")];
    let event = sealed(&EventBody::VisitRecorded(visit));
    let wire = for_upstream(&event).unwrap();
    assert_eq!(wire.payload.as_bytes(), event.payload.as_slice(), "an unprotected event is sent as written");
    assert!(wire.withheld.is_empty());
}

#[test]
fn a_protected_visits_later_events_carry_no_words_and_no_joinable_link() {
    use tiepdan_domain::results::{RepeatLink, Transfer};
    use tiepdan_domain::VisitId;
    let visit_id = VisitId::new();
    let on = chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    let transfer = sealed(&EventBody::PetitionTransferred(Transfer {
        visit_id,
        on,
        to: "Thanh tra quận".into(),
        note: "Ông Lê Văn Tố xin giữ kín".into(),
    }));
    let wire = for_upstream_protecting(&transfer, true).unwrap();
    assert!(!wire.payload.contains("Lê Văn Tố"), "a note stays at the ward: {}", wire.payload);
    assert!(wire.payload.contains("Thanh tra quận"), "the competent body is still reported");
    let earlier = VisitId::new();
    let link = sealed(&EventBody::RepeatLinked(RepeatLink { visit_id, earlier_visit_id: earlier }));
    let wire = for_upstream_protecting(&link, true).unwrap();
    assert!(!wire.payload.contains(&earlier.to_string()), "the district cannot join the two visits");
    assert!(wire.payload.contains(&visit_id.to_string()), "the repeat is still counted");
    assert_eq!(wire.to_event(link.stream).unwrap().chain_hash, link.chain_hash);
    let open = for_upstream_protecting(&link, false).unwrap();
    assert!(open.withheld.is_empty(), "a link between unprotected visits travels whole");
}

#[test]
fn a_mailed_denunciation_sends_its_source_and_sending_body_but_not_its_sender_or_recording() {
    let EventBody::VisitRecorded(mut visit) = visit(Some("denunciation")) else { unreachable!() };
    let d = &mut visit.details;
    d.source = tiepdan_domain::intake::PetitionSource::TransferredIn;
    d.from_body = Some("Thanh tra tỉnh".into());
    d.letter_no = Some("125/TTr-TCD".into());
    d.letter_date = chrono::NaiveDate::from_ymd_opt(2026, 11, 20);
    d.online_site = Some("Điểm cầu UBND tỉnh".into());
    d.recording_ref = Some("Bản ghi Lê Văn Tố 03".into());
    let event = sealed(&EventBody::VisitRecorded(visit));
    let wire = for_upstream(&event).unwrap();
    assert!(!wire.payload.contains("Lê Văn Tố"), "neither the sender nor the recording: {}", wire.payload);
    assert!(wire.withheld.contains(&"/body/recording_ref".to_string()), "{:?}", wire.withheld);
    for sent in ["\"transferred_in\"", "Thanh tra tỉnh", "125/TTr-TCD", "2026-11-20", "Điểm cầu UBND tỉnh"]
    {
        assert!(wire.payload.contains(sent), "{sent} is official and counted: it travels");
    }
    assert_eq!(wire.to_event(event.stream).unwrap().chain_hash, event.chain_hash);
}

#[test]
fn processing_a_protected_petition_sends_the_decision_without_its_words() {
    use tiepdan_domain::petition::Handling;
    use tiepdan_domain::processing::Processing;
    let processing = sealed(&EventBody::PetitionProcessed(Processing {
        visit_id: tiepdan_domain::VisitId::new(),
        processed_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
        eligible: false,
        ineligible_reason: Some("Ông Lê Văn Tố không ký tên".into()),
        competent: false,
        handling: Handling::Guide,
        transfer_to: Some("Thanh tra huyện".into()),
        guidance: Some("Ông Lê Văn Tố gửi lại đơn có chữ ký".into()),
    }));
    let wire = for_upstream_protecting(&processing, true).unwrap();
    assert!(!wire.payload.contains("Lê Văn Tố"), "the reason and the guidance stay: {}", wire.payload);
    let mut withheld = wire.withheld.clone();
    withheld.sort();
    assert_eq!(withheld, ["/body/guidance", "/body/ineligible_reason"]);
    for sent in ["\"guide\"", "2026-11-27", "Thanh tra huyện", "\"competent\":false", "\"eligible\":false"]
    {
        assert!(wire.payload.contains(sent), "{sent}: the decision is reported");
    }
    assert!(for_upstream_protecting(&processing, false).unwrap().withheld.is_empty(), "unprotected: whole");
}

#[test]
fn an_implementation_of_a_protected_visit_sends_its_figures_and_keeps_its_note() {
    use tiepdan_domain::decisions::{Amount, Assets, Implementation, ImplementationFigures};
    use tiepdan_domain::VisitId;
    let record = sealed(&EventBody::DecisionImplemented(Implementation {
        visit_id: VisitId::new(),
        on: chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
        completed: true,
        done: ImplementationFigures {
            to_state: Assets { money: Amount(1_250), land: Amount::ZERO },
            ..Default::default()
        },
        note: "Ông Lê Văn Tố đã nộp tiền".into(),
    }));
    let wire = for_upstream_protecting(&record, true).unwrap();
    assert!(!wire.payload.contains("Lê Văn Tố"), "the note stays at the ward: {}", wire.payload);
    assert!(wire.payload.contains("\"money\":1250"), "the district counts the amounts: {}", wire.payload);
    assert_eq!(wire.to_event(record.stream).unwrap().chain_hash, record.chain_hash);
    assert!(
        for_upstream(&record).unwrap().withheld.is_empty(),
        "an unprotected visit's record travels whole"
    );
}

#[test]
fn a_forms_opening_balances_travel_whole_and_decode_as_sent() {
    use tiepdan_domain::reports::{FormKey, Opening};
    let from = chrono::NaiveDate::from_ymd_opt(2025, 12, 15).unwrap();
    let opening = Opening { form: FormKey::Xld01, from, columns: [(2, 5), (5, 5)].into() };
    for body in [
        EventBody::OpeningDeclared(opening.clone()),
        EventBody::OpeningCorrected { opening, reason: "Số liệu Quý IV ghi nhầm".into() },
    ] {
        let event = sealed(&body);
        // Even a register that protects every visit withholds nothing here: no visit, no identity.
        let wire = for_upstream_protecting(&event, true).unwrap();
        assert!(wire.withheld.is_empty(), "{:?}", wire.withheld);
        assert_eq!(wire.to_event(event.stream).unwrap().body().unwrap(), body);
    }
}
