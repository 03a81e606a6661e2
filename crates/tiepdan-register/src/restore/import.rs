//! Taking back into a frozen stream the events only the district still has
//! (`shared/sync-design.md`, Lifecycle: restore from backup).
//!
//! A desk restored from an older backup froze its streams and writes to a new one; the events it
//! wrote after the backup exist only upstream. [`Register::import_events`] appends them to their
//! frozen stream exactly as they were written — same ids, seq, hashes, device times and officers — and
//! applies each to the projections through [`apply`], the very functions the commands call after
//! appending, so a replayed event and a live one write the same rows.
//!
//! Invariants: a batch is one transaction, all or nothing; every event must continue the stream's
//! chain exactly (seq contiguous after the local head, chain hash over the previous one, payload hash
//! or — for a denouncer's identity withheld upstream — the redaction checked by `withheld`); anything
//! else is refused with an [`ImportRefusal`] and changes nothing. Events already present with the
//! same chain hash are skipped, so importing twice is a no-op. The open stream, its seq and its
//! receipt numbers are untouched: an imported visit keeps its own number, and a number already in
//! the register refuses the batch rather than appear twice.

use crate::error::{ImportRefusal, RegisterError, Result};
use crate::{
    journal, journal::withheld, petitions::calendar_overrides, petitions::implementations, petitions::intake,
    petitions::results, reports, visits, visits::reception_calendar, visits::repeat_matters, ward, Register,
};
use rusqlite::{Connection, OptionalExtension};
use tiepdan_domain::event::{chain_hash, Event, EventBody, GENESIS};
use tiepdan_domain::StreamId;

/// One event as fetched from the district, with the pointers of the values it withheld.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PulledEvent {
    pub event: Event,
    /// JSON pointers of the payload values withheld upstream (empty for most events).
    pub withheld: Vec<String>,
}

/// What an import did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct ImportReport {
    /// Events appended to the stream and applied to the projections.
    pub imported: u64,
    /// Events the stream already held, identical (an import repeated): skipped.
    pub already_present: u64,
}

/// Applies one event to the projection tables. Kinds with no projection of their own (a stream's
/// start, a day close) live in the journal only.
pub(crate) fn apply(conn: &Connection, stream: StreamId, body: &EventBody) -> Result<()> {
    match body {
        EventBody::StreamStarted { .. } | EventBody::DayClosed(_) => Ok(()),
        EventBody::WardConfigured(profile) => ward::save_ward(conn, profile),
        EventBody::OfficerAdded(officer) => ward::apply_officer_added(conn, officer),
        EventBody::OfficerUpdated(officer) => ward::apply_officer_updated(conn, officer),
        EventBody::OfficerRetired { officer_id } => ward::apply_officer_retired(conn, *officer_id),
        EventBody::VisitRecorded(visit) => visits::apply_recorded(conn, stream, visit),
        EventBody::VisitAmended { visit_id, details, .. } => {
            visits::apply_amended(conn, *visit_id, details).map(drop)
        }
        EventBody::VisitCancelled { visit_id, reason } => visits::apply_cancelled(conn, *visit_id, reason),
        EventBody::PetitionAccepted(a) => results::apply_acceptance(conn, a),
        EventBody::PetitionTransferred(t) => results::apply_transfer(conn, t),
        EventBody::TransferAnswered(a) => results::apply_transfer_answer(conn, a),
        EventBody::DeadlineExtended(e) => results::apply_extension(conn, e),
        EventBody::PetitionResolved(r) => results::apply_resolution(conn, r),
        EventBody::DecisionImplemented(i) => implementations::apply_implementation(conn, i),
        // A protected visit's link came back without its other end (`tiepdan_domain::upstream`): the
        // link itself is known only to the ward's paper records now.
        EventBody::RepeatLinked(link) if link.earlier_visit_id.0.is_nil() => Ok(()),
        EventBody::RepeatLinked(link) => repeat_matters::apply_repeat_link(conn, link),
        EventBody::CalendarOverrideSet(o) => calendar_overrides::apply_override_set(conn, o),
        EventBody::CalendarOverrideRemoved { date } => {
            calendar_overrides::apply_override_removed(conn, *date)
        }
        EventBody::DeadlineRulesSet(rules) => calendar_overrides::apply_rules_set(conn, rules),
        EventBody::PetitionProcessed(p) => intake::apply_processing(conn, p),
        EventBody::ReceptionScheduleSet(s) => reception_calendar::apply_schedule_set(conn, s),
        EventBody::SessionPlanned(s) => reception_calendar::apply_session_planned(conn, s),
        EventBody::SessionClosed(c) => reception_calendar::apply_session_closed(conn, c),
        EventBody::OpeningDeclared(o) | EventBody::OpeningCorrected { opening: o, .. } => {
            reports::apply_opening(conn, o)
        }
    }
}

