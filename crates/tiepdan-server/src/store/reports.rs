//! What district staff are shown, whichever engine holds the store: every ward, desk and stream with
//! its progress, and the forks waiting for attention. `wards --json` and the dashboard both read
//! these, so both always say the same thing.

use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct StreamReport {
    pub stream: String,
    pub desk: String,
    pub hwm: u64,
    pub head: String,
    /// The desk's own max seq, as it last reported it.
    pub local_max_seq: u64,
    /// Events the desk holds that have not arrived: `local_max_seq − hwm`, never negative.
    pub not_received: u64,
    pub last_push_at: String,
    pub events_stored: u64,
    pub quarantined: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct DeskReport {
    pub desk: String,
    /// Holds at least one unrevoked credential.
    pub enrolled: bool,
    pub last_push_at: Option<String>,
    pub events_stored: u64,
    pub not_received: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct WardReport {
    pub code: String,
    pub name: String,
    pub desks: Vec<DeskReport>,
    pub streams: Vec<StreamReport>,
    pub events_stored: u64,
    pub visits_today: u64,
    pub visits_this_month: u64,
    pub petitions_this_month: u64,
    pub quarantined_streams: u64,
    /// Stored events with a business-rule remark for district review.
    pub events_for_review: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct QuarantineReport {
    pub ward_code: String,
    pub ward_name: String,
    pub desk: String,
    pub stream: String,
    pub seq: u64,
    pub stored_event_id: String,
    pub stored_payload_hash: String,
    /// The refused version as it arrived (a denouncer's identity withheld), for district review.
    pub incoming: serde_json::Value,
    pub received_at: String,
}

/// A stream's line: its stored events are its hwm (a gapless prefix, I5).
pub(crate) fn stream_report(
    stream: String,
    desk: String,
    hwm: u64,
    head: String,
    local_max_seq: u64,
    last_push_at: String,
    quarantined: bool,
) -> StreamReport {
    StreamReport {
        stream,
        desk,
        hwm,
        head,
        local_max_seq,
        not_received: local_max_seq.saturating_sub(hwm),
        last_push_at,
        events_stored: hwm,
        quarantined,
    }
}

/// A desk's line, summed from its streams.
pub(crate) fn desk_report(desk: String, enrolled: bool, streams: &[StreamReport]) -> DeskReport {
    let own = streams.iter().filter(|s| s.desk == desk);
    DeskReport {
        last_push_at: own.clone().map(|s| s.last_push_at.clone()).max(),
        events_stored: own.clone().map(|s| s.events_stored).sum(),
        not_received: own.map(|s| s.not_received).sum(),
        desk,
        enrolled,
    }
}
