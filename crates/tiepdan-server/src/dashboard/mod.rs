//! The district dashboard: server-rendered Vietnamese HTML for district staff, behind a login.
//!
//! No script, no inline style and no outside asset (the policy of [`crate::headers`] forbids them);
//! every value is escaped ([`page::esc`]). The session lives in an `HttpOnly`, `SameSite=Strict`
//! cookie whose token is stored hashed; when browsers arrive over HTTPS (built-in TLS or
//! `--secure-cookie`) it is also `Secure` and named with the `__Host-` prefix, so no other site or
//! plain-HTTP page can set or read it. The login itself is in [`login`].

mod client;
mod login;
mod page;
pub mod password;
mod reports;
pub mod throttle;

use crate::api::blocking;
use crate::error::Result;
use crate::AppState;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{header, HeaderMap};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;

pub use client::ClientAddress;

const SESSION_HOURS: i64 = 12;
/// A login form is a name, a password and a token; anything bigger is not one.
const LOGIN_BODY_BYTES: usize = 4 * 1024;

pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/", get(dashboard))
        .route("/style.css", get(style))
        .route("/bao-cao", get(reports::page))
        .route("/bao-cao.json", get(reports::json))
        .route("/bao-cao.xlsx", get(reports::xlsx))
        .route("/login", get(login::form).post(login::login))
        .route("/logout", post(logout))
        .layer(DefaultBodyLimit::max(LOGIN_BODY_BYTES))
        .with_state(state)
}

/// The name of a cookie, with the `__Host-` prefix when the browser speaks HTTPS to us.
fn cookie_name(secure: bool, base: &str) -> String {
    if secure {
        format!("__Host-{base}")
    } else {
        base.to_string()
    }
}

/// `Set-Cookie` value: host-only, whole site, script-proof, never sent from another site.
fn set_cookie(secure: bool, base: &str, value: &str, max_age_seconds: i64) -> String {
    let secure_flag = if secure { "; Secure" } else { "" };
    format!(
        "{}={value}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age_seconds}{secure_flag}",
        cookie_name(secure, base)
    )
}

/// The value of the cookie `base` (under its configured name), if short enough to be ours.
fn cookie(state: &AppState, headers: &HeaderMap, base: &str) -> Option<String> {
    let name = cookie_name(state.secure_cookie, base);
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, value)| value.to_string())
        .filter(|v| !v.is_empty() && v.len() <= 128)
}

const SESSION: &str = "tiepdan_session";

/// What the report page and its JSON are asked for (`?form=tcd01&period=q1&year=2026`, or
/// `?form=xld01&from=2026-01-01&to=2026-01-31`, optionally `&ward=12345`). Texts, checked where
/// the report is resolved, so a bad value gets its Vietnamese message rather than a bare 400.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub(crate) struct ReportQuery {
    pub form: Option<String>,
    pub period: Option<String>,
    pub year: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub ward: Option<String>,
}

async fn current_user(state: &AppState, headers: &HeaderMap) -> Result<Option<String>> {
    let Some(token) = cookie(state, headers, SESSION) else { return Ok(None) };
    blocking(&state.store, move |s| s.session_user(&token)).await
}

async fn dashboard(State(state): State<AppState>, headers: HeaderMap) -> Result<Response> {
    let Some(user) = current_user(&state, &headers).await? else {
        return Ok(Redirect::to("/login").into_response());
    };
    let (wards, forks, now) =
        blocking(&state.store, |s| Ok((s.wards()?, s.quarantine()?, s.clock_now()))).await?;
    Ok(Html(page::dashboard(&user, state.upstream_name.as_deref(), &wards, &forks, now)).into_response())
}

async fn style() -> Response {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], page::STYLE).into_response()
}

async fn logout(State(state): State<AppState>, headers: HeaderMap) -> Result<Response> {
    if let Some(token) = cookie(&state, &headers, SESSION) {
        blocking(&state.store, move |s| s.logout(&token)).await?;
    }
    let clear = set_cookie(state.secure_cookie, SESSION, "", 0);
    Ok(([(header::SET_COOKIE, clear)], Redirect::to("/login")).into_response())
}
