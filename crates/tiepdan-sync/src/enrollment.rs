//! Enrollment (`sync-design.md`, Lifecycle): a one-time code from the district exchanged for this
//! desk's revocable credential, saved in the state file. The desk app and the command line both
//! call [`enroll`], so what a refusal means is decided once, here.
//! Enrolling again replaces the credential, clears a stop, and keeps every unsent event.

use crate::client::{Http, Reply};
use crate::error::{Result, SyncError};
use crate::state::{Enrollment, SyncState};
use std::path::Path;
use tiepdan_domain::clock::Clock;
use tiepdan_protocol::{paths, EnrollRequest, EnrollResponse};

/// Exchanges a one-time code for a credential and saves it; clears a previous stop.
pub fn enroll(state_path: &Path, server_url: &str, code: &str, clock: &dyn Clock) -> Result<Enrollment> {
    let mut state = SyncState::load(state_path)?;
    let http = Http::new(server_url, None)?;
    let req = EnrollRequest { code: code.trim().to_string() };
    let resp: EnrollResponse = match http.post(paths::ENROLL, &req)? {
        Reply::Ok(r) => r,
        Reply::Refused(426, b) => return Err(SyncError::NeedsUpdate(b.message)),
        Reply::Refused(_, b) => return Err(SyncError::EnrollmentRefused(b.message)),
    };
    let enrollment = Enrollment {
        server_url: server_url.trim_end_matches('/').to_string(),
        credential: resp.credential,
        ward_code: resp.ward_code,
        ward_name: resp.ward_name,
        desk: resp.desk,
        enrolled_at: clock.now(),
    };
    state.enrollment = Some(enrollment.clone());
    state.blocked = None;
    state.save(state_path)?;
    Ok(enrollment)
}
