//! Follow-up of petitions: due dates computed on read from the rules, the calendar and the register's
//! overrides; the "Việc cần làm" list; results that close a petition; extensions. Dates in comments are
//! worked by hand against `crates/tiepdan-domain/data/holidays.json`.

use crate::common::{desk, draft, local, Desk};
use chrono::{Datelike, NaiveDate};
use tiepdan_domain::calendar::CalendarOverride;
use tiepdan_domain::deadlines::{Complexity, FollowUp, Step, Variant};
use tiepdan_domain::petition::{Field, Petition, PetitionKind, Stage};
use tiepdan_domain::results::{Acceptance, Extension, Outcome, Resolution, Transfer, TransferAnswer};
use tiepdan_domain::VisitId;
use tiepdan_register::{FollowUpRefusal, RegisterError};

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

pub fn petition(kind: PetitionKind) -> Petition {
    Petition {
        kind,
        field: Field::Land,
        anonymous: false,
        signatories: 1,
        previous_handler: None,
        previous_result: None,
        stage: Stage::NotResolved,
        eligible: true,
        ineligible_reason: None,
        handling: None,
        transfer_to: None,
        guidance: None,
        competent: None,
        processed_on: None,
    }
}

/// Records a petition of `kind` received at 09:00 on `on`.
pub fn received(d: &mut Desk, kind: PetitionKind, on: NaiveDate, summary: &str) -> VisitId {
    let mut input = draft("Lê Văn Cường", summary);
    input.received_at = Some(local(on.year(), on.month(), on.day(), 9, 0));
    input.petition = Some(petition(kind));
    d.register.record_visit(&acting!(d), input).unwrap().id
}

fn due_of(d: &Desk, visit: VisitId, step: Step, today: NaiveDate) -> NaiveDate {
    let deadlines = d.register.petition_deadlines(visit, today, 3).unwrap();
    deadlines.iter().find(|x| x.step == step).unwrap_or_else(|| panic!("no {step:?} in {deadlines:?}")).due
}

#[test]
fn a_denunciation_received_on_the_friday_before_gio_to_is_checked_by_the_friday_after_30_4() {
    let mut d = desk();
    let v = received(&mut d, PetitionKind::Denunciation, day(2026, 4, 24), "Tố cáo cán bộ địa chính");
    // Fri 24/4: skip 25–26 (weekend, 26 Giỗ Tổ), 27 (nghỉ bù); count 28, 29; skip 30/4, 1/5, 2–3;
    // count 4, 5, 6, 7, 8 → seven working days end on Fri 08/05/2026.
    assert_eq!(due_of(&d, v, Step::Check, day(2026, 4, 24)), day(2026, 5, 8));
    // Processing: ten working days → 4–8/5 are days 3–7, then 11, 12, 13 → Wed 13/05/2026.
    assert_eq!(due_of(&d, v, Step::Process, day(2026, 4, 24)), day(2026, 5, 13));
}

