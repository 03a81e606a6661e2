//! The projection of visits, petitions and reception sessions, kept in the push transaction (what
//! it reads: [`projection::change`]).

use crate::error::Result;
use crate::store::projection::{self, Change, VisitFacts};
use crate::store::Credential;
use rusqlite::{named_params, params, Transaction};
use serde_json::Value;

/// The columns an amendment sets, as named parameters.
const SET_FACTS: &str =
    "received_at = :received_at, received_on = :received_on, people_count = :people_count,
     petition_kind = :petition_kind, handling = :handling, source = :source, from_body = :from_body,
     letter_no = :letter_no, letter_date = :letter_date, petition_field = :petition_field,
     signatories = :signatories, stage = :stage, eligible = :eligible, competent = :competent,
     processed_on = :processed_on, session_id = :session_id, reception = :reception";

/// An amendment: the facts of `visit_id` (a row of the credential's ward) as they now stand.
fn amend(tx: &Transaction<'_>, visit_id: &str, ward: &str, f: &VisitFacts, seq: i64) -> Result<()> {
    let sql = format!(
        "UPDATE visits SET {SET_FACTS}, amendments = amendments + 1, updated_seq = :seq
         WHERE visit_id = :visit_id AND ward_code = :ward"
    );
    tx.prepare_cached(&sql)?.execute(named_params! {
        ":received_at": f.received_at,
        ":received_on": f.received_on,
        ":people_count": f.people_count,
        ":petition_kind": f.petition_kind,
        ":handling": f.handling,
        ":source": f.source,
        ":from_body": f.from_body,
        ":letter_no": f.letter_no,
        ":letter_date": f.letter_date,
        ":petition_field": f.petition_field,
        ":signatories": f.signatories,
        ":stage": f.stage,
        ":eligible": f.eligible,
        ":competent": f.competent,
        ":processed_on": f.processed_on,
        ":session_id": f.session_id,
        ":reception": f.reception,
        ":seq": seq,
        ":visit_id": visit_id,
        ":ward": ward,
    })?;
    Ok(())
}

