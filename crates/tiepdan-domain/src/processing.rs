//! Processing a petition (xử lý đơn, TT 05/2021): after it is classified, the ward decides whether
//! it is eligible, whether it is within the ward's competence, and how it is handled — accept, guide,
//! transfer, remind (đôn đốc), return or file — on a given day.
//!
//! A petition taken at the desk is usually processed at reception, inside the visit's details. One
//! that arrives by post or from another body is processed later: [`Processing`] is that decision as
//! its own journal event. It replaces the petition's processing fields and nothing else, so it never
//! carries the sender's identity and travels upstream as it is.

use crate::ids::VisitId;
use crate::petition::{Handling, Petition};
use crate::validation::{Checks, Invalid, Problem};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The processing decision on one petition.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Processing {
    pub visit_id: VisitId,
    /// Ngày xử lý.
    pub processed_on: NaiveDate,
    #[serde(default = "yes")]
    pub eligible: bool,
    #[serde(default)]
    pub ineligible_reason: Option<String>,
    /// Thuộc thẩm quyền.
    pub competent: bool,
    pub handling: Handling,
    /// The body it is transferred to, or reminded.
    #[serde(default)]
    pub transfer_to: Option<String>,
    /// What the sender is told to do, and where.
    #[serde(default)]
    pub guidance: Option<String>,
}

fn yes() -> bool {
    true
}

impl Processing {
    /// The petition with this decision applied.
    pub fn applied_to(&self, petition: &Petition) -> Petition {
        Petition {
            eligible: self.eligible,
            ineligible_reason: self.ineligible_reason.clone(),
            competent: Some(self.competent),
            handling: Some(self.handling),
            transfer_to: self.transfer_to.clone(),
            guidance: self.guidance.clone(),
            processed_on: Some(self.processed_on),
            ..petition.clone()
        }
    }

    /// Checks the decision against the petition it applies to, received on `received_on`, with
    /// `today` as the latest day it may carry. Field names are those of the petition (`petition.…`),
    /// as the processing form shows them.
    pub fn checked(
        mut self,
        petition: &Petition,
        received_on: NaiveDate,
        today: NaiveDate,
    ) -> Result<Self, Invalid> {
        let mut applied = self.applied_to(petition);
        applied.normalise();
        self.ineligible_reason = applied.ineligible_reason.clone();
        self.transfer_to = applied.transfer_to.clone();
        self.guidance = applied.guidance.clone();
        let mut checks = Checks::default();
        applied.check(&mut checks);
        if self.processed_on < received_on {
            checks.push("petition.processed_on", Problem::ProcessedBeforeReceipt);
        } else if self.processed_on > today {
            checks.push("petition.processed_on", Problem::InFuture);
        }
        checks.finish().map(|()| self)
    }
}