#[test]
fn an_administrators_override_changes_the_due_dates_of_open_petitions() {
    let mut d = desk();
    let v = received(&mut d, PetitionKind::Denunciation, day(2026, 4, 24), "Tố cáo cán bộ địa chính");
    let today = day(2026, 4, 24);
    assert_eq!(due_of(&d, v, Step::Check, today), day(2026, 5, 8));
    // A storm closes the office on Tue 5/5: the seventh working day moves to Mon 11/5.
    d.register
        .set_calendar_override(&acting!(d), CalendarOverride::day_off(day(2026, 5, 5), "Nghỉ do bão số 1"))
        .unwrap();
    assert_eq!(due_of(&d, v, Step::Check, today), day(2026, 5, 11), "the day off must push the deadline");
    let deadlines = d.register.petition_deadlines(v, today, 3).unwrap();
    let check = deadlines.iter().find(|x| x.step == Step::Check).unwrap();
    let explained = check.explained.lines_vi().join("\n");
    assert!(explained.contains("Nghỉ do bão số 1"), "the clerk sees why: {explained}");
    // A make-up Saturday 9/5 gives the day back: 8/5 is the sixth day, Sat 9/5 the seventh.
    d.register
        .set_calendar_override(&acting!(d), CalendarOverride::working_day(day(2026, 5, 9), "Làm bù"))
        .unwrap();
    assert_eq!(due_of(&d, v, Step::Check, today), day(2026, 5, 9));
    assert_eq!(d.register.calendar_overrides().unwrap().len(), 2);
    d.register.remove_calendar_override(&acting!(d), day(2026, 5, 5)).unwrap();
    d.register.remove_calendar_override(&acting!(d), day(2026, 5, 9)).unwrap();
    assert_eq!(due_of(&d, v, Step::Check, today), day(2026, 5, 8), "removing overrides restores the date");
    assert!(d.register.calendar_overrides().unwrap().is_empty());
    assert!(matches!(
        d.register.remove_calendar_override(&acting!(d), day(2026, 5, 5)),
        Err(RegisterError::NotFound { .. })
    ));
    assert!(d.register.verify().unwrap().is_intact(), "each override change is a sealed event");
}

#[test]
fn the_due_list_puts_an_overdue_petition_first() {
    let mut d = desk();
    let recent = received(&mut d, PetitionKind::Denunciation, day(2026, 11, 20), "Tố cáo xây dựng trái phép");
    let old = received(&mut d, PetitionKind::Complaint, day(2026, 3, 2), "Khiếu nại thu hồi đất");
    let today = day(2026, 11, 25);
    // The denunciation of Fri 20/11 must be checked by Tue 01/12 (23–27/11, 30/11, 1/12): four working
    // days left after 25/11. The complaint of March is long overdue.
    let due = d.register.due(&acting!(d), today, 5).unwrap();
    let order: Vec<VisitId> = due.iter().map(|i| i.visit_id).collect();
    assert_eq!(order, [old, recent], "overdue first: {due:#?}");
    assert!(matches!(due[0].status, FollowUp::Overdue { .. }));
    assert_eq!(due[1].status, FollowUp::DueSoon { working_days_left: 4 });
    assert_eq!(due[1].due, day(2026, 12, 1));
    assert_eq!(due[0].names, ["Lê Văn Cường"]);
    // With a two-day window the denunciation is not yet due, but stays among the open petitions.
    let due: Vec<VisitId> =
        d.register.due(&acting!(d), today, 2).unwrap().iter().map(|i| i.visit_id).collect();
    assert_eq!(due, [old]);
    assert_eq!(d.register.open_petitions(&acting!(d), today, 2).unwrap().len(), 2);
}

#[test]
fn recording_acceptance_and_resolution_moves_a_complaint_to_done() {
    let mut d = desk();
    let v = received(&mut d, PetitionKind::Complaint, day(2026, 3, 2), "Khiếu nại thu hồi đất");
    let today = day(2026, 3, 5);
    let accepted =
        Acceptance { visit_id: v, on: today, accepted: true, reason: None, variant: Variant::default() };
    d.register.record_acceptance(&acting!(d), accepted).unwrap();
    // Resolution: 30 days from Thu 5/3 end on Sat 4/4; the deadline moves to Mon 06/04/2026.
    assert_eq!(due_of(&d, v, Step::Resolve, today), day(2026, 4, 6));
    let follow = d.register.petition_follow_up(&acting!(d), v, today, 3).unwrap();
    assert!(matches!(follow.status, Some(FollowUp::OnTime { .. })), "{follow:#?}");
    assert!(follow.deadlines.iter().filter(|x| x.step != Step::Resolve).all(|x| x.done_on == Some(today)));

    let resolution = Resolution {
        visit_id: v,
        on: day(2026, 4, 1),
        outcome: Outcome::PartlyCorrect,
        document_no: Some("15/QĐ-UBND".into()),
        note: String::new(),
        figures: None,
    };
    d.register.record_resolution(&acting!(d), resolution).unwrap();
    let follow = d.register.petition_follow_up(&acting!(d), v, day(2026, 11, 25), 3).unwrap();
    assert_eq!(follow.status, Some(FollowUp::Done { on: day(2026, 4, 1), on_time: true }));
    assert_eq!(follow.resolution.unwrap().outcome, Outcome::PartlyCorrect);
    assert!(
        d.register.due(&acting!(d), day(2026, 11, 25), 5).unwrap().is_empty(),
        "a resolved petition is not due"
    );
    let kinds: Vec<String> = d.register.history(v).unwrap().into_iter().map(|h| h.kind).collect();
    assert_eq!(kinds, ["visit_recorded", "petition_accepted", "petition_resolved"]);
    assert!(d.register.verify().unwrap().is_intact(), "results are sealed events that read back");
}

