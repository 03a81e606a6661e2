//! The override table (administrator or upstream server) takes precedence and moves due dates.

use crate::support::d;
use tiepdan_domain::calendar::{CalendarOverride, HolidayTable, WorkCalendar};
use tiepdan_domain::deadlines::{self, DeadlineRules, Step, Variant};
use tiepdan_domain::petition::PetitionKind::Denunciation;

fn transfer_due(cal: &WorkCalendar, from: &str) -> chrono::NaiveDate {
    deadlines::compute(
        &DeadlineRules::shipped(),
        cal,
        Denunciation,
        Step::Transfer,
        Variant::default(),
        d(from),
    )
    .expect("denunciations have a transfer deadline")
    .due
}

#[test]
fn an_added_day_off_pushes_an_open_deadline_back() {
    // Received Mon 09/03/2026: normally Tue 10 … Mon 16 (5 working days).
    let official = WorkCalendar::official();
    assert_eq!(transfer_due(&official, "2026-03-09"), d("2026-03-16"));
    let storm = official.with_overrides([CalendarOverride::day_off(
        d("2026-03-11"),
        "Nghỉ do bão theo công văn của UBND tỉnh",
    )]);
    assert_eq!(transfer_due(&storm, "2026-03-09"), d("2026-03-17"), "the storm day is not counted");
    assert_eq!(
        storm.why_not_working(d("2026-03-11")).as_deref(),
        Some("Nghỉ theo điều chỉnh lịch: Nghỉ do bão theo công văn của UBND tỉnh")
    );
}

#[test]
fn an_added_make_up_saturday_is_counted() {
    let cal = WorkCalendar::new(
        HolidayTable::shipped(),
        [CalendarOverride::working_day(d("2026-03-14"), "Làm bù theo thông báo của UBND phường")],
    );
    // Tue 10 n=1 … Fri 13 n=4, Sat 14 (làm bù) n=5.
    assert_eq!(transfer_due(&cal, "2026-03-09"), d("2026-03-14"));
}

#[test]
fn removing_a_shipped_day_off_makes_it_count_again() {
    // The district corrects the shipped table: 01/05/2026 declared a working day (a test value only).
    let cal = WorkCalendar::official()
        .with_overrides([CalendarOverride::working_day(d("2026-05-01"), "Điều chỉnh thử")]);
    let resolve = deadlines::compute(
        &DeadlineRules::shipped(),
        &cal,
        Denunciation,
        Step::Resolve,
        Variant::default(),
        d("2026-04-01"),
    )
    .unwrap();
    assert_eq!(resolve.due, d("2026-05-01"), "without the holiday, day 30 is itself a working day");
}

#[test]
fn overrides_are_plain_serde_values_the_district_can_push() {
    let json = r#"[{"date":"2026-12-24","change":"day_off","note":"Nghỉ theo quyết định của tỉnh"}]"#;
    let pushed: Vec<CalendarOverride> = serde_json::from_str(json).unwrap();
    let cal = WorkCalendar::official().with_overrides(pushed);
    assert!(!cal.is_working_day(d("2026-12-24")));
    assert_eq!(cal.overrides().count(), 1);
}
