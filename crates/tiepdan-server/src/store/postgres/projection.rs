//! The projection of visits, petitions and reception sessions, kept in the push transaction (what
//! it reads: [`crate::store::projection::change`]). The same rows as SQLite's: a run of visits
//! recorded goes in as one multi-row insert, and every other change is applied after everything
//! before it, in batch order.

use super::{Sql, Tx};
use crate::error::Result;
use crate::store::projection::{Change as Projected, VisitFacts};
use crate::store::Credential;

/// One event's change to the projection.
pub(super) struct Change {
    pub seq: u64,
    pub change: Projected,
}

/// Visits recorded, column by column, for one `unnest` insert.
#[derive(Default)]
struct Recorded {
    visit_id: Vec<String>,
    seq: Vec<i64>,
    receipt_no: Vec<Option<String>>,
    status: Vec<String>,
    received_at: Vec<Option<String>>,
    received_on: Vec<Option<String>>,
    people_count: Vec<Option<i64>>,
    petition_kind: Vec<Option<String>>,
    handling: Vec<Option<String>>,
    source: Vec<String>,
    from_body: Vec<Option<String>>,
    letter_no: Vec<Option<String>>,
    letter_date: Vec<Option<String>>,
    petition_field: Vec<Option<String>>,
    signatories: Vec<Option<i64>>,
    stage: Vec<Option<String>>,
    eligible: Vec<Option<i64>>,
    competent: Vec<Option<i64>>,
    processed_on: Vec<Option<String>>,
    session_id: Vec<Option<String>>,
    reception: Vec<Option<String>>,
}

impl Recorded {
    fn push(
        &mut self,
        visit_id: String,
        seq: i64,
        receipt_no: Option<String>,
        status: String,
        f: VisitFacts,
    ) {
        self.visit_id.push(visit_id);
        self.seq.push(seq);
        self.receipt_no.push(receipt_no);
        self.status.push(status);
        self.received_at.push(f.received_at);
        self.received_on.push(f.received_on);
        self.people_count.push(f.people_count);
        self.petition_kind.push(f.petition_kind);
        self.handling.push(f.handling);
        self.source.push(f.source);
        self.from_body.push(f.from_body);
        self.letter_no.push(f.letter_no);
        self.letter_date.push(f.letter_date);
        self.petition_field.push(f.petition_field);
        self.signatories.push(f.signatories);
        self.stage.push(f.stage);
        self.eligible.push(f.eligible);
        self.competent.push(f.competent);
        self.processed_on.push(f.processed_on);
        self.session_id.push(f.session_id);
        self.reception.push(f.reception);
    }
}

pub(super) fn apply(tx: &mut Tx<'_>, stream: &str, cred: &Credential, changes: Vec<Change>) -> Result<()> {
    let mut recorded = Recorded::default();
    for Change { seq, change } in changes {
        match change {
            Projected::Recorded { visit_id, receipt_no, status, facts } => {
                recorded.push(visit_id, seq as i64, receipt_no, status, facts)
            }
            other => {
                insert_recorded(tx, stream, cred, std::mem::take(&mut recorded))?;
                apply_one(tx, stream, cred, seq as i64, other)?;
            }
        }
    }
    insert_recorded(tx, stream, cred, recorded)
}

