use super::*;
use crate::clock::FixedClock;
use crate::ids::StreamId;
use crate::receipt::ReceiptNo;
use crate::visit::{VisitDraft, VisitStatus};
use chrono::TimeZone;
use unicode_normalization::UnicodeNormalization;

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

/// `canonical_json` as it was until November 2026, normalising every string whether it needed it or
/// not: the definition the hashes of every journal written so far were made with.
fn canonical_json_before(value: &Value) -> Vec<u8> {
    fn normalise(v: &Value) -> Value {
        match v {
            Value::String(s) => Value::String(s.nfc().collect()),
            Value::Array(items) => Value::Array(items.iter().map(normalise).collect()),
            Value::Object(m) => {
                Value::Object(m.iter().map(|(k, v)| (k.nfc().collect(), normalise(v))).collect())
            }
            other => other.clone(),
        }
    }
    serde_json::to_vec(&normalise(value)).unwrap()
}

/// The envelope as `Event::seal` built it until November 2026.
fn envelope_before(event: &Event, body: &EventBody) -> Value {
    let tagged = serde_json::to_value(body).unwrap();
    serde_json::json!({
        "body": tagged.get("body").cloned().unwrap_or(Value::Null),
        "event_id": event.id,
        "kind": tagged.get("kind").and_then(Value::as_str).unwrap_or_default(),
        "officer": event.officer,
        "recorded_at": canonical_time(&event.recorded_at),
    })
}

fn nfd(text: &str) -> String {
    text.nfd().collect()
}

/// A registration as the desk records it, with every text in the form `form` gives it.
fn visit_recorded(form: fn(&str) -> String) -> EventBody {
    let draft: VisitDraft = serde_json::from_value(serde_json::json!({
        "visitors": [{ "full_name": "Đặng Thị Ngọc Ánh", "id_number": "001190012345", "birth_year": 1990,
                       "sex": "female", "address": "Số 12 ngõ 3, phường Hà Đông, Hà Nội" }],
        "summary": "Đề nghị cấp giấy chứng nhận quyền sử dụng đất; tranh chấp lối đi chung",
        "petition": { "kind": "proposal", "field": "land", "handling": "accept" },
        "documents": [{ "title": "Đơn kiến nghị", "original": true, "pages": 2 }],
        "notes": "Công dân mang theo bản sao sổ đỏ",
    }))
    .unwrap();
    let mut details = draft.complete(&FixedClock(at()), Some(crate::OfficerId::new())).unwrap();
    details.summary = form(&details.summary);
    details.notes = form(&details.notes);
    for v in &mut details.visitors {
        v.full_name = form(&v.full_name);
        v.address = v.address.as_deref().map(form);
    }
    for d in &mut details.documents {
        d.title = form(&d.title);
    }
    let receipt_no = ReceiptNo { series: Default::default(), number: 42, year: 2026, desk: 'A', epoch: 1 };
    EventBody::VisitRecorded(Visit {
        id: crate::VisitId::new(),
        receipt_no,
        status: VisitStatus::Active,
        details,
    })
}

#[test]
fn sealed_payloads_are_byte_for_byte_those_of_the_earlier_encoding_for_nfc_and_nfd_text() {
    let as_typed = |s: &str| s.to_string();
    let samples = [
        visit_recorded(as_typed),
        visit_recorded(nfd),
        EventBody::VisitCancelled { visit_id: crate::VisitId::new(), reason: nfd("Nhập trùng hồ sơ") },
        EventBody::OfficerRetired { officer_id: crate::OfficerId::new() },
        EventBody::StreamStarted { ward_code: "12345".into(), desk: 'B', epoch: 3, previous_stream: None },
    ];
    for (i, body) in samples.iter().enumerate() {
        let officer = (i % 2 == 0).then(crate::OfficerId::new);
        let event = Event::seal(StreamId::new(), 7, &GENESIS, body, at(), officer).unwrap();
        assert_eq!(
            String::from_utf8(event.payload.clone()).unwrap(),
            String::from_utf8(canonical_json_before(&envelope_before(&event, body))).unwrap(),
            "sample {i}: the payload is hashed into the chain, so its bytes must not change"
        );
        assert!(event.payload_is_consistent());
    }
    // The same visit typed precomposed or decomposed seals to the same bytes.
    let (composed, decomposed) = (visit_recorded(as_typed), visit_recorded(nfd));
    let same_ids = |body: &EventBody, like: &EventBody| {
        let (EventBody::VisitRecorded(v), EventBody::VisitRecorded(like)) = (body, like) else {
            unreachable!()
        };
        let mut v = v.clone();
        v.id = like.id;
        v.details.officer_id = like.details.officer_id;
        serde_json::to_value(EventBody::VisitRecorded(v)).unwrap()
    };
    assert_ne!(same_ids(&decomposed, &composed), serde_json::to_value(&composed).unwrap(), "inputs differ");
    assert_eq!(
        canonical_json(&same_ids(&decomposed, &composed)).unwrap(),
        canonical_json(&serde_json::to_value(&composed).unwrap()).unwrap()
    );
}

#[test]
fn canonical_bytes_of_a_fixed_value_never_change() {
    let v = serde_json::json!({
        "recorded_at": "2026-11-25T02:30:00.000000Z",
        "body": { "reason": nfd("Đơn trùng, đã giải quyết"), "n": 42, "ok": true, "none": null },
        nfd("khóa"): ["Ước", nfd("Ước"), -7],
        "event_id": "0195c1c4-0000-7000-8000-000000000001",
    });
    let expected = r#"{"body":{"n":42,"none":null,"ok":true,"reason":"Đơn trùng, đã giải quyết"},"event_id":"0195c1c4-0000-7000-8000-000000000001","khóa":["Ước","Ước",-7],"recorded_at":"2026-11-25T02:30:00.000000Z"}"#;
    assert_eq!(String::from_utf8(canonical_json(&v).unwrap()).unwrap(), expected);
    assert_eq!(canonical_json(&v).unwrap(), canonical_json_before(&v));
    assert_eq!(
        hex::encode(sha256(&canonical_json_before(&v))),
        "483f282b77d5107b5c3ac5f5061be4145d45aa490e3171b62fb2c80968ab547a",
        "the hash of these bytes under the earlier code"
    );
}

#[test]
fn a_float_is_refused_even_after_a_string_that_needs_normalising() {
    let v = serde_json::json!({ "a": nfd("Ánh"), "b": [1, 2.5] });
    assert!(matches!(canonical_json(&v), Err(EventError::Float)));
}

#[test]
fn an_opening_declaration_decodes_from_its_own_payload() {
    let from = chrono::NaiveDate::from_ymd_opt(2025, 12, 15).unwrap();
    let opening = crate::reports::Opening {
        form: crate::reports::FormKey::Xld01,
        from,
        columns: [(2, 5), (5, 5)].into(),
    };
    let body = EventBody::OpeningDeclared(opening);
    let event = Event::seal(StreamId::new(), 1, &GENESIS, &body, Utc::now(), None).unwrap();
    assert!(String::from_utf8_lossy(&event.payload).contains(r#""columns":{"2":5,"5":5}"#));
    assert_eq!(event.body().unwrap(), body, "column numbers come back from their JSON keys");
}