#[test]
fn a_province_rule_set_stored_in_the_register_changes_open_due_dates() {
    let mut d = desk();
    let v = received(&mut d, PetitionKind::Denunciation, day(2026, 4, 24), "Tố cáo cán bộ địa chính");
    let today = day(2026, 4, 24);
    assert_eq!(due_of(&d, v, Step::Process, today), day(2026, 5, 13));
    let mut rules = d.register.deadline_rules().unwrap();
    rules.name = "UBND tỉnh (thí điểm)".into();
    rules.rules.iter_mut().filter(|r| r.step == Step::Process).for_each(|r| r.period = 7);
    d.register.set_deadline_rules(&acting!(d), rules).unwrap();
    // Seven working days from Fri 24/4 → Fri 08/05/2026, like the denunciation check.
    assert_eq!(due_of(&d, v, Step::Process, today), day(2026, 5, 8));
    assert_eq!(d.register.deadline_rules().unwrap().name, "UBND tỉnh (thí điểm)");
    let mut broken = d.register.deadline_rules().unwrap();
    broken.rules[0].period = 0;
    assert!(matches!(
        d.register.set_deadline_rules(&acting!(d), broken),
        Err(RegisterError::FollowUpRefused(FollowUpRefusal::Rules(_)))
    ));
}

#[test]
fn a_petition_not_accepted_is_done_and_needs_a_reason() {
    let mut d = desk();
    let v = received(&mut d, PetitionKind::Complaint, day(2026, 3, 2), "Khiếu nại thu hồi đất");
    let mut decision = Acceptance {
        visit_id: v,
        on: day(2026, 3, 4),
        accepted: false,
        reason: None,
        variant: Variant::default(),
    };
    assert!(matches!(
        d.register.record_acceptance(&acting!(d), decision.clone()),
        Err(RegisterError::Invalid(_))
    ));
    decision.reason = Some("Đã hết thời hiệu khiếu nại".into());
    d.register.record_acceptance(&acting!(d), decision).unwrap();
    let follow = d.register.petition_follow_up(&acting!(d), v, day(2026, 11, 25), 3).unwrap();
    assert!(matches!(follow.status, Some(FollowUp::Done { on_time: true, .. })), "{follow:#?}");
    assert!(d.register.open_petitions(&acting!(d), day(2026, 11, 25), 3).unwrap().is_empty());
}

