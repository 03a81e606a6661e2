//! The visits projection, kept in the push transaction (what it reads: [`rules::visit_change`]).
//! The same rows as SQLite's: a run of visits recorded goes in as one multi-row insert, and each
//! amendment or cancellation is applied after everything before it, in batch order.

use super::{Sql, Tx};
use crate::error::Result;
use crate::store::rules::VisitChange;
use crate::store::Credential;

/// One event's change to the projection.
pub(super) struct Change {
    pub seq: u64,
    pub change: VisitChange,
}

#[derive(Default)]
struct Recorded {
    visit_id: Vec<String>,
    seq: Vec<i64>,
    receipt_no: Vec<Option<String>>,
    received_at: Vec<Option<String>>,
    received_on: Vec<Option<String>>,
    people_count: Vec<Option<i64>>,
    petition_kind: Vec<Option<String>>,
    handling: Vec<Option<String>>,
    status: Vec<String>,
}

pub(super) fn apply(tx: &mut Tx<'_>, stream: &str, cred: &Credential, changes: Vec<Change>) -> Result<()> {
    let ward = &cred.ward_code;
    let mut recorded = Recorded::default();
    for Change { seq, change } in changes {
        let seq = seq as i64;
        match change {
            VisitChange::Recorded { visit_id, receipt_no, status, facts: f } => {
                recorded.visit_id.push(visit_id);
                recorded.seq.push(seq);
                recorded.receipt_no.push(receipt_no);
                recorded.received_at.push(f.received_at);
                recorded.received_on.push(f.received_on);
                recorded.people_count.push(f.people_count);
                recorded.petition_kind.push(f.petition_kind);
                recorded.handling.push(f.handling);
                recorded.status.push(status);
                continue;
            }
            VisitChange::Amended { visit_id, facts: f } => {
                insert_recorded(tx, stream, cred, std::mem::take(&mut recorded))?;
                tx.execute(
                    "UPDATE visits SET received_at = $3, received_on = $4, people_count = $5, petition_kind = $6,
                         handling = $7, amendments = amendments + 1, updated_seq = $8
                     WHERE visit_id = $1 AND ward_code = $2",
                    &[
                        &visit_id,
                        ward,
                        &f.received_at,
                        &f.received_on,
                        &f.people_count,
                        &f.petition_kind,
                        &f.handling,
                        &seq,
                    ],
                )?;
            }
            VisitChange::Cancelled { visit_id } => {
                insert_recorded(tx, stream, cred, std::mem::take(&mut recorded))?;
                tx.execute(
                    "UPDATE visits SET status = 'cancelled', updated_seq = $3 WHERE visit_id = $1 AND ward_code = $2",
                    &[&visit_id, ward, &seq],
                )?;
            }
        }
    }
    insert_recorded(tx, stream, cred, recorded)
}

/// Visits recorded, in order; a visit already there (recorded by another stream first) is kept.
fn insert_recorded(tx: &mut Tx<'_>, stream: &str, cred: &Credential, r: Recorded) -> Result<()> {
    if r.visit_id.is_empty() {
        return Ok(());
    }
    tx.execute(
        "INSERT INTO visits (visit_id, ward_code, desk, stream, seq, receipt_no, received_at, received_on,
                             people_count, petition_kind, handling, status, updated_seq)
         SELECT v, $1::text, $2::text, $3::text, s, rn, ra, ro, pc, pk, h, st, s
         FROM unnest($4::text[], $5::bigint[], $6::text[], $7::text[], $8::text[], $9::bigint[], $10::text[],
                     $11::text[], $12::text[]) AS t(v, s, rn, ra, ro, pc, pk, h, st)
         ON CONFLICT (visit_id) DO NOTHING",
        &[
            &cred.ward_code,
            &cred.desk.to_string(),
            &stream,
            &r.visit_id,
            &r.seq,
            &r.receipt_no,
            &r.received_at,
            &r.received_on,
            &r.people_count,
            &r.petition_kind,
            &r.handling,
            &r.status,
        ],
    )?;
    Ok(())
}
