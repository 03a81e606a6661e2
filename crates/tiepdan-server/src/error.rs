//! The server's one error type, mapped once to an HTTP status and a `{code, message}` body.
//!
//! Internal errors (storage, I/O) are logged with their detail and answered with a bare 500: a
//! desk or a browser never sees SQL or file paths. The CLI prints the same messages.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use tiepdan_protocol::{ErrorBody, ErrorCode, FeedPage, MIN_SUPPORTED_VERSION};

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}")]
    BadRequest(String),
    #[error("thiết bị chưa được đăng ký hoặc đã bị thu hồi")]
    Unauthorized,
    #[error("{0}")]
    Forbidden(String),
    #[error("mã đăng ký không hợp lệ, đã hết hạn hoặc đã được dùng")]
    EnrollmentRefused,
    #[error("{0}")]
    NotFound(String),
    #[error("thiếu sự kiện: máy chủ cần gửi tiếp từ số {expected}")]
    Gap { expected: u64 },
    #[error("sự kiện số {seq} khác với bản máy chủ đã lưu: luồng bị tạm giữ, cần cấp trên xử lý")]
    Fork { seq: u64 },
    #[error("mã sự kiện {0} đã được lưu ở vị trí khác")]
    EventIdReused(String),
    #[error("con trỏ nguồn dữ liệu không còn hợp lệ: dùng bản chụp")]
    CursorExpired(Box<FeedPage>),
    #[error("yêu cầu quá lớn")]
    TooLarge,
    #[error("mã băm của sự kiện số {seq} không khớp nội dung")]
    BadHash { seq: u64 },
    #[error("chuỗi băm bị đứt ở sự kiện số {seq}")]
    BrokenChain { seq: u64 },
    #[error("phần mềm ở bàn tiếp quá cũ (giao thức {got}); cần cập nhật lên giao thức {MIN_SUPPORTED_VERSION} trở lên")]
    ProtocolTooOld { got: u32 },
    /// The server could not finish in time (request timeout) or is saturated; retried by desks.
    #[error("máy chủ đang bận, hãy thử lại sau")]
    Busy,
    #[error("internal error: {0}")]
    Internal(String),
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        Error::Internal(format!("storage: {e}"))
    }
}

impl From<postgres::Error> for Error {
    /// The database being away (connection lost, server shutting down or restarting, not yet
    /// accepting connections) or a transaction that lost a serialization race or a deadlock is
    /// transient: nothing was committed, and the desk retries on 503. Anything else is a bug or a
    /// broken database: 500, logged with its detail.
    fn from(e: postgres::Error) -> Self {
        if postgres_is_transient(&e) {
            tracing::warn!(error = %e, "PostgreSQL unavailable; answering 503");
            Error::Busy
        } else {
            // A database error's Display is only "db error": its detail (SQLSTATE, message) is
            // what the log needs.
            let detail =
                e.as_db_error().map_or_else(|| e.to_string(), |db| format!("{db} ({})", db.code().code()));
            Error::Internal(format!("storage: {detail}"))
        }
    }
}

fn postgres_is_transient(e: &postgres::Error) -> bool {
    if e.is_closed() {
        return true;
    }
    if let Some(state) = e.code() {
        let code = state.code();
        // Class 08: connection exception; 57P01..57P03: admin/crash shutdown, cannot connect now;
        // 40001/40P01: serialization failure, deadlock (rolled back whole).
        return code.starts_with("08") || matches!(code, "57P01" | "57P02" | "57P03" | "40001" | "40P01");
    }
    // No SQLSTATE: the socket failed under the client (reset, refused, EOF).
    std::error::Error::source(e).is_some_and(|s| s.downcast_ref::<std::io::Error>().is_some())
}

impl From<r2d2::Error> for Error {
    /// r2d2 fails a checkout only when no connection could be had in time: the database is away or
    /// every connection is busy. Either way the desk should retry.
    fn from(e: r2d2::Error) -> Self {
        tracing::warn!(error = %e, "no PostgreSQL connection; answering 503");
        Error::Busy
    }
}

impl Error {
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::BadRequest(_) => ErrorCode::BadRequest,
            Error::Unauthorized => ErrorCode::Unauthorized,
            Error::Forbidden(_) => ErrorCode::Forbidden,
            Error::EnrollmentRefused => ErrorCode::EnrollmentRefused,
            Error::NotFound(_) => ErrorCode::NotFound,
            Error::Gap { .. } => ErrorCode::Gap,
            Error::Fork { .. } => ErrorCode::Fork,
            Error::EventIdReused(_) => ErrorCode::EventIdReused,
            Error::CursorExpired(_) => ErrorCode::CursorExpired,
            Error::TooLarge => ErrorCode::TooLarge,
            Error::BadHash { .. } => ErrorCode::BadHash,
            Error::BrokenChain { .. } => ErrorCode::BrokenChain,
            Error::ProtocolTooOld { .. } => ErrorCode::ProtocolTooOld,
            Error::Busy | Error::Internal(_) => ErrorCode::Internal,
        }
    }

    pub fn status(&self) -> StatusCode {
        if let Error::Busy = self {
            // Any 5xx is transient to a desk; 503 tells a proxy and a person the same.
            return StatusCode::SERVICE_UNAVAILABLE;
        }
        match self.code() {
            ErrorCode::BadRequest => StatusCode::BAD_REQUEST,
            ErrorCode::Unauthorized => StatusCode::UNAUTHORIZED,
            ErrorCode::Forbidden | ErrorCode::EnrollmentRefused => StatusCode::FORBIDDEN,
            ErrorCode::NotFound => StatusCode::NOT_FOUND,
            ErrorCode::Gap | ErrorCode::Fork | ErrorCode::EventIdReused => StatusCode::CONFLICT,
            ErrorCode::CursorExpired => StatusCode::GONE,
            ErrorCode::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ErrorCode::BadHash | ErrorCode::BrokenChain => StatusCode::UNPROCESSABLE_ENTITY,
            ErrorCode::ProtocolTooOld => StatusCode::UPGRADE_REQUIRED,
            ErrorCode::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn body(self) -> ErrorBody {
        let message = match &self {
            Error::Internal(detail) => {
                tracing::error!("{detail}");
                "lỗi nội bộ của máy chủ".to_string()
            }
            other => other.to_string(),
        };
        let mut body = ErrorBody::new(self.code(), message);
        match self {
            Error::Gap { expected } => body.expected_seq = Some(expected),
            Error::Fork { seq } => body.fork_seq = Some(seq),
            Error::ProtocolTooOld { .. } => body.min_version = Some(MIN_SUPPORTED_VERSION),
            Error::CursorExpired(page) => body.snapshot = Some(page),
            _ => {}
        }
        body
    }
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        let status = self.status();
        (status, Json(self.body())).into_response()
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
