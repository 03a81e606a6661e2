//! Periodic reports counted from the register (issue 17): the fixture quarter counted by hand
//! (`fixture`), random registers that always satisfy every form's equations (`random`), opening
//! balances (`openings`) and the rows behind a cell.

mod fixture;
mod openings;
mod random;

use crate::follow_up::day;
use fixture::quarter;
use std::collections::BTreeMap;
use tiepdan_domain::deadlines::Level;
use tiepdan_domain::reports::period::ReportCalendar;
use tiepdan_domain::reports::{CellValue, FormKey, PeriodKind, ReportPeriod};
use tiepdan_domain::visit::SEALED_VISITOR_NAME;

/// The denouncer of R7 and P4, sealed in the register.
pub const DENOUNCER: &str = "Nguyễn Văn An";

pub fn period(kind: PeriodKind, year: i32) -> ReportPeriod {
    ReportCalendar::default().period(kind, year).unwrap()
}

fn q1() -> ReportPeriod {
    period(PeriodKind::Quarter(1), 2026)
}

/// Compares a whole form with the hand count, naming every column that differs.
fn assert_columns(form: &str, got: &BTreeMap<u16, CellValue>, want: &[(u16, CellValue)]) {
    let want: BTreeMap<u16, CellValue> = want.iter().cloned().collect();
    let wrong: Vec<String> = want
        .keys()
        .chain(got.keys())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .filter(|n| got.get(n) != want.get(n))
        .map(|n| format!("({n}) counted {:?}, by hand {:?}", got.get(n), want.get(n)))
        .collect();
    assert!(wrong.is_empty(), "{form} differs from the hand count:\n{}", wrong.join("\n"));
}

fn counts(values: &[u64]) -> Vec<(u16, CellValue)> {
    values.iter().enumerate().map(|(i, v)| (i as u16 + 1, CellValue::Count(*v))).collect()
}

/// 01/TCD, Quý I 2026, by hand from the fixture's table:
/// - regular (4)–(11): R1 R2 R3 R4 R5 R7 = 6 visits, 1+1+6+6+2+1 = 17 people; first-visit matters
///   R1 R3 R5 R7 = 4, repeat matters R1 (R2) and R3 (R4) = 2; groups R3 R4 = 2 visits, 12 people, the
///   matter R3 once first and once repeated. R0 (10/12/2025) and R6 (15/03) are outside the quarter.
/// - the head (12)–(20): H1 and H2 held = 2 (H3 cancelled); L1–L4 = 4 visits, 1+6+1+5 = 13 people;
///   first L1 L2, repeat L1 (L3) L2 (L4); groups L2 L4 = 2 visits, 11 people, matter L2 first/repeat.
/// - delegated (21)–(29): D1 and D2 held = 2; G1–G4 = 4 visits, 2+7+1+5 = 15 people; first G1 G2,
///   repeat R1 (G3, lần 3) and R3 (G4, lần 2); groups G2 G4 = 2 visits, 12 people, G2 first, R3 repeat.
/// - (1) = 6+4+4, (2) = 17+13+15, (3) = 4+2+2+2+2+2; (30): D2 held with nobody.
const TCD_Q1: [u64; 29] =
    [14, 45, 14, 6, 17, 4, 2, 2, 12, 1, 1, 2, 4, 13, 2, 2, 2, 11, 1, 1, 2, 4, 15, 2, 2, 2, 12, 1, 1];

/// 01/XLD, Quý I 2026, by hand:
/// - (2) carried in: R0 and P1 (received before 15/12/2025, processed after); P2 was processed
///   10/12/2025. (3) received: R1 R3 R5 R7 L1 L2 G1 G2 P3 P4 P5 P6 P7 P9 P10 P11 = 16. (1) = 18.
/// - (4) processed by 14/03: all but P3 and P6 (processed 20/03 and 16/03) = 16; (5) = 2.
/// - eligible and not filed (6): 16 less R5 (filed) and P5 (ineligible) = 14, in 13 matters (7)
///   (P11 is G1's duplicate). (8) complaints R0 R1 L1 P9; (9) R7 P4 P10 (mixed); (10) the other 7.
/// - (11) resolved once L1 P9; (12) resolved several times G2; (13) the other 11.
/// - within competence (14) = 7: complaints R0 R1 L1 P9 (15), denunciations R7 P4 (16), L2 (17,
///   accepted with competence not recorded). (18) = 7: guided R3 P7 (19), transferred P1 G2 P10
///   (20), reminded G1 P11 (21). (22): G2's answer of 10/03 (P10's came 20/03). (23): R5 filed.
const XLD_Q1: [u64; 22] = [18, 2, 16, 16, 2, 14, 13, 4, 3, 7, 2, 1, 11, 7, 4, 2, 1, 7, 2, 3, 2, 1];

#[test]
fn every_cell_of_the_fixture_quarter_equals_the_hand_count() {
    let q = quarter();
    let tcd = q.d.register.report(&acting!(q.d), FormKey::Tcd01, &q1()).unwrap();
    let mut want = counts(&TCD_Q1);
    want.push((30, CellValue::Text("1 kỳ tiếp của lãnh đạo không có công dân đến".into())));
    assert_columns("01/TCD Quý I 2026", &tcd.columns, &want);
    assert_eq!((tcd.form.as_str(), tcd.from, tcd.to), ("01/TCD", day(2025, 12, 15), day(2026, 3, 14)));

    let xld = q.d.register.report(&acting!(q.d), FormKey::Xld01, &q1()).unwrap();
    let mut want = counts(&XLD_Q1);
    want.push((23, CellValue::Text("1 đơn lưu, không đủ điều kiện xử lý".into())));
    assert_columns("01/XLD Quý I 2026", &xld.columns, &want);
}

