//! The reception calendar: the head's fixed reception days, the desk's regular hours, and each
//! leader reception session (kỳ tiếp) as a record (`shared/interconnection.md` §4, 01/TCD columns
//! 12, 21 and 30 in `shared/reports.md`).
//!
//! The chairman of a ward's People's Committee receives citizens at least one day a week (Luật Tiếp
//! công dân, Điều 15), in person or through a delegate. A session is planned for a day, then closed
//! as held or cancelled; one held with no visit is recorded as unattended, because 01/TCD counts the
//! sessions nobody came to. A visit received in a session takes its reception mode from the session
//! ([`ReceptionSession::reception_mode`]).

use crate::ids::OfficerId;
pub use crate::ids::SessionId;
use crate::petition::{MAX_LONG_TEXT, MAX_TEXT};
use crate::text::{nfc, one_line};
use crate::validation::{Checks, Invalid, Problem};
use crate::visit::ReceptionMode;
use chrono::{Datelike, Duration, NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

/// Part of the day a session or desk hours cover.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum DayPart {
    #[default]
    Morning,
    Afternoon,
    AllDay,
}

impl DayPart {
    pub fn label_vi(self) -> &'static str {
        match self {
            DayPart::Morning => "Buổi sáng",
            DayPart::Afternoon => "Buổi chiều",
            DayPart::AllDay => "Cả ngày",
        }
    }
}

/// Who sat at a leader's session.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sitter {
    /// The head (Chủ tịch UBND) in person.
    Head,
    /// A deputy or official the head delegated (ủy quyền).
    Delegate,
}

/// Định kỳ (on the fixed day) or đột xuất.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum SessionKind {
    #[default]
    Periodic,
    AdHoc,
}

/// One leader reception session, as planned.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReceptionSession {
    pub id: SessionId,
    pub planned_on: NaiveDate,
    #[serde(default)]
    pub part: DayPart,
    #[serde(default)]
    pub kind: SessionKind,
    pub sat: Sitter,
    /// The officer who sits: the head, or the delegate (required for a delegate).
    #[serde(default)]
    pub officer_id: Option<OfficerId>,
    /// The delegation the delegate sits under (its document number and date), when delegated.
    #[serde(default)]
    pub delegation: Option<String>,
    /// Where it is held (defaults to the ward's reception room on paper).
    #[serde(default)]
    pub place: Option<String>,
}

impl ReceptionSession {
    /// The reception mode of a visit received in this session.
    pub fn reception_mode(&self) -> ReceptionMode {
        match (self.sat, self.kind) {
            (Sitter::Head, SessionKind::Periodic) => ReceptionMode::LeaderPeriodic,
            (Sitter::Head, SessionKind::AdHoc) => ReceptionMode::LeaderAdHoc,
            (Sitter::Delegate, _) => ReceptionMode::Delegated,
        }
    }

    /// Normalises text and checks the session's own rules.
    pub fn checked(mut self) -> Result<Self, Invalid> {
        for value in [&mut self.delegation, &mut self.place] {
            *value = value.as_deref().map(one_line).filter(|v| !v.is_empty());
        }
        let mut checks = Checks::default();
        if self.sat == Sitter::Delegate && self.officer_id.is_none() {
            checks.push("officer_id", Problem::Required);
        }
        if self.sat == Sitter::Head && self.delegation.is_some() {
            checks.push("delegation", Problem::NotForSource { source: "Chủ tịch tiếp trực tiếp".into() });
        }
        checks.optional_text("delegation", &self.delegation, MAX_TEXT);
        checks.optional_text("place", &self.place, MAX_TEXT);
        checks.finish().map(|()| self)
    }
}

/// How a session ended.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionOutcome {
    /// Held, and citizens were received.
    Held,
    /// Held, and no citizen came (01/TCD, Ghi chú).
    Unattended,
    /// Not held.
    Cancelled,
}

