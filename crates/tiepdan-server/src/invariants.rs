//! A checker of the server-side sync invariants over a store (a SQLite file or a PostgreSQL
//! database), for `tiepdan-server check`, this crate's tests and the end-to-end sync tests (`shared/sync-design.md`, I3–I5):
//! - every stream is a gapless prefix `1..=hwm` whose chain recomputes from its payload hashes and
//!   whose head is its last chain hash (I5); unredacted payloads hash to their payload hash;
//! - each (stream, seq) and each event id is stored once (I3);
//! - every quarantined version is kept, its stream is marked quarantined (shown on the dashboard)
//!   until district staff release it, and the stored version it conflicts with is unchanged (I4).
//!
//! It reads through the store's interface, so it checks either engine, and may run while the
//! server is serving.

use crate::store::{Location, Store, StreamSummary};
use std::collections::BTreeMap;
use std::sync::Arc;
use tiepdan_domain::clock::SystemClock;
use tiepdan_domain::event::{chain_hash, sha256, GENESIS};
use tiepdan_protocol::push::parse_hash;

#[derive(Debug, Clone, Default)]
pub struct Report {
    /// By stream id.
    pub streams: BTreeMap<String, StreamSummary>,
    pub events: u64,
    pub quarantined_versions: u64,
}

/// Checks the store at `at` (a SQLite file or a PostgreSQL URL); `Err` lists every violation found,
/// in words.
pub fn check(at: impl Into<Location>) -> Result<Report, Vec<String>> {
    let location = at.into();
    if let Location::Sqlite(path) = &location {
        // Opening a store creates it; a mistyped path must not pass as an empty, sound store.
        if !path.is_file() {
            return Err(vec![format!("no store at {}", path.display())]);
        }
    }
    let store = Store::connect(&location, 2, Arc::new(SystemClock))
        .map_err(|e| vec![format!("cannot open {location:?}: {e}")])?;
    check_store(&store)
}

/// Checks an open store.
pub fn check_store(store: &Store) -> Result<Report, Vec<String>> {
    let mut problems = Vec::new();
    let report = check_backend(store, &mut problems).map_err(|e| vec![format!("query failed: {e}")])?;
    if problems.is_empty() {
        Ok(report)
    } else {
        Err(problems)
    }
}

/// Events are read in pages up to the hwm each stream had when the check began, so a push landing
/// during the check is not mistaken for a gap.
const PAGE: u64 = 1000;

fn check_backend(store: &Store, problems: &mut Vec<String>) -> crate::error::Result<Report> {
    let backend = store.backend();
    let mut report = Report::default();
    for (stream, summary) in backend.stream_summaries()? {
        let mut previous = GENESIS;
        let mut expected = 1u64;
        loop {
            let rows = backend.chain_rows(&stream, expected - 1, summary.hwm, PAGE)?;
            let last_page = (rows.len() as u64) < PAGE;
            for row in rows {
                let seq = row.seq;
                if seq != expected {
                    problems.push(format!("stream {stream}: seq {seq} where {expected} was expected (I5)"));
                }
                expected = seq + 1;
                let Ok(ph) = parse_hash(&row.payload_hash, "payload_hash") else {
                    problems.push(format!("stream {stream} seq {seq}: malformed payload hash"));
                    continue;
                };
                if !row.withheld && sha256(row.payload.as_bytes()) != ph {
                    problems.push(format!(
                        "stream {stream} seq {seq}: payload does not hash to its payload hash"
                    ));
                }
                let computed = chain_hash(&previous, seq, &ph);
                if hex::encode(computed) != row.chain_hash {
                    problems.push(format!("stream {stream} seq {seq}: broken chain (I5)"));
                }
                previous = parse_hash(&row.chain_hash, "chain_hash").unwrap_or(computed);
                report.events += 1;
            }
            if last_page {
                break;
            }
        }
        if expected - 1 != summary.hwm {
            problems.push(format!(
                "stream {stream}: hwm {} but {} events stored (I5)",
                summary.hwm,
                expected - 1
            ));
        }
        if hex::encode(previous) != summary.head {
            problems.push(format!("stream {stream}: head is not the chain hash of its last event"));
        }
        report.streams.insert(stream, summary);
    }
    let repeated = backend.repeated_event_ids()?;
    if repeated != 0 {
        problems.push(format!("{repeated} event ids are stored more than once (I3)"));
    }
    for q in backend.quarantine_checks()? {
        report.quarantined_versions += 1;
        if !q.shown_or_released {
            problems.push(format!(
                "stream {}: a quarantined version at seq {} is not shown (I4)",
                q.stream, q.seq
            ));
        }
        if !q.stored_unchanged {
            problems
                .push(format!("stream {} seq {}: the stored version was overwritten (I4)", q.stream, q.seq));
        }
    }
    Ok(report)
}

/// Whether `needle` occurs anywhere in the store at `at`: for SQLite the database file and its WAL
/// as bytes, for PostgreSQL every table's rows.
pub fn store_files_contain(at: impl Into<Location>, needle: &str) -> bool {
    let location = at.into();
    let store = Store::connect(&location, 1, Arc::new(SystemClock))
        .unwrap_or_else(|e| panic!("cannot open {location:?}: {e}"));
    store.backend().holds_text(needle).unwrap_or_else(|e| panic!("cannot search {location:?}: {e}"))
}
