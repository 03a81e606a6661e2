//! The counting vocabulary a report definition is written in: which records a cell counts
//! ([`Subject`] and [`Filter`]) and what it adds up ([`Measure`]).
//!
//! Every field of a filter is optional and all present fields must hold. The field names are what a
//! definition file spells; unknown names are refused when the definitions load (a test loads all of
//! them), so a typo in a corrected form cannot silently count everything.

pub use super::decisions::Figure;
use super::facts::{PetitionFact, SessionFact, VisitFact};
use super::period::ReportPeriod;
use crate::deadlines::Level;
use crate::decisions::SecondLevel;
use crate::intake::PetitionSource;
use crate::petition::{Field, Handling, PetitionKind, Stage};
use crate::results::Outcome;
use crate::sessions::{SessionKind, Sitter};
use crate::visit::ReceptionMode;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What kind of record a cell counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Subject {
    /// Receptions (lượt tiếp) in the period.
    Visits,
    /// Petitions (đơn); which of them is set by the filter's `window`.
    Petitions,
    /// Leader reception sessions (kỳ tiếp) in the period.
    Sessions,
    /// Petitions accepted for resolution (thụ lý) and their decisions, for the KQGQ forms; which of
    /// them is set by the filter's `window`.
    Decisions,
}

/// What a cell adds up over the records it counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// One per record: lượt, đơn, kỳ, đoàn.
    #[default]
    Records,
    /// The people received (người).
    People,
    /// Distinct matters (vụ việc).
    Matters,
    /// A figure of the decisions (what was decided: to recover, to return, sanctions proposed…).
    Decided(Figure),
    /// A figure of the decisions' latest implementation by the period's end (recovered, returned,
    /// sanctioned, prosecuted).
    Done(Figure),
}

/// Which petitions a cell looks at, relative to the period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Window {
    /// Kỳ trước chuyển sang: received before the period and not processed before it.
    CarriedIn,
    /// Tiếp nhận trong kỳ.
    Received,
    /// Đơn phải xử lý: carried in or received.
    ToProcess,
    /// Thuộc thẩm quyền, kỳ trước chuyển sang: accepted before the period, not resolved before it.
    ResolutionCarriedIn,
    /// Thụ lý trong kỳ.
    Accepted,
    /// Phải giải quyết: accepted before and still open, or accepted in the period.
    ToResolve,
    /// Văn bản phúc đáp received in the period.
    Answered,
    /// Quyết định phải thực hiện trong kỳ: decided (not withdrawn) by the period's end and not
    /// completed before the period (decisions only).
    ToImplement,
}

impl Window {
    pub const FOR_PETITIONS: [Window; 7] = [
        Window::CarriedIn,
        Window::Received,
        Window::ToProcess,
        Window::ResolutionCarriedIn,
        Window::Accepted,
        Window::ToResolve,
        Window::Answered,
    ];
    pub const FOR_DECISIONS: [Window; 4] =
        [Window::ResolutionCarriedIn, Window::Accepted, Window::ToResolve, Window::ToImplement];
}

/// What processing made of a petition, as the XLD forms split it. Each processed petition is in
/// exactly one, so the forms' equations hold by construction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Disposition {
    /// Thuộc thẩm quyền: competent, or accepted without competence recorded.
    Within,
    /// Không thuộc thẩm quyền, hướng dẫn (guided, or returned with guidance).
    Guided,
    /// Không thuộc thẩm quyền, chuyển đơn.
    Transferred,
    /// Không thuộc thẩm quyền, đôn đốc giải quyết.
    Reminded,
    /// Lưu đơn, or no handling recorded: not a petition "đủ điều kiện xử lý".
    Filed,
}

