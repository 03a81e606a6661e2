//! What a protected visit may send upstream besides its visitors' identity (issue 14, items 2–3).
//!
//! A denouncer can be named in free text as easily as in the visitor fields: the summary, the notes,
//! a document's title, a refusal's detail, the reason for an amendment… and a repeat link joins a
//! sealed denunciation to an identified visit. This module classifies every free text of every event
//! about a visit, and the link, as [`Upstream::Sent`] or [`Upstream::Withheld`] when the visit is
//! protected. The district keeps what it reports on (counts, kind, field, handling, stage, dates and
//! deadlines, the competent bodies and decision numbers); what a clerk writes in words stays at the
//! ward.
//!
//! Invariant: every text of every visit event is in exactly one row of [`DETAILS_TEXT`] or
//! [`EVENT_TEXT`], or is a visitor's identifying field ([`crate::visit::IdentityField`]); a test
//! builds every event kind with every text filled and fails on a text this table does not name, so a
//! new field cannot slip upstream unclassified. No I/O; the wire (`tiepdan_protocol::withhold`), the
//! server's redaction and the register's import all read the rule from here.

use serde_json::Value;

/// Whether a text of a protected visit travels upstream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Upstream {
    Sent,
    Withheld,
}

/// What a withheld value reads as when a desk takes the event back from the district: nothing is
/// invented in its place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Blank {
    /// A required text: empty.
    Empty,
    /// An optional text: absent.
    Absent,
    /// A link to another visit: the nil id, a link whose other end stays at the ward.
    NoVisit,
}

impl Blank {
    pub fn json(self) -> Value {
        match self {
            Blank::Empty => Value::String(String::new()),
            Blank::Absent => Value::Null,
            Blank::NoVisit => Value::String(uuid::Uuid::nil().to_string()),
        }
    }
}

/// One text of an event: where it sits (a JSON pointer, `*` for every element of an array).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Text {
    pub pointer: &'static str,
    pub upstream: Upstream,
    pub blank: Blank,
}

const fn text(pointer: &'static str, upstream: Upstream, blank: Blank) -> Text {
    Text { pointer, upstream, blank }
}

use Blank::{Absent, Empty, NoVisit};
use Upstream::{Sent, Withheld};

/// The texts of a visit's details, relative to where the details sit in the payload.
pub const DETAILS_TEXT: &[Text] = &[
    text("/organisation", Withheld, Absent),
    text("/summary", Withheld, Empty),
    text("/notes", Withheld, Empty),
    text("/documents/*/title", Withheld, Empty),
    text("/refusal/detail", Withheld, Empty),
    // The body that handled the matter before and the competent body: the district routes by them.
    text("/petition/previous_handler", Sent, Absent),
    text("/petition/transfer_to", Sent, Absent),
    text("/petition/previous_result", Withheld, Absent),
    text("/petition/ineligible_reason", Withheld, Absent),
    text("/petition/guidance", Withheld, Absent),
    // A petition from another body: that body and its letter are official, and the reports count by
    // them. The linked site of an online reception is a place; its recording is of the citizen.
    text("/from_body", Sent, Absent),
    text("/letter_no", Sent, Absent),
    text("/online_site", Sent, Absent),
    text("/recording_ref", Withheld, Absent),
];

/// The texts (and the link) of the other events about a visit, by kind, from the payload's root.
pub const EVENT_TEXT: &[(&str, Text)] = &[
    ("visit_amended", text("/body/reason", Withheld, Empty)),
    ("visit_cancelled", text("/body/reason", Withheld, Empty)),
    ("petition_accepted", text("/body/reason", Withheld, Absent)),
    ("petition_transferred", text("/body/to", Sent, Empty)),
    ("petition_transferred", text("/body/note", Withheld, Empty)),
    ("transfer_answered", text("/body/answer", Withheld, Empty)),
    ("deadline_extended", text("/body/reason", Withheld, Empty)),
    ("petition_resolved", text("/body/document_no", Sent, Absent)),
    ("petition_resolved", text("/body/note", Withheld, Empty)),
    ("decision_implemented", text("/body/note", Withheld, Empty)),
    ("petition_processed", text("/body/transfer_to", Sent, Absent)),
    ("petition_processed", text("/body/ineligible_reason", Withheld, Absent)),
    ("petition_processed", text("/body/guidance", Withheld, Absent)),
    // Item 3: the other end of a repeat link would let the district join a sealed denunciation to an
    // identified visit. The link is counted; whom it links stays at the ward.
    ("repeat_linked", text(LINK_POINTER, Withheld, NoVisit)),
];

