use super::*;
use crate::decisions::{Assets, Cases, Persons, SecondLevel};
use crate::reports::count::{check, compute, Computed};
use crate::reports::definition::FormKey;
use crate::reports::facts::Facts;
use std::collections::BTreeMap;

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

/// Quý II 2026: 15/03 → 14/06.
fn quarter() -> ReportPeriod {
    ReportPeriod::custom(day(3, 15), day(6, 14)).unwrap()
}

fn accepted(on: NaiveDate) -> DecisionFact {
    let id = VisitId::new();
    DecisionFact {
        id,
        matter: id,
        kind: PetitionKind::Complaint,
        level: Level::First,
        accepted_on: on,
        resolved_on: None,
        outcome: None,
        figures: None,
        deadline_kept: None,
        implementations: Vec::new(),
    }
}

fn resolved(
    mut d: DecisionFact,
    on: NaiveDate,
    outcome: Outcome,
    figures: ResolutionFigures,
) -> DecisionFact {
    d.resolved_on = Some(on);
    d.outcome = Some(outcome);
    d.deadline_kept = figures.deadline_kept.or(Some(true));
    d.figures = Some(figures);
    d
}

fn money(triệu: u64, thousandths: u64) -> Amount {
    Amount(triệu * 1000 + thousandths)
}

/// Five complaints of the quarter, counted by hand below.
fn facts() -> Facts {
    // A: carried in (accepted 02/03), decided in April: 1,25 + 0,5 triệu to the State, 120,5 m².
    let a = resolved(
        accepted(day(3, 2)),
        day(4, 10),
        Outcome::Correct,
        ResolutionFigures {
            to_state: Assets { money: money(1, 250), land: Amount(120_500) },
            to_individuals: Assets { money: money(0, 500), land: Amount::ZERO },
            individuals_restored: 1,
            sanctions: Persons { people: 2, officials: 1 },
            referred: Cases { cases: 1, people: 1, officials: 1 },
            deadline_kept: Some(false),
            second_level: None,
            ..Default::default()
        },
    );
    // B: accepted and decided in the quarter, partly correct: 2,125 triệu to the State.
    let b = resolved(
        accepted(day(4, 1)),
        day(5, 5),
        Outcome::PartlyCorrect,
        ResolutionFigures {
            to_state: Assets { money: money(2, 125), land: Amount::ZERO },
            ..Default::default()
        },
    );
    // C: withdrawn after explanation in the quarter.
    let c = resolved(accepted(day(4, 2)), day(4, 20), Outcome::Withdrawn, ResolutionFigures::default());
    // D: a second-level complaint, upheld, in the quarter; a repeat of A's matter.
    let mut d = accepted(day(4, 15));
    d.level = Level::Second;
    d.matter = a.matter;
    let d = resolved(
        d,
        day(6, 1),
        Outcome::Wrong,
        ResolutionFigures { second_level: Some(SecondLevel::Upheld), ..Default::default() },
    );
    // E: accepted in the quarter, still open at its end.
    let e = accepted(day(6, 10));
    // F: decided and fully carried out last quarter: neither to resolve nor to implement now.
    let mut f = resolved(accepted(day(1, 5)), day(2, 1), Outcome::Correct, ResolutionFigures::default());
    f.implementations.push(ImplementationFact { on: day(3, 1), completed: true, done: Default::default() });
    // A's implementation: part recovered in May, completed in June (after the quarter: not yet).
    let mut a = a;
    a.implementations = vec![
        ImplementationFact {
            on: day(5, 20),
            completed: false,
            done: ImplementationFigures {
                to_state: Assets { money: money(0, 750), land: Amount(100_000) },
                sanctioned: Persons { people: 1, officials: 1 },
                ..Default::default()
            },
        },
        ImplementationFact {
            on: day(6, 20),
            completed: true,
            done: ImplementationFigures {
                to_state: Assets { money: money(1, 250), land: Amount(120_500) },
                ..Default::default()
            },
        },
    ];
    // B carried out in full within the quarter.
    let mut b = b;
    b.implementations.push(ImplementationFact {
        on: day(6, 1),
        completed: true,
        done: ImplementationFigures {
            to_state: Assets { money: money(2, 125), land: Amount::ZERO },
            prosecuted: Cases { cases: 1, people: 2, officials: 0 },
            ..Default::default()
        },
    });
    Facts { decisions: vec![a, b, c, d, e, f], ..Facts::default() }
}

fn cells(form: FormKey) -> Computed {
    let def = form.definition().expect("the build carries the KQGQ definitions");
    compute(def, &facts(), &quarter(), &[]).expect("the equations hold")
}

fn n(c: &Computed, col: u16) -> u64 {
    match &c.columns[&col] {
        CellValue::Count(n) => *n,
        other => panic!("({col}) should be a count, is {other:?}"),
    }
}

