//! What counting needs to know about the register, and nothing more: no names, no ID numbers, no
//! summaries. The desk builds [`Facts`] from its register and the server from its projection of every
//! ward's register, so the same [`super::count`] code gives both the same figures; a denouncer's
//! identity is never an input.
//!
//! Dates are the days things happened as the register records them. Counting for a period treats
//! anything dated after the period's end as not yet happened, which is what "the register at the
//! cut-off" means for a report run later.

pub use super::decisions::{DecisionFact, ImplementationFact};
use crate::deadlines::Level;
use crate::ids::{SessionId, VisitId};
use crate::intake::PetitionSource;
use crate::petition::{Field, Handling, PetitionKind, Stage};
use crate::results::Outcome;
use crate::sessions::{SessionKind, SessionOutcome, Sitter};
use crate::visit::{ReceptionMode, GROUP_MIN_PEOPLE};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Everything one unit's reports count from.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Facts {
    pub visits: Vec<VisitFact>,
    pub petitions: Vec<PetitionFact>,
    pub sessions: Vec<SessionFact>,
    /// Petitions accepted for resolution and their decisions (the KQGQ forms).
    #[serde(default)]
    pub decisions: Vec<DecisionFact>,
}

/// One reception (lượt tiếp): a visit at the desk, not cancelled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitFact {
    pub id: VisitId,
    pub on: NaiveDate,
    pub mode: ReceptionMode,
    /// Người được tiếp.
    pub people: u32,
    /// The matter's first visit (the visit itself when it is the first).
    pub matter: VisitId,
    /// Lần tiếp: 1 for the matter's first visit, 2 and up for a repeat.
    pub matter_visit_no: u32,
    pub session: Option<SessionId>,
}

impl VisitFact {
    /// Đoàn đông người: five people or more on one matter.
    pub fn is_group(&self) -> bool {
        self.people >= GROUP_MIN_PEOPLE
    }
}

/// One petition (đơn), from any source, not cancelled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PetitionFact {
    /// The register record that holds it (a visit, or a petition received without one).
    pub id: VisitId,
    pub received_on: NaiveDate,
    pub source: PetitionSource,
    pub kind: PetitionKind,
    pub field: Field,
    /// How far the matter was already resolved elsewhere.
    pub stage: Stage,
    pub eligible: bool,
    pub competent: Option<bool>,
    pub handling: Option<Handling>,
    /// Ngày xử lý; None while it is still being processed.
    pub processed_on: Option<NaiveDate>,
    /// The matter it belongs to (duplicates and repeats share their first record's id).
    pub matter: VisitId,
    /// Lần 1 / lần 2 of a complaint, from the acceptance decision (first when not decided).
    pub level: Level,
    /// Thụ lý: the day it was accepted for resolution (None if not, or not accepted).
    pub accepted_on: Option<NaiveDate>,
    /// Giải quyết xong: the day it was resolved, and how.
    pub resolved_on: Option<NaiveDate>,
    pub outcome: Option<Outcome>,
    /// Văn bản phúc đáp: the day the receiving body answered a transfer.
    pub answered_on: Option<NaiveDate>,
    /// The resolution deadline the register computed (None when the rules set none).
    pub resolve_due: Option<NaiveDate>,
}

/// One leader reception session (kỳ tiếp), planned or held.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionFact {
    pub id: SessionId,
    pub on: NaiveDate,
    pub sat: Sitter,
    pub kind: SessionKind,
    /// How it was closed; None while still open.
    pub outcome: Option<SessionOutcome>,
    /// Visits recorded in it.
    pub visits: u32,
}

impl SessionFact {
    /// Held: closed as held or unattended, or still open with visits recorded in it.
    pub fn held(&self) -> bool {
        match self.outcome {
            Some(SessionOutcome::Held | SessionOutcome::Unattended) => true,
            Some(SessionOutcome::Cancelled) => false,
            None => self.visits > 0,
        }
    }

    /// Held, and no citizen came.
    pub fn unattended(&self) -> bool {
        self.held() && self.visits == 0
    }
}
