//! Reference data the district publishes, read into what the desk uses (issue 14 §7). The
//! `holidays` kind is applied to the register: its days become the register's upstream calendar
//! (`Register::apply_upstream_calendar`), so every deadline counts them. The `report_calendar` kind
//! (a province's reporting cut-offs, issue 17) is read from the state file whenever a report is
//! counted ([`report_calendar`]). The other kinds are kept in the state file as received.
//!
//! A `holidays` document is a JSON array of days, each `{"date": "YYYY-MM-DD", "change": "day_off"
//! | "working_day", "note": "…"}` (a swapped day off is two: the weekday off and the Saturday worked),
//! or an object with that array under `"days"`. A document the desk cannot read is kept in the state
//! file and not applied: the calendar stays as it was, and the round goes on (it is the district's
//! to correct, and pushing the ward's events must not wait for it).

use crate::state::SyncState;
use std::path::Path;
use tiepdan_domain::calendar::CalendarOverride;
use tiepdan_domain::reports::ReportCalendar;
use tiepdan_protocol::ReferenceKind;

/// The days of a `holidays` document, or why it cannot be read.
pub fn calendar_days(data: &serde_json::Value) -> Result<Vec<CalendarOverride>, String> {
    tiepdan_domain::calendar::holidays_document(data)
}

/// The reporting calendar of the desk in `data_dir`: the province's, when the district published one
/// this desk received, else the official one (Thông tư 01/2024). A document the desk cannot read, or
/// a state file that cannot be read, leaves the official calendar: the district checked the
/// document when it published it, so this is a newer format, and the report must still be made.
pub fn report_calendar(data_dir: &Path) -> ReportCalendar {
    // An unreadable state file is reported by every sync round; the report is still made.
    let Ok(state) = SyncState::load(&SyncState::path_in(data_dir)) else {
        return ReportCalendar::default();
    };
    let Some(entry) = state.reference.get(&ReferenceKind::ReportCalendar) else {
        return ReportCalendar::default();
    };
    serde_json::from_value::<ReportCalendar>(entry.data.clone())
        .ok()
        .and_then(|c| c.checked().ok())
        .unwrap_or_default()
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
    fn a_province_report_calendar_in_the_state_file_replaces_the_official_one() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(report_calendar(dir.path()), ReportCalendar::default(), "no state file: official");
        let mut state = SyncState::default();
        let entry = |data: serde_json::Value| tiepdan_protocol::FeedEntry {
            number: 1,
            kind: ReferenceKind::ReportCalendar,
            all_wards: true,
            data,
        };
        state.reference.insert(
            ReferenceKind::ReportCalendar,
            entry(json!({ "cutoff_day": 20, "quarter_months": [2, 5, 8, 11], "authority": "UBND tỉnh" })),
        );
        state.save(&SyncState::path_in(dir.path())).unwrap();
        assert_eq!(report_calendar(dir.path()).cutoff_day, 20);
        state.reference.insert(ReferenceKind::ReportCalendar, entry(json!({ "cutoff_day": 40 })));
        state.save(&SyncState::path_in(dir.path())).unwrap();
        assert_eq!(report_calendar(dir.path()), ReportCalendar::default(), "unreadable: official");
    }

    #[test]
    fn a_document_in_another_shape_is_refused_rather_than_guessed() {
        assert!(calendar_days(&json!({ "2027-02-06": "Tết" })).is_err());
        assert!(calendar_days(&json!([{ "date": "06/02/2027", "change": "day_off", "note": "" }])).is_err());
    }
}