/// The chain hash this register holds at `seq` of `stream`, if it holds that event.
fn held_chain(conn: &Connection, stream: StreamId, seq: u64) -> Result<Option<Vec<u8>>> {
    Ok(conn
        .prepare_cached("SELECT chain_hash FROM events WHERE stream = ?1 AND seq = ?2")?
        .query_row(rusqlite::params![stream.to_string(), seq as i64], |r| r.get(0))
        .optional()?)
}

/// Checks that `pulled` is the next event of a chain whose head is (`seq`, `chain`), and decodes it.
fn checked_body(pulled: &PulledEvent, seq: u64, chain: &[u8; 32]) -> Result<EventBody> {
    let event = &pulled.event;
    if event.seq != seq + 1 {
        return Err(ImportRefusal::Gap { expected: seq + 1, found: event.seq }.into());
    }
    let consistent = if pulled.withheld.is_empty() {
        event.payload_is_consistent()
    } else {
        withheld::is_consistent(event, &pulled.withheld)
    };
    if !consistent {
        return Err(ImportRefusal::Tampered { seq: event.seq }.into());
    }
    if chain_hash(chain, event.seq, &event.payload_hash) != event.chain_hash {
        return Err(ImportRefusal::BrokenChain { seq: event.seq }.into());
    }
    withheld::body(event).map_err(|_| ImportRefusal::Tampered { seq: event.seq }.into())
}

/// Appends and applies one checked event, mapping a projection failure to a refusal of the batch.
fn store(conn: &Connection, stream: StreamId, pulled: &PulledEvent, body: &EventBody) -> Result<()> {
    let event = &pulled.event;
    if let EventBody::VisitRecorded(visit) = body {
        let taken: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM visits WHERE receipt_no = ?1 OR id = ?2)",
            rusqlite::params![visit.receipt_no.to_string(), visit.id.to_string()],
            |r| r.get(0),
        )?;
        if taken {
            let receipt_no = visit.receipt_no.to_string();
            return Err(ImportRefusal::ReceiptTaken { seq: event.seq, receipt_no }.into());
        }
    }
    journal::insert(conn, event, body)?;
    withheld::store(conn, stream, event.seq, &pulled.withheld)?;
    apply(conn, stream, body).map_err(|e| match e {
        RegisterError::Sqlite(_) | RegisterError::NotFound { .. } | RegisterError::Decode(_) => {
            ImportRefusal::Unappliable { seq: event.seq, kind: event.kind.clone(), why: e.to_string() }.into()
        }
        other => other,
    })
}

impl Register {
    /// Appends `events` — fetched from the district, in seq order — to the frozen stream `stream`
    /// and applies them to the projections, in one transaction. Events the stream already holds
    /// (same seq, same chain hash) are skipped; anything that does not continue the chain exactly is
    /// refused with [`ImportRefusal`] and nothing changes.
    pub fn import_events(&mut self, stream: StreamId, events: &[PulledEvent]) -> Result<ImportReport> {
        let (tx, _) = self.write()?;
        let (head, frozen) =
            journal::stream_head(&tx, stream)?.ok_or(ImportRefusal::UnknownStream { stream })?;
        if !frozen {
            return Err(ImportRefusal::NotFrozen { stream }.into());
        }
        let (mut seq, mut chain) = (head.seq, if head.seq == 0 { GENESIS } else { head.chain });
        let mut report = ImportReport::default();
        for pulled in events {
            let event = &pulled.event;
            if event.stream != stream {
                return Err(ImportRefusal::WrongStream { stream, seq: event.seq, found: event.stream }.into());
            }
            if event.seq <= seq {
                match held_chain(&tx, stream, event.seq)? {
                    Some(held) if held == event.chain_hash => {
                        report.already_present += 1;
                        continue;
                    }
                    _ => return Err(ImportRefusal::Differs { seq: event.seq }.into()),
                }
            }
            let body = checked_body(pulled, seq, &chain)?;
            store(&tx, stream, pulled, &body)?;
            (seq, chain) = (event.seq, event.chain_hash);
            report.imported += 1;
        }
        tx.commit()?;
        self.refresh_desk_card_after_change();
        Ok(report)
    }
}
