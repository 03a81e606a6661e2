use super::*;
use crate::clock::vietnam_offset;
use crate::deadlines::{Complexity, Variant};
use crate::decisions::Implementation;
use crate::event::EventBody;
use crate::identity::{IdKind, Sex};
use crate::intake::PetitionSource;
use crate::petition::{Document, Field, Handling, Petition, PetitionKind, Refusal, RefusalGround, Stage};
use crate::processing::Processing;
use crate::receipt::ReceiptNo;
use crate::results::{Acceptance, Extension, Outcome, RepeatLink, Resolution, Transfer, TransferAnswer};
use crate::visit::{IdentityField, ReceptionMode, Visit, VisitDetails, VisitStatus, Visitor, VisitorKind};
use crate::visit::{SealedIdentity, SEALED_KEY};
use crate::VisitId;
use chrono::{NaiveDate, TimeZone};

/// Every free text below starts with this, so the walk can tell a clerk's words from ids and codes.
const MARK: &str = "✎";

fn words(what: &str) -> String {
    format!("{MARK}{what}")
}

/// Visit details with every text filled. Struct literals, not `..Default`: a new field fails to
/// compile here until it is given a value, and then the walk below asks for its classification.
fn details() -> VisitDetails {
    VisitDetails {
        received_at: vietnam_offset().with_ymd_and_hms(2026, 5, 4, 9, 0, 0).unwrap(),
        reception: ReceptionMode::Regular,
        visitor_kind: VisitorKind::Individual,
        people_count: 1,
        organisation: Some(words("organisation")),
        visitors: vec![Visitor {
            full_name: words("name"),
            id_kind: Some(IdKind::Cccd),
            id_number: Some(words("id")),
            id_issued_on: NaiveDate::from_ymd_opt(2021, 3, 12),
            id_issued_by: Some(words("issuer")),
            birth_year: Some(1980),
            sex: Some(Sex::Female),
            address: Some(words("address")),
            phone: Some(words("phone")),
            sealed: Some(SealedIdentity::new(words("sealed"))),
        }],
        summary: words("summary"),
        petition: Some(Petition {
            kind: PetitionKind::Denunciation,
            field: Field::default(),
            anonymous: false,
            signatories: 1,
            previous_handler: Some(words("previous handler")),
            previous_result: Some(words("previous result")),
            stage: Stage::default(),
            eligible: false,
            ineligible_reason: Some(words("ineligible")),
            handling: Some(Handling::Transfer),
            transfer_to: Some(words("transfer to")),
            guidance: Some(words("guidance")),
            competent: Some(false),
            processed_on: NaiveDate::from_ymd_opt(2026, 5, 5),
        }),
        documents: vec![Document { title: words("title"), original: true, pages: 2 }],
        refusal: Some(Refusal { ground: RefusalGround::Disruptive, detail: words("refusal") }),
        officer_id: None,
        notes: words("notes"),
        source: PetitionSource::TransferredIn,
        from_body: Some(words("from body")),
        letter_no: Some(words("letter no")),
        letter_date: NaiveDate::from_ymd_opt(2026, 5, 1),
        session_id: None,
        online_site: Some(words("online site")),
        recording_ref: Some(words("recording")),
    }
}

