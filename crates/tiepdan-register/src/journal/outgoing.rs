//! What sync pushes next (`shared/sync-design.md`, Push; issue #12): a contiguous batch of one
//! stream's events, each with the protection of its visit already decided and the values the
//! district withheld from it attached, in one read of the register.
//!
//! Protection is decided here, once per visit, over the visit's whole history in every stream (an
//! amendment may turn a complaint into a denunciation, and then its earlier events are protected
//! too), by the same rule sealing uses ([`crate::access::sealing::protects`], on the domain's
//! [`VisitDetails::protects_identity`](tiepdan_domain::visit::VisitDetails::protects_identity)). A
//! repeat link is protected when either visit it joins is (issue 14).
//! The sync engine therefore never reads the register per event. This module only reads.

use crate::error::Result;
use crate::journal::chain::{event_from_row, EVENT_COLUMNS};
use crate::{access::sealing, journal::withheld, Register};
use rusqlite::params;
use std::collections::{HashMap, HashSet};
use tiepdan_domain::event::{Event, EventBody};
use tiepdan_domain::StreamId;

/// One journal event on its way to the district.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingEvent {
    pub event: Event,
    /// Its visit's visitors' identity stays at the ward: some step of the visit protects it. False
    /// for events about no visit.
    pub protected: bool,
    /// JSON pointers of the values the district withheld when this event was taken back from it (a
    /// desk restored from a backup); empty for every event written here. Such an event goes up
    /// again exactly as it came down.
    pub withheld: Vec<String>,
}

/// The earlier visit a repeat link names: a link is protected when either of its visits is, or
/// the district could join a sealed denunciation to an identified visit (issue 14, item 3).
fn linked_visit(event: &Event) -> Option<String> {
    if event.kind != "repeat_linked" {
        return None;
    }
    match event.body() {
        Ok(EventBody::RepeatLinked(link)) => Some(link.earlier_visit_id.to_string()),
        _ => None,
    }
}

impl Register {
    /// The events of `stream` after `after_seq`, in seq order, at most `limit`, ready to push.
    pub fn outgoing(&self, stream: StreamId, after_seq: u64, limit: usize) -> Result<Vec<OutgoingEvent>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {EVENT_COLUMNS}, visit_id FROM events WHERE stream = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3"
        ))?;
        let mut rows = stmt.query(params![stream.to_string(), after_seq as i64, limit as i64])?;
        let mut batch: Vec<(Event, Option<String>)> = Vec::new();
        while let Some(row) = rows.next()? {
            batch.push((event_from_row(row)?, row.get(9)?));
        }
        let Some(last) = batch.last().map(|(e, _)| e.seq) else { return Ok(Vec::new()) };
        let mut withheld = self.withheld_between(stream, after_seq, last)?;
        let protected = self.protected_visits_between(stream, after_seq, last)?;
        Ok(batch
            .into_iter()
            .map(|(event, visit)| OutgoingEvent {
                protected: visit.is_some_and(|v| protected.contains(&v))
                    || linked_visit(&event).is_some_and(|v| protected.contains(&v)),
                withheld: withheld.remove(&event.seq).unwrap_or_default(),
                event,
            })
            .collect())
    }

    /// The withheld pointers of the events `after < seq <= last` of `stream`, by seq, each list in
    /// pointer order (as [`Register::withheld_fields`] gives them).
    fn withheld_between(&self, stream: StreamId, after: u64, last: u64) -> Result<HashMap<u64, Vec<String>>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT seq, pointer FROM withheld_fields WHERE stream = ?1 AND seq > ?2 AND seq <= ?3
             ORDER BY seq, pointer",
        )?;
        let mut rows = stmt.query(params![stream.to_string(), after as i64, last as i64])?;
        let mut out: HashMap<u64, Vec<String>> = HashMap::new();
        while let Some(row) = rows.next()? {
            out.entry(row.get::<_, i64>(0)? as u64).or_default().push(row.get(1)?);
        }
        Ok(out)
    }

    /// The visits of the events `after < seq <= last` of `stream` (and the earlier visits their
    /// repeat links name) that some step of their history, in any stream, protects.
    fn protected_visits_between(&self, stream: StreamId, after: u64, last: u64) -> Result<HashSet<String>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {EVENT_COLUMNS}, visit_id FROM events
             WHERE kind IN ('visit_recorded', 'visit_amended') AND visit_id IS NOT NULL AND visit_id IN (
                 SELECT visit_id FROM events
                 WHERE stream = ?1 AND seq > ?2 AND seq <= ?3 AND visit_id IS NOT NULL
                 UNION
                 SELECT json_extract(CAST(payload AS TEXT), '$.body.earlier_visit_id') FROM events
                 WHERE stream = ?1 AND seq > ?2 AND seq <= ?3 AND kind = 'repeat_linked')"
        ))?;
        let mut rows = stmt.query(params![stream.to_string(), after as i64, last as i64])?;
        let mut protected = HashSet::new();
        while let Some(row) = rows.next()? {
            let visit: String = row.get(9)?;
            if protected.contains(&visit) {
                continue;
            }
            let details = match withheld::body(&event_from_row(row)?)? {
                EventBody::VisitRecorded(v) => v.details,
                EventBody::VisitAmended { details, .. } => details,
                _ => continue,
            };
            if sealing::protects(&details) {
                protected.insert(visit);
            }
        }
        Ok(protected)
    }
}
