//! The rules both engines apply, written once and free of SQL: what a batch must look like, when an
//! event's payload and chain verify, what district review is told, and which payload makes its
//! visit protected (what the projection reads from a payload is [`super::projection`]). A back end
//! calls these inside its transaction; it decides nothing of its own about validity.

use crate::error::{Error, Result};
use serde_json::Value;
use tiepdan_domain::event::{canonical_time, chain_hash, sha256, EventBody};
use tiepdan_protocol::push::parse_hash;
use tiepdan_protocol::{withhold, PushRequest, WireEvent, MAX_BATCH_EVENTS};

/// A desk opens a new stream only when its register is reinstalled or restored; more than this
/// many is a runaway or a misused credential, not a ward's work.
pub const MAX_STREAMS_PER_DESK: i64 = 64;

const CODE_ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

pub(crate) fn check_ward_code(code: &str) -> Result<()> {
    if code.len() == 5 && code.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err(Error::BadRequest(format!("mã phường \"{code}\" phải gồm đúng 5 chữ số")))
    }
}

pub(crate) fn check_desk(desk: &str) -> Result<char> {
    let mut chars = desk.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if c.is_ascii_uppercase() => Ok(c),
        _ => Err(Error::BadRequest(format!("bàn \"{desk}\" phải là một chữ cái in hoa A–Z"))),
    }
}

/// Twelve characters of an alphabet without I, L, O and U, which people misread.
pub(crate) fn new_enrollment_code() -> Result<String> {
    let mut bytes = [0u8; 12];
    getrandom::fill(&mut bytes).map_err(|e| Error::Internal(format!("random: {e}")))?;
    Ok(bytes.iter().map(|b| CODE_ALPHABET[(*b % 32) as usize] as char).collect())
}

pub(crate) fn is_code_shaped(normalised: &str) -> bool {
    normalised.len() == 12 && normalised.bytes().all(|b| CODE_ALPHABET.contains(&b))
}

/// What a person may type for a code: any case, with or without the dashes.
pub(crate) fn normalise_code(code: &str) -> String {
    code.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_uppercase()).collect()
}

/// Checks what can be checked without the store: size, contiguity, well-formed hashes and payload.
pub fn validate_batch(req: &PushRequest) -> Result<()> {
    if req.events.len() > MAX_BATCH_EVENTS {
        return Err(Error::BadRequest(format!("một lần gửi tối đa {MAX_BATCH_EVENTS} sự kiện")));
    }
    if req.local_max_seq > i64::MAX as u64 {
        return Err(Error::BadRequest("local_max_seq quá lớn".into()));
    }
    for (i, e) in req.events.iter().enumerate() {
        let expected = req.events[0].seq.checked_add(i as u64);
        if e.seq == 0 || e.seq > i64::MAX as u64 || Some(e.seq) != expected {
            return Err(Error::BadRequest("các sự kiện phải liên tiếp, bắt đầu từ số 1 trở lên".into()));
        }
        for (text, field) in [(&e.payload_hash, "payload_hash"), (&e.chain_hash, "chain_hash")] {
            parse_hash(text, field)
                .map_err(|err| Error::BadRequest(format!("sự kiện số {}: {err}", e.seq)))?;
        }
        if !is_json_object(&e.payload) {
            return Err(Error::BadRequest(format!("sự kiện số {}: nội dung không phải JSON", e.seq)));
        }
        if e.kind.is_empty() || e.kind.len() > 64 || e.withheld.len() > 1000 {
            return Err(Error::BadRequest(format!("sự kiện số {}: loại hoặc danh sách giữ lại sai", e.seq)));
        }
    }
    Ok(())
}

/// Whether the next event of a stream whose head is `head` may be stored: its payload hash and
/// side fields agree with its payload (as far as a withheld payload allows), and its chain hash
/// follows from the head.
pub(crate) fn verify_next(head: &str, e: &WireEvent) -> Result<()> {
    if !verify_payload(e) {
        return Err(Error::BadHash { seq: e.seq });
    }
    let previous = parse_hash(head, "head").map_err(|e| Error::Internal(e.to_string()))?;
    let payload_hash =
        parse_hash(&e.payload_hash, "payload_hash").map_err(|err| Error::BadRequest(err.to_string()))?;
    if hex::encode(chain_hash(&previous, e.seq, &payload_hash)) != e.chain_hash {
        return Err(Error::BrokenChain { seq: e.seq });
    }
    Ok(())
}

/// Whether `text` is one well-formed JSON object, checked without building it (a push checks every
/// payload before anything is stored; building `Value` trees was the server's largest cost).
fn is_json_object(text: &str) -> bool {
    text.trim_start().starts_with('{') && serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok()
}