/// One event of every kind about a visit. The match has no wildcard: a new kind of event must say
/// here whether it is about a visit (and then gets a sample) or not.
fn samples() -> Vec<EventBody> {
    let visit_id = VisitId::new();
    let on = NaiveDate::from_ymd_opt(2026, 5, 6).unwrap();
    let all = vec![
        EventBody::VisitRecorded(Visit {
            id: visit_id,
            receipt_no: ReceiptNo { series: Default::default(), number: 1, year: 2026, desk: 'A', epoch: 1 },
            status: VisitStatus::Active,
            details: details(),
        }),
        EventBody::VisitAmended { visit_id, details: details(), reason: words("amend") },
        EventBody::VisitCancelled { visit_id, reason: words("cancel") },
        EventBody::PetitionAccepted(Acceptance {
            visit_id,
            on,
            accepted: false,
            reason: Some(words("not accepted")),
            variant: Variant::default(),
        }),
        EventBody::PetitionTransferred(Transfer { visit_id, on, to: words("body"), note: words("note") }),
        EventBody::TransferAnswered(TransferAnswer { visit_id, on, answer: words("answer") }),
        EventBody::DeadlineExtended(Extension {
            visit_id,
            on,
            complexity: Complexity::Complex,
            reason: words("extend"),
        }),
        EventBody::PetitionResolved(Resolution {
            visit_id,
            on,
            outcome: Outcome::Correct,
            document_no: Some(words("decision")),
            note: words("resolution"),
            figures: Some(Default::default()),
        }),
        EventBody::DecisionImplemented(Implementation {
            visit_id,
            on,
            completed: false,
            done: Default::default(),
            note: words("implementation"),
        }),
        EventBody::RepeatLinked(RepeatLink { visit_id, earlier_visit_id: VisitId::new() }),
        EventBody::PetitionProcessed(Processing {
            visit_id,
            processed_on: on,
            eligible: false,
            ineligible_reason: Some(words("processing ineligible")),
            competent: false,
            handling: Handling::Remind,
            transfer_to: Some(words("processing body")),
            guidance: Some(words("processing guidance")),
        }),
    ];
    for body in &all {
        let about_a_visit = match body {
            EventBody::VisitRecorded(_)
            | EventBody::VisitAmended { .. }
            | EventBody::VisitCancelled { .. }
            | EventBody::PetitionAccepted(_)
            | EventBody::PetitionTransferred(_)
            | EventBody::TransferAnswered(_)
            | EventBody::DeadlineExtended(_)
            | EventBody::PetitionResolved(_)
            | EventBody::DecisionImplemented(_)
            | EventBody::RepeatLinked(_)
            | EventBody::PetitionProcessed(_) => true,
            EventBody::StreamStarted { .. }
            | EventBody::WardConfigured(_)
            | EventBody::OfficerAdded(_)
            | EventBody::OfficerUpdated(_)
            | EventBody::OfficerRetired { .. }
            | EventBody::CalendarOverrideSet(_)
            | EventBody::CalendarOverrideRemoved { .. }
            | EventBody::DeadlineRulesSet(_)
            | EventBody::DayClosed(_)
            | EventBody::ReceptionScheduleSet(_)
            | EventBody::SessionPlanned(_)
            | EventBody::SessionClosed(_)
            | EventBody::OpeningDeclared(_)
            | EventBody::OpeningCorrected { .. } => false,
        };
        assert!(about_a_visit && body.visit_id().is_some(), "every sample is about a visit");
    }
    all
}

/// The event's `{kind, body}` as the journal encodes it.
fn payload(body: &EventBody) -> Value {
    serde_json::to_value(body).unwrap()
}

fn marked_leaves(value: &Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::String(s) if s.starts_with(MARK) => out.push(at),
        Value::Array(items) => {
            items.iter().enumerate().for_each(|(i, v)| marked_leaves(v, format!("{at}/{i}"), out))
        }
        Value::Object(map) => map.iter().for_each(|(k, v)| marked_leaves(v, format!("{at}/{k}"), out)),
        _ => {}
    }
}

/// Whether the pointer is a visitor's identifying field, withheld by the identity rule itself.
fn is_identity(kind: &str, pointer: &str) -> bool {
    let Some(base) = details_pointer(kind) else { return false };
    IdentityField::ALL
        .into_iter()
        .map(IdentityField::key)
        .chain([SEALED_KEY])
        .any(|key| matches(&format!("{base}/visitors/*/{key}"), pointer))
}

#[test]
fn every_text_of_every_visit_event_is_classified_exactly_once() {
    for body in samples() {
        let kind = body.kind();
        let value = payload(&body);
        let mut leaves = Vec::new();
        marked_leaves(&value, String::new(), &mut leaves);
        let texts = texts(&kind);
        for leaf in &leaves {
            let rows = texts.iter().filter(|(p, _)| matches(p, leaf)).count();
            let identity = usize::from(is_identity(&kind, leaf));
            assert_eq!(rows + identity, 1, "{kind} {leaf}: a text must be sent or withheld, decided once");
        }
        for (pattern, _) in &texts {
            assert!(
                leaves.iter().any(|l| matches(pattern, l)) || pattern == LINK_POINTER,
                "{kind} {pattern}: the table names a text the event does not have"
            );
        }
    }
}

#[test]
fn a_protected_visit_keeps_what_the_district_reports_on_and_withholds_the_words() {
    let body = samples().remove(0);
    let value = payload(&body);
    let withheld = withheld_pointers("visit_recorded", &value);
    for p in ["/body/summary", "/body/notes", "/body/documents/0/title", "/body/refusal/detail"] {
        assert!(withheld.contains(&p.to_string()), "{p} stays at the ward");
    }
    assert!(!withheld.contains(&"/body/petition/transfer_to".to_string()), "the competent body travels");
    assert!(!withheld.iter().any(|p| p.contains("kind") || p.contains("handling")));
}

#[test]
fn a_repeat_link_withholds_the_visit_it_would_join() {
    let link = samples().into_iter().find(|b| matches!(b, EventBody::RepeatLinked(_))).unwrap();
    let value = payload(&link);
    assert_eq!(withheld_pointers("repeat_linked", &value), vec![LINK_POINTER.to_string()]);
    assert_eq!(blank_of("repeat_linked", LINK_POINTER), Some(Blank::NoVisit));
    assert_eq!(blank_of("repeat_linked", "/body/visit_id"), None, "the visit itself is counted");
}
