use super::*;

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

fn session(sat: Sitter, kind: SessionKind) -> ReceptionSession {
    ReceptionSession {
        id: SessionId::new(),
        planned_on: day(12, 3),
        part: DayPart::Morning,
        kind,
        sat,
        officer_id: None,
        delegation: None,
        place: None,
    }
}

#[test]
fn a_visit_in_a_session_takes_the_mode_of_who_sat() {
    assert_eq!(session(Sitter::Head, SessionKind::Periodic).reception_mode(), ReceptionMode::LeaderPeriodic);
    assert_eq!(session(Sitter::Head, SessionKind::AdHoc).reception_mode(), ReceptionMode::LeaderAdHoc);
    assert_eq!(session(Sitter::Delegate, SessionKind::Periodic).reception_mode(), ReceptionMode::Delegated);
}

#[test]
fn a_delegate_is_named_and_the_head_has_no_delegation() {
    let err = session(Sitter::Delegate, SessionKind::Periodic).checked().unwrap_err();
    assert_eq!(err.problems[0].field, "officer_id");
    let head = ReceptionSession {
        delegation: Some("QĐ 12/QĐ-UBND".into()),
        ..session(Sitter::Head, SessionKind::Periodic)
    };
    assert_eq!(head.checked().unwrap_err().problems[0].field, "delegation");
    let delegate = ReceptionSession {
        officer_id: Some(OfficerId::new()),
        delegation: Some(" Giấy ủy quyền  số 3 ".into()),
        ..session(Sitter::Delegate, SessionKind::Periodic)
    };
    assert_eq!(delegate.checked().unwrap().delegation.as_deref(), Some("Giấy ủy quyền số 3"));
}

#[test]
fn a_session_held_with_no_visit_is_unattended_and_a_cancellation_says_why() {
    assert_eq!(SessionOutcome::held_with(0), SessionOutcome::Unattended);
    assert_eq!(SessionOutcome::held_with(3), SessionOutcome::Held);
    let cancel = SessionClose {
        session_id: SessionId::new(),
        outcome: SessionOutcome::Cancelled,
        visits: 0,
        note: None,
    };
    assert_eq!(cancel.checked().unwrap_err().problems[0].field, "note");
}

#[test]
fn the_fixed_days_give_the_next_sessions_skipping_days_off() {
    let schedule = ReceptionSchedule {
        head_days: vec![FixedDay { weekday: 4, part: DayPart::Morning }],
        desk_hours: vec![DeskHours {
            weekday: 1,
            opens: NaiveTime::from_hms_opt(7, 30, 0).unwrap(),
            closes: NaiveTime::from_hms_opt(11, 30, 0).unwrap(),
        }],
    }
    .checked()
    .unwrap();
    // Thursdays from Tuesday 01/12/2026, with 10/12 declared off.
    let next = schedule.upcoming(day(12, 1), 3, |d| d == day(12, 10));
    assert_eq!(
        next,
        [(day(12, 3), DayPart::Morning), (day(12, 17), DayPart::Morning), (day(12, 24), DayPart::Morning)]
    );
    assert_eq!(weekday_vi(4), "Thứ Năm");
}

#[test]
fn a_schedule_with_a_bad_weekday_or_hours_is_refused() {
    let bad = ReceptionSchedule {
        head_days: vec![FixedDay { weekday: 8, part: DayPart::Morning }],
        desk_hours: vec![DeskHours {
            weekday: 2,
            opens: NaiveTime::from_hms_opt(11, 0, 0).unwrap(),
            closes: NaiveTime::from_hms_opt(7, 0, 0).unwrap(),
        }],
    };
    let err = bad.checked().unwrap_err();
    let fields: Vec<_> = err.problems.iter().map(|p| p.field.as_str()).collect();
    assert_eq!(fields, ["head_days[0].weekday", "desk_hours[0].closes"]);
}
