//! What the district's projection reads from a stored event, written once and free of SQL: per
//! visit or petition received without a visit, the facts the periodic reports and the dashboard
//! count by (issue 16 §7: source, dates, sending body and its letter, kind, field, handling,
//! eligibility, competence, session, reception mode, counts), and per leader reception session its
//! plan and outcome.
//!
//! Invariant: nothing identifying a person is read here. Visitors, the summary, notes, documents,
//! reasons and every other free text stay in the event payloads (where a protected visit's are
//! withheld anyway); the only texts projected are the official names a protected visit still sends
//! upstream (`tiepdan_domain::upstream`: the sending body and its letter number). Facts are read
//! from the payload JSON rather than the domain types, so an event from a newer desk, or one with
//! withheld fields, still counts.

use chrono::DateTime;
use serde_json::Value;
use tiepdan_domain::clock::vietnam_offset;

/// What the projection keeps of a visit's details (a visit's record or an amendment).
#[derive(Debug, Clone, Default)]
pub(crate) struct VisitFacts {
    pub received_at: Option<String>,
    /// The ward's calendar day (UTC+7), `YYYY-MM-DD`.
    pub received_on: Option<String>,
    pub people_count: Option<i64>,
    pub petition_kind: Option<String>,
    pub handling: Option<String>,
    /// Nguồn đơn; `desk` for a visit (and for every event written before sources existed).
    pub source: String,
    pub from_body: Option<String>,
    pub letter_no: Option<String>,
    pub letter_date: Option<String>,
    pub petition_field: Option<String>,
    pub signatories: Option<i64>,
    pub stage: Option<String>,
    /// 1 or 0; none without a petition.
    pub eligible: Option<i64>,
    /// 1 or 0; none until the petition is processed.
    pub competent: Option<i64>,
    pub processed_on: Option<String>,
    pub session_id: Option<String>,
    pub reception: Option<String>,
}

/// A petition's processing decision (`petition_processed`).
#[derive(Debug, Clone, Default)]
pub(crate) struct ProcessingFacts {
    pub processed_on: Option<String>,
    pub eligible: Option<i64>,
    pub competent: Option<i64>,
    pub handling: Option<String>,
}

/// A leader reception session as planned (`session_planned`).
#[derive(Debug, Clone, Default)]
pub(crate) struct SessionFacts {
    pub session_id: String,
    pub planned_on: Option<String>,
    pub part: Option<String>,
    pub kind: Option<String>,
    /// `head` or `delegate`: who sat, never which person.
    pub sat: Option<String>,
}

/// What one stored event changes in the projection.
pub(crate) enum Change {
    Recorded {
        visit_id: String,
        receipt_no: Option<String>,
        status: String,
        facts: VisitFacts,
    },
    Amended {
        visit_id: String,
        facts: VisitFacts,
    },
    Cancelled {
        visit_id: String,
    },
    Processed {
        visit_id: String,
        facts: ProcessingFacts,
    },
    SessionPlanned(SessionFacts),
    SessionClosed {
        session_id: String,
        outcome: Option<String>,
        visits: Option<i64>,
    },
    /// Issue 17: the latest acceptance decision replaces the earlier one. `accepted_on` is its day
    /// when it accepted, `None` when it refused.
    Accepted {
        visit_id: String,
        level: String,
        accepted_on: Option<String>,
    },
    /// A new transfer clears the answer to an earlier one, as at the desk.
    Transferred {
        visit_id: String,
        on: Option<String>,
    },
    /// The answer to the transfer in force; ignored where no transfer is (the desk refuses it).
    Answered {
        visit_id: String,
        on: Option<String>,
    },
    Resolved {
        visit_id: String,
        on: Option<String>,
        outcome: Option<String>,
    },
    /// A repeat link; `earlier` is `None` when it was withheld (a protected end).
    Linked {
        visit_id: String,
        earlier: Option<String>,
    },
}

/// The nil id a desk puts where a withheld link's other end was (`tiepdan_domain::upstream::Blank`).
const NIL: &str = "00000000-0000-0000-0000-000000000000";

fn text_at(value: &Value, pointer: &str) -> Option<String> {
    value.pointer(pointer).and_then(Value::as_str).map(str::to_string)
}

fn flag_at(value: &Value, pointer: &str) -> Option<i64> {
    value.pointer(pointer).and_then(Value::as_bool).map(i64::from)
}

fn visit_facts(details: &Value) -> VisitFacts {
    let received_at = text_at(details, "/received_at");
    let received_on = received_at
        .as_deref()
        .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
        .map(|t| t.with_timezone(&vietnam_offset()).date_naive().to_string());
    let petition = details.get("petition").filter(|p| p.is_object());
    // A petition written before eligibility was recorded is eligible (the domain's default).
    let eligible = petition.map(|p| p.get("eligible").and_then(Value::as_bool).map_or(1, i64::from));
    VisitFacts {
        received_at,
        received_on,
        people_count: details.get("people_count").and_then(Value::as_i64),
        petition_kind: text_at(details, "/petition/kind"),
        handling: text_at(details, "/petition/handling"),
        source: text_at(details, "/source").unwrap_or_else(|| "desk".into()),
        from_body: text_at(details, "/from_body"),
        letter_no: text_at(details, "/letter_no"),
        letter_date: text_at(details, "/letter_date"),
        petition_field: text_at(details, "/petition/field"),
        signatories: details.pointer("/petition/signatories").and_then(Value::as_i64),
        stage: text_at(details, "/petition/stage"),
        eligible,
        competent: flag_at(details, "/petition/competent"),
        processed_on: text_at(details, "/petition/processed_on"),
        session_id: text_at(details, "/session_id"),
        reception: text_at(details, "/reception"),
    }
}

