//! The body of every error response: a stable machine code the desk branches on, and a message for
//! people (Vietnamese where a clerk may read it). Extra fields appear only for the codes that need them.

use crate::feed::FeedPage;
use serde::{Deserialize, Serialize};

/// What went wrong, as the desk must react to it. Never branch on the message text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// 400: the body or a parameter is malformed; nothing was changed.
    BadRequest,
    /// 401: no credential, an unknown one, or a revoked one. The desk stops and asks for enrollment.
    Unauthorized,
    /// 403: the credential is valid but not for this ward, desk or stream (I10).
    Forbidden,
    /// 403: the enrollment code is unknown, expired or already used.
    EnrollmentRefused,
    /// 404
    NotFound,
    /// 409: the batch starts after the server's high-water mark; resend from `expected_seq`.
    Gap,
    /// 409: an event differs from the one the server holds at the same seq; the stream is quarantined.
    Fork,
    /// 409: an event id already stored elsewhere; the batch is refused.
    EventIdReused,
    /// 410: the feed cursor is unknown to the server; the body carries a snapshot.
    CursorExpired,
    /// 413: the body is too large; the desk halves its batch.
    TooLarge,
    /// 422: a payload hash does not match its payload, or its side fields disagree with it.
    BadHash,
    /// 422: a chain hash does not follow from the previous event.
    BrokenChain,
    /// 426: the desk's protocol version is too old (or missing); the desk must be updated.
    ProtocolTooOld,
    /// 500: logged on the server; details are never sent.
    Internal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub code: ErrorCode,
    pub message: String,
    /// With [`ErrorCode::Gap`]: the seq the server expects next.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_seq: Option<u64>,
    /// With [`ErrorCode::Fork`]: the first seq whose content differs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fork_seq: Option<u64>,
    /// With [`ErrorCode::ProtocolTooOld`]: the oldest version the server accepts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_version: Option<u32>,
    /// With [`ErrorCode::CursorExpired`]: the current reference data; replace everything with it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snapshot: Option<Box<FeedPage>>,
}

impl ErrorBody {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        ErrorBody {
            code,
            message: message.into(),
            expected_seq: None,
            fork_seq: None,
            min_version: None,
            snapshot: None,
        }
    }
}
