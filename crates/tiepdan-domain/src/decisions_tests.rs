use super::*;
use crate::event::{Event, EventBody, GENESIS};
use crate::results::{Outcome, Resolution};

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 5, d).unwrap()
}

#[test]
fn amounts_are_read_with_the_separator_the_users_type_and_kept_exact() {
    assert_eq!(Amount::parse("12,5", ','), Ok(Amount(12_500)));
    assert_eq!(Amount::parse(" 0,125 ", ','), Ok(Amount(125)));
    assert_eq!(Amount::parse("7", ','), Ok(Amount(7_000)));
    assert_eq!(Amount::parse("12.5", '.'), Ok(Amount(12_500)));
    for bad in ["", "-1", "1,2345", "1.500", "1,", ",5", "1 000", "abc", "1,2,3"] {
        assert!(Amount::parse(bad, ',').is_err(), "{bad:?} is not an amount a Vietnamese clerk typed");
    }
    assert_eq!(Amount(12_500).vi(), "12,5");
    assert_eq!(Amount(125).to_string(), "0.125");
    assert_eq!(Amount(7_000).to_string(), "7");
}

#[test]
fn officials_cannot_outnumber_the_people_they_are_among() {
    let figures = ResolutionFigures {
        sanctions: Persons { people: 1, officials: 2 },
        referred: Cases { cases: 0, people: 2, officials: 1 },
        ..Default::default()
    };
    let resolution = Resolution {
        visit_id: VisitId::new(),
        on: day(4),
        outcome: Outcome::Correct,
        document_no: Some("12/QĐ-UBND".into()),
        note: String::new(),
        figures: Some(figures),
    };
    let problems = resolution.checked().expect_err("impossible figures").problems;
    let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
    assert_eq!(fields, ["figures.sanctions.officials", "figures.referred.cases"]);
    assert_eq!(problems[0].message, "Không được lớn hơn số người.");
}

#[test]
fn an_implementation_with_more_prosecuted_officials_than_people_is_refused() {
    let implementation = Implementation {
        visit_id: VisitId::new(),
        on: day(20),
        completed: true,
        done: ImplementationFigures {
            prosecuted: Cases { cases: 1, people: 1, officials: 3 },
            ..Default::default()
        },
        note: String::new(),
    };
    let problems = implementation.checked().expect_err("3 officials among 1 person").problems;
    assert_eq!(problems[0].field, "done.prosecuted.officials");
}

#[test]
fn a_resolution_written_before_the_figures_existed_reencodes_to_the_bytes_its_hash_covers() {
    // The payload of a `petition_resolved` event as the desks wrote it before issue 17.
    let old = r#"{"body":{"document_no":"05/QĐ-UBND","note":"","on":"2026-05-04","outcome":"correct","visit_id":"0190f0c2-6a2b-7c3d-8e4f-5a6b7c8d9e0f"},"kind":"petition_resolved"}"#;
    let body: EventBody = serde_json::from_str(old).unwrap();
    let EventBody::PetitionResolved(resolution) = &body else { panic!("decodes as a resolution") };
    assert_eq!(resolution.figures, None);
    let again = crate::event::canonical_json(&serde_json::to_value(&body).unwrap()).unwrap();
    assert_eq!(String::from_utf8(again).unwrap(), old, "an old event must keep its bytes and so its hash");
}

#[test]
fn an_implementation_is_a_journal_event_about_its_visit_with_integer_amounts() {
    let visit_id = VisitId::new();
    let body = EventBody::DecisionImplemented(Implementation {
        visit_id,
        on: day(20),
        completed: false,
        done: ImplementationFigures {
            to_state: Assets { money: Amount(1_250), land: Amount(40_000) },
            ..Default::default()
        },
        note: "Đã thu một phần".into(),
    });
    let at = chrono::DateTime::from_timestamp(1_780_000_000, 0).unwrap();
    let event = Event::seal(crate::StreamId::new(), 1, &GENESIS, &body, at, None).expect("no floats");
    assert_eq!(event.kind, "decision_implemented", "the kind is part of the wire contract");
    assert_eq!(event.body().unwrap(), body);
    assert_eq!(body.visit_id(), Some(visit_id));
    let json = serde_json::to_value(&body).unwrap();
    assert_eq!(json.pointer("/body/done/to_state/money"), Some(&serde_json::json!(1_250)));
}

#[test]
fn a_resolution_with_figures_seals_and_decodes_back() {
    let body = EventBody::PetitionResolved(Resolution {
        visit_id: VisitId::new(),
        on: day(4),
        outcome: Outcome::PartlyCorrect,
        document_no: None,
        note: String::new(),
        figures: Some(ResolutionFigures {
            to_individuals: Assets { money: Amount(2_500), land: Amount::ZERO },
            individuals_restored: 1,
            deadline_kept: Some(true),
            second_level: Some(SecondLevel::Upheld),
            ..Default::default()
        }),
    });
    let at = chrono::DateTime::from_timestamp(1_780_000_000, 0).unwrap();
    let event = Event::seal(crate::StreamId::new(), 1, &GENESIS, &body, at, None).unwrap();
    assert_eq!(event.body().unwrap(), body);
}
