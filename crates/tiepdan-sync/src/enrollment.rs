//! Enrollment (`sync-design.md`, Lifecycle): a one-time code from the district exchanged for this
//! desk's revocable credential, saved in the state file (encrypted under the register key). The
//! desk app and the command line both call [`enroll`], so the address they accept and what a
//! refusal means are decided once, here.
//! Enrolling again replaces the credential, clears a stop, and keeps every unsent event.

use crate::client::{Http, Reply};
use crate::engine::Journal;
use crate::error::{Result, SyncError};
use crate::state::{Enrollment, StoredCredential, SyncState};
use std::path::Path;
use tiepdan_domain::clock::Clock;
use tiepdan_protocol::{paths, EnrollRequest, EnrollResponse};

/// The district server's base address as typed, trimmed, if it is one the desk can talk to: an
/// `http://` or `https://` URL with something after the scheme. Checked before any request, so a
/// typing mistake is told as such rather than as a network failure.
pub fn server_url(typed: &str) -> Result<&str> {
    let url = typed.trim();
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
    match rest {
        Some(host) if !host.trim_matches('/').is_empty() => Ok(url),
        _ => Err(SyncError::BadServerUrl(url.to_string())),
    }
}

/// Exchanges a one-time code for a credential and saves it, encrypted under `journal`'s register key
/// (`credential`); clears a previous stop.
pub fn enroll(
    journal: &impl Journal,
    state_path: &Path,
    server_url: &str,
    code: &str,
    clock: &dyn Clock,
) -> Result<Enrollment> {
    let server_url = self::server_url(server_url)?;
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
        credential: journal.read(|r| StoredCredential::seal(r, &resp.credential))?,
        ward_code: resp.ward_code,
        ward_name: resp.ward_name,
        desk: resp.desk,
        enrolled_at: clock.now(),
        upstream_name: Enrollment::shown_name(resp.upstream_name.as_deref()),
    };
    state.enrollment = Some(enrollment.clone());
    state.blocked = None;
    state.save(state_path)?;
    Ok(enrollment)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_an_http_or_https_address_with_a_host_is_accepted() {
        assert_eq!(
            server_url(" https://tiepdan.quan-ha-dong.vn/ ").unwrap(),
            "https://tiepdan.quan-ha-dong.vn/"
        );
        assert_eq!(server_url("http://10.0.0.5:8080").unwrap(), "http://10.0.0.5:8080");
        for typed in ["10.0.0.5:8080", "ftp://quan.vn", "https://", "http:///", "", "tiepdan.vn"] {
            assert!(
                matches!(server_url(typed), Err(SyncError::BadServerUrl(_))),
                "{typed:?} is refused before any request"
            );
        }
    }
}
