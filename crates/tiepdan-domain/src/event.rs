//! The event envelope of the journal (`shared/sync-design.md`, Identities) and its hashes.
//!
//! Every change to the register is one [`EventBody`], wrapped in an [`Event`] with its stream, its
//! gapless `seq`, and two SHA-256 hashes:
//! - `payload_hash = SHA-256(payload)` where `payload` is the **canonical encoding** below;
//! - `chain_hash = SHA-256(previous chain_hash ‖ seq as 8 bytes big-endian ‖ payload_hash)`, with 32
//!   zero bytes as the "previous" of seq 1, so each event seals every event before it in its stream.
//!
//! Canonical encoding (also in `docs/events.md`): the UTF-8 bytes of compact JSON (no whitespace) of
//! the object `{"body":…,"event_id":…,"kind":…,"officer":…,"recorded_at":…}` with the keys of every
//! object in ascending byte order, strings in NFC, integers only (no floats), `recorded_at` as RFC 3339
//! UTC with microseconds, absent optional values as `null`. The same value always gives the same bytes,
//! on every desk and the server, so hashes can be recomputed anywhere.

use crate::calendar::CalendarOverride;
use crate::day_close::DayClose;
use crate::deadlines::DeadlineRules;
use crate::decisions::Implementation;
use crate::ids::{EventId, OfficerId, StreamId, VisitId};
use crate::officer::{Officer, WardProfile};
use crate::processing::Processing;
use crate::reports::Opening;
use crate::results::{Acceptance, Extension, RepeatLink, Resolution, Transfer, TransferAnswer};
use crate::sessions::{ReceptionSchedule, ReceptionSession, SessionClose};
use crate::text::as_nfc;
use crate::visit::{Visit, VisitDetails};
use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use std::borrow::Cow;

pub type Hash = [u8; 32];

/// The "previous chain hash" of the first event of a stream.
pub const GENESIS: Hash = [0u8; 32];

/// What happened. The tag is the event's `kind`; the content is its `body`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "body", rename_all = "snake_case")]
pub enum EventBody {
    /// The first event of every stream: which desk, which epoch, and which stream it continues.
    StreamStarted {
        ward_code: String,
        desk: char,
        epoch: u32,
        previous_stream: Option<StreamId>,
    },
    WardConfigured(WardProfile),
    OfficerAdded(Officer),
    OfficerUpdated(Officer),
    OfficerRetired {
        officer_id: OfficerId,
    },
    VisitRecorded(Visit),
    /// A correction: the visit's details as they now stand, and why.
    VisitAmended {
        visit_id: VisitId,
        details: VisitDetails,
        reason: String,
    },
    VisitCancelled {
        visit_id: VisitId,
        reason: String,
    },
    /// A petition accepted for resolution (thụ lý), or not, with the reason.
    PetitionAccepted(Acceptance),
    /// A petition sent to the competent body.
    PetitionTransferred(Transfer),
    /// The receiving body's answer to a transfer.
    TransferAnswered(TransferAnswer),
    /// The resolution period extended, with the reason.
    DeadlineExtended(Extension),
    /// A petition resolved, with its outcome.
    PetitionResolved(Resolution),
    /// A visit linked to an earlier visit of the same matter.
    RepeatLinked(RepeatLink),
    /// A day declared off or working by the administrator or the upstream server; replaces any earlier
    /// override of the same date.
    CalendarOverrideSet(CalendarOverride),
    /// An override withdrawn: the day is again what the official calendar says.
    CalendarOverrideRemoved {
        date: NaiveDate,
    },
    /// The deadline rule set in force from now on (a province's, or the shipped one again).
    DeadlineRulesSet(DeadlineRules),
    /// The end of a reception day: the desk's counts and where its journal stood.
    DayClosed(DayClose),
    /// A petition processed: eligibility, competence, handling and the day (no identity).
    PetitionProcessed(Processing),
    /// The head's fixed reception days and the desk's hours, replacing the earlier ones.
    ReceptionScheduleSet(ReceptionSchedule),
    /// A leader reception session planned.
    SessionPlanned(ReceptionSession),
    /// A leader reception session held (with or without citizens) or cancelled.
    SessionClosed(SessionClose),
    /// A form's opening balances declared by a ward that starts mid-year (counts only, no identity).
    OpeningDeclared(Opening),
    /// A declared opening balance corrected: it replaces the earlier one; the journal keeps both.
    OpeningCorrected {
        opening: Opening,
        reason: String,
    },
    /// How far a complaint decision has been carried out (02/KQGQ); the latest one stands.
    DecisionImplemented(Implementation),
}

