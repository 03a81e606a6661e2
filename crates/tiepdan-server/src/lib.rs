//! The district server of Tiếp Dân: receives every ward desk's journal, serves each ward its feed of
//! reference data, and shows district staff a dashboard (`shared/sync-design.md`, issue 5).
//!
//! It owns the network-server world (axum on tokio, optional rustls) and its own SQLite store
//! ([`store`]). The wire contract is `tiepdan-protocol`; this crate never depends on the desk's
//! register or sync engine. Invariants it keeps: each (stream, seq) and event id stored once (I3);
//! a differing resend is quarantined and shown, never overwritten (I4); stored streams are gapless
//! prefixes with valid chains (I5); an answer is sent only after its commit (I6); a credential
//! reaches only its own ward (I10). [`invariants`] checks a store file for them.

pub mod api;
pub mod cli;
pub mod dashboard;
pub mod error;
pub mod headers;
pub mod invariants;
pub mod limits;
pub mod reports;
mod serve;
pub mod store;

pub use serve::{serve, serve_listener};

use axum::http::HeaderName;
use dashboard::password::PasswordCheck;
use dashboard::throttle::LoginGuard;
use limits::Limits;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use store::Store;

#[derive(Clone)]
pub struct AppState {
    pub store: Arc<Store>,
    /// Whether browsers reach the dashboard over HTTPS (built-in TLS, or `--secure-cookie` behind a
    /// TLS proxy): then the session cookie is `Secure` and named `__Host-…`.
    pub secure_cookie: bool,
    pub logins: Arc<LoginGuard>,
    pub passwords: Arc<PasswordCheck>,
    /// The header a trusted proxy puts the client's address in ([`ServeOptions::client_ip_header`]).
    pub client_ip_header: Option<HeaderName>,
    /// The name desks show for this server ([`ServeOptions::upstream_name`]).
    pub upstream_name: Option<Arc<str>>,
    pub request_timeout: Duration,
    /// The reports' figures kept between looks, brought up to date after pushes
    /// ([`reports::kept`]).
    pub figures: Arc<reports::kept::Kept>,
}

/// The whole HTTP application: the API under `/api/v1`, the dashboard at `/`, every answer within
/// the request timeout and with the security headers of [`headers`].
pub fn app(state: AppState) -> axum::Router {
    use axum::middleware::{from_fn, from_fn_with_state};
    let timeout = state.request_timeout;
    axum::Router::new()
        .nest("/api/v1", api::router(state.clone()))
        .merge(dashboard::router(state))
        .layer(from_fn_with_state(timeout, limits::within_request_timeout))
        // Outermost, so a timeout's 503 carries the headers too.
        .layer(from_fn(headers::secure))
}

/// Certificate chain and private key, PEM files, for built-in TLS.
#[derive(Debug, Clone)]
pub struct TlsFiles {
    pub cert: PathBuf,
    pub key: PathBuf,
}

/// How a server process serves; the default is plain HTTP on loopback only, no configured name,
/// silent, with the default [`Limits`].
#[derive(Debug, Clone, Default)]
pub struct ServeOptions {
    /// Built-in TLS; `None` behind a TLS proxy or on loopback.
    pub tls: Option<TlsFiles>,
    /// What the wards call this upstream ("UBND tỉnh Ninh Bình"), already checked by
    /// [`tiepdan_protocol::upstream_name`]; sent to desks at enrollment and on every round.
    pub upstream_name: Option<String>,
    /// Print `listening on ADDR` once bound (the command line does; tests reading the port do).
    pub print_address: bool,
    /// Serve plain HTTP on an address other than loopback (`--insecure-http`); warned about.
    pub insecure_http: bool,
    /// Browsers reach the dashboard over HTTPS through a proxy (`--secure-cookie`).
    pub secure_cookie: bool,
    /// Take the client's address for login throttling from this header, set by a trusted proxy
    /// (`--client-ip-header`); otherwise the connection's address.
    pub client_ip_header: Option<HeaderName>,
    pub limits: Limits,
    /// Verifies dashboard passwords; shared with the caller (tests count its verifications).
    pub passwords: Arc<PasswordCheck>,
}
