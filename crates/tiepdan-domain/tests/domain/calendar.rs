//! The working-day calendar: what a day is and why.

use crate::support::d;
use tiepdan_domain::calendar::table::AddedHoliday;
use tiepdan_domain::calendar::{rules, DayStatus, HolidayTable, Occasion, WorkCalendar};

#[test]
fn the_shipped_holiday_table_loads_and_names_its_sources() {
    let table = HolidayTable::shipped();
    assert!(table.announced.len() >= 30, "2020–2026 should be shipped");
    for entry in &table.announced {
        assert!(!entry.source.trim().is_empty(), "{:?} {} has no source", entry.occasion, entry.year);
        for day in entry.holidays.iter().chain(&entry.compensatory) {
            assert!(
                (entry.year - 1..=entry.year + 1).contains(&chrono::Datelike::year(day)),
                "{day} is far from {}",
                entry.year
            );
        }
    }
}

#[test]
fn the_rules_reproduce_every_announced_holiday_day_since_the_2019_labour_code() {
    // Checks the rules used for unannounced years against what the government actually chose
    // (Tết = last day of the year + mùng 1–4; the 2/9 adjacent-day choice by weekday).
    let table = HolidayTable::shipped();
    for entry in table.announced.iter().filter(|e| e.year >= 2021) {
        let mut by_rule = rules::holidays(&table.rules, entry.year, entry.occasion);
        let mut announced = entry.holidays.clone();
        by_rule.sort();
        announced.sort();
        assert_eq!(by_rule, announced, "{:?} {}", entry.occasion, entry.year);
    }
}

#[test]
fn days_off_say_why_in_vietnamese() {
    let cal = WorkCalendar::official();
    let why = |s: &str| cal.why_not_working(d(s));
    assert_eq!(why("2026-05-01").as_deref(), Some("Ngày Quốc tế Lao động"));
    assert_eq!(why("2026-04-30").as_deref(), Some("Ngày Chiến thắng"));
    assert_eq!(why("2026-02-17").as_deref(), Some("Tết Nguyên đán (mùng 1 tháng Giêng)"));
    assert_eq!(why("2026-04-26").as_deref(), Some("Giỗ Tổ Hùng Vương (10 tháng 3 âm lịch)"));
    assert_eq!(
        why("2026-04-27").as_deref(),
        Some("Nghỉ bù Giỗ Tổ Hùng Vương (ngày lễ trùng ngày nghỉ hằng tuần)")
    );
    assert_eq!(
        why("2026-01-02").as_deref(),
        Some("Nghỉ hoán đổi dịp Tết Dương lịch, làm bù ngày 10/01/2026")
    );
    assert_eq!(why("2026-03-08").as_deref(), Some("Chủ nhật, nghỉ hằng tuần"));
    assert_eq!(why("2026-09-01").as_deref(), Some("Quốc khánh (ngày liền kề)"));
    assert_eq!(why("2026-03-09"), None, "an ordinary Monday is a working day");
}

#[test]
fn a_make_up_saturday_is_a_working_day_and_says_what_it_replaces() {
    let cal = WorkCalendar::official();
    assert!(cal.is_working_day(d("2026-01-10")));
    assert_eq!(cal.day(d("2026-01-10")).reason, "Thứ Bảy làm bù cho ngày 02/01/2026 (dịp Tết Dương lịch)");
    assert!(cal.is_working_day(d("2025-04-26")) && cal.is_working_day(d("2024-05-04")));
}

#[test]
fn holidays_on_a_weekend_give_compensatory_days_in_unannounced_years() {
    let cal = WorkCalendar::official();
    // 2027: Tết falls on Sat 06 and Sun 07/02 → nghỉ bù Wed 10 and Thu 11 after the five Tết days.
    for day in ["2027-02-10", "2027-02-11"] {
        assert_eq!(cal.status(d(day)), DayStatus::Compensatory { occasion: Occasion::LunarNewYear }, "{day}");
    }
    assert!(cal.is_working_day(d("2027-02-12")));
    // 2028: 30/4 is a Sunday → Tue 02/05 (Mon 01/05 is itself a holiday).
    assert_eq!(cal.status(d("2028-05-02")), DayStatus::Compensatory { occasion: Occasion::VictoryAndLabour });
    // Far years are worked out on demand: 2102's 2/9 is a Saturday → adjacent Fri 01/09, bù Mon 04/09.
    assert!(!cal.is_working_day(d("2102-09-01")) && !cal.is_working_day(d("2102-09-04")));
    assert!(cal.is_working_day(d("2102-09-05")));
}

#[test]
fn next_working_day_jumps_over_the_whole_tet_break() {
    let cal = WorkCalendar::official();
    assert_eq!(cal.next_working_day_after(d("2026-02-13")), d("2026-02-23"));
    assert_eq!(cal.next_working_day_after(d("2025-01-24")), d("2025-02-03"));
}

#[test]
fn exceptions_list_the_days_off_and_make_up_days_of_a_period() {
    let cal = WorkCalendar::official();
    let days: Vec<String> =
        cal.exceptions(d("2025-04-25"), d("2025-05-05")).iter().map(|x| x.date.to_string()).collect();
    assert_eq!(days, ["2025-04-26", "2025-04-30", "2025-05-01", "2025-05-02"]);
}

#[test]
fn a_holiday_added_by_a_later_law_is_data_and_gets_its_nghi_bu() {
    // Not shipped (not confirmed in force); the upstream server would publish a table like this.
    let mut table = HolidayTable::shipped();
    table.rules.added_holidays.push(AddedHoliday {
        month: 11,
        day: 24,
        name: "Ngày Văn hóa Việt Nam".into(),
        from_year: 2026,
        source: "thử nghiệm".into(),
    });
    let cal = WorkCalendar::new(table, []);
    assert_eq!(cal.why_not_working(d("2026-11-24")).as_deref(), Some("Ngày Văn hóa Việt Nam"));
    assert!(cal.is_working_day(d("2025-11-24")), "not before its first year");
    // 24/11/2029 is a Saturday → nghỉ bù Monday 26/11.
    assert_eq!(cal.status(d("2029-11-26")), DayStatus::Compensatory { occasion: Occasion::Added });
    assert!(
        WorkCalendar::official().is_working_day(d("2026-11-24")),
        "the shipped table does not include it"
    );
}
