//! The new events of one push, written in a handful of statements instead of four round trips per
//! event: on PostgreSQL every statement is a round trip to another process, and a desk's
//! end-of-day batch is 50 events.
//!
//! Rows are decided one event at a time exactly as SQLite decides them (withheld when the event
//! concerns a protected visit, the review note, the visits it concerns, its projection change) and
//! buffered; [`Batch::flush`] then inserts the events, their `visit_events` index rows and the
//! projection changes with `unnest` arrays, in batch order. What a later event needs to know is
//! kept in memory: the protected visits among those the batch concerns are read once, and a visit
//! an event of the batch protects is added. Redacting a newly protected visit reads and rewrites
//! stored rows, so the buffer is flushed before it, and the redaction sees every earlier event.
//!
//! An event id stored before (in any stream) is found by `ON CONFLICT (event_id) DO NOTHING
//! RETURNING`: the first event of the batch whose row did not go in is the one reported, as the
//! event-by-event insert would, and the whole push rolls back.

use super::projection::{self, Change};
use super::{redaction, Sql, Tx};
use crate::error::{Error, Result};
use crate::store::rules::{self, marks_protected};
use crate::store::Credential;
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use tiepdan_domain::event::canonical_time;
use tiepdan_protocol::WireEvent;

#[derive(Default)]
struct EventRows {
    seq: Vec<i64>,
    event_id: Vec<String>,
    kind: Vec<String>,
    recorded_at: Vec<String>,
    officer: Vec<Option<String>>,
    payload: Vec<String>,
    payload_hash: Vec<String>,
    chain_hash: Vec<String>,
    withheld: Vec<Option<String>>,
    review: Vec<Option<String>>,
}

pub(super) struct Batch<'a> {
    key: &'a str,
    cred: &'a Credential,
    now: &'a str,
    /// Visits known protected here: read once for the batch, grown as its events protect more.
    protected: HashSet<String>,
    /// Each sent event's payload, parsed once, by seq: taken by the event when it is stored.
    sent: HashMap<u64, Value>,
    /// The visits each sent event concerns, by seq.
    sent_visits: HashMap<u64, Vec<String>>,
    events: EventRows,
    /// Events of the batch stored with a review note, for the stream's counter.
    reviewed: u64,
    index: (Vec<String>, Vec<i64>),
    changes: Vec<Change>,
}

impl<'a> Batch<'a> {
    /// A batch for `events`, knowing which of the visits they concern are already protected.
    pub(super) fn new(
        tx: &mut Tx<'_>,
        key: &'a str,
        cred: &'a Credential,
        now: &'a str,
        events: &[WireEvent],
    ) -> Result<Batch<'a>> {
        let sent: HashMap<u64, Value> = events.iter().map(|e| (e.seq, rules::sent_payload(e))).collect();
        let sent_visits: HashMap<u64, Vec<String>> =
            sent.iter().map(|(seq, payload)| (*seq, rules::visits_of(payload))).collect();
        let visits: Vec<&String> = sent_visits.values().flatten().collect();
        let protected = if visits.is_empty() {
            HashSet::new()
        } else {
            tx.query("SELECT visit_id FROM protected_visits WHERE visit_id = ANY($1::text[])", &[&visits])?
                .iter()
                .map(|r| r.get(0))
                .collect()
        };
        Ok(Batch {
            key,
            cred,
            now,
            protected,
            sent,
            sent_visits,
            events: EventRows::default(),
            reviewed: 0,
            index: (Vec::new(), Vec::new()),
            changes: Vec::new(),
        })
    }

    /// Adds one verified event (the next of its stream); redacts at once what it makes protected.
    pub(super) fn add(&mut self, tx: &mut Tx<'_>, e: &WireEvent) -> Result<()> {
        let force =
            self.sent_visits.get(&e.seq).is_some_and(|vs| vs.iter().any(|v| self.protected.contains(v)));
        let sent = self.sent.remove(&e.seq).unwrap_or_else(|| rules::sent_payload(e));
        let stored = rules::storable(e, sent, force)?;
        let r = &mut self.events;
        let review = rules::review_note(e, &stored.value, &self.cred.ward_code);
        self.reviewed += u64::from(review.is_some());
        r.review.push(review);
        r.seq.push(e.seq as i64);
        r.event_id.push(e.id.to_string());
        r.kind.push(e.kind.clone());
        r.recorded_at.push(canonical_time(&e.recorded_at));
        r.officer.push(e.officer.map(|o| o.to_string()));
        r.payload.push(stored.payload);
        r.payload_hash.push(e.payload_hash.clone());
        r.chain_hash.push(e.chain_hash.clone());
        r.withheld.push(stored.withheld);
        for visit in rules::visits_of(&stored.value) {
            self.index.0.push(visit);
            self.index.1.push(e.seq as i64);
        }
        if let Some(change) = crate::store::projection::change(&stored.value) {
            self.changes.push(Change { seq: e.seq, change });
        }
        if let Some(visit) = marks_protected(&stored.value) {
            self.flush(tx)?;
            redaction::protect(tx, &visit, self.now)?;
            self.protected.insert(visit);
        }
        Ok(())
    }

    /// How many events added so far carry a review note.
    pub(super) fn reviewed(&self) -> u64 {
        self.reviewed
    }

    /// Writes what is buffered: the events, then their index rows (which refer to them), then the
    /// projection changes in order.
    pub(super) fn flush(&mut self, tx: &mut Tx<'_>) -> Result<()> {
        let r = std::mem::take(&mut self.events);
        if !r.seq.is_empty() {
            let inserted: HashSet<String> = tx
                .query(
                    "INSERT INTO events (stream, seq, event_id, kind, recorded_at, officer, payload,
                                         payload_hash, chain_hash, withheld, review, received_at)
                     SELECT $1::text, s, i, k, r, o, p, ph, ch, w, rv, $2::text
                     FROM unnest($3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                                 $9::text[], $10::text[], $11::text[], $12::text[])
                          AS t(s, i, k, r, o, p, ph, ch, w, rv)
                     ON CONFLICT (event_id) DO NOTHING RETURNING event_id",
                    &[
                        &self.key,
                        &self.now,
                        &r.seq,
                        &r.event_id,
                        &r.kind,
                        &r.recorded_at,
                        &r.officer,
                        &r.payload,
                        &r.payload_hash,
                        &r.chain_hash,
                        &r.withheld,
                        &r.review,
                    ],
                )?
                .iter()
                .map(|row| row.get(0))
                .collect();
            if inserted.len() != r.event_id.len() {
                let mut seen = HashSet::new();
                let reused = r.event_id.iter().find(|id| !inserted.contains(*id) || !seen.insert(*id));
                return Err(Error::EventIdReused(reused.cloned().unwrap_or_default()));
            }
        }
        let (visits, seqs) = std::mem::take(&mut self.index);
        if !visits.is_empty() {
            tx.execute(
                "INSERT INTO visit_events (visit_id, stream, seq)
                 SELECT v, $1::text, s FROM unnest($2::text[], $3::bigint[]) AS t(v, s) ON CONFLICT DO NOTHING",
                &[&self.key, &visits, &seqs],
            )?;
        }
        projection::apply(tx, self.key, self.cred, std::mem::take(&mut self.changes))
    }
}
