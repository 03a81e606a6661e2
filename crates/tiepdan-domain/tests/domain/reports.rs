//! The report core: definitions refuse mistakes, counting follows the period's cut-off, carry-over
//! is derived, openings apply once, and a broken equation is an error, never a figure.

use chrono::NaiveDate;
use std::collections::BTreeMap;
use tiepdan_domain::deadlines::Level;
use tiepdan_domain::ids::{SessionId, VisitId};
use tiepdan_domain::intake::PetitionSource;
use tiepdan_domain::petition::{Field, Handling, PetitionKind, Stage};
use tiepdan_domain::reports::count::{check, drill};
use tiepdan_domain::reports::facts::{PetitionFact, SessionFact, VisitFact};
use tiepdan_domain::reports::period::ReportCalendar;
use tiepdan_domain::reports::{
    compute, CellValue, Definition, Facts, FormKey, Opening, PeriodKind, ReportError, ReportPeriod,
};
use tiepdan_domain::sessions::{SessionKind, SessionOutcome, Sitter};
use tiepdan_domain::visit::ReceptionMode;
use uuid::Uuid;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn id(n: u128) -> VisitId {
    VisitId(Uuid::from_u128(n))
}

fn q1() -> ReportPeriod {
    ReportCalendar::default().period(PeriodKind::Quarter(1), 2026).unwrap()
}

fn visit(n: u128, on: NaiveDate, mode: ReceptionMode, people: u32, matter: u128, no: u32) -> VisitFact {
    VisitFact { id: id(n), on, mode, people, matter: id(matter), matter_visit_no: no, session: None }
}

fn petition(n: u128, received_on: NaiveDate, kind: PetitionKind) -> PetitionFact {
    PetitionFact {
        id: id(n),
        received_on,
        source: PetitionSource::Post,
        kind,
        field: Field::Land,
        stage: Stage::NotResolved,
        eligible: true,
        competent: None,
        handling: None,
        processed_on: None,
        matter: id(n),
        level: Level::First,
        accepted_on: None,
        resolved_on: None,
        outcome: None,
        answered_on: None,
        resolve_due: None,
    }
}

fn processed(mut p: PetitionFact, on: NaiveDate, competent: bool, handling: Handling) -> PetitionFact {
    p.processed_on = Some(on);
    p.competent = Some(competent);
    p.handling = Some(handling);
    p
}

fn cells(c: &tiepdan_domain::reports::Computed) -> BTreeMap<u16, u64> {
    c.columns.iter().filter(|(_, v)| matches!(v, CellValue::Count(_))).map(|(n, v)| (*n, v.count())).collect()
}

#[test]
fn every_embedded_definition_loads_and_names_its_columns_left_to_right() {
    let mut defined = 0;
    for key in FormKey::ALL {
        let Some(def) = key.definition() else { continue };
        defined += 1;
        assert_eq!(def.key, key);
        let n = def.columns.len() as u16;
        assert_eq!(def.leaf_columns(), (1..=n).collect::<Vec<_>>(), "{}: header leaves", def.form);
    }
    assert!(defined >= 2, "01/TCD and 01/XLD at least are defined");
    assert_eq!(FormKey::Tcd01.definition().unwrap().columns.len(), 30);
}

#[test]
fn a_definition_with_a_mistake_is_refused_with_the_reason() {
    let good = serde_json::to_value(FormKey::Tcd01.definition().unwrap()).unwrap();
    let mut typo = good.clone();
    typo["columns"][3]["count"]["where"]["mdoe"] = serde_json::json!(["regular"]);
    assert!(Definition::parse(&typo.to_string()).unwrap_err().contains("mdoe"));
    let mut cycle = good.clone();
    cycle["columns"][3] = serde_json::json!({"n": 4, "sum": [1]});
    assert!(Definition::parse(&cycle.to_string()).unwrap_err().contains("sums itself"));
    let mut foreign = good.clone();
    foreign["columns"][3]["count"]["where"] = serde_json::json!({"kind": ["complaint"]});
    assert!(Definition::parse(&foreign.to_string()).unwrap_err().contains("kind"));
    let mut lost = good;
    lost["header"][0]["children"][0]["column"] = serde_json::json!(null);
    assert!(Definition::parse(&lost.to_string()).unwrap_err().contains("header"));
}

