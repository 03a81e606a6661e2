//! The report forms as shipped: every definition loads, each header spans its columns in order,
//! and 02/XLD, 03/XLD, 04/XLD and 02/TCD give the hand counts written below for a small worked
//! quarter (random registers are in `reports_random`).
//!
//! The worked quarter is Quý II 2026 (15/03/2026 → 14/06/2026). Each petition's comment says which
//! cells it lands in; a matter with several petitions is judged by its latest processed, eligible,
//! not filed petition (`reports::count`), which the comments point out where it matters.

use super::support::d;
use tiepdan_domain::deadlines::Level;
use tiepdan_domain::intake::PetitionSource;
use tiepdan_domain::petition::{Field, Handling, PetitionKind, Stage};
use tiepdan_domain::reports::count::drill;
use tiepdan_domain::reports::facts::PetitionFact;
use tiepdan_domain::reports::period::ReportCalendar;
use tiepdan_domain::reports::{compute, CellValue, Facts, FormKey, PeriodKind, ReportPeriod};
use tiepdan_domain::VisitId;
use uuid::Uuid;

fn id(n: u128) -> VisitId {
    VisitId(Uuid::from_u128(n))
}

fn quarter_two() -> ReportPeriod {
    ReportCalendar::default().period(PeriodKind::Quarter(2), 2026).unwrap()
}

