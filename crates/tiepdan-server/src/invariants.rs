//! A checker of the server-side sync invariants over a store file, for this crate's tests and the
//! end-to-end sync tests (`shared/sync-design.md`, I3–I5):
//! - every stream is a gapless prefix `1..=hwm` whose chain recomputes from its payload hashes and
//!   whose head is its last chain hash (I5); unredacted payloads hash to their payload hash;
//! - each (stream, seq) and each event id is stored once (I3);
//! - every quarantined version is kept, its stream is marked quarantined (shown on the dashboard)
//!   until district staff release it, and the stored version it conflicts with is unchanged (I4).
//!
//! It opens the file read-only and may run while the server is serving.

use rusqlite::{Connection, OpenFlags};
use std::collections::BTreeMap;
use std::path::Path;
use tiepdan_domain::event::{chain_hash, sha256, GENESIS};
use tiepdan_protocol::push::parse_hash;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StreamSummary {
    pub ward_code: String,
    pub desk: String,
    pub hwm: u64,
    pub head: String,
    pub quarantined: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Report {
    /// By stream id.
    pub streams: BTreeMap<String, StreamSummary>,
    pub events: u64,
    pub quarantined_versions: u64,
}

/// Checks the store at `path`; `Err` lists every violation found, in words.
pub fn check(path: &Path) -> Result<Report, Vec<String>> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| vec![format!("cannot open {}: {e}", path.display())])?;
    let mut problems = Vec::new();
    let report = check_conn(&conn, &mut problems).map_err(|e| vec![format!("query failed: {e}")])?;
    if problems.is_empty() {
        Ok(report)
    } else {
        Err(problems)
    }
}

fn check_conn(conn: &Connection, problems: &mut Vec<String>) -> rusqlite::Result<Report> {
    let tx = conn.unchecked_transaction()?;
    let mut report = Report::default();
    let mut stmt =
        tx.prepare("SELECT stream, ward_code, desk, hwm, head, quarantined_at IS NOT NULL FROM streams")?;
    let streams: Vec<(String, StreamSummary)> = stmt
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                StreamSummary {
                    ward_code: r.get(1)?,
                    desk: r.get(2)?,
                    hwm: r.get::<_, i64>(3)? as u64,
                    head: r.get(4)?,
                    quarantined: r.get(5)?,
                },
            ))
        })?
        .collect::<Result<_, _>>()?;
    let mut events = tx.prepare(
        "SELECT seq, payload, payload_hash, chain_hash, withheld FROM events WHERE stream = ?1 ORDER BY seq",
    )?;
    for (stream, summary) in streams {
        let mut previous = GENESIS;
        let mut expected = 1u64;
        let mut rows = events.query([&stream])?;
        while let Some(r) = rows.next()? {
            let seq = r.get::<_, i64>(0)? as u64;
            let payload: String = r.get(1)?;
            let payload_hash: String = r.get(2)?;
            let chain: String = r.get(3)?;
            let withheld: Option<String> = r.get(4)?;
            if seq != expected {
                problems.push(format!("stream {stream}: seq {seq} where {expected} was expected (I5)"));
            }
            expected = seq + 1;
            let Ok(ph) = parse_hash(&payload_hash, "payload_hash") else {
                problems.push(format!("stream {stream} seq {seq}: malformed payload hash"));
                continue;
            };
            if withheld.is_none() && sha256(payload.as_bytes()) != ph {
                problems
                    .push(format!("stream {stream} seq {seq}: payload does not hash to its payload hash"));
            }
            let computed = chain_hash(&previous, seq, &ph);
            if hex::encode(computed) != chain {
                problems.push(format!("stream {stream} seq {seq}: broken chain (I5)"));
            }
            previous = parse_hash(&chain, "chain_hash").unwrap_or(computed);
            report.events += 1;
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
    let (rows, distinct): (i64, i64) =
        tx.query_row("SELECT count(*), count(DISTINCT event_id) FROM events", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
    if rows != distinct {
        problems.push(format!("{} event ids are stored more than once (I3)", rows - distinct));
    }
    let mut q = tx.prepare(
        "SELECT q.stream, q.seq, s.quarantined_at IS NOT NULL OR q.released_at IS NOT NULL,
                e.event_id = q.stored_event_id AND e.payload_hash = q.stored_payload_hash
                    AND e.chain_hash = q.stored_chain_hash
         FROM quarantine q JOIN streams s ON s.stream = q.stream
         LEFT JOIN events e ON e.stream = q.stream AND e.seq = q.seq",
    )?;
    let mut rows = q.query([])?;
    while let Some(r) = rows.next()? {
        let (stream, seq): (String, i64) = (r.get(0)?, r.get(1)?);
        report.quarantined_versions += 1;
        if !r.get::<_, bool>(2)? {
            problems.push(format!("stream {stream}: a quarantined version at seq {seq} is not shown (I4)"));
        }
        if !r.get::<_, Option<bool>>(3)?.unwrap_or(false) {
            problems.push(format!("stream {stream} seq {seq}: the stored version was overwritten (I4)"));
        }
    }
    Ok(report)
}

/// Whether `needle` occurs anywhere in the store's files (database, WAL), as UTF-8 bytes.
pub fn store_files_contain(path: &Path, needle: &str) -> bool {
    let mut candidates = vec![path.to_path_buf()];
    for suffix in ["-wal", "-journal"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        candidates.push(p.into());
    }
    let needle = needle.as_bytes();
    candidates
        .iter()
        .filter_map(|p| std::fs::read(p).ok())
        .any(|bytes| !needle.is_empty() && bytes.windows(needle.len()).any(|w| w == needle))
}
