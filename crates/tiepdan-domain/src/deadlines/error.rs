//! What can go wrong computing a deadline, in domain terms.

use super::Step;
use crate::petition::PetitionKind;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DeadlineError {
    /// The rule set has no deadline for this kind, step and case (e.g. accepting a proposal, or
    /// extending a denunciation that is not complex).
    #[error("no deadline rule for step {step:?} of a {kind:?} petition in this case")]
    NoRule { kind: PetitionKind, step: Step },
    #[error("the deadline may be extended only {allowed} time(s)")]
    ExtensionLimit { allowed: u32 },
    #[error("unknown step {0:?} (expected process, accept, resolve, extend, check or transfer)")]
    UnknownStep(String),
}

impl DeadlineError {
    /// The sentence the clerk reads.
    pub fn message_vi(&self) -> String {
        match self {
            DeadlineError::NoRule { kind, step } => format!(
                "Không có quy định thời hạn \"{}\" cho đơn {} trong trường hợp này.",
                step.label_vi(),
                kind.label_vi().to_lowercase()
            ),
            DeadlineError::ExtensionLimit { allowed } => {
                format!("Đã gia hạn đủ số lần cho phép ({allowed} lần).")
            }
            DeadlineError::UnknownStep(s) => format!("Không có bước xử lý \"{s}\"."),
        }
    }
}
