//! The leader's reception calendar (issue 16 §3): fixed days, sessions planned and closed, visits
//! received in a session taking its reception mode.

use crate::common::{desk, draft, local, Desk};
use crate::follow_up::day;
use tiepdan_domain::access::Role;
use tiepdan_domain::sessions::{
    DayPart, FixedDay, ReceptionSchedule, ReceptionSession, SessionId, SessionKind, SessionOutcome, Sitter,
};
use tiepdan_domain::validation::Problem;
use tiepdan_domain::visit::ReceptionMode;
use tiepdan_register::{Closing, RegisterError};

fn session(
    sat: Sitter,
    on: chrono::NaiveDate,
    officer: Option<tiepdan_domain::OfficerId>,
) -> ReceptionSession {
    ReceptionSession {
        id: SessionId::new(),
        planned_on: on,
        part: DayPart::Morning,
        kind: SessionKind::Periodic,
        sat,
        officer_id: officer,
        delegation: (sat == Sitter::Delegate).then(|| "Giấy ủy quyền số 05/GUQ-UBND ngày 02/11/2026".into()),
        place: None,
    }
}

fn visit_in(d: &mut Desk, session: SessionId, name: &str) -> tiepdan_domain::visit::Visit {
    let mut input = draft(name, "Kiến nghị về đường ngõ");
    input.received_at = Some(local(2026, 11, 25, 9, 0));
    input.session_id = Some(session);
    d.register.record_visit(&acting!(d), input).unwrap()
}

fn session_problem(err: RegisterError) -> bool {
    matches!(err, RegisterError::Invalid(i) if i.problems.iter().any(|p| matches!(p.problem, Problem::SessionNotOpen { .. })))
}

#[test]
fn a_session_with_no_visits_is_recorded_as_unattended() {
    let mut d = desk();
    let planned =
        d.register.plan_session(&acting!(d), session(Sitter::Head, day(2026, 11, 26), None)).unwrap();
    assert_eq!(planned.outcome, None);
    let closed = d.register.close_session(&acting!(d), planned.session.id, Closing::Held, None).unwrap();
    assert_eq!(closed.outcome, Some(SessionOutcome::Unattended));
    assert_eq!(closed.outcome_vi.as_deref(), Some("Không có công dân đến"));
    assert_eq!(closed.visits, 0);
    let again =
        d.register.close_session(&acting!(d), planned.session.id, Closing::Cancelled, None).unwrap_err();
    assert!(session_problem(again), "a closed session stays closed");
}

#[test]
fn a_visit_in_a_delegated_session_is_counted_as_delegated() {
    let mut d = desk();
    let deputy =
        d.register.add_officer(&acting!(d), "Phạm Văn Hùng", "Phó Chủ tịch", &[Role::Leader]).unwrap();
    let err =
        d.register.plan_session(&acting!(d), session(Sitter::Delegate, day(2026, 11, 25), None)).unwrap_err();
    assert!(matches!(err, RegisterError::Invalid(_)), "a delegate must be named: {err:?}");
    let planned = d
        .register
        .plan_session(&acting!(d), session(Sitter::Delegate, day(2026, 11, 25), Some(deputy.id)))
        .unwrap();
    assert_eq!(planned.officer_name.as_deref(), Some("Phạm Văn Hùng"));
    let v = visit_in(&mut d, planned.session.id, "Ngô Thị Hạnh");
    assert_eq!(v.details.reception, ReceptionMode::Delegated, "the mode comes from the session");
    assert_eq!(v.details.session_id, Some(planned.session.id));
    let cancel =
        d.register.close_session(&acting!(d), planned.session.id, Closing::Cancelled, None).unwrap_err();
    assert!(session_problem(cancel), "a session with visits cannot be cancelled");
    let closed = d.register.close_session(&acting!(d), planned.session.id, Closing::Held, None).unwrap();
    assert_eq!((closed.outcome, closed.visits), (Some(SessionOutcome::Held), 1));
    let late = draft("Trịnh Văn Khoa", "Hỏi");
    let late = tiepdan_domain::visit::VisitDraft { session_id: Some(planned.session.id), ..late };
    assert!(
        session_problem(d.register.record_visit(&acting!(d), late).unwrap_err()),
        "closed: no more visits"
    );
}

#[test]
fn a_visit_can_join_only_a_session_of_its_own_day() {
    let mut d = desk();
    let planned =
        d.register.plan_session(&acting!(d), session(Sitter::Head, day(2026, 11, 26), None)).unwrap();
    let mut input = draft("Ngô Thị Hạnh", "Hỏi");
    input.received_at = Some(local(2026, 11, 25, 9, 0));
    input.session_id = Some(planned.session.id);
    assert!(session_problem(d.register.record_visit(&acting!(d), input.clone()).unwrap_err()));
    input.session_id = Some(SessionId::new());
    assert!(session_problem(d.register.record_visit(&acting!(d), input).unwrap_err()), "an unknown session");
    let listed = d.register.sessions_between(&acting!(d), day(2026, 11, 1), day(2026, 11, 30)).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].visits, 0);
}

#[test]
fn the_head_session_takes_the_periodic_mode_and_the_schedule_is_kept() {
    let mut d = desk();
    let planned =
        d.register.plan_session(&acting!(d), session(Sitter::Head, day(2026, 11, 25), None)).unwrap();
    let v = visit_in(&mut d, planned.session.id, "Ngô Thị Hạnh");
    assert_eq!(v.details.reception, ReceptionMode::LeaderPeriodic);
    assert_eq!(d.register.reception_schedule().unwrap(), ReceptionSchedule::default());
    let schedule: ReceptionSchedule = serde_json::from_value(serde_json::json!({
        "head_days": [{ "weekday": 4, "part": "morning" }],
    }))
    .unwrap();
    let set = d.register.set_reception_schedule(&acting!(d), schedule).unwrap();
    assert_eq!(d.register.reception_schedule().unwrap(), set);
    assert_eq!(set.head_days, vec![FixedDay { weekday: 4, part: DayPart::Morning }]);
}

#[test]
fn sessions_are_listed_by_day_with_the_morning_before_the_afternoon() {
    let mut d = desk();
    let mut afternoon = session(Sitter::Head, day(2026, 11, 26), None);
    afternoon.part = DayPart::Afternoon;
    d.register.plan_session(&acting!(d), afternoon).unwrap();
    d.register.plan_session(&acting!(d), session(Sitter::Head, day(2026, 11, 26), None)).unwrap();
    d.register.plan_session(&acting!(d), session(Sitter::Head, day(2026, 11, 25), None)).unwrap();
    let listed = d.register.sessions_between(&acting!(d), day(2026, 11, 1), day(2026, 11, 30)).unwrap();
    let order: Vec<_> = listed.iter().map(|e| (e.session.planned_on, e.session.part)).collect();
    assert_eq!(
        order,
        [
            (day(2026, 11, 25), DayPart::Morning),
            (day(2026, 11, 26), DayPart::Morning),
            (day(2026, 11, 26), DayPart::Afternoon)
        ]
    );
}
