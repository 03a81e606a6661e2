//! Denouncer identity stays at the ward (issue 5 §5, `shared/domain.md` §6).
//!
//! Before an event leaves the desk, the identifying fields of every person received for a petition
//! whose sender is protected are replaced by `null` in the payload, and their JSON pointers are
//! listed in [`WireEvent::withheld`] — the marker that the information exists at the ward. The
//! event's hashes are those of the full journal event, so the server still verifies the chain while
//! never holding the identity. The server applies the same rule to anything that arrives unredacted,
//! so an old desk cannot put a denouncer's name into the district database either.
//!
//! Neither the rule nor the fields are spelled here: which petitions protect their sender is
//! [`PetitionKind::protects_sender`], and what identifies a visitor is [`IdentityField::ALL`] (and
//! the sealed value beside them, ciphertext included), both from the domain, so the wire withholds
//! exactly what the register seals and the papers mask. The free texts and the repeat link a
//! protected visit keeps at the ward (issue 14) are classified in [`tiepdan_domain::upstream`]; the
//! same function serves the desk before sending and the district when it redacts a visit protected
//! only later ([`withhold_visitors`] with `force`).

use crate::push::{WireEvent, WireEventError};
use serde::Deserialize;
use serde_json::Value;
use tiepdan_domain::event::{canonical_json, Event};
use tiepdan_domain::petition::PetitionKind;
use tiepdan_domain::upstream;
use tiepdan_domain::visit::{IdentityField, SEALED_KEY};

/// The keys withheld from each visitor of a protected visit, in the order they are listed.
fn withheld_keys() -> impl Iterator<Item = &'static str> {
    IdentityField::ALL.into_iter().map(IdentityField::key).chain([SEALED_KEY])
}

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

/// Withholds what a protected visit keeps at the ward if this event's petition is protected, or
/// always with `force`: the visitors' identity and every text the domain classifies as withheld
/// ([`upstream`]), a repeat link's other end included. Kind, field, handling, counts and dates stay.
pub fn withhold_visitors(payload: &[u8], force: bool) -> Option<(String, Vec<String>)> {
    let mut value: Value = serde_json::from_slice(payload).ok()?;
    let withheld = withhold_value(&mut value, force);
    if withheld.is_empty() {
        return None;
    }
    let bytes = canonical_json(&value).ok()?;
    Some((String::from_utf8(bytes).ok()?, withheld))
}

/// As [`withhold_visitors`], on a payload already parsed: nulls what must not travel, in place, and
/// returns the pointers it nulled (none: the payload is unchanged). For a caller that needs the
/// parsed payload anyway, so it is parsed once.
pub fn withhold_value(value: &mut Value, force: bool) -> Vec<String> {
    let Some(kind) = value.get("kind").and_then(Value::as_str).map(str::to_string) else { return Vec::new() };
    let base = upstream::details_pointer(&kind);
    let protected = force || base.and_then(|b| value.pointer(b)).is_some_and(is_protected);
    if !protected {
        return Vec::new();
    }
    let mut withheld = Vec::new();
    if let Some(base) = base {
        let visitors = value.pointer_mut(&format!("{base}/visitors")).and_then(Value::as_array_mut);
        for (i, visitor) in visitors.into_iter().flatten().enumerate() {
            let Some(fields) = visitor.as_object_mut() else { continue };
            for name in withheld_keys() {
                if let Some(v) = fields.get_mut(name) {
                    if !v.is_null() {
                        *v = Value::Null;
                        withheld.push(format!("{base}/visitors/{i}/{name}"));
                    }
                }
            }
        }
    }
    for pointer in upstream::withheld_pointers(&kind, value) {
        if let Some(v) = value.pointer_mut(&pointer) {
            *v = Value::Null;
            withheld.push(pointer);
        }
    }
    withheld
}

/// The visit an event is about, read from its payload (for a visit's record, its own id), and the
/// other end of a repeat link: the visits whose protection reaches this event.
pub fn visits_of(payload: &Value) -> Vec<String> {
    let body = payload.get("body");
    let id = match payload.get("kind").and_then(Value::as_str) {
        Some("visit_recorded") => body.and_then(|b| b.get("id")),
        _ => body.and_then(|b| b.get("visit_id")),
    };
    let link = payload.pointer(upstream::LINK_POINTER);
    [id, link].into_iter().flatten().filter_map(Value::as_str).map(str::to_string).collect()
}

/// Whether these visit details (as JSON) are of a petition whose sender is protected. A kind this
/// build does not know is not protected by it; the district's own check applies the same rule.
pub fn is_protected(details: &Value) -> bool {
    details
        .pointer("/petition/kind")
        .and_then(|kind| PetitionKind::deserialize(kind).ok())
        .is_some_and(PetitionKind::protects_sender)
}

#[cfg(test)]
#[path = "withhold_tests.rs"]
mod tests;
