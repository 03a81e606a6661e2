//! Push and read-back of a stream's events, the desk's view of its streams, and the ward feed.

use super::{blocking, json_body, Desk};
use crate::error::{Error, Result};
use crate::AppState;
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::Json;
use serde::Deserialize;
use tiepdan_domain::ids::StreamId;
use tiepdan_protocol::push::EventsPage;
use tiepdan_protocol::{DeskInfo, FeedPage, PushRequest, PushResponse, StreamState, MAX_BATCH_EVENTS};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Page {
    #[serde(default)]
    after: u64,
    limit: Option<u64>,
}

fn page(query: Result<Query<Page>, QueryRejection>) -> Result<Page> {
    query.map(|Query(p)| p).map_err(|_| Error::BadRequest("tham số after/limit phải là số tự nhiên".into()))
}

fn stream_id(text: &str) -> Result<StreamId> {
    text.parse().map_err(|_| Error::BadRequest(format!("\"{text}\" không phải mã luồng (UUID)")))
}

pub(super) async fn push(
    State(state): State<AppState>,
    Desk(cred): Desk,
    Path(stream): Path<String>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<PushResponse>> {
    let stream = stream_id(&stream)?;
    let req: PushRequest = json_body(body)?;
    let ward = cred.ward_code.clone();
    let stored = !req.events.is_empty();
    // The store commits before this returns; only then is the answer sent (I6).
    let answer = blocking(&state.store, move |s| s.push(&cred, stream, &req)).await?;
    if stored {
        // The ward's kept report figures are now out of date; the keeper counts them again.
        state.figures.ward_changed(&ward);
    }
    Ok(Json(answer))
}

pub(super) async fn events(
    State(state): State<AppState>,
    Desk(cred): Desk,
    Path(stream): Path<String>,
    query: Result<Query<Page>, QueryRejection>,
) -> Result<Json<EventsPage>> {
    let stream = stream_id(&stream)?;
    let p = page(query)?;
    let limit = p.limit.unwrap_or(MAX_BATCH_EVENTS as u64).clamp(1, MAX_BATCH_EVENTS as u64);
    let (events, hwm) =
        blocking(&state.store, move |s| s.stream_events(&cred, stream, p.after, limit)).await?;
    Ok(Json(EventsPage { events, hwm }))
}

pub(super) async fn stream_state(
    State(state): State<AppState>,
    Desk(cred): Desk,
    Path(stream): Path<String>,
) -> Result<Json<StreamState>> {
    let stream = stream_id(&stream)?;
    let states = blocking(&state.store, move |s| s.desk_streams(&cred)).await?;
    states
        .into_iter()
        .find(|s| s.stream == stream)
        .map(Json)
        .ok_or_else(|| Error::NotFound("máy chủ chưa có luồng này của bàn".into()))
}

pub(super) async fn desk(State(state): State<AppState>, Desk(cred): Desk) -> Result<Json<DeskInfo>> {
    let c = cred.clone();
    let (streams, now) = blocking(&state.store, move |s| Ok((s.desk_streams(&c)?, s.clock_now()))).await?;
    Ok(Json(DeskInfo {
        ward_code: cred.ward_code,
        ward_name: cred.ward_name,
        desk: cred.desk,
        streams,
        server_time: Some(now),
        upstream_name: state.upstream_name.as_deref().map(str::to_string),
    }))
}

pub(super) async fn feed(
    State(state): State<AppState>,
    Desk(cred): Desk,
    query: Result<Query<Page>, QueryRejection>,
) -> Result<Json<FeedPage>> {
    let p = page(query)?;
    let limit = p.limit.unwrap_or(tiepdan_protocol::MAX_FEED_PAGE);
    Ok(Json(blocking(&state.store, move |s| s.feed(&cred.ward_code, p.after, limit)).await?))
}