/// Where a repeat link names the earlier visit.
pub const LINK_POINTER: &str = "/body/earlier_visit_id";

/// Where a visit's details sit in the payload of the events that carry them.
pub fn details_pointer(kind: &str) -> Option<&'static str> {
    match kind {
        "visit_recorded" => Some("/body"),
        "visit_amended" => Some("/body/details"),
        _ => None,
    }
}

/// Every text of an event of `kind`, as full pointer patterns from the payload's root.
pub fn texts(kind: &str) -> Vec<(String, Text)> {
    let mut out: Vec<(String, Text)> = Vec::new();
    if let Some(base) = details_pointer(kind) {
        out.extend(DETAILS_TEXT.iter().map(|t| (format!("{base}{}", t.pointer), *t)));
    }
    out.extend(EVENT_TEXT.iter().filter(|(k, _)| *k == kind).map(|(_, t)| (t.pointer.to_string(), *t)));
    out
}

/// The concrete pointers of the present, non-null values of `payload` (an event of `kind`) that a
/// protected visit withholds, `*` expanded over the arrays the payload holds.
pub fn withheld_pointers(kind: &str, payload: &Value) -> Vec<String> {
    let mut out = Vec::new();
    for (pattern, t) in texts(kind) {
        if t.upstream == Withheld {
            expand(payload, "", &pattern, &mut out);
        }
    }
    out.retain(|p| payload.pointer(p).is_some_and(|v| !v.is_null()));
    out
}

/// The blank of a concrete pointer of an event of `kind`, if it names a withheld text.
pub fn blank_of(kind: &str, pointer: &str) -> Option<Blank> {
    texts(kind)
        .into_iter()
        .find(|(pattern, t)| t.upstream == Withheld && matches(pattern, pointer))
        .map(|(_, t)| t.blank)
}

/// Puts each withheld text's blank where the district left `null`, so an event taken back from it
/// decodes with nothing invented in place of the words that stayed at the ward.
pub fn blank_withheld(kind: &str, payload: &mut Value) {
    for (pattern, t) in texts(kind) {
        if t.upstream != Withheld {
            continue;
        }
        let mut pointers = Vec::new();
        expand(payload, "", &pattern, &mut pointers);
        for pointer in pointers {
            if let Some(v) = payload.pointer_mut(&pointer).filter(|v| v.is_null()) {
                *v = t.blank.json();
            }
        }
    }
}

/// Whether a concrete pointer matches a pattern whose `*` segments stand for an array index.
pub fn matches(pattern: &str, pointer: &str) -> bool {
    let (mut p, mut c) = (pattern.split('/'), pointer.split('/'));
    loop {
        match (p.next(), c.next()) {
            (None, None) => return true,
            (Some("*"), Some(seg)) if seg.parse::<usize>().is_ok() => {}
            (Some(a), Some(b)) if a == b => {}
            _ => return false,
        }
    }
}

fn expand(value: &Value, prefix: &str, rest: &str, out: &mut Vec<String>) {
    let Some(rest) = rest.strip_prefix('/') else {
        out.push(prefix.to_string());
        return;
    };
    let (head, tail) = rest.split_once('/').map_or((rest, ""), |(h, t)| (h, t));
    let tail = if tail.is_empty() { String::new() } else { format!("/{tail}") };
    if head == "*" {
        for (i, item) in value.as_array().into_iter().flatten().enumerate() {
            expand(item, &format!("{prefix}/{i}"), &tail, out);
        }
    } else if let Some(next) = value.get(head) {
        expand(next, &format!("{prefix}/{head}"), &tail, out);
    }
}

#[cfg(test)]
#[path = "upstream_tests.rs"]
mod tests;
