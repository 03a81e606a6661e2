//! Security headers on every answer, so a browser never frames, caches, sniffs or lets a script run
//! in the dashboard, and never leaks its address to another site.
//!
//! Invariant: the dashboard has no script and no inline style ([`dashboard`](crate::dashboard) serves
//! its style sheet at `/style.css`), so the policy can forbid both outright. API answers carry the
//! same headers: they cost nothing and a JSON answer must not be cached by a proxy either.

use axum::extract::Request;
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; style-src 'self'; img-src 'self'; \
     form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

pub async fn secure(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    for (name, value) in [
        (header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        // Dashboard pages name wards and staff; nothing is to be kept by a browser or a proxy.
        (header::CACHE_CONTROL, "no-store"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    response
}
