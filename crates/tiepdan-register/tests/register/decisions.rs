//! Complaint decisions for the KQGQ forms: the figures recorded with a resolution, the
//! implementation records after it, and the identity-free facts the reports count from them.

use crate::follow_up::{day, received};
use tiepdan_domain::deadlines::{Level, Variant};
use tiepdan_domain::decisions::{
    Amount, Assets, Cases, Implementation, ImplementationFigures, Persons, ResolutionFigures, SecondLevel,
};
use tiepdan_domain::petition::PetitionKind;
use tiepdan_domain::results::{Acceptance, Outcome, Resolution};
use tiepdan_domain::{Problem, VisitId};
use tiepdan_register::{FollowUpRefusal, RegisterError};

fn accept(d: &mut crate::common::Desk, v: VisitId, on: chrono::NaiveDate, level: Level) {
    let variant = Variant { level, ..Variant::default() };
    let acceptance = Acceptance { visit_id: v, on, accepted: true, reason: None, variant };
    d.register.record_acceptance(&acting!(d), acceptance).unwrap();
}

fn resolution(
    v: VisitId,
    on: chrono::NaiveDate,
    outcome: Outcome,
    figures: Option<ResolutionFigures>,
) -> Resolution {
    Resolution {
        visit_id: v,
        on,
        outcome,
        document_no: Some("15/QĐ-UBND".into()),
        note: String::new(),
        figures,
    }
}

fn figures() -> ResolutionFigures {
    ResolutionFigures {
        to_state: Assets { money: Amount(1_250), land: Amount(120_500) },
        individuals_restored: 1,
        sanctions: Persons { people: 2, officials: 1 },
        referred: Cases { cases: 1, people: 1, officials: 0 },
        ..Default::default()
    }
}

fn implementation(v: VisitId, on: chrono::NaiveDate, completed: bool, money: u64) -> Implementation {
    Implementation {
        visit_id: v,
        on,
        completed,
        done: ImplementationFigures {
            to_state: Assets { money: Amount(money), land: Amount::ZERO },
            ..Default::default()
        },
        note: "Biên bản thu tiền".into(),
    }
}

#[test]
fn a_decisions_figures_and_its_latest_implementation_reach_the_report_facts() {
    let mut d = crate::common::desk();
    let v = received(&mut d, PetitionKind::Complaint, day(2026, 3, 2), "Khiếu nại thu hồi đất");
    accept(&mut d, v, day(2026, 3, 5), Level::First);
    // Resolved on 01/04, before the deadline of 06/04: kept, though nothing was recorded about it.
    d.register
        .record_resolution(&acting!(d), resolution(v, day(2026, 4, 1), Outcome::Correct, Some(figures())))
        .unwrap();
    d.register.record_implementation(&acting!(d), implementation(v, day(2026, 5, 4), false, 500)).unwrap();
    // A correction is a newer record; the first stays in the journal.
    d.register.record_implementation(&acting!(d), implementation(v, day(2026, 6, 1), true, 1_250)).unwrap();

    let facts = d.register.decision_facts(&acting!(d)).unwrap();
    assert_eq!(facts.len(), 1);
    let fact = &facts[0];
    assert_eq!((fact.id, fact.matter, fact.level), (v, v, Level::First));
    assert_eq!((fact.accepted_on, fact.resolved_on), (day(2026, 3, 5), Some(day(2026, 4, 1))));
    assert_eq!(fact.figures, Some(figures()), "the figures read back as recorded");
    assert_eq!(fact.deadline_kept, Some(true), "resolved before the computed deadline");
    let latest = fact.implementation_on(day(2026, 12, 31)).unwrap();
    assert_eq!((latest.completed, latest.done.to_state.money), (true, Amount(1_250)));
    assert_eq!(fact.implementation_on(day(2026, 5, 31)).unwrap().done.to_state.money, Amount(500));

    let kinds: Vec<String> = d.register.history(v).unwrap().into_iter().map(|h| h.kind).collect();
    assert_eq!(kinds[3..], ["decision_implemented", "decision_implemented"], "both records are kept");
    assert_eq!(d.register.implementations(&acting!(d), v).unwrap().len(), 2);
    assert!(d.register.verify().unwrap().is_intact(), "the records are sealed events that read back");
}