#[test]
fn a_transferred_denunciation_is_done_and_keeps_the_receiving_bodys_answer() {
    let mut d = desk();
    let v = received(&mut d, PetitionKind::Denunciation, day(2026, 4, 24), "Tố cáo cán bộ quận");
    let answer = TransferAnswer { visit_id: v, on: day(2026, 5, 20), answer: "Đã thụ lý".into() };
    assert!(matches!(
        d.register.record_transfer_answer(&acting!(d), answer.clone()),
        Err(RegisterError::FollowUpRefused(FollowUpRefusal::NoTransfer { .. }))
    ));
    let transfer =
        Transfer {
            visit_id: v, on: day(2026, 4, 29), to: "Thanh tra thành phố".into(), note: String::new()
        };
    d.register.record_transfer(&acting!(d), transfer).unwrap();
    d.register.record_transfer_answer(&acting!(d), answer).unwrap();
    let follow = d.register.petition_follow_up(&acting!(d), v, day(2026, 11, 25), 3).unwrap();
    let transfer = follow.deadlines.iter().find(|x| x.step == Step::Transfer).expect("a transfer deadline");
    // Five working days from Fri 24/4 (28, 29, 4, 5, 6/5) → 06/05/2026; done on 29/4, on time.
    assert_eq!((transfer.due, transfer.done_on), (day(2026, 5, 6), Some(day(2026, 4, 29))));
    assert!(matches!(follow.status, Some(FollowUp::Done { on_time: true, .. })));
    assert_eq!(follow.transfer_answer.unwrap().answer, "Đã thụ lý");
}

#[test]
fn an_extension_moves_the_due_date_and_is_refused_past_the_limit() {
    let mut d = desk();
    let v = received(&mut d, PetitionKind::Denunciation, day(2026, 3, 2), "Tố cáo cán bộ địa chính");
    let accepted = Acceptance {
        visit_id: v,
        on: day(2026, 3, 10),
        accepted: true,
        reason: None,
        variant: Variant::default(),
    };
    d.register.record_acceptance(&acting!(d), accepted).unwrap();
    let today = day(2026, 4, 1);
    // Thirty days from Tue 10/3 → Thu 09/04/2026.
    assert_eq!(due_of(&d, v, Step::Resolve, today), day(2026, 4, 9));
    let extension = Extension {
        visit_id: v,
        on: day(2026, 4, 1),
        complexity: Complexity::Complex,
        reason: "Phải xác minh tại nhiều địa điểm".into(),
    };
    d.register.record_extension(&acting!(d), extension.clone()).unwrap();
    // Thirty more days from 9/4 end on Sat 9/5 → Mon 11/05/2026.
    let resolve =
        d.register.petition_deadlines(v, today, 3).unwrap().into_iter().find(|x| x.step == Step::Resolve);
    let resolve = resolve.unwrap();
    assert_eq!(
        (resolve.initial_due, resolve.due, resolve.extensions),
        (day(2026, 4, 9), day(2026, 5, 11), 1)
    );
    let refused = d.register.record_extension(&acting!(d), extension);
    assert!(
        matches!(refused, Err(RegisterError::FollowUpRefused(FollowUpRefusal::Deadline(_)))),
        "a complex case is extended once only: {refused:?}"
    );
    assert!(d.register.verify().unwrap().is_intact());
}

#[test]
fn results_are_refused_before_reception_and_for_visits_without_a_petition() {
    let mut d = desk();
    let v = received(&mut d, PetitionKind::Complaint, day(2026, 3, 2), "Khiếu nại thu hồi đất");
    let early = Acceptance {
        visit_id: v,
        on: day(2026, 3, 1),
        accepted: true,
        reason: None,
        variant: Variant::default(),
    };
    assert!(matches!(
        d.register.record_acceptance(&acting!(d), early),
        Err(RegisterError::FollowUpRefused(FollowUpRefusal::BeforeReception { .. }))
    ));
    let plain =
        d.register.record_visit(&acting!(d), draft("Phạm Thị Dung", "Hỏi thủ tục cấp sổ đỏ")).unwrap();
    let decision = Acceptance {
        visit_id: plain.id,
        on: day(2026, 11, 25),
        accepted: true,
        reason: None,
        variant: Variant::default(),
    };
    assert!(matches!(
        d.register.record_acceptance(&acting!(d), decision),
        Err(RegisterError::FollowUpRefused(FollowUpRefusal::NoPetition { .. }))
    ));
}