#[test]
fn the_second_quarter_carries_over_what_the_first_left_unprocessed() {
    let q = quarter();
    let q2 = period(PeriodKind::Quarter(2), 2026);
    let xld = q.d.register.report(&acting!(q.d), FormKey::Xld01, &q2).unwrap();
    let cell = |n: u16| xld.columns[&n].count();
    // P3 and P6 were left to process on 14/03; R6 and P8 arrived on 15/03; P8 is still waiting.
    assert_eq!((cell(2), cell(3), cell(4), cell(5), cell(1)), (2, 2, 3, 1, 4), "Quý II carry-over");
    assert_eq!(cell(22), 1, "P10's answer of 20/03 is Quý II's");
    let tcd = q.d.register.report(&acting!(q.d), FormKey::Tcd01, &q2).unwrap();
    assert_eq!(tcd.columns[&1].count(), 1, "the visit of 15/03 is counted in Quý II");
    assert_eq!(tcd.columns[&30], CellValue::Text(String::new()), "no unattended session in Quý II");
}

#[test]
fn the_facts_carry_the_matter_the_processing_day_and_the_results_but_no_identity() {
    let q = quarter();
    let facts = q.d.register.report_facts(&acting!(q.d)).unwrap();
    let id = |n: &str| q.ids[n];
    let visit = |n: &str| facts.visits.iter().find(|v| v.id == id(n)).unwrap();
    for (name, lan) in [("R1", 1), ("R2", 2), ("G3", 3), ("R3", 1), ("G4", 2), ("R4", 3)] {
        assert_eq!(visit(name).matter_visit_no, lan, "{name} is lần {lan} of its matter");
        assert_eq!(q.d.register.visit_count(id(name)).unwrap(), lan, "the desk shows the same lần tiếp");
    }
    assert_eq!(visit("G3").matter, id("R1"), "the matter is its first visit");
    let petition = |n: &str| facts.petitions.iter().find(|p| p.id == id(n)).unwrap();
    assert_eq!(petition("P11").matter, id("G1"), "a duplicate belongs to the first record's matter");
    assert_eq!(petition("R1").processed_on, Some(day(2025, 12, 16)), "decided at reception: that day");
    assert_eq!(petition("R0").processed_on, Some(day(2026, 1, 5)));
    let r1 = petition("R1");
    assert_eq!((r1.accepted_on, r1.resolved_on), (Some(day(2025, 12, 18)), Some(day(2026, 3, 10))));
    assert!(r1.resolve_due.is_some_and(|due| due > day(2025, 12, 18)), "the deadline follow-up shows");
    assert_eq!(petition("L1").level, Level::Second, "from the acceptance");
    assert_eq!(petition("G2").answered_on, Some(day(2026, 3, 10)));
    assert!(facts.visits.len() == 16 && facts.petitions.len() == 21, "every active record is counted once");
    let json = serde_json::to_string(&facts).unwrap();
    assert!(!json.contains(DENOUNCER) && !json.contains("Công dân"), "facts carry no name");
}

#[test]
fn a_cell_drills_down_to_exactly_the_records_it_counted_with_the_denouncer_masked() {
    let q = quarter();
    let actor = acting!(q.d);
    let drill = |form, n| q.d.register.report_drill(&actor, form, n, &q1()).unwrap();
    let names = |form, n| {
        let mut got: Vec<&str> = drill(form, n)
            .records
            .iter()
            .map(|v| *q.ids.iter().find(|(_, id)| **id == v.id).unwrap().0)
            .collect();
        got.sort();
        got
    };
    assert_eq!(names(FormKey::Xld01, 20), ["G2", "P1", "P10"], "transferred");
    assert_eq!(names(FormKey::Xld01, 2), ["P1", "R0"], "carried in");
    assert_eq!(names(FormKey::Tcd01, 22), ["G1", "G2", "G3", "G4"], "delegated visits");
    let sessions = drill(FormKey::Tcd01, 21).sessions;
    let mut held: Vec<_> = sessions.iter().map(|s| s.session.id).collect();
    held.sort();
    let mut want = vec![q.sessions["D1"], q.sessions["D2"]];
    want.sort();
    assert_eq!(held, want, "(21) lists the delegated sessions held, the unattended one included");
    assert_eq!(drill(FormKey::Tcd01, 30).sessions.len(), 1, "Ghi chú lists D2");
    // Every counted cell lists as many records as it counts.
    for (form, columns, values) in [
        (FormKey::Tcd01, &[1u16, 4, 8, 12, 13, 17, 21, 22, 26][..], &TCD_Q1[..]),
        (
            FormKey::Xld01,
            &[1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22][..],
            &XLD_Q1[..],
        ),
    ] {
        for n in columns {
            let d = drill(form, *n);
            assert_eq!(
                (d.records.len() + d.sessions.len()) as u64,
                values[*n as usize - 1],
                "{form:?} ({n})"
            );
        }
    }
    let denunciations = drill(FormKey::Xld01, 16).records;
    assert_eq!(denunciations.len(), 2, "R7 and P4");
    for v in &denunciations {
        let shown: Vec<&str> = v.details.visitors.iter().map(|p| p.shown_name()).collect();
        assert_eq!(shown, [SEALED_VISITOR_NAME], "a denouncer is masked in the drill-down");
        assert!(!serde_json::to_string(v).unwrap().contains(DENOUNCER), "the name is nowhere in the row");
    }
}
