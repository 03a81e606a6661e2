//! `GET /login` and `POST /login`: the form, its CSRF token, throttling, and the password check.
//!
//! Invariants, in the order a request meets them:
//! 1. The form must carry the token set in a cookie when the form was served (double submit): a page
//!    on another site cannot log a browser in to an account of its choosing.
//! 2. A name longer than [`MAX_USER_NAME`] characters or a password longer than [`MAX_PASSWORD`] is
//!    refused before any work; the body is at most 4 KiB anyway.
//! 3. A slot of the throttle is taken before the password is checked ([`throttle`](super::throttle)).
//! 4. Known and unknown names cost the same argon2 check ([`password`](super::password)), and fail
//!    with the same answer.

use super::{blocking, cookie, set_cookie, ClientAddress, SESSION, SESSION_HOURS};
use crate::error::Result;
use crate::store::{random_hex, MAX_PASSWORD, MAX_USER_NAME};
use crate::AppState;
use axum::extract::rejection::FormRejection;
use axum::extract::{Form, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use chrono::Duration;
use serde::Deserialize;
use std::time::Instant;

/// The cookie holding the login form's token.
const FORM_TOKEN: &str = "tiepdan_login";
/// How long a served login form stays usable.
const FORM_MINUTES: i64 = 60;

#[derive(Deserialize)]
pub(super) struct Login {
    name: String,
    password: String,
    #[serde(default)]
    csrf: String,
}

/// The login page with a fresh form token, in its cookie and in the form.
fn page(state: &AppState, status: StatusCode, error: Option<&str>) -> Result<Response> {
    let token = random_hex(16)?;
    let cookie = set_cookie(state.secure_cookie, FORM_TOKEN, &token, FORM_MINUTES * 60);
    Ok((status, [(header::SET_COOKIE, cookie)], Html(super::page::login(&token, error))).into_response())
}

pub(super) async fn form(State(state): State<AppState>) -> Result<Response> {
    page(&state, StatusCode::OK, None)
}

pub(super) async fn login(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    headers: HeaderMap,
    form: Result<Form<Login>, FormRejection>,
) -> Result<Response> {
    let form = match form {
        Ok(Form(form)) => form,
        Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            let message = "Tên đăng nhập hoặc mật khẩu quá dài.";
            return page(&state, StatusCode::PAYLOAD_TOO_LARGE, Some(message));
        }
        Err(_) => return page(&state, StatusCode::BAD_REQUEST, Some("Thiếu tên hoặc mật khẩu.")),
    };
    let expected = cookie(&state, &headers, FORM_TOKEN);
    if !expected.is_some_and(|token| same_token(&token, &form.csrf)) {
        tracing::warn!(%client, "dashboard login without its form token");
        return page(&state, StatusCode::FORBIDDEN, Some("Trang đăng nhập đã cũ. Hãy đăng nhập lại."));
    }
    let name = form.name.trim().to_string();
    if name.chars().count() > MAX_USER_NAME || form.password.chars().count() > MAX_PASSWORD {
        return page(&state, StatusCode::BAD_REQUEST, Some("Tên đăng nhập hoặc mật khẩu quá dài."));
    }
    let attempt = match state.logins.reserve(&name, client, Instant::now()) {
        Ok(attempt) => attempt,
        Err(exhausted) => {
            tracing::warn!(%client, ?exhausted, "dashboard login throttled");
            let message = "Đăng nhập sai quá nhiều lần. Hãy thử lại sau 15 phút.";
            return page(&state, StatusCode::TOO_MANY_REQUESTS, Some(message));
        }
    };
    let lookup = name.clone();
    let stored = blocking(&state.store, move |s| s.password_hash(&lookup)).await?;
    let token = if state.passwords.verify(stored, form.password).await? {
        let opened = name.clone();
        blocking(&state.store, move |s| s.open_session(&opened, Duration::hours(SESSION_HOURS))).await?
    } else {
        None
    };
    let Some(token) = token else {
        tracing::warn!(%client, "failed dashboard login");
        return page(&state, StatusCode::UNAUTHORIZED, Some("Tên đăng nhập hoặc mật khẩu không đúng."));
    };
    state.logins.succeeded(attempt);
    tracing::info!(user = %name, %client, "dashboard login");
    let session = set_cookie(state.secure_cookie, SESSION, &token, SESSION_HOURS * 3600);
    let used_form = set_cookie(state.secure_cookie, FORM_TOKEN, "", 0);
    Ok((
        axum::response::AppendHeaders([(header::SET_COOKIE, session), (header::SET_COOKIE, used_form)]),
        Redirect::to("/"),
    )
        .into_response())
}

/// Compares in time independent of where the strings differ.
fn same_token(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
