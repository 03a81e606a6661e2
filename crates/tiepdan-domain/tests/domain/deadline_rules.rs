//! Deadline rules as data: the shipped defaults, a province's replacement, the explanation.

use crate::support::d;
use tiepdan_domain::calendar::WorkCalendar;
use tiepdan_domain::deadlines::{self, Complexity, DeadlineError, DeadlineRules, Step, Variant};
use tiepdan_domain::petition::PetitionKind::{Complaint, Denunciation, Proposal};

#[test]
fn the_shipped_rules_load_and_every_rule_names_its_legal_basis() {
    let rules = DeadlineRules::shipped();
    assert!(rules.rules.iter().all(|r| !r.basis.is_empty() && !r.label_vi.is_empty()));
}

/// The basis is printed in the clerk's "Cách tính" line: a citation not yet checked against the
/// published text says so in a sentence (docs/deadlines.md), not with a bare "(cần đối chiếu)".
#[test]
fn an_unverified_citation_reads_as_a_plain_sentence_not_a_doubt_marker() {
    let rules = DeadlineRules::shipped();
    for rule in &rules.rules {
        assert!(
            !rule.basis.contains("cần đối chiếu"),
            "{:?} shows a doubt marker: {}",
            rule.step,
            rule.basis
        );
    }
    let process = rules.rules.iter().find(|r| r.step == Step::Process).unwrap();
    assert!(process.basis.contains("chưa được đối chiếu lại với văn bản gốc"), "{}", process.basis);
}

#[test]
fn a_province_can_shorten_a_period_by_replacing_the_rule_set() {
    let mut json: serde_json::Value = serde_json::to_value(DeadlineRules::shipped()).unwrap();
    json["name"] = "UBND tỉnh (thử)".into();
    json["rules"][0]["period"] = 7.into(); // processing: 10 → 7 working days
    let province = DeadlineRules::from_json(&json.to_string()).unwrap();
    let cal = WorkCalendar::official();
    let due = |rules: &DeadlineRules| {
        deadlines::compute(rules, &cal, Proposal, Step::Process, Variant::default(), d("2026-03-06"))
            .unwrap()
            .due
    };
    assert_eq!(due(&DeadlineRules::shipped()), d("2026-03-20"));
    assert_eq!(due(&province), d("2026-03-17"), "Mon 09 … Fri 13, Mon 16, Tue 17");
}

#[test]
fn two_rules_for_exactly_the_same_cases_are_rejected() {
    let mut json: serde_json::Value = serde_json::to_value(DeadlineRules::shipped()).unwrap();
    let first = json["rules"][0].clone();
    json["rules"].as_array_mut().unwrap().push(first);
    assert!(DeadlineRules::from_json(&json.to_string()).is_err());
}

#[test]
fn a_step_the_law_does_not_set_for_a_kind_is_an_error_not_a_guess() {
    let err = deadlines::compute(
        &DeadlineRules::shipped(),
        &WorkCalendar::official(),
        Proposal,
        Step::Accept,
        Variant::default(),
        d("2026-03-02"),
    )
    .unwrap_err();
    assert_eq!(err, DeadlineError::NoRule { kind: Proposal, step: Step::Accept });
    assert!(err.message_vi().contains("Thụ lý"));
}

#[test]
fn a_denunciation_is_extended_once_if_complex_and_twice_if_especially_complex() {
    let rules = DeadlineRules::shipped();
    let cal = WorkCalendar::official();
    let complex = Variant { complexity: Complexity::Complex, ..Variant::default() };
    let especially = Variant { complexity: Complexity::EspeciallyComplex, ..Variant::default() };
    let due = d("2026-03-13");
    assert!(deadlines::extend(&rules, &cal, Denunciation, complex, due, 0).is_ok());
    assert_eq!(
        deadlines::extend(&rules, &cal, Denunciation, complex, due, 1).unwrap_err(),
        DeadlineError::ExtensionLimit { allowed: 1 }
    );
    assert!(deadlines::extend(&rules, &cal, Denunciation, especially, due, 1).is_ok());
    assert!(deadlines::extend(&rules, &cal, Denunciation, especially, due, 2).is_err());
    assert!(
        deadlines::extend(&rules, &cal, Denunciation, Variant::default(), due, 0).is_err(),
        "a simple case is not extended"
    );
}

#[test]
fn the_explanation_lists_skipped_days_with_their_reasons_and_serialises_due_as_a_date() {
    let explained = deadlines::compute(
        &DeadlineRules::shipped(),
        &WorkCalendar::official(),
        Denunciation,
        Step::Transfer,
        Variant::default(),
        d("2026-04-24"),
    )
    .unwrap();
    let lines = explained.lines_vi();
    assert!(lines.contains(&"01/05/2026 — Ngày Quốc tế Lao động — không tính".to_string()), "{lines:#?}");
    assert!(lines[0].contains("hạn 06/05/2026"), "{}", lines[0]);
    let json = serde_json::to_value(&explained).unwrap();
    assert_eq!(json["due"], "2026-05-06");
    assert_eq!(json["from"], "2026-04-24");
    let counted = explained.days.iter().filter(|x| x.ordinal.is_some()).count();
    assert_eq!(counted, 5, "five working days counted");
}

#[test]
fn a_calendar_period_ending_on_a_day_off_explains_the_move() {
    let explained = deadlines::compute(
        &DeadlineRules::shipped(),
        &WorkCalendar::official(),
        Complaint,
        Step::Accept,
        Variant::default(),
        d("2026-04-20"),
    )
    .unwrap();
    assert!(explained.rolled_forward);
    assert_eq!(explained.last_day, d("2026-04-30"));
    assert!(
        explained.summary.contains("ngày cuối cùng 30/04/2026 là ngày nghỉ (Ngày Chiến thắng)"),
        "{}",
        explained.summary
    );
}

#[test]
fn each_kind_lists_only_the_steps_the_law_gives_it_a_deadline_for() {
    let rules = DeadlineRules::shipped();
    let simple = Variant::default();
    let complex = Variant { complexity: Complexity::Complex, ..Variant::default() };
    assert_eq!(rules.steps_for(Proposal, &simple), [Step::Process]);
    assert_eq!(rules.steps_for(Complaint, &simple), [Step::Process, Step::Accept, Step::Resolve]);
    assert_eq!(
        rules.steps_for(Denunciation, &simple),
        [Step::Process, Step::Resolve, Step::Check, Step::Transfer]
    );
    assert!(rules.steps_for(Denunciation, &complex).contains(&Step::Extend));
}