/// The side fields a payload must repeat, read without building the rest of it.
#[derive(serde::Deserialize)]
struct SideFields<'a> {
    #[serde(borrow)]
    event_id: std::borrow::Cow<'a, str>,
    #[serde(borrow)]
    kind: std::borrow::Cow<'a, str>,
    #[serde(borrow)]
    recorded_at: std::borrow::Cow<'a, str>,
    /// Required, even when null.
    officer: Value,
}

fn verify_payload(e: &WireEvent) -> bool {
    let Ok(side) = serde_json::from_str::<SideFields<'_>>(&e.payload) else { return false };
    let side_fields_match = side.event_id == e.id.to_string()
        && side.kind == e.kind
        && side.recorded_at == canonical_time(&e.recorded_at)
        && side.officer == serde_json::to_value(e.officer).unwrap_or(Value::Null);
    if !side_fields_match {
        return false;
    }
    if e.withheld.is_empty() {
        return hex::encode(sha256(e.payload.as_bytes())) == e.payload_hash;
    }
    // Only the withheld values are missing; each must be present as null.
    let Ok(v) = serde_json::from_str::<Value>(&e.payload) else { return false };
    e.withheld.iter().all(|p| v.pointer(p).is_some_and(Value::is_null))
}

/// An event as it is stored: a denouncer's identity withheld whatever the desk sent, and the words
/// and links of a visit already protected here too (an older desk may not withhold them).
pub(crate) struct Storable {
    pub payload: String,
    /// The stored payload, parsed.
    pub value: Value,
    /// JSON array of the withheld pointers, or `None`.
    pub withheld: Option<String>,
}

/// `sent` is the event's payload as parsed by [`sent_payload`]: it is parsed once on its way in.
pub(crate) fn storable(e: &WireEvent, sent: Value, concerns_protected: bool) -> Result<Storable> {
    let mut value = sent;
    let more = withhold::withhold_value(&mut value, concerns_protected);
    let payload = if more.is_empty() {
        e.payload.clone()
    } else {
        let bytes =
            tiepdan_domain::event::canonical_json(&value).map_err(|e| Error::Internal(e.to_string()))?;
        String::from_utf8(bytes).map_err(|e| Error::Internal(e.to_string()))?
    };
    let withheld: Vec<String> = e.withheld.iter().cloned().chain(more).collect();
    let withheld = (!withheld.is_empty()).then(|| serde_json::to_string(&withheld).unwrap_or_default());
    Ok(Storable { payload, value, withheld })
}

/// The incoming version of a fork as it is kept for review (JSON text), withheld like a stored event.
pub(crate) fn quarantined_version(e: &WireEvent, concerns_protected: bool) -> Result<String> {
    let mut incoming = e.clone();
    if let Some((payload, withheld)) =
        withhold::withhold_visitors(incoming.payload.as_bytes(), concerns_protected)
    {
        incoming.payload = payload;
        incoming.withheld.extend(withheld);
    }
    serde_json::to_string(&incoming).map_err(|e| Error::Internal(e.to_string()))
}

/// The visits a payload concerns, as the redaction index keeps them.
pub(crate) fn visits_of(payload: &Value) -> Vec<String> {
    withhold::visits_of(payload)
}

/// The sent payload, parsed (already checked to be an object by [`validate_batch`]).
pub(crate) fn sent_payload(e: &WireEvent) -> Value {
    serde_json::from_str(&e.payload).unwrap_or(Value::Null)
}

/// The visit this payload (of a visit's record or amendment) makes protected, if it does.
pub(crate) fn marks_protected(payload: &Value) -> Option<String> {
    let kind = payload.get("kind")?.as_str()?;
    let details = payload.pointer(tiepdan_domain::upstream::details_pointer(kind)?)?;
    if !withhold::is_protected(details) {
        return None;
    }
    withhold::visits_of(payload).into_iter().next()
}

/// A stored payload redacted as a desk would have sent it for a protected visit: the new payload
/// and the full list of withheld pointers (JSON), or `None` when nothing was left to withhold.
pub(crate) fn redacted(payload: &str, withheld: Option<&str>) -> Result<Option<(String, String)>> {
    let Some((payload, more)) = withhold::withhold_visitors(payload.as_bytes(), true) else {
        return Ok(None);
    };
    let mut pointers: Vec<String> = match withheld {
        Some(w) => {
            serde_json::from_str(w).map_err(|e| Error::Internal(format!("stored withheld list: {e}")))?
        }
        None => Vec::new(),
    };
    pointers.extend(more);
    let pointers = serde_json::to_string(&pointers).map_err(|e| Error::Internal(e.to_string()))?;
    Ok(Some((payload, pointers)))
}