impl Disposition {
    pub fn of(competent: Option<bool>, handling: Option<Handling>) -> Disposition {
        match (competent, handling) {
            (Some(true), _) | (None, Some(Handling::Accept)) => Disposition::Within,
            (_, Some(Handling::Guide | Handling::Return)) => Disposition::Guided,
            (_, Some(Handling::Transfer)) => Disposition::Transferred,
            (_, Some(Handling::Remind)) => Disposition::Reminded,
            _ => Disposition::Filed,
        }
    }
}

/// The conditions on a counted record. Absent fields do not restrict.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Filter {
    // Visits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<Vec<ReceptionMode>>,
    /// The matter's visit number is 2 or more (tiếp nhiều lần) or 1 (lần đầu).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repeat: Option<bool>,
    /// Đoàn đông người.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<bool>,
    // Sessions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sat: Option<Sitter>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_kind: Option<SessionKind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unattended: Option<bool>,
    // Petitions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window: Option<Window>,
    /// Processed (đã xử lý) by the period's end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub processed: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Vec<PetitionSource>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<Vec<PetitionKind>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<Vec<Field>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<Vec<Stage>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eligible: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub competent: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handling: Option<Vec<Handling>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disposition: Option<Vec<Disposition>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<Level>,
    /// Resolved (giải quyết xong) by the period's end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Vec<Outcome>>,
    /// Past its resolution deadline at the period's end and not resolved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overdue: Option<bool>,
    /// Tố cáo tiếp (03/XLD): the matter was already concluded once or more (`stage`), or is
    /// `overdue`. One field so that "lần đầu" and "tố cáo tiếp" split a column in two.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renewed: Option<bool>,
    // Decisions.
    /// Resolved within its deadline (decisions resolved by the period's end only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline_kept: Option<bool>,
    /// What a second-level decision did to the first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub second_level: Option<SecondLevel>,
    /// Implementation completed by the period's end (the latest record says so).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub implemented: Option<bool>,
}

fn any_of<T: PartialEq>(allowed: &Option<Vec<T>>, value: &T) -> bool {
    allowed.as_ref().is_none_or(|list| list.contains(value))
}

fn is<T: PartialEq>(wanted: &Option<T>, value: T) -> bool {
    wanted.as_ref().is_none_or(|w| *w == value)
}

/// A date that has happened by the period's end.
fn by(day: Option<NaiveDate>, end: NaiveDate) -> Option<NaiveDate> {
    day.filter(|d| *d <= end)
}

