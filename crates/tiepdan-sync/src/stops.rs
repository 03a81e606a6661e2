//! Streams stopped for a person (`shared/sync-design.md`: a fork, a reused event id, a bad hash, a
//! broken chain): shown with their reason, and lifted by a person without editing a file. A fork
//! lifts by itself once the district releases the stream; the others have no such signal, so the
//! ward's administrator lifts them after the cause was dealt with (the district fixed its copy, the
//! app was updated). Lifting only lets the next round try again: a cause still there stops the
//! stream again, with the same reason, and nothing is lost either way.

use crate::error::Result;
use crate::state::{Attention, StreamStop, SyncState};
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::path::Path;
use tiepdan_domain::ids::StreamId;

/// A stopped stream as the desk shows it.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoppedStream {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub stream: StreamId,
    /// `fork`, `event_id_reused`, `bad_hash`, `broken_chain` or `other`.
    pub code: String,
    /// The first seq concerned, when the server said.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub seq: Option<u64>,
    /// What it means and what to do, in the clerk's words.
    pub explanation: String,
    /// The server's own words, for the administrator and the district's staff.
    pub detail: String,
    pub since: DateTime<Utc>,
}

impl StoppedStream {
    fn new(stream: StreamId, a: &Attention) -> StoppedStream {
        StoppedStream {
            stream,
            code: a.code.as_str().to_string(),
            seq: a.seq,
            explanation: explanation(a.code).to_string(),
            detail: a.message.clone(),
            since: a.at,
        }
    }
}

/// Why a stream stopped, and what lifts it, in Vietnamese.
pub fn explanation(code: StreamStop) -> &'static str {
    match code {
        StreamStop::Fork => {
            "Máy chủ đang giữ một bản khác của luồng dữ liệu này (có thể sổ đã được sao chép sang máy khác). \
             Luồng tự gửi lại khi cán bộ quản trị máy chủ xử lý xong."
        }
        StreamStop::EventIdReused => {
            "Máy chủ đã có một bản ghi trùng mã ở luồng khác (có thể sổ đã được sao chép sang máy khác). \
             Hãy báo cán bộ quản trị máy chủ, rồi bấm \u{201c}Thử gửi lại\u{201d}."
        }
        StreamStop::BadHash => {
            "Máy chủ thấy dữ liệu không khớp mã kiểm tra. Hãy báo cán bộ quản trị máy chủ và cập nhật ứng dụng, \
             rồi bấm \u{201c}Thử gửi lại\u{201d}."
        }
        StreamStop::BrokenChain => {
            "Dữ liệu của luồng không nối tiếp dữ liệu máy chủ đã nhận (thường do khôi phục sổ từ bản sao lưu cũ). \
             Hãy báo cán bộ quản trị máy chủ, rồi bấm \u{201c}Thử gửi lại\u{201d}."
        }
        StreamStop::Other => {
            "Luồng bị dừng vì một lý do do phiên bản khác của ứng dụng ghi lại. Bấm \u{201c}Thử gửi lại\u{201d} \
             sau khi cập nhật ứng dụng."
        }
    }
}

/// Every stopped stream of `state`, oldest stop first.
pub fn stopped(state: &SyncState) -> Vec<StoppedStream> {
    let mut out: Vec<StoppedStream> =
        state.attention.iter().map(|(s, a)| StoppedStream::new(*s, a)).collect();
    out.sort_by_key(|s| s.since);
    out
}

/// Lifts the stop of `stream` so the next round tries it again; what was lifted (`None`: the
/// stream was not stopped). The desk's runner calls this between rounds, the CLI before its round.
pub fn lift(state_path: &Path, stream: StreamId) -> Result<Option<StoppedStream>> {
    let mut state = SyncState::load(state_path)?;
    let Some(attention) = state.attention.remove(&stream) else { return Ok(None) };
    state.save(state_path)?;
    Ok(Some(StoppedStream::new(stream, &attention)))
}
