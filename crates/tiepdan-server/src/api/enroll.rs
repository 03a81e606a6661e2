//! `POST /api/v1/enroll`: a one-time code for a device credential bound to one ward and desk.

use super::{blocking, json_body};
use crate::error::{Error, Result};
use crate::AppState;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::Json;
use tiepdan_protocol::{EnrollRequest, EnrollResponse};

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
