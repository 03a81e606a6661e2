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
pub mod invariants;
pub mod store;

use crate::error::{Error, Result};
use std::net::TcpListener;
use std::path::PathBuf;
use std::sync::Arc;
use store::Store;

#[derive(Clone)]
pub struct AppState {
    pub store: Arc<Store>,
    /// Whether this process terminates TLS itself (then the session cookie is `Secure`).
    pub tls: bool,
    pub logins: Arc<dashboard::throttle::LoginGuard>,
    /// The name desks show for this server ([`ServeOptions::upstream_name`]).
    pub upstream_name: Option<Arc<str>>,
}

/// The whole HTTP application: the API under `/api/v1`, the dashboard at `/`.
pub fn app(state: AppState) -> axum::Router {
    axum::Router::new().nest("/api/v1", api::router(state.clone())).merge(dashboard::router(state))
}

/// Certificate chain and private key, PEM files, for built-in TLS.
#[derive(Debug, Clone)]
pub struct TlsFiles {
    pub cert: PathBuf,
    pub key: PathBuf,
}

/// How a server process serves; the default is plain HTTP, no configured name, silent.
#[derive(Debug, Clone, Default)]
pub struct ServeOptions {
    /// Built-in TLS; `None` behind a TLS proxy or on loopback.
    pub tls: Option<TlsFiles>,
    /// What the wards call this upstream ("UBND tỉnh Ninh Bình"), already checked by
    /// [`tiepdan_protocol::upstream_name`]; sent to desks at enrollment and on every round.
    pub upstream_name: Option<String>,
    /// Print `listening on ADDR` once bound (the command line does; tests reading the port do).
    pub print_address: bool,
}

/// Binds `listen`, prints `listening on ADDR` (the real port when asked for port 0), and serves
/// until the process ends. Every change is committed before it is answered, so ending the process
/// at any moment loses nothing that was acknowledged.
pub async fn serve(store: Arc<Store>, listen: &str, options: ServeOptions) -> Result<()> {
    let listener =
        TcpListener::bind(listen).map_err(|e| Error::Internal(format!("cannot listen on {listen}: {e}")))?;
    serve_listener(store, listener, ServeOptions { print_address: true, ..options }).await
}

/// Serves on an already bound listener (tests of other crates run the server in-process this way).
pub async fn serve_listener(store: Arc<Store>, listener: TcpListener, options: ServeOptions) -> Result<()> {
    let io = |what: &str, e: std::io::Error| Error::Internal(format!("{what}: {e}"));
    let addr = listener.local_addr().map_err(|e| io("local address", e))?;
    let ServeOptions { tls, upstream_name, print_address } = options;
    let state = AppState {
        store,
        tls: tls.is_some(),
        logins: Arc::default(),
        upstream_name: upstream_name.map(Arc::from),
    };
    let service = app(state).into_make_service();
    let announce = |line: String| {
        if print_address {
            announce(&line)
        }
    };
    match tls {
        None => {
            announce(format!("listening on {addr}"));
            axum_server::from_tcp(listener).map_err(|e| io("listener", e))?.serve(service).await
        }
        Some(files) => {
            // One crypto provider for the whole process, whatever features other crates enable.
            let _ = rustls::crypto::ring::default_provider().install_default();
            let config = axum_server::tls_rustls::RustlsConfig::from_pem_file(&files.cert, &files.key)
                .await
                .map_err(|e| Error::BadRequest(format!("không đọc được chứng chỉ hoặc khóa TLS: {e}")))?;
            announce(format!("listening on {addr} (tls)"));
            axum_server::tls_rustls::from_tcp_rustls(listener, config)
                .map_err(|e| io("listener", e))?
                .serve(service)
                .await
        }
    }
    .map_err(|e| io("server", e))
}

fn announce(line: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{line}");
    let _ = out.flush();
}