pub(super) fn apply(
    tx: &Transaction<'_>,
    stream: &str,
    cred: &Credential,
    seq: u64,
    payload: &Value,
) -> Result<()> {
    let (ward, seq) = (&cred.ward_code, seq as i64);
    match projection::change(payload) {
        Some(Change::Recorded { visit_id, receipt_no, status, facts: f }) => {
            // A visit already there (recorded by another stream first) is kept as it is.
            tx.prepare_cached(
                "INSERT INTO visits (visit_id, ward_code, desk, stream, seq, receipt_no, status, updated_seq,
                     received_at, received_on, people_count, petition_kind, handling, source, from_body,
                     letter_no, letter_date, petition_field, signatories, stage, eligible, competent,
                     processed_on, session_id, reception)
                 VALUES (:visit_id, :ward, :desk, :stream, :seq, :receipt_no, :status, :seq,
                     :received_at, :received_on, :people_count, :petition_kind, :handling, :source, :from_body,
                     :letter_no, :letter_date, :petition_field, :signatories, :stage, :eligible, :competent,
                     :processed_on, :session_id, :reception)
                 ON CONFLICT (visit_id) DO NOTHING",
            )?
            .execute(named_params! {
                ":visit_id": visit_id,
                ":ward": ward,
                ":desk": cred.desk.to_string(),
                ":stream": stream,
                ":seq": seq,
                ":receipt_no": receipt_no,
                ":status": status,
                ":received_at": f.received_at,
                ":received_on": f.received_on,
                ":people_count": f.people_count,
                ":petition_kind": f.petition_kind,
                ":handling": f.handling,
                ":source": f.source,
                ":from_body": f.from_body,
                ":letter_no": f.letter_no,
                ":letter_date": f.letter_date,
                ":petition_field": f.petition_field,
                ":signatories": f.signatories,
                ":stage": f.stage,
                ":eligible": f.eligible,
                ":competent": f.competent,
                ":processed_on": f.processed_on,
                ":session_id": f.session_id,
                ":reception": f.reception,
            })?;
        }
        Some(Change::Amended { visit_id, facts }) => amend(tx, &visit_id, ward, &facts, seq)?,
        Some(Change::Cancelled { visit_id }) => {
            tx.execute(
                "UPDATE visits SET status = 'cancelled', updated_seq = ?3 WHERE visit_id = ?1 AND ward_code = ?2",
                params![visit_id, ward, seq],
            )?;
        }
        Some(Change::Processed { visit_id, facts: f }) => {
            tx.execute(
                "UPDATE visits SET processed_on = ?3, eligible = ?4, competent = ?5, handling = ?6, updated_seq = ?7
                 WHERE visit_id = ?1 AND ward_code = ?2",
                params![visit_id, ward, f.processed_on, f.eligible, f.competent, f.handling, seq],
            )?;
        }
        Some(Change::SessionPlanned(s)) => {
            tx.execute(
                "INSERT INTO reception_sessions (session_id, ward_code, desk, stream, seq, planned_on, part, kind,
                                                 sat, updated_seq)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?5)
                 ON CONFLICT (session_id) DO NOTHING",
                params![s.session_id, ward, cred.desk.to_string(), stream, seq, s.planned_on, s.part, s.kind, s.sat],
            )?;
        }
        Some(Change::SessionClosed { session_id, outcome, visits }) => {
            tx.execute(
                "UPDATE reception_sessions SET outcome = ?3, visits = ?4, updated_seq = ?5
                 WHERE session_id = ?1 AND ward_code = ?2",
                params![session_id, ward, outcome, visits, seq],
            )?;
        }
        Some(Change::Accepted { visit_id, level, accepted_on }) => {
            tx.prepare_cached(
                "UPDATE visits SET level = ?3, accepted_on = ?4, updated_seq = ?5
                 WHERE visit_id = ?1 AND ward_code = ?2",
            )?
            .execute(params![visit_id, ward, level, accepted_on, seq])?;
        }
        Some(Change::Transferred { visit_id, on }) => {
            tx.prepare_cached(
                "UPDATE visits SET transferred_on = ?3, answered_on = NULL, updated_seq = ?4
                 WHERE visit_id = ?1 AND ward_code = ?2",
            )?
            .execute(params![visit_id, ward, on, seq])?;
        }
        Some(Change::Answered { visit_id, on }) => {
            tx.prepare_cached(
                "UPDATE visits SET answered_on = ?3, updated_seq = ?4
                 WHERE visit_id = ?1 AND ward_code = ?2 AND transferred_on IS NOT NULL",
            )?
            .execute(params![visit_id, ward, on, seq])?;
        }
        Some(Change::Resolved { visit_id, on, outcome }) => {
            tx.prepare_cached(
                "UPDATE visits SET resolved_on = ?3, outcome = ?4, updated_seq = ?5
                 WHERE visit_id = ?1 AND ward_code = ?2",
            )?
            .execute(params![visit_id, ward, on, outcome, seq])?;
        }
        Some(Change::Linked { visit_id, earlier }) => {
            // The first link stored is the one (the desk refuses a second). A link to or from a
            // visit already protected here keeps no other end, whatever the event said.
            tx.prepare_cached(
                "INSERT INTO repeat_links (visit_id, ward_code, earlier_visit_id, stream, seq)
                 VALUES (?1, ?2, CASE WHEN EXISTS (SELECT 1 FROM protected_visits WHERE visit_id IN (?1, ?3))
                                      THEN NULL ELSE ?3 END, ?4, ?5)
                 ON CONFLICT (visit_id) DO NOTHING",
            )?
            .execute(params![visit_id, ward, earlier, stream, seq])?;
        }
        None => {}
    }
    Ok(())
}
