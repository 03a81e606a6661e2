//! Identity withheld at the district (`shared/domain.md` §6, `tiepdan_protocol::withhold`), and the
//! free texts and links of a protected visit withheld with it (`tiepdan_domain::upstream`, issue 14).
//!
//! The district never holds a denouncer's identity: the desk sends those fields as `null` with a
//! list of JSON pointers saying which values it kept. A desk restored from an older backup that takes
//! such events back (`import`) therefore gets `null` where it once had a name. This module owns that
//! case: it stores the pointers beside the event (table `withheld_fields`), checks such an event
//! without its payload hash (which is that of the full event and cannot be recomputed from the
//! redacted one; the chain hash still seals it), decodes its body with the withheld name read as
//! empty, and tells readers that a visit's identity was withheld — nothing is invented in its place.

use crate::error::Result;
use crate::Register;
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::Value;
use tiepdan_domain::event::{canonical_time, Event, EventBody, EventError};
use tiepdan_domain::upstream;
use tiepdan_domain::visit::IdentityField;
use tiepdan_domain::{StreamId, VisitId};

/// Where the visitors sit in the payload of the two kinds that carry visit details.
fn visitors_pointer(kind: &str) -> Option<&'static str> {
    match kind {
        "visit_recorded" => Some("/body/visitors"),
        "visit_amended" => Some("/body/details/visitors"),
        _ => None,
    }
}

/// Records which values of event `seq` of `stream` were withheld.
pub(crate) fn store(conn: &Connection, stream: StreamId, seq: u64, pointers: &[String]) -> Result<()> {
    let mut stmt = conn
        .prepare_cached("INSERT OR IGNORE INTO withheld_fields (stream, seq, pointer) VALUES (?1, ?2, ?3)")?;
    for pointer in pointers {
        stmt.execute(params![stream.to_string(), seq as i64, pointer])?;
    }
    Ok(())
}

/// The withheld pointers of one event (empty for every event written at this desk).
pub(crate) fn of(conn: &Connection, stream: StreamId, seq: u64) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT pointer FROM withheld_fields WHERE stream = ?1 AND seq = ?2 ORDER BY pointer",
    )?;
    let rows = stmt.query_map(params![stream.to_string(), seq as i64], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<Vec<String>>>()?)
}

/// Whether a redacted event is what a desk would have sent: every pointer names a visitor's field
/// of a visit event and holds `null`, and the side columns say what the payload says.
pub(crate) fn is_consistent(event: &Event, pointers: &[String]) -> bool {
    let Ok(v) = serde_json::from_slice::<Value>(&event.payload) else { return false };
    let pointers_ok = pointers.iter().all(|p| {
        let identity = visitors_pointer(&event.kind)
            .is_some_and(|base| p.strip_prefix(base).is_some_and(|rest| rest.starts_with('/')));
        (identity || upstream::blank_of(&event.kind, p).is_some()) && v.pointer(p).is_some_and(Value::is_null)
    });
    let text = |key: &str| v.get(key).and_then(Value::as_str).map(str::to_string);
    pointers_ok
        && text("event_id") == Some(event.id.to_string())
        && text("kind").as_deref() == Some(event.kind.as_str())
        && text("recorded_at") == Some(canonical_time(&event.recorded_at))
        && v.get("officer") == Some(&serde_json::to_value(event.officer).unwrap_or(Value::Null))
}

/// The event's body. A visitor's identifying field withheld upstream comes back blank (an empty
/// name, the optional fields absent: [`IdentityField::blank_json`]), and so does a withheld text
/// ([`upstream::Blank`]); every other event decodes as written.
pub(crate) fn body(event: &Event) -> std::result::Result<EventBody, EventError> {
    let base = visitors_pointer(&event.kind);
    if base.is_none() && upstream::texts(&event.kind).is_empty() {
        return event.body();
    }
    let mut v: Value = serde_json::from_slice(&event.payload)?;
    upstream::blank_withheld(&event.kind, &mut v);
    if let Some(visitors) = base.and_then(|b| v.pointer_mut(b)).and_then(Value::as_array_mut) {
        for visitor in visitors.iter_mut().filter_map(Value::as_object_mut) {
            for field in IdentityField::ALL {
                if let Some(value) = visitor.get_mut(field.key()).filter(|v| v.is_null()) {
                    *value = field.blank_json();
                }
            }
        }
    }
    let tagged = serde_json::json!({ "kind": v.get("kind"), "body": v.get("body") });
    Ok(serde_json::from_value(tagged)?)
}

/// Whether the newest event that set visit `visit`'s details came back from the district with
/// values withheld (false for a visit whose events were all written here).
pub(crate) fn last_details_withheld(conn: &Connection, visit: VisitId) -> Result<bool> {
    let withheld: Option<bool> = conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM withheld_fields w WHERE w.stream = e.stream AND w.seq = e.seq)
             FROM events e JOIN streams s ON s.id = e.stream
             WHERE e.visit_id = ?1 AND e.kind IN ('visit_recorded', 'visit_amended')
             ORDER BY s.epoch DESC, e.seq DESC LIMIT 1",
        )?
        .query_row([visit.to_string()], |r| r.get(0))
        .optional()?;
    Ok(withheld.unwrap_or(false))
}

impl Register {
    /// The JSON pointers of the values of event `seq` of `stream` that the district withheld (empty
    /// for events written here). Sync sends them again with the event if it must push it again.
    pub fn withheld_fields(&self, stream: StreamId, seq: u64) -> Result<Vec<String>> {
        of(&self.conn, stream, seq)
    }
}
