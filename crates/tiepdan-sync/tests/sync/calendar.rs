//! The district's calendar reaches the desk's deadlines (issue 14 §7): `holidays` reference data
//! published on the real server is applied to the register's working-day calendar at the desk's
//! next sync, and an older version never replaces a newer one.

use crate::support::{Desk, District};
use chrono::NaiveDate;
use serde_json::json;
use tiepdan_domain::deadlines::Step;
use tiepdan_domain::visit::{Visit, VisitDraft};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a date")
}

/// A denunciation received on Monday 02/11/2026: it must be checked for acceptance within 7 working
/// days.
fn denunciation(desk: &Desk) -> Visit {
    let draft: VisitDraft = serde_json::from_value(json!({
        "received_at": "2026-11-02T09:00:00+07:00",
        "visitors": [{ "full_name": "Phạm Văn Dũng", "address": "Số 7 phố Tô Hiệu" }],
        "summary": "Tố cáo việc cấp phép xây dựng sai quy định",
        "petition": { "kind": "denunciation", "field": "land" },
    }))
    .expect("draft");
    let owner = desk.owner();
    desk.register.lock().expect("lock").record_visit(&owner, draft).expect("recorded")
}

/// The date by which the petition must be checked, as the desk shows it.
fn check_due(desk: &Desk, visit: &Visit) -> NaiveDate {
    let owner = desk.owner();
    let register = desk.register.lock().expect("lock");
    let follow_up = register.petition_follow_up(&owner, visit.id, date(2026, 11, 2), 2).expect("follow-up");
    follow_up.deadlines.iter().find(|d| d.step == Step::Check).expect("a check deadline").due
}

/// Wednesday 04/11/2026 off, made up on Saturday 14/11/2026 (after the deadline).
fn swap() -> serde_json::Value {
    json!([
        { "date": "2026-11-04", "change": "day_off", "note": "Nghỉ hoán đổi, làm bù thứ Bảy 14/11/2026" },
        { "date": "2026-11-14", "change": "working_day", "note": "Làm bù cho thứ Tư 04/11/2026" }
    ])
}

#[test]
fn a_swapped_day_off_the_district_publishes_moves_the_deadline_after_the_next_sync() {
    let district = District::start();
    let desk = Desk::new("12345", 'A');
    desk.enroll(&district, "12345", "A");
    let visit = denunciation(&desk);
    assert_eq!(check_due(&desk, &visit), date(2026, 11, 11), "3–6 and 9–11 November count");

    district.set_reference("holidays", Some("12345"), &swap());
    assert_eq!(check_due(&desk, &visit), date(2026, 11, 11), "nothing changes before the desk syncs");
    desk.round().expect("round");
    assert_eq!(
        check_due(&desk, &visit),
        date(2026, 11, 12),
        "4 November is off now: 3, 5, 6 and 9–12 November count"
    );

    district.set_reference("holidays", Some("12345"), &json!([]));
    desk.round().expect("round");
    assert_eq!(check_due(&desk, &visit), date(2026, 11, 11), "a newer version withdrew the swap");
}

#[test]
fn an_older_version_of_the_calendar_never_replaces_a_newer_one() {
    let district = District::start();
    let desk = Desk::new("12345", 'A');
    desk.enroll(&district, "12345", "A");
    let visit = denunciation(&desk);
    district.set_reference("holidays", Some("12345"), &swap());
    desk.round().expect("round");
    let applied = desk.register.lock().expect("lock").upstream_calendar_version().expect("version");
    assert!(applied > 0, "the published version is applied");

    let older =
        desk.register.lock().expect("lock").apply_upstream_calendar(applied - 1, &[]).expect("applied");
    let same = desk.register.lock().expect("lock").apply_upstream_calendar(applied, &[]).expect("applied");
    assert!(!older && !same, "a version not above the applied one changes nothing");
    assert_eq!(check_due(&desk, &visit), date(2026, 11, 12), "the swap stays in force");
    desk.round().expect("a round replays nothing older");
    assert_eq!(check_due(&desk, &visit), date(2026, 11, 12));
}