#[test]
fn tcd01_counts_receptions_by_mode_people_matters_and_groups_within_the_cut_off() {
    let head_session = SessionId(Uuid::from_u128(900));
    let facts = Facts {
        visits: vec![
            visit(1, d(2025, 12, 15), ReceptionMode::Regular, 1, 1, 1), // first day of Quý I
            visit(2, d(2026, 3, 14), ReceptionMode::Regular, 6, 2, 1),  // last day: a group of 6
            visit(3, d(2026, 3, 15), ReceptionMode::Regular, 1, 3, 1),  // Quý II
            visit(4, d(2026, 1, 10), ReceptionMode::Regular, 2, 1, 2),  // the matter of 1, again
            VisitFact {
                session: Some(head_session),
                ..visit(5, d(2026, 1, 8), ReceptionMode::LeaderPeriodic, 1, 5, 1)
            },
            visit(6, d(2026, 2, 2), ReceptionMode::Delegated, 5, 2, 2), // the group's matter, again
        ],
        sessions: vec![
            SessionFact {
                id: head_session,
                on: d(2026, 1, 8),
                sat: Sitter::Head,
                kind: SessionKind::Periodic,
                outcome: Some(SessionOutcome::Held),
                visits: 1,
            },
            SessionFact {
                id: SessionId(Uuid::from_u128(901)),
                on: d(2026, 2, 5),
                sat: Sitter::Delegate,
                kind: SessionKind::Periodic,
                outcome: Some(SessionOutcome::Unattended),
                visits: 0,
            },
            SessionFact {
                id: SessionId(Uuid::from_u128(902)),
                on: d(2026, 2, 12),
                sat: Sitter::Head,
                kind: SessionKind::AdHoc,
                outcome: Some(SessionOutcome::Cancelled),
                visits: 0,
            },
        ],
        ..Facts::default()
    };
    let def = FormKey::Tcd01.definition().unwrap();
    let got = compute(def, &facts, &q1(), &[]).unwrap();
    let c = cells(&got);
    let expected: BTreeMap<u16, u64> = [
        (1, 5),
        (2, 15),
        (3, 5),
        (4, 3),
        (5, 9),
        (6, 2),
        (7, 1),
        (8, 1),
        (9, 6),
        (10, 1),
        (11, 0),
        (12, 1),
        (13, 1),
        (14, 1),
        (15, 1),
        (16, 0),
        (17, 0),
        (18, 0),
        (19, 0),
        (20, 0),
        (21, 1),
        (22, 1),
        (23, 5),
        (24, 0),
        (25, 1),
        (26, 1),
        (27, 5),
        (28, 0),
        (29, 1),
    ]
    .into_iter()
    .collect();
    for (n, want) in &expected {
        assert_eq!(c.get(n), Some(want), "01/TCD column ({n})");
    }
    assert_eq!(got.columns[&30], CellValue::Text("1 kỳ tiếp của lãnh đạo không có công dân đến".into()));
    let behind = drill(def, 7, &facts, &q1()).unwrap();
    assert_eq!(behind.records, vec![id(4)], "(7) is the repeat visit of matter 1");
    assert_eq!(drill(def, 21, &facts, &q1()).unwrap().sessions.len(), 1);
}

