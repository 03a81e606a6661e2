//! Dates and times as Vietnamese documents write them, always at the ward's offset (UTC+7).

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Timelike};
use tiepdan_domain::clock::vietnam_offset;

/// "25/11/2026".
pub(crate) fn dmy(date: NaiveDate) -> String {
    date.format("%d/%m/%Y").to_string()
}

/// The date part of the place-and-date line: "ngày 05 tháng 02 năm 2026", "ngày 25 tháng 11 năm
/// 2026". ND 30/2020 writes a leading zero for days below 10 and for months 1 and 2 only.
pub(crate) fn long_date(date: NaiveDate) -> String {
    let month = if date.month() <= 2 { format!("{:02}", date.month()) } else { date.month().to_string() };
    format!("ngày {:02} tháng {} năm {}", date.day(), month, date.year())
}

/// "Hà Đông, ngày 25 tháng 11 năm 2026".
pub(crate) fn place_and_date(place: &str, date: NaiveDate) -> String {
    format!("{place}, {}", long_date(date))
}

/// A moment at the ward's offset.
pub(crate) fn local(at: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
    at.with_timezone(&vietnam_offset())
}

/// "09 giờ 30 phút" (24-hour clock).
pub(crate) fn clock_time(at: DateTime<FixedOffset>) -> String {
    let at = local(at);
    format!("{:02} giờ {:02} phút", at.hour(), at.minute())
}

/// "09 giờ 30 phút, ngày 25/11/2026".
pub(crate) fn moment(at: DateTime<FixedOffset>) -> String {
    format!("{}, ngày {}", clock_time(at), dmy(local(at).date_naive()))
}
