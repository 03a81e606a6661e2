//! Opening balances: declared once per form by a leader, counted in the period that starts on the
//! declared day only, refused when they would break the form's equations, corrected with a reason.

use super::period;
use crate::follow_up::day;
use std::collections::BTreeMap;
use tiepdan_domain::reports::{FormKey, Opening, PeriodKind, ReportError};
use tiepdan_register::{Actor, RegisterError};

fn opening(columns: &[(u16, u64)]) -> Opening {
    Opening { form: FormKey::Xld01, from: day(2025, 12, 15), columns: columns.iter().copied().collect() }
}

fn opening_events(d: &crate::common::Desk) -> Vec<String> {
    let stream = d.register.current_stream().unwrap().id;
    let events = d.register.events_after(stream, 0, 10_000).unwrap();
    events.into_iter().map(|e| e.kind).filter(|k| k.starts_with("opening_")).collect()
}

#[test]
fn a_declared_balance_is_counted_in_the_period_starting_on_its_day_and_not_after() {
    let mut d = crate::sealing::desk_with_keys();
    let declared = d.register.declare_opening(&acting!(d), opening(&[(2, 5), (5, 5)])).unwrap();
    assert_eq!(d.register.openings(&acting!(d)).unwrap(), [declared]);
    let xld = |d: &crate::common::Desk, kind| {
        let columns = d.register.report(&acting!(d), FormKey::Xld01, &period(kind, 2026)).unwrap().columns;
        [1, 2, 5].map(|n| columns[&n].count())
    };
    assert_eq!(xld(&d, PeriodKind::Quarter(1)), [5, 5, 5], "Quý I starts on the declared day");
    assert_eq!(xld(&d, PeriodKind::Year), [5, 5, 5], "so does the year");
    assert_eq!(xld(&d, PeriodKind::Quarter(2)), [0, 0, 0], "Quý II carries over by computation");
    let tcd = d.register.report(&acting!(d), FormKey::Tcd01, &period(PeriodKind::Quarter(1), 2026)).unwrap();
    assert!(tcd.columns.values().all(|v| v.count() == 0), "another form's figures are untouched");
}

#[test]
fn a_balance_that_breaks_the_forms_equation_or_carries_nothing_over_is_refused_and_nothing_kept() {
    let mut d = crate::sealing::desk_with_keys();
    let err = d.register.declare_opening(&acting!(d), opening(&[(2, 5)])).unwrap_err();
    let RegisterError::ReportRefused(refusal) = &err else { panic!("refused as bad input: {err:?}") };
    assert!(matches!(refusal, ReportError::Unbalanced { .. }), "{refusal:?}");
    assert!(err.to_string().contains("(1) = (2) + (3) = (4) + (5)"), "the message names the check: {err}");
    assert!(refusal.message_vi().contains("khai báo đủ các cột"), "{}", refusal.message_vi());
    let err = d.register.declare_opening(&acting!(d), opening(&[(3, 1)])).unwrap_err();
    assert!(
        matches!(err, RegisterError::ReportRefused(ReportError::NotAnOpeningColumn { column: 3, .. })),
        "(3) is received in the period, never carried over: {err:?}"
    );
    assert!(d.register.openings(&acting!(d)).unwrap().is_empty());
    assert!(opening_events(&d).is_empty(), "nothing was journaled");
}

#[test]
fn a_clerk_cannot_declare_a_balance() {
    let mut d = crate::sealing::desk_with_keys();
    let clerk = crate::sealing::clerk(&mut d);
    let err = d.register.declare_opening(&Actor::signed_in(&clerk), opening(&[(2, 5), (5, 5)])).unwrap_err();
    assert!(matches!(err, RegisterError::NotPermitted { .. }), "{err:?}");
    assert!(d.register.report_facts(&Actor::signed_in(&clerk)).is_ok(), "but a clerk counts reports");
}

#[test]
fn a_second_declaration_is_refused_and_a_correction_replaces_it_keeping_both_in_the_journal() {
    let mut d = crate::sealing::desk_with_keys();
    d.register.declare_opening(&acting!(d), opening(&[(2, 5), (5, 5)])).unwrap();
    let err = d.register.declare_opening(&acting!(d), opening(&[(2, 7), (5, 7)])).unwrap_err();
    assert!(matches!(err, RegisterError::OpeningDeclared { ref form } if form == "01/XLD"), "{err:?}");
    let err = d.register.correct_opening(&acting!(d), opening(&[(2, 7), (5, 7)]), "  ").unwrap_err();
    assert!(matches!(err, RegisterError::Invalid(_)), "a correction says why: {err:?}");
    d.register
        .correct_opening(&acting!(d), opening(&[(2, 7), (5, 7)]), "Số liệu Quý IV/2025 ghi nhầm")
        .unwrap();
    let columns: BTreeMap<u16, u64> = d.register.openings(&acting!(d)).unwrap()[0].columns.clone();
    assert_eq!(columns, BTreeMap::from([(2, 7), (5, 7)]), "the correction is in force");
    assert_eq!(opening_events(&d), ["opening_declared", "opening_corrected"], "the register keeps both");
    let chain = d.register.verify().unwrap();
    assert!(chain.is_intact(), "{chain:?}");
    let tcd = Opening { form: FormKey::Tcd01, ..opening(&[]) };
    let err = d.register.correct_opening(&acting!(d), tcd, "Sửa").unwrap_err();
    assert!(matches!(err, RegisterError::NotFound { .. }), "nothing declared for 01/TCD: {err:?}");
}