impl SessionOutcome {
    pub fn label_vi(self) -> &'static str {
        match self {
            SessionOutcome::Held => "Đã tiếp",
            SessionOutcome::Unattended => "Không có công dân đến",
            SessionOutcome::Cancelled => "Hủy, không tiếp",
        }
    }

    /// What "held" means for a session that received `visits` visits.
    pub fn held_with(visits: u32) -> SessionOutcome {
        if visits == 0 {
            SessionOutcome::Unattended
        } else {
            SessionOutcome::Held
        }
    }
}

/// The end of a session: its outcome and, for a cancellation, why.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionClose {
    pub session_id: SessionId,
    pub outcome: SessionOutcome,
    /// Visits received in it when it was closed (what "unattended" was decided on).
    pub visits: u32,
    #[serde(default)]
    pub note: Option<String>,
}

impl SessionClose {
    pub fn checked(mut self) -> Result<Self, Invalid> {
        self.note = self.note.as_deref().map(nfc).filter(|v| !v.is_empty());
        let mut checks = Checks::default();
        if self.outcome == SessionOutcome::Cancelled && self.note.is_none() {
            checks.push("note", Problem::Required);
        }
        checks.optional_text("note", &self.note, MAX_LONG_TEXT);
        checks.finish().map(|()| self)
    }
}

/// A fixed weekly reception slot of the head (e.g. every Thursday morning).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FixedDay {
    /// ISO weekday: 1 = Monday … 7 = Sunday.
    pub weekday: u8,
    #[serde(default)]
    pub part: DayPart,
}

/// Regular desk hours on one weekday.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeskHours {
    pub weekday: u8,
    pub opens: NaiveTime,
    pub closes: NaiveTime,
}

/// The ward's published reception calendar.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct ReceptionSchedule {
    #[serde(default)]
    pub head_days: Vec<FixedDay>,
    #[serde(default)]
    pub desk_hours: Vec<DeskHours>,
}

pub fn weekday_vi(weekday: u8) -> &'static str {
    ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"]
        .get(usize::from(weekday.saturating_sub(1)))
        .copied()
        .unwrap_or("?")
}

impl ReceptionSchedule {
    pub fn checked(mut self) -> Result<Self, Invalid> {
        let mut checks = Checks::default();
        for (i, d) in self.head_days.iter().enumerate() {
            if !(1..=7).contains(&d.weekday) {
                checks.push(format!("head_days[{i}].weekday"), Problem::OutOfRange { min: 1, max: 7 });
            }
        }
        for (i, h) in self.desk_hours.iter().enumerate() {
            if !(1..=7).contains(&h.weekday) {
                checks.push(format!("desk_hours[{i}].weekday"), Problem::OutOfRange { min: 1, max: 7 });
            }
            if h.opens >= h.closes {
                checks.push(format!("desk_hours[{i}].closes"), Problem::ClosesBeforeOpening);
            }
        }
        checks.finish()?;
        self.head_days.sort_by_key(|d| (d.weekday, d.part as u8));
        self.head_days.dedup();
        self.desk_hours.sort_by_key(|h| (h.weekday, h.opens));
        Ok(self)
    }

    /// The head's fixed reception days from `from` on (inclusive), `count` of them, skipping the
    /// days `is_day_off` says are off (holidays, overrides).
    pub fn upcoming(
        &self,
        from: NaiveDate,
        count: usize,
        is_day_off: impl Fn(NaiveDate) -> bool,
    ) -> Vec<(NaiveDate, DayPart)> {
        let mut out = Vec::new();
        if self.head_days.is_empty() {
            return out;
        }
        let mut day = from;
        // A year of days is more than enough for any count a screen asks for.
        for _ in 0..366 {
            if out.len() >= count {
                break;
            }
            let weekday = day.weekday().number_from_monday() as u8;
            if !is_day_off(day) {
                out.extend(self.head_days.iter().filter(|d| d.weekday == weekday).map(|d| (day, d.part)));
            }
            day += Duration::days(1);
        }
        out.truncate(count);
        out
    }
}

#[cfg(test)]
#[path = "sessions_tests.rs"]
mod tests;
