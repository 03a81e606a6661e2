//! What is recorded about a petition after reception: the acceptance decision (thụ lý or not), the
//! transfer to the competent body and its answer, extensions of the resolution period, the resolution
//! with its outcome, and the link of a repeat visit to the earlier one of the same matter.
//!
//! Each is the body of one journal event (see [`crate::event::EventBody`]); the register projects them
//! and computes the petition's deadlines from them on read. Values only: dates are the days the steps
//! were taken, as the clerk enters them, never "now". None of them carries the citizen's identity, so
//! a denouncer stays protected when they travel upstream.

use crate::deadlines::{Complexity, Variant};
use crate::decisions::ResolutionFigures;
use crate::ids::VisitId;
use crate::petition::{MAX_LONG_TEXT, MAX_TEXT};
use crate::text::{nfc, one_line};
use crate::validation::{Checks, Invalid, Problem};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The decision on accepting a petition for resolution (thụ lý / không thụ lý).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Acceptance {
    pub visit_id: VisitId,
    /// The day of the decision; the resolution period runs from it.
    pub on: NaiveDate,
    pub accepted: bool,
    /// Why it was not accepted (required then), or a note.
    #[serde(default)]
    pub reason: Option<String>,
    /// What about the case sets its deadlines: complaint level, complexity, remote area.
    #[serde(default)]
    pub variant: Variant,
}

impl Acceptance {
    pub fn checked(mut self) -> Result<Self, Invalid> {
        self.reason = self.reason.as_deref().map(nfc).filter(|r| !r.is_empty());
        let mut checks = Checks::default();
        if !self.accepted && self.reason.is_none() {
            checks.push("reason", Problem::Required);
        }
        checks.optional_text("reason", &self.reason, MAX_LONG_TEXT);
        checks.finish().map(|()| self)
    }
}

/// How a petition was resolved.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Khiếu nại / tố cáo đúng.
    Correct,
    /// Đúng một phần.
    PartlyCorrect,
    /// Sai.
    Wrong,
    /// Người gửi rút đơn.
    Withdrawn,
    /// Đình chỉ giải quyết.
    Dismissed,
    /// Đã trả lời (kiến nghị, phản ánh).
    Answered,
}

impl Outcome {
    pub const ALL: [Outcome; 6] = [
        Outcome::Correct,
        Outcome::PartlyCorrect,
        Outcome::Wrong,
        Outcome::Withdrawn,
        Outcome::Dismissed,
        Outcome::Answered,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Correct => "correct",
            Outcome::PartlyCorrect => "partly_correct",
            Outcome::Wrong => "wrong",
            Outcome::Withdrawn => "withdrawn",
            Outcome::Dismissed => "dismissed",
            Outcome::Answered => "answered",
        }
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            Outcome::Correct => "Đúng",
            Outcome::PartlyCorrect => "Đúng một phần",
            Outcome::Wrong => "Sai",
            Outcome::Withdrawn => "Rút đơn",
            Outcome::Dismissed => "Đình chỉ giải quyết",
            Outcome::Answered => "Đã trả lời",
        }
    }
}

impl std::str::FromStr for Outcome {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Outcome::ALL.into_iter().find(|o| o.as_str() == s).ok_or_else(|| {
            format!("unknown outcome {s:?} (correct, partly_correct, wrong, withdrawn, dismissed, answered)")
        })
    }
}

/// The resolution of a petition (giải quyết xong).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Resolution {
    pub visit_id: VisitId,
    pub on: NaiveDate,
    pub outcome: Outcome,
    /// Số quyết định / kết luận / văn bản trả lời.
    #[serde(default)]
    pub document_no: Option<String>,
    #[serde(default)]
    pub note: String,
    /// What 01/KQGQ counts about a complaint resolved within the ward's competence. Absent from
    /// events written before it existed, and skipped when absent, so those re-encode to the bytes
    /// their hashes cover.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub figures: Option<ResolutionFigures>,
}

impl Resolution {
    pub fn checked(mut self) -> Result<Self, Invalid> {
        self.document_no = self.document_no.as_deref().map(one_line).filter(|d| !d.is_empty());
        self.note = nfc(&self.note);
        let mut checks = Checks::default();
        checks.optional_text("document_no", &self.document_no, MAX_TEXT);
        checks.max_len("note", &self.note, MAX_LONG_TEXT);
        if let Some(figures) = &self.figures {
            figures.check(&mut checks, "figures");
        }
        checks.finish().map(|()| self)
    }
}

/// The petition sent to the competent body (chuyển đơn), the denouncer notified.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Transfer {
    pub visit_id: VisitId,
    pub on: NaiveDate,
    /// The receiving body.
    pub to: String,
    #[serde(default)]
    pub note: String,
}

impl Transfer {
    pub fn checked(mut self) -> Result<Self, Invalid> {
        self.to = one_line(&self.to);
        self.note = nfc(&self.note);
        let mut checks = Checks::default();
        checks.required_text("to", &self.to, MAX_TEXT);
        checks.max_len("note", &self.note, MAX_LONG_TEXT);
        checks.finish().map(|()| self)
    }
}

