//! Resource controls of the listener: how long a client may take to send its headers and to finish a
//! request, and how many connections are served at once.
//!
//! Invariants: a connection that has not sent a complete request head within
//! [`Limits::header_timeout`] is closed without an answer (hyper's header read timeout, and
//! axum-server's first-request timeout for the protocol detection that precedes it); a request that
//! has not been answered within [`Limits::request_timeout`] is answered 503 and its work dropped
//! (a 503 is never an acknowledgement, so the desk resends and the store sees a duplicate); beyond
//! [`Limits::max_connections`] open connections, a new one is closed at once rather than queued,
//! so file descriptors and memory stay bounded whoever connects.

use crate::error::Error;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum_server::accept::Accept;
use std::future::{ready, Ready};
use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// The listener's limits; [`Limits::default`] suits a district of a few hundred desks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Time allowed to send a request head (also the idle time allowed between requests).
    pub header_timeout: Duration,
    /// Time allowed from the request head to the end of the answer, body upload included.
    pub request_timeout: Duration,
    /// Connections served at once; more are closed as they arrive.
    pub max_connections: usize,
    /// Requests in flight on one HTTP/2 connection.
    pub h2_max_streams: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            header_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(120),
            max_connections: 512,
            h2_max_streams: 32,
        }
    }
}

/// Applies the timeouts and the HTTP/2 stream limit to a server before it serves.
pub fn configure<A: axum_server::Address, Acc>(
    server: axum_server::Server<A, Acc>,
    limits: &Limits,
) -> axum_server::Server<A, Acc> {
    let mut server = server.first_request_timeout(limits.header_timeout);
    let builder = server.http_builder();
    builder.http1().header_read_timeout(limits.header_timeout);
    builder.http2().max_concurrent_streams(limits.h2_max_streams);
    server
}

/// Middleware: answers 503 when the rest of the request takes longer than the configured time.
pub async fn within_request_timeout(State(limit): State<Duration>, request: Request, next: Next) -> Response {
    let path = request.uri().path().to_string();
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => {
            tracing::warn!(path, "request timed out");
            Error::Busy.into_response()
        }
    }
}

/// Admits a connection only while fewer than the limit are open; the slot is held by the
/// connection's stream and freed when it closes.
#[derive(Clone)]
pub struct Admission {
    slots: Arc<Semaphore>,
}

impl Admission {
    pub fn new(max_connections: usize) -> Admission {
        Admission { slots: Arc::new(Semaphore::new(max_connections.max(1))) }
    }
}

impl<S> Accept<TcpStream, S> for Admission {
    type Stream = Admitted<TcpStream>;
    type Service = S;
    type Future = Ready<io::Result<(Admitted<TcpStream>, S)>>;

    fn accept(&self, stream: TcpStream, service: S) -> Self::Future {
        ready(match self.slots.clone().try_acquire_owned() {
            Ok(slot) => Ok((Admitted { inner: stream, _slot: slot }, service)),
            // Dropping the stream closes it: refusing is cheaper than queueing for whoever floods.
            Err(_) => Err(io::Error::other("connection limit reached")),
        })
    }
}

/// A connection holding one admission slot for as long as it is open.
pub struct Admitted<S> {
    inner: S,
    _slot: OwnedSemaphorePermit,
}

impl<S: AsyncRead + Unpin> AsyncRead for Admitted<S> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Admitted<S> {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }
}

/// `--header-timeout 10s`, `--request-timeout 2m`: a number with a unit (`s`, `m`), or seconds.
pub fn parse_duration(raw: &str) -> Result<Duration, String> {
    let raw = raw.trim();
    let (number, unit) = match raw.strip_suffix('m') {
        Some(n) => (n, 60),
        None => (raw.strip_suffix('s').unwrap_or(raw), 1),
    };
    match number.trim().parse::<u64>().ok().and_then(|n| n.checked_mul(unit)) {
        Some(seconds) if (1..=3600).contains(&seconds) => Ok(Duration::from_secs(seconds)),
        _ => Err(format!("\"{raw}\" is not a duration between 1s and 60m (e.g. 10s or 2m)")),
    }
}