/// A petition taken in at the desk on `received`, its own matter, not yet processed.
fn p(n: u128, kind: PetitionKind, received: &str) -> PetitionFact {
    PetitionFact {
        id: id(n),
        received_on: d(received),
        source: PetitionSource::Desk,
        kind,
        field: Field::Other,
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

/// The few things a worked petition sets, chained after [`p`].
trait Worked: Sized {
    fn processed(self, on: &str, competent: Option<bool>, handling: Handling) -> Self;
    fn about(self, field: Field, stage: Stage) -> Self;
    fn with(self, f: impl FnOnce(&mut PetitionFact)) -> Self;
}

impl Worked for PetitionFact {
    fn processed(mut self, on: &str, competent: Option<bool>, handling: Handling) -> Self {
        self.processed_on = Some(d(on));
        self.competent = competent;
        self.handling = Some(handling);
        self.eligible = handling != Handling::Return;
        self
    }
    fn about(mut self, field: Field, stage: Stage) -> Self {
        self.field = field;
        self.stage = stage;
        self
    }
    fn with(mut self, f: impl FnOnce(&mut PetitionFact)) -> Self {
        f(&mut self);
        self
    }
}

const IN: Option<bool> = Some(true);
const OUT: Option<bool> = Some(false);

/// Fills `form` for Quý II 2026 and compares every column with the hand count, all at once.
fn assert_cells(form: FormKey, facts: &Facts, hand: &[(u16, u64)]) {
    let def = form.definition().expect("the form is defined");
    let got =
        compute(def, facts, &quarter_two(), &[]).expect("the worked quarter keeps the form's equations");
    let counted: Vec<u16> = def.columns.iter().filter(|c| c.note.is_none()).map(|c| c.n).collect();
    assert_eq!(
        hand.iter().map(|(n, _)| *n).collect::<Vec<_>>(),
        counted,
        "{}: the hand count must cover every counted column, in order",
        def.form
    );
    let wrong: Vec<String> = hand
        .iter()
        .filter(|(n, want)| got.columns.get(n).map(CellValue::count) != Some(*want))
        .map(|(n, want)| format!("({n}) hand {want}, computed {:?}", got.columns.get(n)))
        .collect();
    assert!(wrong.is_empty(), "{} differs from the hand count: {}", def.form, wrong.join("; "));
}

fn numbered(values: &[u64]) -> Vec<(u16, u64)> {
    values.iter().enumerate().map(|(i, v)| (i as u16 + 1, *v)).collect()
}

#[test]
fn every_form_with_a_definition_file_loads_and_the_issue_forms_all_have_one() {
    for key in FormKey::ALL {
        if let Some(def) = key.definition() {
            assert_eq!(def.key, key, "{} is filed under the wrong key", def.form);
        }
    }
    for key in
        [FormKey::Tcd01, FormKey::Xld01, FormKey::Xld02, FormKey::Xld03, FormKey::Xld04, FormKey::Tcd02]
    {
        assert!(key.definition().is_some(), "{} must ship with a definition", key.as_str());
    }
    let tcd02 = FormKey::Tcd02.definition().unwrap();
    assert!(
        tcd02.status.as_deref().is_some_and(|s| s.contains("01/2024") && s.contains("chưa xác định")),
        "02/TCD must say that TT 01/2024 may have dropped it and that this is not certain"
    );
}

#[test]
fn each_header_spans_exactly_columns_one_to_n_left_to_right() {
    for (key, n) in [(FormKey::Xld02, 26), (FormKey::Xld03, 27), (FormKey::Xld04, 20), (FormKey::Tcd02, 17)] {
        let def = key.definition().unwrap();
        assert_eq!(def.leaf_columns(), (1..=n).collect::<Vec<u16>>(), "{} header leaves", def.form);
        assert_eq!(def.columns.len(), n as usize, "{} has {n} columns", def.form);
        let width: usize = def.header.iter().map(|h| h.width()).sum();
        assert_eq!(width, n as usize, "{}: the merged header is as wide as the table", def.form);
    }
}

#[test]
fn complaints_02_xld_equal_the_hand_count() {
    use PetitionKind::Complaint as C;
    let facts = Facts {
        petitions: vec![
            // Carried in, processed in the period: (2) (5) (7) (8); land (11); not resolved (19);
            // within at the second instance (22).
            p(1, C, "2026-03-01")
                .processed("2026-03-20", IN, Handling::Accept)
                .about(Field::Land, Stage::NotResolved)
                .with(|f| f.level = Level::Second),
            // Carried in, still open: (2) only.
            p(2, C, "2026-03-10"),
            // Received and processed before the period: nowhere.
            p(3, C, "2026-03-01").processed("2026-03-05", IN, Handling::Accept),
            // A matter with two accepted petitions: 4 (policy, resolved once) is judged by 11.
            p(4, C, "2026-04-01")
                .processed("2026-04-05", IN, Handling::Accept)
                .about(Field::Policy, Stage::ResolvedOnce),
            // Guided, housing, resolved twice: (11) (17) (24).
            p(5, C, "2026-04-02")
                .processed("2026-04-06", OUT, Handling::Guide)
                .about(Field::Housing, Stage::ResolvedSeveral),
            // Transferred, judicial, answered in the period: (13) (19) (24) (26).
            p(6, C, "2026-04-03")
                .processed("2026-04-07", OUT, Handling::Transfer)
                .about(Field::Judicial, Stage::NotResolved)
                .with(|f| f.answered_on = Some(d("2026-05-01"))),
            // Reminded, party: (14) (19) (25).
            p(7, C, "2026-04-04")
                .processed("2026-04-08", OUT, Handling::Remind)
                .about(Field::Party, Stage::NotResolved),
            // Within, other administrative: (12) (19) (21).
            p(8, C, "2026-04-10")
                .processed("2026-04-11", IN, Handling::Accept)
                .about(Field::OtherAdministrative, Stage::NotResolved),
            // A filed duplicate of 8: (3) (6) only; matter 8 stays judged by 8.
            p(9, C, "2026-04-20").processed("2026-04-21", OUT, Handling::File).with(|f| f.matter = id(8)),
            // Returned as ineligible: (3) (6) only.
            p(10, C, "2026-04-25").processed("2026-04-26", None, Handling::Return),
            // The later petition of matter 4: corruption → khác (15); not resolved (19); lần đầu (21).
            p(11, C, "2026-05-01")
                .processed("2026-05-02", IN, Handling::Accept)
                .about(Field::Corruption, Stage::NotResolved)
                .with(|f| f.matter = id(4)),
            // Within, policy, resolved once before: (10) (16) (21).
            p(12, C, "2026-05-10")
                .processed("2026-05-12", IN, Handling::Accept)
                .about(Field::Policy, Stage::ResolvedOnce),
            // After the cut-off, and a denunciation: nowhere.
            p(13, C, "2026-06-20"),
            p(14, PetitionKind::Denunciation, "2026-04-01").processed("2026-04-02", IN, Handling::Accept),
            // Received, still open: (3) only.
            p(15, C, "2026-05-15"),
        ],
        ..Facts::default()
    };
    #[rustfmt::skip]
    let hand = numbered(&[
        12, 2, 10,        // (1) (2) (3): 1, 2 carried in; 4–12 and 15 received
        10, 1, 9,         // (4) (5) (6): 1; 4–12
        8, 7,             // (7) petitions 1 4 5 6 7 8 11 12; (8) matters 1 4 5 6 7 8 12
        4, 1, 2, 1,       // (9)–(12): policy 12; land 1, housing 5; other administrative 8
        1, 1, 1,          // (13) judicial 6, (14) party 7, (15) corruption 11
        1, 1, 0, 5,       // (16) 12, (17) 5, (18) no court data, (19) 1 11 6 7 8
        4, 3, 1,          // (20)–(22): first 8 11 12, second 1
        3, 2, 1,          // (23)–(25): guided 5 + transferred 6, reminded 7
        1,                // (26) the answer to 6
    ]);
    assert_cells(FormKey::Xld02, &facts, &hand);
}

#[test]
fn denunciations_03_xld_equal_the_hand_count_and_a_matter_drills_to_the_petition_that_judged_it() {
    use PetitionKind::Denunciation as T;
    let facts = Facts {
        petitions: vec![
            // Carried in, open: (2).
            p(1, T, "2026-03-01"),
            // Carried in, accepted, past its deadline unresolved: policy (10); tố cáo tiếp quá hạn
            // (18); within, renewed (23).
            p(2, T, "2026-03-05")
                .processed("2026-03-16", IN, Handling::Accept)
                .about(Field::Policy, Stage::NotResolved)
                .with(|f| f.resolve_due = Some(d("2026-05-01"))),
            // Several contents, accepted, deadline after the cut-off: land (11) (20) (22).
            p(3, PetitionKind::Mixed, "2026-04-01")
                .processed("2026-04-02", IN, Handling::Accept)
                .about(Field::Land, Stage::NotResolved)
                .with(|f| f.resolve_due = Some(d("2026-07-01"))),
            // Transferred, concluded once before, answered: (13) (19) (25) (27).
            p(4, T, "2026-04-03")
                .processed("2026-04-04", OUT, Handling::Transfer)
                .about(Field::OtherAdministrative, Stage::ResolvedOnce)
                .with(|f| f.answered_on = Some(d("2026-04-30"))),
            // Guided corruption, later judged by its repeat 13.
            p(5, T, "2026-04-05")
                .processed("2026-04-06", OUT, Handling::Guide)
                .about(Field::Corruption, Stage::NotResolved),
            // Guided, judicial, concluded twice: (15) (19) (25), a guided denunciation counted as chuyển.
            p(6, T, "2026-04-07")
                .processed("2026-04-08", OUT, Handling::Guide)
                .about(Field::Judicial, Stage::ResolvedSeveral),
            // Within, party, resolved in time: (16) (20) (22).
            p(7, T, "2026-04-09")
                .processed("2026-04-10", IN, Handling::Accept)
                .about(Field::Party, Stage::NotResolved)
                .with(|f| {
                    f.resolve_due = Some(d("2026-05-01"));
                    f.resolved_on = Some(d("2026-04-30"));
                }),
            // Within, other, concluded once before: (17) (19) (23).
            p(8, T, "2026-04-11")
                .processed("2026-04-12", IN, Handling::Accept)
                .about(Field::Other, Stage::ResolvedOnce),
            // Filed repeat of 3: (3) (6) only.
            p(9, T, "2026-05-01").processed("2026-05-02", OUT, Handling::File).with(|f| f.matter = id(3)),
            // Returned as ineligible: (3) (6).
            p(10, T, "2026-05-03").processed("2026-05-04", None, Handling::Return),
            // A complaint: nowhere.
            p(11, PetitionKind::Complaint, "2026-04-01").processed("2026-04-02", IN, Handling::Accept),
            // Received, open: (3).
            p(12, T, "2026-05-20"),
            // The repeat of 5, reminded: matter 5 is corruption (14), not resolved (20), đôn đốc (26).
            p(13, T, "2026-04-15")
                .processed("2026-04-16", OUT, Handling::Remind)
                .about(Field::Corruption, Stage::NotResolved)
                .with(|f| f.matter = id(5)),
            // Within, policy, resolved only after the cut-off, so overdue at it: (10) (18) (23).
            p(14, T, "2026-04-20")
                .processed("2026-04-21", IN, Handling::Accept)
                .about(Field::Policy, Stage::NotResolved)
                .with(|f| {
                    f.resolve_due = Some(d("2026-05-20"));
                    f.resolved_on = Some(d("2026-06-20"));
                }),
        ],
        ..Facts::default()
    };
    #[rustfmt::skip]
    let hand = numbered(&[
        13, 2, 11,        // (1)–(3): 1 2; 3–10 12 13 14
        11, 1, 10,        // (4)–(6): 2; 3–10 13 14
        9, 8,             // (7) 2 3 4 5 6 7 8 13 14; (8) matters 2 3 4 5 6 7 8 14
        4, 2, 1, 0, 1,    // (9)–(13): policy 2 14; land 3; no công vụ data; other administrative 4
        1, 1, 1, 1,       // (14) corruption 5 (by 13), (15) judicial 6, (16) party 7, (17) other 8
        2, 3, 3,          // (18) 2 14; (19) 4 6 8; (20) 3 5 7
        5, 2, 3,          // (21)–(23): first 3 7; renewed 2 8 14
        3, 2, 1,          // (24)–(26): transferred 4 + guided 6; reminded 5 (by 13)
        1,                // (27) the answer to 4
    ]);
    assert_cells(FormKey::Xld03, &facts, &hand);

    let def = FormKey::Xld03.definition().unwrap();
    let behind = drill(def, 26, &facts, &quarter_two()).unwrap();
    assert_eq!(
        behind.records,
        vec![id(13)],
        "(26) opens on the reminder that judged matter 5, not the guided 5"
    );
    assert_eq!(
        drill(def, 8, &facts, &quarter_two()).unwrap().records.len(),
        8,
        "(8) lists one petition per matter"
    );
}

#[test]
fn proposals_and_reflections_04_xld_equal_the_hand_count() {
    use PetitionKind::{Proposal as K, Reflection as R};
    let facts = Facts {
        petitions: vec![
            // Carried in, accepted, resolved in the period: (2) (5) policy (9) (14) (15) (19).
            p(1, K, "2026-03-01")
                .processed("2026-03-20", IN, Handling::Accept)
                .about(Field::Policy, Stage::NotResolved)
                .with(|f| f.resolved_on = Some(d("2026-04-15"))),
            // Carried in, open: (2).
            p(2, K, "2026-03-02"),
            // Reflection within, land, resolved once elsewhere, open here: (10) (13) (15) (20).
            p(3, R, "2026-04-01")
                .processed("2026-04-02", IN, Handling::Accept)
                .about(Field::Land, Stage::ResolvedOnce),
            // Transferred, later judged by its repeat 11.
            p(4, K, "2026-04-03")
                .processed("2026-04-04", OUT, Handling::Transfer)
                .about(Field::Judicial, Stage::NotResolved),
            // Reminded, party → khác: (12) (13) (18).
            p(5, K, "2026-04-05")
                .processed("2026-04-06", OUT, Handling::Remind)
                .about(Field::Party, Stage::ResolvedSeveral),
            // Guided, housing → đất đai: (10) (14) (17).
            p(6, R, "2026-04-07")
                .processed("2026-04-08", OUT, Handling::Guide)
                .about(Field::Housing, Stage::NotResolved),
            // Within, other, resolved only after the cut-off: (12) (14) (15) (20).
            p(7, K, "2026-04-09")
                .processed("2026-04-10", IN, Handling::Accept)
                .about(Field::Other, Stage::NotResolved)
                .with(|f| f.resolved_on = Some(d("2026-06-30"))),
            // Filed duplicate of 7, and an ineligible one: (3) (6) only.
            p(8, K, "2026-04-20").processed("2026-04-21", OUT, Handling::File).with(|f| f.matter = id(7)),
            p(9, K, "2026-04-22").processed("2026-04-23", None, Handling::Return),
            // Received, open: (3).
            p(10, K, "2026-05-01"),
            // Repeat of 4, now accepted and resolved: judicial (11) (14) (15) (19).
            p(11, K, "2026-05-02")
                .processed("2026-05-03", IN, Handling::Accept)
                .about(Field::Judicial, Stage::NotResolved)
                .with(|f| {
                    f.matter = id(4);
                    f.resolved_on = Some(d("2026-05-20"));
                }),
            // A complaint, and one after the cut-off: nowhere.
            p(12, PetitionKind::Complaint, "2026-04-01").processed("2026-04-02", IN, Handling::Accept),
            p(13, K, "2026-06-15"),
        ],
        ..Facts::default()
    };
    #[rustfmt::skip]
    let hand = numbered(&[
        11, 2, 9,         // (1)–(3): 1 2; 3–11
        9, 1, 8,          // (4)–(6): 1; 3–9 11
        7, 6,             // (7) 1 3 4 5 6 7 11; (8) matters 1 3 4 5 6 7
        1, 2, 1, 2,       // (9) 1; (10) 3 6; (11) 4 (by 11); (12) 5 7
        2, 4,             // (13) 3 5; (14) 1 4 6 7
        4, 2, 1, 1,       // (15) 1 3 4 7; (16)–(18): guided 6; reminded 5
        2, 2,             // (19) 1 4; (20) 3 7
    ]);
    assert_cells(FormKey::Xld04, &facts, &hand);
}

#[test]
fn petitions_through_reception_02_tcd_equal_the_hand_count() {
    use PetitionKind::*;
    let facts = Facts {
        petitions: vec![
            // Complaint within: (3) (4) (9) (10).
            p(1, Complaint, "2026-04-01").processed("2026-04-02", IN, Handling::Accept),
            // Its filed duplicate: a petition in (3) and (11), not a second matter.
            p(2, Complaint, "2026-04-10")
                .processed("2026-04-11", OUT, Handling::File)
                .with(|f| f.matter = id(1)),
            // Denunciation transferred and answered: (5) (6) (11) (12) (14) (16).
            p(3, Denunciation, "2026-04-03")
                .processed("2026-04-04", OUT, Handling::Transfer)
                .with(|f| f.answered_on = Some(d("2026-04-20"))),
            // Several contents, guided: (5) (6) (11) (12) (13).
            p(4, Mixed, "2026-04-05").processed("2026-04-06", OUT, Handling::Guide),
            // Proposal reminded: (7) (8) (11) (12) (15).
            p(5, Proposal, "2026-04-07").processed("2026-04-08", OUT, Handling::Remind),
            // Reflection within: (7) (8) (9) (10).
            p(6, Reflection, "2026-04-09").processed("2026-04-10", IN, Handling::Accept),
            // By post, not through reception: nowhere.
            p(7, Complaint, "2026-04-11")
                .processed("2026-04-12", IN, Handling::Accept)
                .with(|f| f.source = PetitionSource::Post),
            // Received at the desk, not yet processed: Ghi chú.
            p(8, Complaint, "2026-05-01"),
            // Received before the period: nowhere.
            p(9, Proposal, "2026-03-01").processed("2026-03-20", IN, Handling::Accept),
            // Returned as ineligible, with guidance: (3) (4) (11) (12) (13).
            p(10, Complaint, "2026-05-05").processed("2026-05-06", None, Handling::Return),
            // Processed with no handling recorded (kept): (7) (8) (11) (12).
            p(11, Proposal, "2026-05-07").with(|f| f.processed_on = Some(d("2026-05-08"))),
        ],
        ..Facts::default()
    };
    #[rustfmt::skip]
    let hand = numbered(&[
        8, 7,             // (1) (2)
        3, 2, 2, 2, 3, 3, // (3)/(4) 1 2 10 / matters 1 10; (5)/(6) 3 4; (7)/(8) 5 6 11
        2, 2, 6, 5,       // (9)/(10) 1 6; (11) 2 3 4 5 10 11 / (12) matters 3 4 5 10 11
        2, 1, 1,          // (13) 4 10; (14) 3; (15) 5
        1,                // (16) the answer to 3
    ]);
    assert_cells(FormKey::Tcd02, &facts, &hand);
    let def = FormKey::Tcd02.definition().unwrap();
    let got = compute(def, &facts, &quarter_two(), &[]).unwrap();
    assert_eq!(
        got.columns.get(&17),
        Some(&CellValue::Text("1 đơn tiếp nhận trong kỳ chưa được phân loại, xử lý".into())),
        "Ghi chú accounts for the desk petition no column counts"
    );
}
