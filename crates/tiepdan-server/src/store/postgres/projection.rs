//! The visits projection, kept in the push transaction (what it reads: [`rules::visit_change`]).
//! The same statements as SQLite's, so both engines count the same visits.

use super::{Sql, Tx};
use crate::error::Result;
use crate::store::rules::{self, VisitChange};
use crate::store::Credential;
use serde_json::Value;

pub(super) fn apply(
    tx: &mut Tx<'_>,
    stream: &str,
    cred: &Credential,
    seq: u64,
    payload: &Value,
) -> Result<()> {
    let (ward, desk, seq) = (&cred.ward_code, cred.desk.to_string(), seq as i64);
    match rules::visit_change(payload) {
        Some(VisitChange::Recorded { visit_id, receipt_no, status, facts: f }) => {
            tx.execute(
                "INSERT INTO visits (visit_id, ward_code, desk, stream, seq, receipt_no, received_at,
                     received_on, people_count, petition_kind, handling, status, updated_seq)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $5)
                 ON CONFLICT (visit_id) DO NOTHING",
                &[
                    &visit_id,
                    ward,
                    &desk,
                    &stream,
                    &seq,
                    &receipt_no,
                    &f.received_at,
                    &f.received_on,
                    &f.people_count,
                    &f.petition_kind,
                    &f.handling,
                    &status,
                ],
            )?;
        }
        Some(VisitChange::Amended { visit_id, facts: f }) => {
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
        Some(VisitChange::Cancelled { visit_id }) => {
            tx.execute(
                "UPDATE visits SET status = 'cancelled', updated_seq = $3 WHERE visit_id = $1 AND ward_code = $2",
                &[&visit_id, ward, &seq],
            )?;
        }
        None => {}
    }
    Ok(())
}
