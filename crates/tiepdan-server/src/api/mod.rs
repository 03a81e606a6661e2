//! The desk-facing HTTP API under `/api/v1` (`tiepdan_protocol::paths`).
//!
//! Every request but health carries the protocol version header (too old or missing → 426 with
//! [`ErrorCode::ProtocolTooOld`](tiepdan_protocol::ErrorCode)), and every request but health and
//! enrollment carries a device credential, checked against the ward it touches (I10). Bodies are
//! size-limited (413; 1 KiB for the unauthenticated enrollment) and parsed here, so a malformed one gets a 400 `{code, message}` and changes
//! nothing. Storage work runs on the blocking pool.

mod enroll;
mod streams;

use crate::error::{Error, Result};
use crate::store::{Credential, Store};
use crate::AppState;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::de::DeserializeOwned;
use std::sync::Arc;
use tiepdan_protocol::{Health, MAX_BODY_BYTES, MIN_SUPPORTED_VERSION, PROTOCOL_VERSION, VERSION_HEADER};

pub fn router(state: AppState) -> Router {
    let versioned = Router::new()
        // Anyone may call enrollment: its body is a code, so it is held to a small limit.
        .route("/enroll", post(enroll::enroll).layer(DefaultBodyLimit::max(enroll::MAX_BODY_BYTES)))
        .route("/desk", get(streams::desk))
        .route("/feed", get(streams::feed))
        .route("/streams/{stream}", get(streams::stream_state))
        .route("/streams/{stream}/events", post(streams::push).get(streams::events))
        .fallback(not_found)
        .layer(middleware::from_fn(require_version))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES));
    Router::new().route("/health", get(health)).merge(versioned).with_state(state)
}

async fn health() -> Json<Health> {
    Json(Health {
        status: "ok".into(),
        protocol_version: PROTOCOL_VERSION,
        min_supported_version: MIN_SUPPORTED_VERSION,
    })
}

async fn not_found() -> Error {
    Error::NotFound("không có địa chỉ này".into())
}

async fn require_version(request: Request, next: Next) -> Result<Response> {
    let got = request
        .headers()
        .get(VERSION_HEADER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u32>().ok())
        .unwrap_or(0);
    if got < MIN_SUPPORTED_VERSION {
        return Err(Error::ProtocolTooOld { got });
    }
    Ok(next.run(request).await)
}

/// Runs a storage call on the blocking pool.
pub(crate) async fn blocking<T, F>(store: &Arc<Store>, f: F) -> Result<T>
where
    T: Send + 'static,
    F: FnOnce(&Store) -> Result<T> + Send + 'static,
{
    let store = store.clone();
    tokio::task::spawn_blocking(move || f(&store))
        .await
        .map_err(|e| Error::Internal(format!("blocking task: {e}")))?
}

/// The desk behind a valid `Authorization: Bearer` credential.
pub(crate) struct Desk(pub Credential);

impl FromRequestParts<AppState> for Desk {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self> {
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty() && t.len() <= 200)
            .ok_or(Error::Unauthorized)?;
        Ok(Desk(blocking(&state.store, move |s| s.authenticate(&token)).await?))
    }
}

/// A JSON body read within the size limit: 413 when too large, 400 when malformed.
pub(crate) fn json_body<T: DeserializeOwned>(body: Result<Bytes, BytesRejection>) -> Result<T> {
    let bytes = body.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            Error::TooLarge
        } else {
            Error::BadRequest("không đọc được nội dung yêu cầu".into())
        }
    })?;
    serde_json::from_slice(&bytes).map_err(|e| Error::BadRequest(format!("nội dung JSON không hợp lệ: {e}")))
}
