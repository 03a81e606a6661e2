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
    /// Stored events with a business-rule remark for district review.
    pub events_for_review: u64,
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

/// A stream as a back end reads it from its `streams` row.
pub(crate) struct StreamRow {
    pub stream: String,
    pub desk: String,
    pub hwm: u64,
    pub head: String,
    pub local_max_seq: u64,
    pub last_push_at: String,
    pub quarantined: bool,
    pub reviews: u64,
}

/// A stream's line: its stored events are its hwm (a gapless prefix, I5).
pub(crate) fn stream_report(row: StreamRow) -> StreamReport {
    StreamReport {
        not_received: row.local_max_seq.saturating_sub(row.hwm),
        events_stored: row.hwm,
        events_for_review: row.reviews,
        stream: row.stream,
        desk: row.desk,
        hwm: row.hwm,
        head: row.head,
        local_max_seq: row.local_max_seq,
        last_push_at: row.last_push_at,
        quarantined: row.quarantined,
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

/// The rows a back end reads for [`WardReport`]s, each from one set-based query in one snapshot:
/// a dashboard refresh costs four queries whatever the number of wards, not five per ward.
#[derive(Debug, Default)]
pub(crate) struct OverviewRows {
    /// (code, name), by code.
    pub wards: Vec<(String, String)>,
    /// (ward, stream line), by ward, desk and first push.
    pub streams: Vec<(String, StreamReport)>,
    /// (ward, desk, enrolled), by ward and desk.
    pub desks: Vec<(String, String, bool)>,
    /// (ward, visits today, visits this month, petitions this month).
    pub visits: Vec<(String, u64, u64, u64)>,
}

/// Puts each ward's lines together.
pub(crate) fn assemble(rows: OverviewRows) -> Vec<WardReport> {
    use std::collections::HashMap;
    let mut streams: HashMap<String, Vec<StreamReport>> = HashMap::new();
    for (ward, s) in rows.streams {
        streams.entry(ward).or_default().push(s);
    }
    let mut desks: HashMap<String, Vec<(String, bool)>> = HashMap::new();
    for (ward, desk, enrolled) in rows.desks {
        desks.entry(ward).or_default().push((desk, enrolled));
    }
    let visits: HashMap<String, (u64, u64, u64)> =
        rows.visits.into_iter().map(|(w, a, b, c)| (w, (a, b, c))).collect();
    rows.wards
        .into_iter()
        .map(|(code, name)| {
            let streams = streams.remove(&code).unwrap_or_default();
            let desks = desks
                .remove(&code)
                .unwrap_or_default()
                .into_iter()
                .map(|(desk, enrolled)| desk_report(desk, enrolled, &streams))
                .collect();
            let (visits_today, visits_this_month, petitions_this_month) =
                visits.get(&code).copied().unwrap_or_default();
            WardReport {
                events_for_review: streams.iter().map(|s| s.events_for_review).sum(),
                events_stored: streams.iter().map(|s| s.events_stored).sum(),
                quarantined_streams: streams.iter().filter(|s| s.quarantined).count() as u64,
                code,
                name,
                desks,
                streams,
                visits_today,
                visits_this_month,
                petitions_this_month,
            }
        })
        .collect()
}
