//! What can go wrong in a sync round, in terms the desk acts on: transient (retry with backoff)
//! or a stop that needs a person (enrollment, an update, a fork).

use tiepdan_protocol::ErrorBody;

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error("this desk is not enrolled with a district server yet")]
    NotEnrolled,
    /// 401/403: the credential was revoked or does not fit; data is kept, enrol again.
    #[error("the district server refused this desk's credential ({0}): enrol the desk again")]
    NeedsEnrollment(String),
    #[error("the district server needs a newer version of Tiếp Dân: {0}")]
    NeedsUpdate(String),
    /// Network down, timeout, 5xx: retried with backoff.
    #[error("the district server cannot be reached: {0}")]
    Offline(String),
    #[error("the district server answered {status}: {message}")]
    Refused { status: u16, body: Box<ErrorBody>, message: String },
    #[error("the enrollment code was refused: {0}")]
    EnrollmentRefused(String),
    /// Checked before any request ([`crate::enrollment::server_url`]).
    #[error(
        "{0:?} is not a district server address the desk may use: it must start with https:// \
         (http:// is accepted only for a server on this computer: localhost, 127.0.0.1, [::1])"
    )]
    BadServerUrl(String),
    #[error("register: {0}")]
    Register(#[from] tiepdan_register::RegisterError),
    #[error("sync state file: {0}")]
    State(String),
}

impl SyncError {
    /// Whether retrying later may succeed without anyone acting.
    pub fn is_transient(&self) -> bool {
        matches!(self, SyncError::Offline(_))
    }
}

pub type Result<T, E = SyncError> = std::result::Result<T, E>;