impl EventBody {
    /// The `kind` string stored beside the event.
    pub fn kind(&self) -> String {
        match serde_json::to_value(self) {
            Ok(Value::Object(m)) => m.get("kind").and_then(Value::as_str).unwrap_or_default().to_string(),
            _ => String::new(),
        }
    }

    /// The visit this event concerns, if any.
    pub fn visit_id(&self) -> Option<VisitId> {
        match self {
            EventBody::VisitRecorded(v) => Some(v.id),
            EventBody::VisitAmended { visit_id, .. } | EventBody::VisitCancelled { visit_id, .. } => {
                Some(*visit_id)
            }
            EventBody::PetitionAccepted(Acceptance { visit_id, .. })
            | EventBody::PetitionTransferred(Transfer { visit_id, .. })
            | EventBody::TransferAnswered(TransferAnswer { visit_id, .. })
            | EventBody::DeadlineExtended(Extension { visit_id, .. })
            | EventBody::PetitionResolved(Resolution { visit_id, .. })
            | EventBody::RepeatLinked(RepeatLink { visit_id, .. })
            | EventBody::PetitionProcessed(Processing { visit_id, .. })
            | EventBody::DecisionImplemented(Implementation { visit_id, .. }) => Some(*visit_id),
            _ => None,
        }
    }
}

/// One journal entry as stored and as sent upstream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub id: EventId,
    pub stream: StreamId,
    pub seq: u64,
    pub kind: String,
    pub recorded_at: DateTime<Utc>,
    pub officer: Option<OfficerId>,
    /// The canonical payload bytes; the hashes are over these exact bytes.
    pub payload: Vec<u8>,
    pub payload_hash: Hash,
    pub chain_hash: Hash,
}

