//! Reference data the district publishes, read into what the desk uses (issue 14 §7). Only the
//! `holidays` kind is applied so far: its days become the register's upstream calendar
//! (`Register::apply_upstream_calendar`), so every deadline counts them; the other kinds are kept
//! in the state file as received.
//!
//! A `holidays` document is a JSON array of days, each `{"date": "YYYY-MM-DD", "change": "day_off"
//! | "working_day", "note": "…"}` (a swapped day off is two: the weekday off and the Saturday worked),
//! or an object with that array under `"days"`. A document the desk cannot read is kept in the state
//! file and not applied: the calendar stays as it was, and the round goes on (it is the district's
//! to correct, and pushing the ward's events must not wait for it).

use serde::Deserialize;
use tiepdan_domain::calendar::CalendarOverride;

#[derive(Deserialize)]
#[serde(untagged)]
enum HolidaysDocument {
    Days(Vec<CalendarOverride>),
    Wrapped { days: Vec<CalendarOverride> },
}

/// The days of a `holidays` document, or why it cannot be read.
pub fn calendar_days(data: &serde_json::Value) -> Result<Vec<CalendarOverride>, String> {
    match HolidaysDocument::deserialize(data) {
        Ok(HolidaysDocument::Days(days) | HolidaysDocument::Wrapped { days }) => Ok(days),
        Err(e) => Err(format!("the district's holidays document is not a list of days: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_swapped_day_off_reads_as_a_day_off_and_a_working_saturday() {
        let days = calendar_days(&json!([
            { "date": "2026-11-04", "change": "day_off", "note": "Nghỉ hoán đổi" },
            { "date": "2026-11-14", "change": "working_day", "note": "Làm bù" }
        ]))
        .expect("readable");
        assert_eq!(days.len(), 2);
        assert_eq!(calendar_days(&json!({ "days": [] })).expect("wrapped"), Vec::new());
    }

    #[test]
    fn a_document_in_another_shape_is_refused_rather_than_guessed() {
        assert!(calendar_days(&json!({ "2027-02-06": "Tết" })).is_err());
        assert!(calendar_days(&json!([{ "date": "06/02/2027", "change": "day_off", "note": "" }])).is_err());
    }
}