#[test]
fn a_late_resolution_is_counted_late_unless_the_leader_recorded_otherwise() {
    let mut d = crate::common::desk();
    let late = received(&mut d, PetitionKind::Complaint, day(2026, 3, 2), "Khiếu nại bồi thường");
    accept(&mut d, late, day(2026, 3, 5), Level::First);
    d.register
        .record_resolution(&acting!(d), resolution(late, day(2026, 5, 4), Outcome::Wrong, None))
        .unwrap();
    let kept = received(&mut d, PetitionKind::Complaint, day(2026, 3, 2), "Khiếu nại cấp giấy chứng nhận");
    accept(&mut d, kept, day(2026, 3, 5), Level::First);
    let said_kept = ResolutionFigures { deadline_kept: Some(true), ..Default::default() };
    d.register
        .record_resolution(&acting!(d), resolution(kept, day(2026, 5, 4), Outcome::Wrong, Some(said_kept)))
        .unwrap();
    let facts = d.register.decision_facts(&acting!(d)).unwrap();
    let kept_of = |v| facts.iter().find(|f| f.id == v).unwrap().deadline_kept;
    assert_eq!(kept_of(late), Some(false), "04/05 is after the deadline of 06/04");
    assert_eq!(kept_of(kept), Some(true), "what the leader recorded stands");
}

#[test]
fn figures_are_refused_for_a_petition_that_is_not_an_accepted_complaint() {
    let mut d = crate::common::desk();
    let proposal = received(&mut d, PetitionKind::Proposal, day(2026, 3, 2), "Kiến nghị sửa đường");
    accept(&mut d, proposal, day(2026, 3, 5), Level::First);
    let refused = d.register.record_resolution(
        &acting!(d),
        resolution(proposal, day(2026, 4, 1), Outcome::Answered, Some(figures())),
    );
    let Err(RegisterError::Invalid(invalid)) = refused else { panic!("refused: {refused:?}") };
    assert_eq!(invalid.problems[0].field, "figures");
    assert!(matches!(invalid.problems[0].problem, Problem::NotForThisPetition { .. }));

    let first = received(&mut d, PetitionKind::Complaint, day(2026, 3, 2), "Khiếu nại lần đầu");
    accept(&mut d, first, day(2026, 3, 5), Level::First);
    let verdict = ResolutionFigures { second_level: Some(SecondLevel::Annulled), ..Default::default() };
    let refused = d
        .register
        .record_resolution(&acting!(d), resolution(first, day(2026, 4, 1), Outcome::Correct, Some(verdict)));
    let Err(RegisterError::Invalid(invalid)) = refused else { panic!("refused: {refused:?}") };
    assert_eq!(invalid.problems[0].field, "figures.second_level", "a first decision annuls nothing");
    assert!(
        d.register.history(first).unwrap().iter().all(|h| h.kind != "petition_resolved"),
        "nothing changed"
    );
}

#[test]
fn nothing_is_carried_out_before_a_decision_or_after_a_withdrawal() {
    let mut d = crate::common::desk();
    let v = received(&mut d, PetitionKind::Complaint, day(2026, 3, 2), "Khiếu nại thu hồi đất");
    accept(&mut d, v, day(2026, 3, 5), Level::Second);
    let early = d.register.record_implementation(&acting!(d), implementation(v, day(2026, 3, 20), false, 0));
    assert!(
        matches!(early, Err(RegisterError::FollowUpRefused(FollowUpRefusal::NoDecision { .. }))),
        "{early:?}"
    );
    d.register
        .record_resolution(&acting!(d), resolution(v, day(2026, 4, 1), Outcome::Correct, None))
        .unwrap();
    let before = d.register.record_implementation(&acting!(d), implementation(v, day(2026, 3, 31), false, 0));
    assert!(matches!(before, Err(RegisterError::FollowUpRefused(FollowUpRefusal::BeforeDecision { .. }))));

    let withdrawn = received(&mut d, PetitionKind::Complaint, day(2026, 3, 2), "Khiếu nại rút đơn");
    accept(&mut d, withdrawn, day(2026, 3, 5), Level::First);
    d.register
        .record_resolution(&acting!(d), resolution(withdrawn, day(2026, 4, 1), Outcome::Withdrawn, None))
        .unwrap();
    let refused =
        d.register.record_implementation(&acting!(d), implementation(withdrawn, day(2026, 4, 2), true, 0));
    assert!(matches!(refused, Err(RegisterError::FollowUpRefused(FollowUpRefusal::NoDecision { .. }))));
    assert!(d.register.implementations(&acting!(d), v).unwrap().is_empty(), "nothing was recorded");
}
