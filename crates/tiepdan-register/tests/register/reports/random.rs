//! Random registers of a few hundred records, built through the register's public calls: every
//! defined form, for every official period and month of two years, satisfies its own equations
//! (`report` returns figures, not `ReportInconsistent`). Seeded, so a failure names its seed and
//! repeats.

use super::period;
use crate::common::{desk, draft, local, Desk};
use crate::follow_up::day;
use crate::petitions::mailed;
use chrono::{Datelike, Duration, NaiveDate};
use serde_json::json;
use tiepdan_domain::deadlines::Variant;
use tiepdan_domain::intake::PetitionSource;
use tiepdan_domain::petition::{Field, Handling, PetitionKind};
use tiepdan_domain::processing::Processing;
use tiepdan_domain::reports::{FormKey, PeriodKind};
use tiepdan_domain::results::{Acceptance, Outcome, Resolution, Transfer, TransferAnswer};
use tiepdan_domain::sessions::{DayPart, ReceptionSession, SessionId, SessionKind, Sitter};
use tiepdan_domain::visit::VisitorKind;
use tiepdan_domain::VisitId;
use tiepdan_register::Closing;

/// xorshift64*: enough randomness for a fixture, no dependency.
struct Dice(u64);

impl Dice {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) % n
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }
}

const KINDS: [PetitionKind; 5] = [
    PetitionKind::Complaint,
    PetitionKind::Denunciation,
    PetitionKind::Proposal,
    PetitionKind::Reflection,
    PetitionKind::Mixed,
];
/// The last day records are dated (the tests' clock says 25/11/2026, 09:30).
const TODAY: (i32, u32, u32) = (2026, 11, 24);

fn today() -> NaiveDate {
    day(TODAY.0, TODAY.1, TODAY.2)
}

/// A day between 01/10/2025 and today.
fn some_day(dice: &mut Dice) -> NaiveDate {
    let first = day(2025, 10, 1);
    first + Duration::days(dice.below((today() - first).num_days() as u64 + 1) as i64)
}

fn later(dice: &mut Dice, from: NaiveDate, within: u64) -> NaiveDate {
    (from + Duration::days(dice.below(within) as i64)).min(today())
}

/// A processing decision the domain accepts for a petition of `kind`.
fn processing(dice: &mut Dice, visit_id: VisitId, kind: PetitionKind, on: NaiveDate) -> Processing {
    let eligible = dice.chance(85);
    let handling = if !eligible {
        dice.pick(&[Handling::Return, Handling::File])
    } else if kind == PetitionKind::Complaint {
        dice.pick(&[Handling::Accept, Handling::Guide, Handling::Remind, Handling::File])
    } else {
        dice.pick(&[Handling::Accept, Handling::Guide, Handling::Transfer, Handling::Remind, Handling::File])
    };
    Processing {
        visit_id,
        processed_on: on,
        eligible,
        ineligible_reason: (!eligible).then(|| "Thiếu chữ ký".into()),
        competent: handling == Handling::Accept
            || (handling != Handling::Transfer && handling != Handling::Remind && dice.chance(30)),
        handling,
        transfer_to: matches!(handling, Handling::Transfer | Handling::Remind).then(|| "UBND quận".into()),
        guidance: (handling == Handling::Guide).then(|| "Gửi cơ quan có thẩm quyền".into()),
    }
}

/// One record of the random register, as it was made.
struct Made {
    id: VisitId,
    on: NaiveDate,
    kind: Option<PetitionKind>,
    handling: Option<Handling>,
}

fn visit(d: &mut Desk, dice: &mut Dice, on: NaiveDate, session: Option<SessionId>) -> Made {
    let mut input = draft("Lê Văn Cường", "Kiến nghị về đường ngõ và thoát nước");
    input.received_at =
        Some(local(on.year(), on.month(), on.day(), 8 + dice.below(9) as u32, dice.below(60) as u32));
    let people = if dice.chance(20) { 5 + dice.below(20) as u32 } else { 1 + dice.below(4) as u32 };
    input.visitor_kind = if people >= 5 { VisitorKind::Group } else { VisitorKind::Individual };
    input.people_count = Some(people);
    input.session_id = session;
    let (mut kind, mut handling) = (None, None);
    if dice.chance(70) {
        let k = dice.pick(&KINDS);
        let h = if dice.chance(60) {
            Some(if k == PetitionKind::Complaint {
                Handling::Accept
            } else {
                dice.pick(&[Handling::Accept, Handling::Guide, Handling::Transfer])
            })
        } else {
            None
        };
        input.petition = Some(
            serde_json::from_value(json!({
                "kind": k, "field": "housing", "handling": h,
                "stage": dice.pick(&["not_resolved", "resolved_once", "resolved_several"]),
                "competent": h.map(|h| h == Handling::Accept),
                "transfer_to": (h == Some(Handling::Transfer)).then_some("UBND quận"),
                "guidance": (h == Some(Handling::Guide)).then_some("Gửi Tòa án"),
            }))
            .unwrap(),
        );
        (kind, handling) = (Some(k), h);
    }
    let v = d.register.record_visit(&acting!(d), input).unwrap();
    Made { id: v.id, on, kind, handling }
}

fn petition(d: &mut Desk, dice: &mut Dice, on: NaiveDate) -> Made {
    let mut input = mailed("Phạm Thị Dung", "Khiếu nại việc cấp giấy chứng nhận");
    let source = dice.pick(&[
        PetitionSource::Post,
        PetitionSource::OneStop,
        PetitionSource::Online,
        PetitionSource::TransferredIn,
    ]);
    let kind = dice.pick(&KINDS);
    (input.source, input.received_on, input.kind, input.field) = (source, Some(on), kind, Field::Housing);
    if source == PetitionSource::TransferredIn {
        input.from_body = Some("Thanh tra quận".into());
    }
    let v = d.register.receive_petition(&acting!(d), input).unwrap();
    Made { id: v.id, on, kind: Some(kind), handling: None }
}