/// A quarantined version (JSON text) redacted for `visit`, or `None` when it is not about that
/// visit or holds nothing more to withhold.
pub(crate) fn redacted_quarantined(incoming: &str, visit: &str) -> Result<Option<String>> {
    let Ok(mut wire) = serde_json::from_str::<WireEvent>(incoming) else { return Ok(None) };
    let about: Value = serde_json::from_str(&wire.payload).unwrap_or(Value::Null);
    if !withhold::visits_of(&about).iter().any(|v| v == visit) {
        return Ok(None);
    }
    let Some((payload, more)) = withhold::withhold_visitors(wire.payload.as_bytes(), true) else {
        return Ok(None);
    };
    wire.payload = payload;
    wire.withheld.extend(more);
    Ok(Some(serde_json::to_string(&wire).map_err(|e| Error::Internal(e.to_string()))?))
}

/// Remarks for district review; the event is stored either way.
pub(crate) fn review_note(e: &WireEvent, payload: &Value, ward_code: &str) -> Option<String> {
    let kind = payload.get("kind").and_then(Value::as_str);
    if (e.seq == 1) != (kind == Some("stream_started")) {
        return Some("luồng phải bắt đầu bằng sự kiện mở luồng, và chỉ một lần".into());
    }
    if kind == Some("stream_started") {
        let ward = payload.pointer("/body/ward_code").and_then(Value::as_str);
        if ward != Some(ward_code) {
            return Some(format!("mở luồng cho phường {ward:?} bằng thiết bị của phường {ward_code}"));
        }
    }
    // A withheld payload lacks required fields by design; anything else should decode.
    let known = serde_json::json!({ "kind": kind, "body": payload.get("body") });
    if e.withheld.is_empty() && serde_json::from_value::<EventBody>(known).is_err() {
        return Some(format!(
            "nội dung không đúng dạng sự kiện {kind:?} đã biết (bàn tiếp dùng phiên bản mới hơn?)"
        ));
    }
    None
}

/// The page a reader gets from up to `limit + 1` entries after `after` when `max` is the largest
/// number: with no entry for its ward the cursor still advances past other wards' numbers.
pub(crate) fn feed_page(
    mut entries: Vec<tiepdan_protocol::FeedEntry>,
    after: u64,
    limit: u64,
    max: u64,
) -> tiepdan_protocol::FeedPage {
    let more = entries.len() as u64 > limit;
    entries.truncate(limit as usize);
    let cursor = if more { entries.last().map_or(after, |e| e.number) } else { max };
    tiepdan_protocol::FeedPage { entries, cursor, more }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tiepdan_domain::event::{Event, EventBody, GENESIS};
    use tiepdan_domain::ids::StreamId;

    fn first_event() -> WireEvent {
        let body = EventBody::StreamStarted {
            ward_code: "12345".into(),
            desk: 'A',
            epoch: 1,
            previous_stream: None,
        };
        let e = Event::seal(StreamId::new(), 1, &GENESIS, &body, chrono::Utc::now(), None).unwrap();
        withhold::for_upstream(&e).unwrap()
    }

    #[test]
    fn only_a_single_well_formed_object_is_a_payload() {
        assert!(is_json_object(r#" {"a": [1, {"b": null}]}"#));
        for bad in [r#"[{"a": 1}]"#, r#""{}""#, r#"{"a": 1"#, r#"{"a": 1} {}"#, r#"{"a": 1} x"#, "", "null"] {
            assert!(!is_json_object(bad), "{bad:?} is not one JSON object");
        }
    }

    #[test]
    fn a_payload_verifies_only_with_its_own_side_fields_and_hash() {
        let good = first_event();
        assert!(verify_payload(&good), "a sealed event verifies");
        let mut other_kind = good.clone();
        other_kind.kind = "visit_recorded".into();
        assert!(!verify_payload(&other_kind), "the kind beside the payload must be the payload's");
        let mut no_officer = good.clone();
        no_officer.payload =
            no_officer.payload.replace(r#","officer":null"#, "").replace(r#""officer":null,"#, "");
        assert_ne!(no_officer.payload, good.payload, "the test removed the officer");
        assert!(!verify_payload(&no_officer), "the officer must be in the payload, even when null");
        let mut other_hash = good.clone();
        other_hash.payload_hash = hex::encode([7u8; 32]);
        assert!(!verify_payload(&other_hash), "the payload must hash to its payload hash");
    }
}