#[test]
fn xld01_derives_carry_over_and_what_is_left_for_the_next_period() {
    let facts = Facts {
        petitions: vec![
            // Received before Quý I, unprocessed on 15/12: carried in, processed in January.
            processed(
                petition(1, d(2025, 12, 1), PetitionKind::Complaint),
                d(2026, 1, 5),
                true,
                Handling::Accept,
            ),
            // Received and processed before Quý I: not counted at all.
            processed(
                petition(2, d(2025, 11, 1), PetitionKind::Complaint),
                d(2025, 11, 20),
                true,
                Handling::Accept,
            ),
            // Received in Quý I, transferred, answered in Quý I.
            PetitionFact {
                answered_on: Some(d(2026, 3, 1)),
                ..processed(
                    petition(3, d(2026, 1, 2), PetitionKind::Denunciation),
                    d(2026, 1, 9),
                    false,
                    Handling::Transfer,
                )
            },
            // Received in Quý I, processed only after the cut-off: left for the next period.
            processed(
                petition(4, d(2026, 3, 10), PetitionKind::Proposal),
                d(2026, 3, 16),
                false,
                Handling::Guide,
            ),
            // Ineligible: processed but not "đủ điều kiện".
            PetitionFact {
                eligible: false,
                ..processed(
                    petition(5, d(2026, 2, 1), PetitionKind::Reflection),
                    d(2026, 2, 3),
                    false,
                    Handling::Return,
                )
            },
            // Received after the period: not counted.
            petition(6, d(2026, 3, 15), PetitionKind::Complaint),
        ],
        ..Facts::default()
    };
    let def = FormKey::Xld01.definition().unwrap();
    let c = cells(&compute(def, &facts, &q1(), &[]).unwrap());
    let want = |n: u16| c[&n];
    assert_eq!((want(1), want(2), want(3), want(4), want(5)), (4, 1, 3, 3, 1));
    assert_eq!((want(6), want(7), want(8), want(9), want(10)), (2, 2, 1, 1, 0));
    assert_eq!((want(14), want(15), want(18), want(20), want(22)), (1, 1, 1, 1, 1));
    // Quý II carries petition 4 in and processes it.
    let q2 = ReportCalendar::default().period(PeriodKind::Quarter(2), 2026).unwrap();
    let c2 = cells(&compute(def, &facts, &q2, &[]).unwrap());
    assert_eq!((c2[&2], c2[&3], c2[&4], c2[&5], c2[&19]), (1, 1, 1, 1, 1));
}

#[test]
fn an_opening_balance_applies_to_the_period_it_opens_and_must_keep_the_equations() {
    let def = FormKey::Xld01.definition().unwrap();
    let start = q1().from;
    let opening =
        Opening { form: FormKey::Xld01, from: start, columns: [(2, 7), (5, 7)].into_iter().collect() }
            .checked()
            .unwrap();
    let c = cells(&compute(def, &Facts::default(), &q1(), std::slice::from_ref(&opening)).unwrap());
    assert_eq!((c[&1], c[&2], c[&5]), (7, 7, 7));
    let q2 = ReportCalendar::default().period(PeriodKind::Quarter(2), 2026).unwrap();
    assert_eq!(cells(&compute(def, &Facts::default(), &q2, &[opening]).unwrap())[&2], 0);
    let not_carried = Opening { form: FormKey::Xld01, from: start, columns: [(6, 1)].into_iter().collect() };
    assert!(matches!(not_carried.checked(), Err(ReportError::NotAnOpeningColumn { column: 6, .. })));
}

#[test]
fn a_broken_equation_is_an_error_not_a_figure() {
    let def = FormKey::Xld01.definition().unwrap();
    let mut computed = compute(def, &Facts::default(), &q1(), &[]).unwrap();
    computed.columns.insert(4, CellValue::Count(1));
    let err = check(def, &computed).unwrap_err();
    assert!(err.to_string().contains("(1) = (2) + (3) = (4) + (5)"), "{err}");
    // An opening that carries 3 in but leaves 2 pending breaks (1) = (4) + (5).
    let lopsided =
        Opening { form: FormKey::Xld01, from: q1().from, columns: [(2, 3), (5, 2)].into_iter().collect() };
    assert!(matches!(
        compute(def, &Facts::default(), &q1(), &[lopsided]),
        Err(ReportError::Inconsistent { .. })
    ));
}

#[test]
fn computed_reports_serialise_with_the_form_numbers_as_keys() {
    let def = FormKey::Tcd01.definition().unwrap();
    let json = serde_json::to_value(compute(def, &Facts::default(), &q1(), &[]).unwrap()).unwrap();
    assert_eq!(json["form"], "01/TCD");
    assert_eq!(json["from"], "2025-12-15");
    assert_eq!(json["columns"]["1"], 0);
    assert_eq!(json["columns"]["30"], "");
}
