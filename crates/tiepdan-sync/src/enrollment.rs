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

/// The district server's base address as typed, trimmed, if it is one the desk may talk to: an
/// `https://` URL with a host, or an `http://` URL whose host is this computer (`localhost`,
/// 127.0.0.0/8, `::1`). Plain HTTP anywhere else would send the desk's credential and the ward's
/// register in clear text, and let anyone on the path change the reference data that sets deadlines
/// (`docs/protocol.md`, Transport). Checked before any request, so a typing mistake is told as such
/// rather than as a network failure.
pub fn server_url(typed: &str) -> Result<&str> {
    let url = typed.trim();
    let refused = || SyncError::BadServerUrl(url.to_string());
    let (rest, secure) = match url.strip_prefix("https://") {
        Some(rest) => (rest, true),
        None => (url.strip_prefix("http://").ok_or_else(refused)?, false),
    };
    let host = host_of(rest).ok_or_else(refused)?;
    if secure || is_loopback(host) {
        Ok(url)
    } else {
        Err(refused())
    }
}

/// The host part of what follows the scheme (`user@host:port/path` → `host`, `[::1]:8080` → `::1`).
fn host_of(rest: &str) -> Option<&str> {
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_port = authority.rsplit('@').next().unwrap_or_default();
    let host = match host_port.strip_prefix('[') {
        Some(bracketed) => bracketed.split(']').next().unwrap_or_default(),
        None => host_port.split(':').next().unwrap_or_default(),
    };
    (!host.is_empty()).then_some(host)
}

/// Only names that cannot leave this computer: a look-alike such as `127.0.0.1.example.vn` or
/// `localhost.example.vn` is a remote host.
fn is_loopback(host: &str) -> bool {
    host.trim_end_matches('.').eq_ignore_ascii_case("localhost")
        || host.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
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
    fn an_https_address_with_a_host_is_accepted() {
        assert_eq!(
            server_url(" https://tiepdan.quan-ha-dong.vn/ ").unwrap(),
            "https://tiepdan.quan-ha-dong.vn/"
        );
        assert_eq!(server_url("https://10.0.0.5:8443").unwrap(), "https://10.0.0.5:8443");
    }

    #[test]
    fn plain_http_is_accepted_only_for_a_server_on_this_computer() {
        for typed in
            ["http://127.0.0.1:8080", "http://localhost:8080/", "http://[::1]:8080", "http://127.8.0.1"]
        {
            assert_eq!(server_url(typed).unwrap(), typed, "{typed} never leaves this computer");
        }
        for typed in [
            "http://10.0.0.5:8080",
            "http://tiepdan.quan-ha-dong.vn",
            "http://127.0.0.1.example.vn",
            "http://localhost.example.vn",
            "http://127.0.0.1@10.0.0.5",
            "http://[fe80::1]:8080",
        ] {
            assert!(
                matches!(server_url(typed), Err(SyncError::BadServerUrl(_))),
                "{typed:?} would carry the credential in clear text"
            );
        }
    }

    #[test]
    fn an_address_without_a_scheme_or_host_is_refused_before_any_request() {
        for typed in
            ["10.0.0.5:8080", "ftp://quan.vn", "https://", "http:///", "", "tiepdan.vn", "https://:443"]
        {
            assert!(
                matches!(server_url(typed), Err(SyncError::BadServerUrl(_))),
                "{typed:?} is refused before any request"
            );
        }
    }
}
