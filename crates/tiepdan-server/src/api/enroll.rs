//! `POST /api/v1/enroll`: a one-time code for a device credential bound to one ward and desk.
//!
//! Open to anyone, so it does as little as possible for a wrong code: a body of at most
//! [`MAX_BODY_BYTES`], a code of the issued shape, and a read of the store before any write lock
//! ([`Store::enroll`](crate::store::Store::enroll)).

use super::{blocking, json_body};
use crate::error::{Error, Result};
use crate::AppState;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::Json;
use tiepdan_protocol::{EnrollRequest, EnrollResponse};

/// `{"code":"XXXX-XXXX-XXXX"}` with room to spare.
pub(super) const MAX_BODY_BYTES: usize = 1024;

pub(super) async fn enroll(
    State(state): State<AppState>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<EnrollResponse>> {
    let req: EnrollRequest = json_body(body)?;
    if req.code.len() > 64 {
        return Err(Error::EnrollmentRefused);
    }
    let (credential, cred) = blocking(&state.store, move |s| s.enroll(&req.code)).await?;
    tracing::info!(ward = %cred.ward_code, desk = %cred.desk, "desk enrolled");
    Ok(Json(EnrollResponse {
        credential,
        ward_code: cred.ward_code,
        ward_name: cred.ward_name,
        desk: cred.desk,
        upstream_name: state.upstream_name.as_deref().map(str::to_string),
    }))
}
