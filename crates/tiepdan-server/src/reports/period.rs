//! Which period a report covers, as the command line and the dashboard ask for it: an official
//! period of a year (`q1`…`q4`, `6m`, `9m`, `year`, `m1`…`m12`) on the district's calendar, or a range
//! of days. The calendar is the official one unless the province published its own as reference
//! data (`reference set --kind report_calendar`), the same document the desks receive in the feed.

use crate::error::{Error, Result};
use crate::store::Store;
use chrono::NaiveDate;
use tiepdan_domain::reports::period::ReportCalendar;
use tiepdan_domain::reports::{PeriodKind, ReportPeriod};
use tiepdan_protocol::ReferenceKind;

/// A period as asked for; exactly one of (`kind` with `year`) or (`from` with `to`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PeriodChoice {
    pub kind: Option<String>,
    pub year: Option<i32>,
    pub from: Option<String>,
    pub to: Option<String>,
}

fn bad(text: String) -> Error {
    Error::BadRequest(text)
}

fn date(text: &str, name: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        bad(format!(
            "ngày {name} phải có dạng YYYY-MM-DD, ví dụ 2026-03-14 (--{name} must be YYYY-MM-DD): {text:?}"
        ))
    })
}

impl PeriodChoice {
    /// The period on `calendar`, or a one-line refusal in Vietnamese and English.
    pub fn resolve(&self, calendar: &ReportCalendar) -> Result<ReportPeriod> {
        match (&self.kind, self.year, &self.from, &self.to) {
            (Some(kind), Some(year), None, None) => {
                let kind: PeriodKind = kind.parse().map_err(|e: String| {
                    bad(format!("kỳ báo cáo không hợp lệ: q1…q4, 6m, 9m, year hoặc m1…m12 ({e})"))
                })?;
                calendar
                    .period(kind, year)
                    .map_err(|e| bad(format!("năm báo cáo không hợp lệ (bad year {year}): {e}")))
            }
            (Some(_), None, None, None) => Err(bad("cần ghi năm báo cáo (--period needs --year YYYY)".into())),
            (None, None, Some(from), Some(to)) => {
                let (from, to) = (date(from, "from")?, date(to, "to")?);
                ReportPeriod::custom(from, to)
                    .map_err(|e| bad(format!("ngày kết thúc trước ngày bắt đầu ({e})")))
            }
            (None, None, Some(_), None) | (None, None, None, Some(_)) => {
                Err(bad("cần cả ngày bắt đầu và ngày kết thúc (--from and --to go together)".into()))
            }
            _ => Err(bad(
                "chọn một kỳ báo cáo (--period … --year …) hoặc một khoảng ngày (--from … --to …), không chọn cả hai \
                 (give --period with --year, or --from with --to)"
                    .into(),
            )),
        }
    }
}

/// The district's report calendar: the latest province-wide `report_calendar` the server
/// published, or the official one. A stored document this build cannot read is logged and the
/// official calendar used (it was checked when published, so this means a newer format).
pub fn calendar(store: &Store) -> Result<ReportCalendar> {
    let Some(text) = store.backend().latest_reference(ReferenceKind::ReportCalendar)? else {
        return Ok(ReportCalendar::default());
    };
    match serde_json::from_str::<ReportCalendar>(&text)
        .map_err(|e| e.to_string())
        .and_then(|c| c.checked().map_err(|e| e.to_string()))
    {
        Ok(calendar) => Ok(calendar),
        Err(e) => {
            tracing::warn!(error = %e, "the published report calendar cannot be read; the official one is used");
            Ok(ReportCalendar::default())
        }
    }
}

/// The quarter of the calendar that holds `today` (after the year's last cut-off, next year's Quý I).
pub fn current_quarter(today: NaiveDate, cal: &ReportCalendar) -> (String, i32) {
    use chrono::Datelike;
    for year in [today.year(), today.year() + 1] {
        for n in 1..=4u8 {
            if cal.period(PeriodKind::Quarter(n), year).is_ok_and(|p| p.contains(today)) {
                return (format!("q{n}"), year);
            }
        }
    }
    ("q1".into(), today.year())
}

/// Checks a report calendar before it is published to the wards.
pub fn check_calendar(data: &serde_json::Value) -> Result<()> {
    let calendar: ReportCalendar = serde_json::from_value(data.clone()).map_err(|e| {
        bad(format!(
            "lịch báo cáo phải có cutoff_day, quarter_months và authority (a report calendar needs cutoff_day, \
             quarter_months, authority): {e}"
        ))
    })?;
    calendar.checked().map_err(|e| bad(format!("lịch báo cáo không hợp lệ (bad report calendar): {e}")))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn choice(kind: Option<&str>, year: Option<i32>, from: Option<&str>, to: Option<&str>) -> PeriodChoice {
        PeriodChoice {
            kind: kind.map(str::to_string),
            year,
            from: from.map(str::to_string),
            to: to.map(str::to_string),
        }
    }

    #[test]
    fn an_official_period_or_a_range_and_nothing_in_between() {
        let cal = ReportCalendar::default();
        let q1 = choice(Some("q1"), Some(2026), None, None).resolve(&cal).unwrap();
        assert_eq!((q1.from.to_string(), q1.to.to_string()), ("2025-12-15".into(), "2026-03-14".into()));
        assert_eq!(q1.label_vi, "Quý I năm 2026");
        let range = choice(None, None, Some("2026-01-01"), Some("2026-01-31")).resolve(&cal).unwrap();
        assert_eq!(range.label_vi, "Từ ngày 01/01/2026 đến ngày 31/01/2026");
        for refused in [
            choice(Some("q5"), Some(2026), None, None),
            choice(Some("q1"), None, None, None),
            choice(None, None, Some("2026-01-01"), None),
            choice(None, None, Some("2026-02-01"), Some("2026-01-01")),
            choice(None, None, Some("01/02/2026"), Some("2026-03-01")),
            choice(Some("q1"), Some(2026), Some("2026-01-01"), Some("2026-01-31")),
            choice(None, None, None, None),
        ] {
            assert!(matches!(refused.resolve(&cal), Err(Error::BadRequest(_))), "{refused:?} is refused");
        }
    }
}