/// The receiving body's answer to a transfer.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransferAnswer {
    pub visit_id: VisitId,
    pub on: NaiveDate,
    pub answer: String,
}

impl TransferAnswer {
    pub fn checked(mut self) -> Result<Self, Invalid> {
        self.answer = nfc(&self.answer);
        let mut checks = Checks::default();
        checks.required_text("answer", &self.answer, MAX_LONG_TEXT);
        checks.finish().map(|()| self)
    }
}

/// An extension of the resolution period (gia hạn), with the complexity that allows it.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Extension {
    pub visit_id: VisitId,
    /// The day the extension was decided.
    pub on: NaiveDate,
    /// Complex or especially complex: sets how many extensions the rules allow.
    pub complexity: Complexity,
    pub reason: String,
}

impl Extension {
    pub fn checked(mut self) -> Result<Self, Invalid> {
        self.reason = nfc(&self.reason);
        let mut checks = Checks::default();
        checks.required_text("reason", &self.reason, MAX_LONG_TEXT);
        if self.complexity == Complexity::Normal {
            checks
                .push("complexity", Problem::BadFormat { expected: "complex or especially_complex".into() });
        }
        checks.finish().map(|()| self)
    }
}

/// A visit recognised as a repeat of an earlier visit's matter (tiếp lần 2, 3…): it is counted as a
/// visit of that matter, not as a new case.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RepeatLink {
    pub visit_id: VisitId,
    pub earlier_visit_id: VisitId,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refusal_to_accept_needs_its_reason() {
        let decision = Acceptance {
            visit_id: VisitId::new(),
            on: NaiveDate::from_ymd_opt(2026, 5, 4).unwrap(),
            accepted: false,
            reason: Some("  ".into()),
            variant: Variant::default(),
        };
        let problems = decision.checked().expect_err("no reason given").problems;
        assert_eq!(problems[0].field, "reason");
    }

    #[test]
    fn result_events_have_stable_kinds_and_seal_and_decode_back() {
        use crate::calendar::CalendarOverride;
        use crate::deadlines::DeadlineRules;
        use crate::event::{Event, EventBody, GENESIS};
        let visit_id = VisitId::new();
        let on = NaiveDate::from_ymd_opt(2026, 5, 4).unwrap();
        let bodies = [
            (
                "petition_accepted",
                EventBody::PetitionAccepted(Acceptance {
                    visit_id,
                    on,
                    accepted: true,
                    reason: None,
                    variant: Variant::default(),
                }),
            ),
            (
                "petition_transferred",
                EventBody::PetitionTransferred(Transfer {
                    visit_id,
                    on,
                    to: "Thanh tra".into(),
                    note: "".into(),
                }),
            ),
            (
                "transfer_answered",
                EventBody::TransferAnswered(TransferAnswer { visit_id, on, answer: "Đã nhận".into() }),
            ),
            (
                "deadline_extended",
                EventBody::DeadlineExtended(Extension {
                    visit_id,
                    on,
                    complexity: Complexity::Complex,
                    reason: "Xác minh".into(),
                }),
            ),
            (
                "petition_resolved",
                EventBody::PetitionResolved(Resolution {
                    visit_id,
                    on,
                    outcome: Outcome::Withdrawn,
                    document_no: None,
                    note: "".into(),
                    figures: None,
                }),
            ),
            (
                "repeat_linked",
                EventBody::RepeatLinked(RepeatLink { visit_id, earlier_visit_id: VisitId::new() }),
            ),
            ("calendar_override_set", EventBody::CalendarOverrideSet(CalendarOverride::day_off(on, "Bão"))),
            ("calendar_override_removed", EventBody::CalendarOverrideRemoved { date: on }),
            ("deadline_rules_set", EventBody::DeadlineRulesSet(DeadlineRules::shipped())),
        ];
        let at = chrono::DateTime::from_timestamp(1_780_000_000, 0).unwrap();
        for (kind, body) in bodies {
            let event = Event::seal(crate::StreamId::new(), 1, &GENESIS, &body, at, None).unwrap();
            assert_eq!(event.kind, kind, "the kind is part of the wire contract");
            assert_eq!(event.body().unwrap(), body, "{kind} decodes back from its canonical payload");
            let concerns_visit = !kind.starts_with("calendar") && kind != "deadline_rules_set";
            assert_eq!(body.visit_id().is_some(), concerns_visit, "{kind} is indexed by its visit");
        }
    }

    #[test]
    fn an_extension_needs_a_complex_case() {
        let extension = Extension {
            visit_id: VisitId::new(),
            on: NaiveDate::from_ymd_opt(2026, 6, 1).unwrap(),
            complexity: Complexity::Normal,
            reason: "Cần xác minh thêm".into(),
        };
        assert!(extension.checked().is_err(), "only complex cases may be extended");
    }
}
