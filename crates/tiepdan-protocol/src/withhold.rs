//! Denouncer identity stays at the ward (issue 5 §5, `shared/domain.md` §6).
//!
//! Before an event leaves the desk, the identifying fields of every person received for a petition
//! that is (or contains) a denunciation are replaced by `null` in the payload, and their JSON pointers
//! are listed in [`WireEvent::withheld`] — the marker that the information exists at the ward. The
//! event's hashes are those of the full journal event, so the server still verifies the chain while
//! never holding the identity. The server applies the same rule to anything that arrives unredacted,
//! so an old desk cannot put a denouncer's name into the district database either.

use crate::push::{WireEvent, WireEventError};
use serde_json::Value;
use tiepdan_domain::event::{canonical_json, Event};

/// The fields of a visitor that identify them.
pub const IDENTITY_FIELDS: [&str; 8] =
    ["full_name", "id_number", "id_kind", "id_issued_on", "id_issued_by", "birth_year", "sex", "address"];

/// Also withheld: a phone number identifies as well as a name does, and the identity sealed at the
/// ward (issue 7 §2) stays there too — ciphertext included, by default (`shared/domain.md` §6).
const CONTACT_FIELDS: [&str; 2] = ["phone", "sealed"];

/// Petition kinds whose sender is protected: a mixed petition may contain a denunciation.
const PROTECTED_KINDS: [&str; 2] = ["denunciation", "mixed"];

/// The wire form of a journal event with the denouncer's identity withheld when the law requires it.
pub fn for_upstream(event: &Event) -> Result<WireEvent, WireEventError> {
    for_upstream_protecting(event, false)
}

/// As [`for_upstream`]; `protected_visit` says the visit was a denunciation at some point of its
/// history (an amendment may change the kind), so its visitors are withheld whatever this event says.
pub fn for_upstream_protecting(event: &Event, protected_visit: bool) -> Result<WireEvent, WireEventError> {
    let mut wire = WireEvent::from_event(event)?;
    if let Some((payload, withheld)) = withhold_visitors(wire.payload.as_bytes(), protected_visit) {
        wire.payload = payload;
        wire.withheld = withheld;
    }
    Ok(wire)
}

/// The redacted payload text and the withheld pointers, or `None` when nothing must be withheld.
pub fn withhold_payload(payload: &[u8]) -> Option<(String, Vec<String>)> {
    withhold_visitors(payload, false)
}

/// Withholds the visitors' identity if this event's petition is protected, or always with `force`.
pub fn withhold_visitors(payload: &[u8], force: bool) -> Option<(String, Vec<String>)> {
    let mut value: Value = serde_json::from_slice(payload).ok()?;
    let base = details_pointer(&value)?;
    if !force && !is_protected(value.pointer(base)?) {
        return None;
    }
    let mut withheld = Vec::new();
    let visitors = value.pointer_mut(&format!("{base}/visitors"))?.as_array_mut()?;
    for (i, visitor) in visitors.iter_mut().enumerate() {
        let Some(fields) = visitor.as_object_mut() else { continue };
        for name in IDENTITY_FIELDS.iter().chain(CONTACT_FIELDS.iter()) {
            if let Some(v) = fields.get_mut(*name) {
                if !v.is_null() {
                    *v = Value::Null;
                    withheld.push(format!("{base}/visitors/{i}/{name}"));
                }
            }
        }
    }
    if withheld.is_empty() {
        return None;
    }
    let bytes = canonical_json(&value).ok()?;
    Some((String::from_utf8(bytes).ok()?, withheld))
}

/// Where a visit's details sit in the payload of the events that carry them.
fn details_pointer(payload: &Value) -> Option<&'static str> {
    match payload.get("kind")?.as_str()? {
        "visit_recorded" => Some("/body"),
        "visit_amended" => Some("/body/details"),
        _ => None,
    }
}

/// Whether these visit details (as JSON) are of a petition whose sender is protected.
pub fn is_protected(details: &Value) -> bool {
    details
        .pointer("/petition/kind")
        .and_then(Value::as_str)
        .is_some_and(|kind| PROTECTED_KINDS.contains(&kind))
}

#[cfg(test)]
#[path = "withhold_tests.rs"]
mod tests;