fn amount(c: &Computed, col: u16) -> u64 {
    match &c.columns[&col] {
        CellValue::Amount(a) => a.thousandths(),
        other => panic!("({col}) should be an amount, is {other:?}"),
    }
}

#[test]
fn both_kqgq_forms_load_with_the_columns_the_circular_gives_them() {
    let one = FormKey::Kqgq01.definition().unwrap();
    assert_eq!(one.leaf_columns(), (1..=27).collect::<Vec<u16>>(), "26 columns and Ghi chú");
    let two = FormKey::Kqgq02.definition().unwrap();
    assert_eq!(two.leaf_columns(), (1..=20).collect::<Vec<u16>>(), "19 columns and Ghi chú");
}

#[test]
fn form_01_kqgq_counts_the_quarters_complaints_by_hand() {
    let c = cells(FormKey::Kqgq01);
    let counts: Vec<u64> = [1, 2, 3, 4, 5, 6].iter().map(|col| n(&c, *col)).collect();
    // A carried in; B, C, D, E accepted in the quarter; A and D are one matter.
    assert_eq!(counts, [5, 1, 4, 4, 3, 1], "(1)–(6): đơn, kỳ trước, trong kỳ, vụ việc, QĐ, rút đơn");
    assert_eq!(amount(&c, 7), 3_375, "1,25 + 2,125 triệu đồng to the State, summed exactly");
    assert_eq!(amount(&c, 8), 120_500, "120,5 m²");
    assert_eq!((amount(&c, 9), amount(&c, 10), amount(&c, 11), amount(&c, 12)), (0, 0, 500, 0));
    assert_eq!((n(&c, 13), n(&c, 14)), (0, 1));
    assert_eq!((n(&c, 15), n(&c, 16)), (2, 1));
    assert_eq!((n(&c, 17), n(&c, 18), n(&c, 19)), (1, 1, 1));
    assert_eq!((n(&c, 20), n(&c, 21), n(&c, 22)), (1, 0, 1), "first level: A correct, B partly");
    assert_eq!((n(&c, 23), n(&c, 24)), (1, 0), "D upheld the first decision");
    assert_eq!((n(&c, 25), n(&c, 26)), (3, 1), "A's deadline was missed");
    assert_eq!(c.columns[&27], CellValue::Text(String::new()), "no dismissal to note");
}

#[test]
fn form_02_kqgq_counts_what_was_carried_out_by_the_quarters_end() {
    let c = cells(FormKey::Kqgq02);
    // A, B and D are decided by the quarter's end; C was withdrawn; F was done last quarter.
    assert_eq!((n(&c, 1), n(&c, 2)), (3, 1), "B alone was completed within the quarter");
    assert_eq!((amount(&c, 3), amount(&c, 4)), (3_375, 120_500), "phải thu");
    assert_eq!((amount(&c, 5), amount(&c, 6)), (2_875, 100_000), "đã thu: A's May record and B's");
    assert_eq!((amount(&c, 9), amount(&c, 13)), (500, 0), "phải trả / đã trả cá nhân");
    assert_eq!((n(&c, 15), n(&c, 16)), (1, 1));
    assert_eq!((n(&c, 17), n(&c, 18), n(&c, 19)), (1, 2, 0));
    assert_eq!(c.columns[&20], CellValue::Text("2 quyết định chưa thực hiện xong".into()));
}

#[test]
fn an_amount_cell_is_a_json_number_that_reads_back_exactly() {
    let cell = CellValue::Amount(money(3, 375));
    assert_eq!(serde_json::to_string(&cell).unwrap(), "3.375");
    assert_eq!(serde_json::to_string(&CellValue::Amount(money(3, 0))).unwrap(), "3.0");
    assert_eq!(serde_json::from_str::<CellValue>("3.375").unwrap(), cell);
    assert_eq!(serde_json::from_str::<CellValue>("3").unwrap(), CellValue::Count(3), "a count stays a count");
    let mut columns = BTreeMap::new();
    columns.insert(7, CellValue::Amount(Amount(1)));
    let back: Computed = serde_json::from_str(
        &serde_json::to_string(&Computed {
            form: "01/KQGQ".into(),
            from: day(3, 15),
            to: day(6, 14),
            columns,
        })
        .unwrap(),
    )
    .unwrap();
    assert_eq!(back.columns[&7], CellValue::Amount(Amount(1)), "a thousandth survives the trip");
}

#[test]
fn an_equation_on_amounts_fails_by_a_single_thousandth() {
    let mut def = FormKey::Kqgq02.definition().unwrap().clone();
    def.checks = vec![crate::reports::definition::Check { equal: vec![vec![3], vec![5]] }];
    let mut c = cells(FormKey::Kqgq02);
    c.columns.insert(5, CellValue::Amount(money(3, 374)));
    assert!(check(&def, &c).is_err(), "3,375 ≠ 3,374");
    c.columns.insert(5, CellValue::Amount(money(3, 375)));
    assert!(check(&def, &c).is_ok());
}