/// What the stored event `payload` changes in the projection, if anything.
pub(crate) fn change(payload: &Value) -> Option<Change> {
    let body = payload.get("body")?;
    let text = |key: &str| body.get(key).and_then(Value::as_str).map(str::to_string);
    match payload.get("kind").and_then(Value::as_str)? {
        "visit_recorded" => Some(Change::Recorded {
            visit_id: text("id")?,
            receipt_no: text("receipt_no"),
            status: text("status").unwrap_or_else(|| "active".into()),
            facts: visit_facts(body),
        }),
        "visit_amended" => {
            Some(Change::Amended { visit_id: text("visit_id")?, facts: visit_facts(body.get("details")?) })
        }
        "visit_cancelled" => Some(Change::Cancelled { visit_id: text("visit_id")? }),
        "petition_processed" => Some(Change::Processed {
            visit_id: text("visit_id")?,
            facts: ProcessingFacts {
                processed_on: text("processed_on"),
                eligible: Some(flag_at(body, "/eligible").unwrap_or(1)),
                competent: flag_at(body, "/competent"),
                handling: text("handling"),
            },
        }),
        "session_planned" => Some(Change::SessionPlanned(SessionFacts {
            session_id: text("id")?,
            planned_on: text("planned_on"),
            part: Some(text("part").unwrap_or_else(|| "morning".into())),
            kind: Some(text("kind").unwrap_or_else(|| "periodic".into())),
            sat: text("sat"),
        })),
        "session_closed" => Some(Change::SessionClosed {
            session_id: text("session_id")?,
            outcome: text("outcome"),
            visits: body.get("visits").and_then(Value::as_i64),
        }),
        "petition_accepted" => Some(Change::Accepted {
            visit_id: text("visit_id")?,
            level: text_at(body, "/variant/level").unwrap_or_else(|| "first".into()),
            accepted_on: if body.get("accepted").and_then(Value::as_bool) == Some(true) {
                text("on")
            } else {
                None
            },
        }),
        "petition_transferred" => Some(Change::Transferred { visit_id: text("visit_id")?, on: text("on") }),
        "transfer_answered" => Some(Change::Answered { visit_id: text("visit_id")?, on: text("on") }),
        "petition_resolved" => {
            Some(Change::Resolved { visit_id: text("visit_id")?, on: text("on"), outcome: text("outcome") })
        }
        "repeat_linked" => Some(Change::Linked {
            visit_id: text("visit_id")?,
            earlier: text("earlier_visit_id").filter(|id| id != NIL),
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn an_event_from_before_sources_existed_reads_as_a_desk_visit() {
        let payload = json!({ "kind": "visit_recorded", "body": {
            "id": "v1", "receipt_no": "0001/2026/A", "status": "active",
            "received_at": "2026-11-24T23:30:00+07:00", "reception": "regular", "people_count": 2,
            "petition": { "kind": "complaint", "field": "land" }
        }});
        let Some(Change::Recorded { facts, .. }) = change(&payload) else { panic!("a visit's record") };
        assert_eq!(facts.source, "desk", "no source in the payload: a visit at the desk");
        assert_eq!(facts.received_on.as_deref(), Some("2026-11-24"), "the ward's day, UTC+7");
        assert_eq!(facts.eligible, Some(1), "eligible unless said otherwise, as the domain reads it");
        assert_eq!((facts.competent, facts.processed_on), (None, None), "not processed yet");
        assert_eq!(facts.petition_field.as_deref(), Some("land"));
    }

    #[test]
    fn a_withheld_link_is_a_link_whose_other_end_is_unknown() {
        for earlier in [Value::Null, json!(NIL)] {
            let payload =
                json!({ "kind": "repeat_linked", "body": { "visit_id": "v2", "earlier_visit_id": earlier } });
            let Some(Change::Linked { visit_id, earlier }) = change(&payload) else { panic!("a link") };
            assert_eq!((visit_id.as_str(), earlier), ("v2", None), "withheld: linked, to no one known");
        }
    }

    #[test]
    fn a_refused_acceptance_keeps_its_level_but_no_acceptance_day() {
        let payload = json!({ "kind": "petition_accepted", "body": {
            "visit_id": "v1", "on": "2026-03-02", "accepted": false, "variant": { "level": "second" } } });
        let Some(Change::Accepted { level, accepted_on, .. }) = change(&payload) else {
            panic!("a decision")
        };
        assert_eq!((level.as_str(), accepted_on), ("second", None));
    }

    #[test]
    fn a_visit_without_a_petition_has_no_eligibility_to_count() {
        let payload = json!({ "kind": "visit_recorded", "body": { "id": "v1", "petition": null } });
        let Some(Change::Recorded { facts, .. }) = change(&payload) else { panic!("a visit's record") };
        assert_eq!(facts.eligible, None);
    }

    #[test]
    fn events_the_projection_does_not_keep_change_nothing() {
        for kind in ["stream_started", "deadline_extended", "day_closed", "reception_schedule_set"] {
            let payload = json!({ "kind": kind, "body": { "visit_id": "v1" } });
            assert!(change(&payload).is_none(), "{kind} leaves the projection as it is");
        }
    }
}
