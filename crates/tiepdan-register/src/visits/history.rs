//! A visit's history: every journaled step of it (recorded, amended, cancelled) read back from the
//! journal as [`HistoryEntry`] values, with each amendment's changes; as most readers see it (a
//! protected visit's identities masked, even where an early step journaled them in clear), or opened
//! for a leader permitted to see denouncers' identities (`access::sealing` opens and audits).
//!
//! Invariants: the changes of an amendment are computed on the history as it will be shown, so a
//! masked history never names a sealed value; whether a visit was ever protected is decided here, by
//! sealing's rule ([`sealing::ever_protected`]), over every step in every stream.

use crate::access::actor::Actor;
use crate::access::sealing;
use crate::error::Result;
use crate::journal::{self, withheld};
use crate::visits::visit_rows::visit_with_no;
use crate::Register;
use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::Serialize;
use tiepdan_domain::event::EventBody;
use tiepdan_domain::visit::{FieldChange, VisitDetails};
use tiepdan_domain::{OfficerId, VisitId};

/// One step in the life of a visit: recorded, amended or cancelled.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HistoryEntry {
    /// Position in its stream's journal.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub seq: u64,
    /// `visit_recorded`, `visit_amended` or `visit_cancelled`.
    pub kind: String,
    pub recorded_at: DateTime<Utc>,
    /// The officer who made the change.
    pub officer: Option<OfficerId>,
    /// Why it was amended or cancelled.
    pub reason: Option<String>,
    /// The details as they stood after this step (none for a cancellation).
    pub details: Option<VisitDetails>,
    /// For an amendment: each field it changed, before → after, as this history's reader may see
    /// them (computed after masking or revealing).
    pub changes: Vec<FieldChange>,
}

/// Fills each amendment's `changes` from the step before it. Called on the history as it will be
/// shown, so a masked history's changes are masked too and never name a sealed value.
fn with_changes(mut entries: Vec<HistoryEntry>) -> Vec<HistoryEntry> {
    let mut previous: Option<VisitDetails> = None;
    for entry in &mut entries {
        let Some(details) = &entry.details else { continue };
        entry.changes = match (&previous, entry.kind.as_str()) {
            (Some(before), "visit_amended") => details.changes_since(before),
            _ => Vec::new(),
        };
        previous = Some(details.clone());
    }
    entries
}

/// The details each step left, skipping cancellations.
fn steps(entries: &[HistoryEntry]) -> impl Iterator<Item = &VisitDetails> {
    entries.iter().filter_map(|e| e.details.as_ref())
}

/// A visit's history as readers without the seal secret see it: when the register has keys and
/// the visit was ever protected, identities journaled in clear before (see `access::sealing`) are
/// blanked too, so the history shows no more than the visit does.
fn masked(mut entries: Vec<HistoryEntry>, has_keys: bool) -> Vec<HistoryEntry> {
    if has_keys && sealing::ever_protected(steps(&entries)) {
        entries.iter_mut().filter_map(|e| e.details.as_mut()).for_each(VisitDetails::mask_identities);
    }
    entries
}

/// Every journaled step of a visit as written, oldest first.
pub(crate) fn journal_history(conn: &Connection, id: VisitId) -> Result<Vec<HistoryEntry>> {
    visit_with_no(conn, id)?;
    let mut stmt = conn.prepare_cached(
        "SELECT e.stream, e.seq, e.event_id, e.kind, e.recorded_at, e.officer, e.payload,
             e.payload_hash, e.chain_hash
         FROM events e JOIN streams s ON s.id = e.stream
         WHERE e.visit_id = ?1 ORDER BY s.epoch, e.seq",
    )?;
    let mut rows = stmt.query([id.to_string()])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let event = journal::event_from_row(r)?;
        let (reason, details) = match withheld::body(&event)? {
            EventBody::VisitRecorded(v) => (None, Some(v.details)),
            EventBody::VisitAmended { details, reason, .. } => (Some(reason), Some(details)),
            EventBody::VisitCancelled { reason, .. } => (Some(reason), None),
            _ => (None, None),
        };
        out.push(HistoryEntry {
            seq: event.seq,
            kind: event.kind,
            recorded_at: event.recorded_at,
            officer: event.officer,
            reason,
            details,
            changes: Vec::new(),
        });
    }
    Ok(out)
}

/// Whether any journaled step of visit `id` protected its visitors' identity: what an amendment
/// asks before it is stored (`Register::seal_amendment`).
pub(crate) fn ever_protected(conn: &Connection, id: VisitId) -> Result<bool> {
    Ok(sealing::ever_protected(steps(&journal_history(conn, id)?)))
}

impl Register {
    /// Every journaled step of a visit, oldest first; denouncers' identities stay sealed (and
    /// masked where journaled in clear: `sealing`). [`Register::reveal_history`] opens them.
    pub fn history(&self, id: VisitId) -> Result<Vec<HistoryEntry>> {
        let entries = masked(journal_history(&self.conn, id)?, self.has_keys());
        Ok(with_changes(entries))
    }

    /// A visit's history with every identity in it opened or unmasked, for a session permitted to
    /// see denouncers' identities; audited like [`Register::reveal_visit`].
    pub fn reveal_history(&mut self, actor: &Actor<'_>, visit: VisitId) -> Result<Vec<HistoryEntry>> {
        let session = sealing::revealing(actor)?;
        let mut entries = journal_history(&self.conn, visit)?;
        let protected = sealing::ever_protected(steps(&entries));
        for details in entries.iter_mut().filter_map(|e| e.details.as_mut()) {
            sealing::open_details(session.unlocked(), visit, details)?;
        }
        if protected {
            self.audit_reveal(session, visit)?;
        }
        Ok(with_changes(entries))
    }

    /// Whether the details a visit shows now came from the district with the visitors' identity
    /// withheld (a denunciation recorded or amended after the backup this desk was restored from).
    /// The identity exists only on the ward's paper records then; the register shows it as withheld.
    pub fn identity_withheld(&self, visit: VisitId) -> Result<bool> {
        visit_with_no(&self.conn, visit)?;
        withheld::last_details_withheld(&self.conn, visit)
    }
}