/// A register of about `n` records of every source, processed, linked, accepted, resolved,
/// transferred and answered at random, with sessions held, unattended, cancelled or still open.
fn register(seed: u64, n: usize) -> Desk {
    let mut d = desk();
    let mut dice = Dice(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut made: Vec<Made> = Vec::new();
    for _ in 0..n / 12 {
        let on = some_day(&mut dice);
        let sat = dice.pick(&[Sitter::Head, Sitter::Delegate]);
        let session = ReceptionSession {
            id: SessionId::new(),
            planned_on: on,
            part: DayPart::Morning,
            kind: dice.pick(&[SessionKind::Periodic, SessionKind::AdHoc]),
            sat,
            officer_id: (sat == Sitter::Delegate).then_some(d.officer.id),
            delegation: None,
            place: None,
        };
        let id = d.register.plan_session(&acting!(d), session).unwrap().session.id;
        let visits = dice.below(4);
        for _ in 0..visits {
            made.push(visit(&mut d, &mut dice, on, Some(id)));
        }
        match dice.below(4) {
            0 if visits == 0 => drop(
                d.register
                    .close_session(&acting!(d), id, Closing::Cancelled, Some("Lãnh đạo đi công tác".into()))
                    .unwrap(),
            ),
            0 => {} // still open
            _ => drop(
                d.register.close_session(&acting!(d), id, Closing::Held, Some("Biên bản".into())).unwrap(),
            ),
        }
    }
    while made.len() < n {
        let on = some_day(&mut dice);
        let record = if dice.chance(60) {
            visit(&mut d, &mut dice, on, None)
        } else {
            petition(&mut d, &mut dice, on)
        };
        made.push(record);
    }
    for i in 0..made.len() {
        let (id, on) = (made[i].id, made[i].on);
        if let (Some(kind), None) = (made[i].kind, made[i].handling) {
            if dice.chance(80) {
                let processed_on = later(&mut dice, on, 90);
                let p = processing(&mut dice, id, kind, processed_on);
                made[i].handling = Some(p.handling);
                d.register.process_petition(&acting!(d), p).unwrap();
            }
        }
        follow(&mut d, &mut dice, &made[i]);
        if dice.chance(15) {
            let earlier = &made[dice.below(made.len() as u64) as usize];
            // Refused when the two are already one matter or in the wrong order: that is fine here.
            let _ = d.register.link_repeat(&acting!(d), id, earlier.id);
        }
        if dice.chance(3) {
            d.register.cancel_visit(&acting!(d), id, "Ghi nhầm").unwrap();
        }
    }
    d
}

/// The results of a processed petition: acceptance and resolution, or transfer and answer.
fn follow(d: &mut Desk, dice: &mut Dice, m: &Made) {
    match m.handling {
        Some(Handling::Accept) if dice.chance(70) => {
            let on = later(dice, m.on, 30);
            let variant = Variant::default();
            let decision = Acceptance {
                visit_id: m.id,
                on,
                accepted: dice.chance(90),
                reason: Some("Đủ điều kiện".into()),
                variant,
            };
            let accepted = decision.accepted;
            d.register.record_acceptance(&acting!(d), decision).unwrap();
            if accepted && dice.chance(60) {
                let outcome = dice.pick(&[
                    Outcome::Correct,
                    Outcome::PartlyCorrect,
                    Outcome::Wrong,
                    Outcome::Withdrawn,
                ]);
                let r = Resolution {
                    visit_id: m.id,
                    on: later(dice, on, 120),
                    outcome,
                    document_no: None,
                    note: "Đã giải quyết".into(),
                    figures: None,
                };
                d.register.record_resolution(&acting!(d), r).unwrap();
            }
        }
        Some(Handling::Transfer) if dice.chance(70) => {
            let on = later(dice, m.on, 20);
            let t = Transfer { visit_id: m.id, on, to: "UBND quận".into(), note: "Chuyển đơn".into() };
            d.register.record_transfer(&acting!(d), t).unwrap();
            if dice.chance(60) {
                let a =
                    TransferAnswer { visit_id: m.id, on: later(dice, on, 60), answer: "Đã nhận".into() };
                d.register.record_transfer_answer(&acting!(d), a).unwrap();
            }
        }
        _ => {}
    }
}

#[test]
fn random_registers_always_satisfy_every_defined_forms_equations() {
    let forms: Vec<FormKey> = FormKey::ALL.into_iter().filter(|f| f.definition().is_some()).collect();
    let mut kinds = vec![PeriodKind::SixMonths, PeriodKind::NineMonths, PeriodKind::Year];
    kinds.extend((1..=4).map(PeriodKind::Quarter));
    kinds.extend((1..=12).map(PeriodKind::Month));
    for seed in [1, 2, 3, 17] {
        let d = register(seed, 300);
        let facts = d.register.report_facts(&acting!(d)).unwrap();
        assert!(
            facts.visits.len() > 100 && facts.petitions.len() > 100,
            "seed {seed}: a register of some size"
        );
        for year in [2025, 2026] {
            for kind in &kinds {
                let p = period(*kind, year);
                let computed = d.register.reports(&acting!(d), &forms, &p);
                assert!(computed.is_ok(), "seed {seed}, {}: {:?}", p.label_vi, computed.err());
            }
        }
    }
}