/// One change, after every change before it.
fn apply_one(tx: &mut Tx<'_>, stream: &str, cred: &Credential, seq: i64, change: Projected) -> Result<()> {
    let ward = &cred.ward_code;
    match change {
        Projected::Recorded { visit_id, receipt_no, status, facts } => {
            let mut one = Recorded::default();
            one.push(visit_id, seq, receipt_no, status, facts);
            insert_recorded(tx, stream, cred, one)?;
        }
        Projected::Amended { visit_id, facts: f } => {
            tx.execute(
                    "UPDATE visits SET received_at = $3, received_on = $4, people_count = $5, petition_kind = $6,
                         handling = $7, source = $8, from_body = $9, letter_no = $10, letter_date = $11,
                         petition_field = $12, signatories = $13, stage = $14, eligible = $15, competent = $16,
                         processed_on = $17, session_id = $18, reception = $19,
                         amendments = amendments + 1, updated_seq = $20
                     WHERE visit_id = $1 AND ward_code = $2",
                    &[
                        &visit_id,
                        ward,
                        &f.received_at,
                        &f.received_on,
                        &f.people_count,
                        &f.petition_kind,
                        &f.handling,
                        &f.source,
                        &f.from_body,
                        &f.letter_no,
                        &f.letter_date,
                        &f.petition_field,
                        &f.signatories,
                        &f.stage,
                        &f.eligible,
                        &f.competent,
                        &f.processed_on,
                        &f.session_id,
                        &f.reception,
                        &seq,
                    ],
                )?;
        }
        Projected::Cancelled { visit_id } => {
            tx.execute(
                    "UPDATE visits SET status = 'cancelled', updated_seq = $3 WHERE visit_id = $1 AND ward_code = $2",
                    &[&visit_id, ward, &seq],
                )?;
        }
        Projected::Processed { visit_id, facts: f } => {
            tx.execute(
                "UPDATE visits SET processed_on = $3, eligible = $4, competent = $5, handling = $6,
                         updated_seq = $7
                     WHERE visit_id = $1 AND ward_code = $2",
                &[&visit_id, ward, &f.processed_on, &f.eligible, &f.competent, &f.handling, &seq],
            )?;
        }
        Projected::SessionPlanned(s) => {
            tx.execute(
                "INSERT INTO reception_sessions (session_id, ward_code, desk, stream, seq, planned_on, part,
                                                     kind, sat, updated_seq)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $5)
                     ON CONFLICT (session_id) DO NOTHING",
                &[
                    &s.session_id,
                    ward,
                    &cred.desk.to_string(),
                    &stream,
                    &seq,
                    &s.planned_on,
                    &s.part,
                    &s.kind,
                    &s.sat,
                ],
            )?;
        }
        Projected::SessionClosed { session_id, outcome, visits } => {
            tx.execute(
                "UPDATE reception_sessions SET outcome = $3, visits = $4, updated_seq = $5
                     WHERE session_id = $1 AND ward_code = $2",
                &[&session_id, ward, &outcome, &visits, &seq],
            )?;
        }
        Projected::Accepted { visit_id, level, accepted_on } => {
            tx.execute(
                "UPDATE visits SET level = $3, accepted_on = $4, updated_seq = $5
                     WHERE visit_id = $1 AND ward_code = $2",
                &[&visit_id, ward, &level, &accepted_on, &seq],
            )?;
        }
        Projected::Transferred { visit_id, on } => {
            tx.execute(
                "UPDATE visits SET transferred_on = $3, answered_on = NULL, updated_seq = $4
                     WHERE visit_id = $1 AND ward_code = $2",
                &[&visit_id, ward, &on, &seq],
            )?;
        }
        Projected::Answered { visit_id, on } => {
            tx.execute(
                "UPDATE visits SET answered_on = $3, updated_seq = $4
                     WHERE visit_id = $1 AND ward_code = $2 AND transferred_on IS NOT NULL",
                &[&visit_id, ward, &on, &seq],
            )?;
        }
        Projected::Resolved { visit_id, on, outcome } => {
            tx.execute(
                "UPDATE visits SET resolved_on = $3, outcome = $4, updated_seq = $5
                     WHERE visit_id = $1 AND ward_code = $2",
                &[&visit_id, ward, &on, &outcome, &seq],
            )?;
        }
        Projected::Linked { visit_id, earlier } => {
            // The first link stored is the one (the desk refuses a second). A link to or from a
            // visit already protected here keeps no other end, whatever the event said.
            tx.execute(
                "INSERT INTO repeat_links (visit_id, ward_code, earlier_visit_id, stream, seq)
                 VALUES ($1, $2, CASE WHEN EXISTS (SELECT 1 FROM protected_visits
                                                   WHERE visit_id = $1 OR visit_id = $3::text)
                                      THEN NULL ELSE $3::text END, $4, $5)
                 ON CONFLICT (visit_id) DO NOTHING",
                &[&visit_id, ward, &earlier, &stream, &seq],
            )?;
        }
    }
    Ok(())
}

/// Visits recorded, in order; a visit already there (recorded by another stream first) is kept.
fn insert_recorded(tx: &mut Tx<'_>, stream: &str, cred: &Credential, r: Recorded) -> Result<()> {
    if r.visit_id.is_empty() {
        return Ok(());
    }
    tx.execute(
        "INSERT INTO visits (visit_id, ward_code, desk, stream, seq, receipt_no, status, updated_seq,
                             received_at, received_on, people_count, petition_kind, handling, source,
                             from_body, letter_no, letter_date, petition_field, signatories, stage, eligible,
                             competent, processed_on, session_id, reception)
         SELECT v, $1::text, $2::text, $3::text, s, rn, st, s, ra, ro, pc, pk, h, src, fb, ln, ld, pf, sg, stg,
                el, cp, po, si, rc
         FROM unnest($4::text[], $5::bigint[], $6::text[], $7::text[], $8::text[], $9::text[], $10::bigint[],
                     $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17::text[],
                     $18::bigint[], $19::text[], $20::bigint[], $21::bigint[], $22::text[], $23::text[],
                     $24::text[])
              AS t(v, s, rn, st, ra, ro, pc, pk, h, src, fb, ln, ld, pf, sg, stg, el, cp, po, si, rc)
         ON CONFLICT (visit_id) DO NOTHING",
        &[
            &cred.ward_code,
            &cred.desk.to_string(),
            &stream,
            &r.visit_id,
            &r.seq,
            &r.receipt_no,
            &r.status,
            &r.received_at,
            &r.received_on,
            &r.people_count,
            &r.petition_kind,
            &r.handling,
            &r.source,
            &r.from_body,
            &r.letter_no,
            &r.letter_date,
            &r.petition_field,
            &r.signatories,
            &r.stage,
            &r.eligible,
            &r.competent,
            &r.processed_on,
            &r.session_id,
            &r.reception,
        ],
    )?;
    Ok(())
}
