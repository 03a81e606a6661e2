//! Binding and serving: plain HTTP only on loopback unless the operator insists, built-in TLS
//! otherwise, always with the [`Limits`](crate::limits::Limits) of the options.
//!
//! Invariant: a process never serves plain HTTP on an address other than loopback without
//! `--insecure-http`, and when it does it says so in its log. Desks refuse `http://` for anything but
//! loopback for the same reason (`tiepdan_sync::enrollment::server_url`).

use crate::error::{Error, Result};
use crate::limits::{self, Admission};
use crate::store::Store;
use crate::{app, AppState, ServeOptions};
use std::net::{SocketAddr, TcpListener};
use std::sync::Arc;

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
    let ServeOptions {
        tls,
        upstream_name,
        print_address,
        insecure_http,
        secure_cookie,
        client_ip_header,
        limits,
        passwords,
    } = options;
    if tls.is_none() && !addr.ip().is_loopback() {
        if !insecure_http {
            return Err(Error::BadRequest(format!(
                "refusing to serve plain HTTP on {addr}: desks would send their credentials and \
                 registers in clear text. Use --tls-cert and --tls-key, or listen on 127.0.0.1 behind \
                 a TLS proxy, or pass --insecure-http on a network you trust."
            )));
        }
        tracing::warn!(
            %addr,
            "serving plain HTTP beyond loopback (--insecure-http): credentials, registers and reference \
             data cross the network unencrypted and unauthenticated"
        );
    }
    let figures = Arc::new(crate::reports::kept::Kept::default());
    figures.start_keeper(&store, crate::reports::keeper::dashboard_defaults);
    let state = AppState {
        figures,
        store,
        secure_cookie: secure_cookie || tls.is_some(),
        logins: Arc::default(),
        passwords,
        client_ip_header,
        upstream_name: upstream_name.map(Arc::from),
        request_timeout: limits.request_timeout,
    };
    let service = app(state).into_make_service_with_connect_info::<SocketAddr>();
    let announce = |line: String| {
        if print_address {
            announce(&line)
        }
    };
    let admission = Admission::new(limits.max_connections);
    let on_refused = |remote: Option<&SocketAddr>, e: &std::io::Error| {
        tracing::warn!(remote = ?remote, "connection not served: {e}");
    };
    match tls {
        None => {
            let server = axum_server::from_tcp(listener).map_err(|e| io("listener", e))?.acceptor(admission);
            let server = limits::configure(server, &limits).accept_error_handler(on_refused);
            announce(format!("listening on {addr}"));
            server.serve(service).await
        }
        Some(files) => {
            // One crypto provider for the whole process, whatever features other crates enable.
            let _ = rustls::crypto::ring::default_provider().install_default();
            let config = axum_server::tls_rustls::RustlsConfig::from_pem_file(&files.cert, &files.key)
                .await
                .map_err(|e| Error::BadRequest(format!("không đọc được chứng chỉ hoặc khóa TLS: {e}")))?;
            let server = axum_server::tls_rustls::from_tcp_rustls(listener, config)
                .map_err(|e| io("listener", e))?
                .map(|tls| tls.acceptor(admission));
            let server = limits::configure(server, &limits).accept_error_handler(on_refused);
            announce(format!("listening on {addr} (tls)"));
            server.serve(service).await
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