impl Filter {
    /// Names every field a filter on `subject` may not use, for the definition check.
    pub fn misplaced(&self, subject: Subject) -> Vec<&'static str> {
        let visit = [
            ("mode", self.mode.is_some()),
            ("repeat", self.repeat.is_some()),
            ("group", self.group.is_some()),
        ];
        let session = [
            ("sat", self.sat.is_some()),
            ("session_kind", self.session_kind.is_some()),
            ("unattended", self.unattended.is_some()),
        ];
        // The fields decisions share with petitions, then each one's own.
        let shared = [
            ("window", self.window.is_some()),
            ("kind", self.kind.is_some()),
            ("level", self.level.is_some()),
            ("resolved", self.resolved.is_some()),
            ("outcome", self.outcome.is_some()),
        ];
        let petition = [
            ("processed", self.processed.is_some()),
            ("source", self.source.is_some()),
            ("field", self.field.is_some()),
            ("stage", self.stage.is_some()),
            ("eligible", self.eligible.is_some()),
            ("competent", self.competent.is_some()),
            ("handling", self.handling.is_some()),
            ("disposition", self.disposition.is_some()),
            ("overdue", self.overdue.is_some()),
            ("renewed", self.renewed.is_some()),
        ];
        let decision = [
            ("deadline_kept", self.deadline_kept.is_some()),
            ("second_level", self.second_level.is_some()),
            ("implemented", self.implemented.is_some()),
        ];
        let window = |allowed: &[Window]| {
            // A cell on petitions or decisions must say which of the period's it looks at.
            let fits = self.window.is_some_and(|w| allowed.contains(&w));
            ("window (missing or not for this subject)", !fits)
        };
        let foreign: Vec<(&'static str, bool)> = match subject {
            Subject::Visits => session.into_iter().chain(shared).chain(petition).chain(decision).collect(),
            Subject::Sessions => visit.into_iter().chain(shared).chain(petition).chain(decision).collect(),
            Subject::Petitions => {
                let mut f: Vec<_> = visit.into_iter().chain(session).chain(decision).collect();
                f.push(window(&Window::FOR_PETITIONS));
                f
            }
            Subject::Decisions => {
                let mut f: Vec<_> = visit.into_iter().chain(session).chain(petition).collect();
                f.push(window(&Window::FOR_DECISIONS));
                f
            }
        };
        foreign.into_iter().filter(|(_, present)| *present).map(|(name, _)| name).collect()
    }

    pub fn visit(&self, v: &VisitFact, period: &ReportPeriod) -> bool {
        period.contains(v.on)
            && any_of(&self.mode, &v.mode)
            && is(&self.repeat, v.matter_visit_no >= 2)
            && is(&self.group, v.is_group())
    }

    pub fn session(&self, s: &SessionFact, period: &ReportPeriod) -> bool {
        period.contains(s.on)
            && s.held()
            && is(&self.sat, s.sat)
            && is(&self.session_kind, s.kind)
            && is(&self.unattended, s.unattended())
    }

    pub fn petition(&self, p: &PetitionFact, period: &ReportPeriod) -> bool {
        let (start, end) = (period.from, period.to);
        if p.received_on > end {
            return false;
        }
        let processed = by(p.processed_on, end);
        let accepted = by(p.accepted_on, end);
        let resolved = by(p.resolved_on, end);
        let overdue = resolved.is_none() && p.resolve_due.is_some_and(|due| due < end);
        let in_window = match self.window {
            None => return false,
            Some(Window::CarriedIn) => p.received_on < start && processed.is_none_or(|d| d >= start),
            Some(Window::Received) => p.received_on >= start,
            Some(Window::ToProcess) => p.received_on >= start || processed.is_none_or(|d| d >= start),
            Some(Window::ResolutionCarriedIn) => {
                accepted.is_some_and(|a| a < start) && resolved.is_none_or(|r| r >= start)
            }
            Some(Window::Accepted) => accepted.is_some_and(|a| a >= start),
            Some(Window::ToResolve) => {
                accepted.is_some_and(|a| a >= start || resolved.is_none_or(|r| r >= start))
            }
            Some(Window::Answered) => by(p.answered_on, end).is_some_and(|a| a >= start),
            // Refused for petitions when the definitions load.
            Some(Window::ToImplement) => false,
        };
        in_window
            && is(&self.processed, processed.is_some())
            && any_of(&self.source, &p.source)
            && any_of(&self.kind, &p.kind)
            && any_of(&self.field, &p.field)
            && any_of(&self.stage, &p.stage)
            // Eligibility and competence are decided when the petition is processed: asking for
            // either (true or false) counts processed petitions only.
            && self.eligible.is_none_or(|e| processed.is_some() && p.eligible == e)
            && self.competent.is_none_or(|c| processed.is_some() && p.competent == Some(c))
            && self.handling.as_ref().is_none_or(|h| processed.is_some() && p.handling.is_some_and(|x| h.contains(&x)))
            && self.disposition.as_ref().is_none_or(|d| {
                processed.is_some() && d.contains(&Disposition::of(p.competent, p.handling))
            })
            && is(&self.level, p.level)
            && is(&self.resolved, resolved.is_some())
            && self.outcome.as_ref().is_none_or(|o| resolved.is_some() && p.outcome.is_some_and(|x| o.contains(&x)))
            && is(&self.overdue, overdue)
            && is(&self.renewed, overdue || p.stage != Stage::NotResolved)
    }
}
