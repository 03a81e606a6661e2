//! The district dashboard: server-rendered Vietnamese HTML for district staff, behind a login.
//!
//! No script and no outside asset; every value is escaped ([`page::esc`]). The session lives in an
//! `HttpOnly`, `SameSite=Strict` cookie (`Secure` when the server itself speaks TLS), whose token is
//! stored hashed. Failed logins answer the same whether the name or the password was wrong, and
//! repeated failures lock the name for a while ([`throttle`]).

mod page;
pub mod throttle;

use crate::api::blocking;
use crate::error::Result;
use crate::AppState;
use axum::extract::rejection::FormRejection;
use axum::extract::{DefaultBodyLimit, Form, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use chrono::Duration;
use serde::Deserialize;
use std::time::Instant;

const COOKIE: &str = "tiepdan_session";
const SESSION_HOURS: i64 = 12;

pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/", get(dashboard))
        .route("/login", get(login_form).post(login))
        .route("/logout", post(logout))
        .layer(DefaultBodyLimit::max(16 * 1024))
        .with_state(state)
}

fn session_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .map(|(_, value)| value.to_string())
        .filter(|v| !v.is_empty() && v.len() <= 128)
}

async fn current_user(state: &AppState, headers: &HeaderMap) -> Result<Option<String>> {
    let Some(token) = session_token(headers) else { return Ok(None) };
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

async fn login_form() -> Html<String> {
    Html(page::login(None))
}

#[derive(Deserialize)]
struct Login {
    name: String,
    password: String,
}

async fn login(State(state): State<AppState>, form: Result<Form<Login>, FormRejection>) -> Result<Response> {
    let Ok(Form(form)) = form else {
        return Ok(
            (StatusCode::BAD_REQUEST, Html(page::login(Some("Thiếu tên hoặc mật khẩu.")))).into_response()
        );
    };
    let name = form.name.trim().to_string();
    let token = if state.logins.allows(&name, Instant::now()) {
        blocking(&state.store, move |s| s.login(&form.name, &form.password, Duration::hours(SESSION_HOURS)))
            .await?
    } else {
        None
    };
    if token.is_some() {
        state.logins.succeeded(&name);
    }
    let Some(token) = token else {
        state.logins.failed(&name, Instant::now());
        tracing::warn!("failed dashboard login");
        let page = page::login(Some("Tên đăng nhập hoặc mật khẩu không đúng."));
        return Ok((StatusCode::UNAUTHORIZED, Html(page)).into_response());
    };
    let secure = if state.tls { "; Secure" } else { "" };
    let cookie = format!(
        "{COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age={}{secure}",
        SESSION_HOURS * 3600
    );
    Ok(([(header::SET_COOKIE, cookie)], Redirect::to("/")).into_response())
}

async fn logout(State(state): State<AppState>, headers: HeaderMap) -> Result<Response> {
    if let Some(token) = session_token(&headers) {
        blocking(&state.store, move |s| s.logout(&token)).await?;
    }
    let clear = format!("{COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
    Ok(([(header::SET_COOKIE, clear)], Redirect::to("/login")).into_response())
}