#[derive(Debug, thiserror::Error)]
pub enum EventError {
    #[error("event payload is not canonical JSON of a known event: {0}")]
    Payload(#[from] serde_json::Error),
    #[error("event payload contains a number that is not an integer")]
    Float,
}

/// The canonical JSON of a value: sorted keys, compact, NFC strings. Fails on floats.
///
/// Almost every string is NFC already (see [`as_nfc`]), so the value is first only checked, and
/// serialised as it is when nothing needs normalising; a copy with its strings normalised is made
/// only otherwise. Both paths give the same bytes (`event_tests`).
pub fn canonical_json(value: &Value) -> Result<Vec<u8>, EventError> {
    let mut bytes = Vec::with_capacity(1024);
    if needs_normalising(value)? {
        serde_json::to_writer(&mut bytes, &normalised(value)?)?;
    } else {
        serde_json::to_writer(&mut bytes, value)?;
    }
    Ok(bytes)
}

/// Whether some string or key of `value` is not NFC. A float is an error; one found after the first
/// string to normalise is reported by [`normalised`], which walks the whole value.
fn needs_normalising(value: &Value) -> Result<bool, EventError> {
    let is_nfc = |s: &str| matches!(as_nfc(s), Cow::Borrowed(_));
    Ok(match value {
        Value::String(s) => !is_nfc(s),
        Value::Number(n) if !(n.is_i64() || n.is_u64()) => return Err(EventError::Float),
        Value::Array(items) => {
            for item in items {
                if needs_normalising(item)? {
                    return Ok(true);
                }
            }
            false
        }
        Value::Object(m) => {
            for (k, v) in m {
                if !is_nfc(k) || needs_normalising(v)? {
                    return Ok(true);
                }
            }
            false
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => false,
    })
}

/// A copy of `value` with every string and key in NFC.
fn normalised(value: &Value) -> Result<Value, EventError> {
    Ok(match value {
        Value::String(s) => Value::String(as_nfc(s).into_owned()),
        Value::Number(n) if !(n.is_i64() || n.is_u64()) => return Err(EventError::Float),
        Value::Array(items) => Value::Array(items.iter().map(normalised).collect::<Result<_, _>>()?),
        // serde_json's Map is a BTreeMap (no `preserve_order`): keys come out sorted.
        Value::Object(m) => Value::Object(
            m.iter()
                .map(|(k, v)| Ok((as_nfc(k).into_owned(), normalised(v)?)))
                .collect::<Result<_, EventError>>()?,
        ),
        other => other.clone(),
    })
}

pub fn sha256(bytes: &[u8]) -> Hash {
    Sha256::digest(bytes).into()
}

/// `SHA-256(previous ‖ seq (u64 big-endian) ‖ payload_hash)`.
pub fn chain_hash(previous: &Hash, seq: u64, payload_hash: &Hash) -> Hash {
    let mut h = Sha256::new();
    h.update(previous);
    h.update(seq.to_be_bytes());
    h.update(payload_hash);
    h.finalize().into()
}

/// The microsecond RFC 3339 form used inside payloads.
pub fn canonical_time(t: &DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Micros, true)
}

impl Event {
    /// Seals a body as event `seq` of `stream`, after the event whose chain hash is `previous`.
    pub fn seal(
        stream: StreamId,
        seq: u64,
        previous: &Hash,
        body: &EventBody,
        recorded_at: DateTime<Utc>,
        officer: Option<OfficerId>,
    ) -> Result<Event, EventError> {
        let id = EventId::new();
        // The body is turned into a `Value` once and moved into the envelope, not copied.
        let mut tagged = match serde_json::to_value(body)? {
            Value::Object(m) => m,
            _ => Map::new(),
        };
        let kind = match tagged.remove("kind") {
            Some(Value::String(kind)) => kind,
            _ => String::new(),
        };
        let mut envelope = Map::new();
        envelope.insert("body".into(), tagged.remove("body").unwrap_or(Value::Null));
        envelope.insert("event_id".into(), serde_json::to_value(id)?);
        envelope.insert("kind".into(), Value::String(kind.clone()));
        envelope.insert("officer".into(), serde_json::to_value(officer)?);
        envelope.insert("recorded_at".into(), Value::String(canonical_time(&recorded_at)));
        let payload = canonical_json(&Value::Object(envelope))?;
        let payload_hash = sha256(&payload);
        let chain_hash = chain_hash(previous, seq, &payload_hash);
        Ok(Event { id, stream, seq, kind, recorded_at, officer, payload, payload_hash, chain_hash })
    }

    /// Decodes the body from the payload bytes (the bytes, not the side columns, are the record).
    pub fn body(&self) -> Result<EventBody, EventError> {
        let v: Value = serde_json::from_slice(&self.payload)?;
        let tagged = serde_json::json!({ "kind": v.get("kind"), "body": v.get("body") });
        Ok(serde_json::from_value(tagged)?)
    }

    /// Whether the payload hash and the side columns agree with the payload bytes.
    pub fn payload_is_consistent(&self) -> bool {
        if sha256(&self.payload) != self.payload_hash {
            return false;
        }
        let Ok(v) = serde_json::from_slice::<Value>(&self.payload) else { return false };
        let matches_str = |key: &str, want: String| v.get(key).and_then(Value::as_str) == Some(want.as_str());
        matches_str("event_id", self.id.to_string())
            && matches_str("kind", self.kind.clone())
            && matches_str("recorded_at", canonical_time(&self.recorded_at))
            && v.get("officer") == Some(&serde_json::to_value(self.officer).unwrap_or(Value::Null))
    }
}

#[cfg(test)]
#[path = "event_tests.rs"]
mod tests;
