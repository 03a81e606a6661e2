//! The lunar computation against the officially announced dates.

use crate::support::d;
use tiepdan_domain::calendar::lunar::{
    hung_kings_day, lunar_from_solar, lunar_new_year, solar_from_lunar, LunarDate,
};
use tiepdan_domain::calendar::{HolidayTable, Occasion};

#[test]
fn the_computed_tet_matches_the_known_vietnamese_new_years() {
    let known = [
        (2020, "2020-01-25"),
        (2021, "2021-02-12"),
        (2022, "2022-02-01"),
        (2023, "2023-01-22"),
        (2024, "2024-02-10"),
        (2025, "2025-01-29"),
        (2026, "2026-02-17"),
        (2027, "2027-02-06"),
        (2028, "2028-01-26"),
        (2029, "2029-02-13"),
        // Not 03/02 as Chinese calendars (UTC+8) say: the new moon is at about 23:07 on 02/02 in
        // Vietnam's UTC+7, so Tết Canh Tuất is Saturday 02/02/2030 here.
        (2030, "2030-02-02"),
    ];
    for (year, tet) in known {
        assert_eq!(lunar_new_year(year), d(tet), "mùng 1 Tết {year}");
    }
}

#[test]
fn the_computed_gio_to_matches_the_known_dates() {
    let known = [
        (2020, "2020-04-02"),
        (2021, "2021-04-21"),
        (2022, "2022-04-10"),
        // 2023 had a leap 2nd month (tháng 2 nhuận), which pushes 10/3 to the end of April.
        (2023, "2023-04-29"),
        (2024, "2024-04-18"),
        (2025, "2025-04-07"),
        (2026, "2026-04-26"),
    ];
    for (year, day) in known {
        assert_eq!(hung_kings_day(year), d(day), "Giỗ Tổ {year}");
    }
}

#[test]
fn every_shipped_tet_and_gio_to_agrees_with_the_lunar_computation() {
    let table = HolidayTable::shipped();
    for entry in &table.announced {
        match entry.occasion {
            Occasion::LunarNewYear => {
                let tet = lunar_new_year(entry.year);
                assert!(entry.holidays.contains(&tet), "Tết {} must include mùng 1 {tet}", entry.year);
                let eve = tet.pred_opt().unwrap();
                assert!(
                    entry.holidays.contains(&eve),
                    "Tết {} must include the last day of the year",
                    entry.year
                );
            }
            Occasion::HungKings => {
                assert_eq!(entry.holidays, vec![hung_kings_day(entry.year)], "Giỗ Tổ {}", entry.year)
            }
            _ => {}
        }
    }
}

#[test]
fn lunar_dates_round_trip_through_solar_dates_including_a_leap_month() {
    // 2023's leap 2nd month began on 22/03/2023.
    let leap = LunarDate { year: 2023, month: 2, day: 1, leap: true };
    assert_eq!(solar_from_lunar(leap), Some(d("2023-03-22")), "tháng 2 nhuận 2023");
    assert_eq!(lunar_from_solar(d("2023-03-22")), leap);
    assert_eq!(
        solar_from_lunar(LunarDate { year: 2024, month: 2, day: 1, leap: true }),
        None,
        "2024 has no leap month"
    );
    let mut day = d("2019-01-01");
    while day < d("2031-01-01") {
        let lunar = lunar_from_solar(day);
        assert_eq!(solar_from_lunar(lunar), Some(day), "{day} → {lunar:?} → back");
        day += chrono::Duration::days(11);
    }
}

#[test]
fn lunar_days_are_named_the_way_vietnamese_readers_say_them() {
    assert_eq!(lunar_from_solar(d("2026-02-17")).label_vi(), "mùng 1 tháng Giêng");
    assert_eq!(lunar_from_solar(d("2026-02-16")).label_vi(), "29 tháng Chạp");
    assert_eq!(lunar_from_solar(d("2026-04-26")).label_vi(), "mùng 10 tháng 3");
}
