//! Carrying out a complaint decision (thi hành quyết định giải quyết khiếu nại, 02/KQGQ): each record
//! states, as totals to date, what has been recovered, returned, sanctioned and prosecuted, and
//! whether the decision is carried out in full.
//!
//! A record is one transaction that checks the decision and appends a `decision_implemented` event,
//! applied to `decision_implementations` by [`apply_implementation`] — the same function that
//! applies one taken back from the district. Records are never replaced: a correction is a newer
//! record, and counting takes the latest dated on or before a period's end.

use super::results::{from_json, load_resolution, subject, to_json, visit_no};
use crate::access::actor::Actor;
use crate::error::{FollowUpRefusal, Result};
use crate::store::columns::parse_date;
use crate::{journal, Register};
use rusqlite::{params, Connection};
use tiepdan_domain::acts::Act;
use tiepdan_domain::decisions::Implementation;
use tiepdan_domain::event::EventBody;
use tiepdan_domain::petition::PetitionKind;
use tiepdan_domain::results::Outcome;
use tiepdan_domain::VisitId;

/// Every implementation record of the decision on visit row `no`, oldest first.
pub(crate) fn load_implementations(
    conn: &Connection,
    no: i64,
    visit_id: VisitId,
) -> Result<Vec<Implementation>> {
    let mut stmt = conn.prepare_cached(
        "SELECT implemented_on, completed, done, note FROM decision_implementations
         WHERE visit_no = ?1 ORDER BY position",
    )?;
    let rows = stmt
        .query_map([no], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, bool>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|(on, completed, done, note)| {
            Ok(Implementation {
                visit_id,
                on: parse_date("implemented_on", &on)?,
                completed,
                done: from_json("decision_implementations.done", &done)?,
                note,
            })
        })
        .collect()
}

/// Applies a `decision_implemented` event: one more record after the earlier ones.
pub(crate) fn apply_implementation(conn: &Connection, record: &Implementation) -> Result<()> {
    conn.execute(
        "INSERT INTO decision_implementations (visit_no, position, implemented_on, completed, done, note)
         VALUES (?1, (SELECT COUNT(*) FROM decision_implementations WHERE visit_no = ?1), ?2, ?3, ?4, ?5)",
        params![
            visit_no(conn, record.visit_id)?,
            record.on.to_string(),
            record.completed,
            to_json(&record.done)?,
            record.note
        ],
    )?;
    Ok(())
}

impl Register {
    /// Records how far the decision on a resolved complaint has been carried out. Refused for a
    /// petition that is not a complaint, not resolved, or withdrawn (no decision to carry out), and
    /// for a day before the decision.
    pub fn record_implementation(
        &mut self,
        actor: &Actor<'_>,
        record: Implementation,
    ) -> Result<Implementation> {
        // Whoever may record the decision records its implementation: both are the leader's word.
        self.permit(actor, Act::RecordResolution)?;
        let record = record.checked()?;
        let today = self.today();
        let officer = Some(actor.officer_id());
        let (tx, clock) = self.write()?;
        let s = subject(&tx, record.visit_id, record.on, today)?;
        let decision = load_resolution(&tx, s.no, record.visit_id)?
            .filter(|r| s.kind == PetitionKind::Complaint && r.outcome != Outcome::Withdrawn);
        let Some(decision) = decision else {
            return Err(FollowUpRefusal::NoDecision { receipt_no: s.receipt_no }.into());
        };
        if record.on < decision.on {
            return Err(FollowUpRefusal::BeforeDecision { on: record.on, decided_on: decision.on }.into());
        }
        journal::append(&tx, clock, &EventBody::DecisionImplemented(record.clone()), officer)?;
        apply_implementation(&tx, &record)?;
        tx.commit()?;
        Ok(record)
    }

    /// The implementation records of a decision, oldest first (the latest stands).
    pub fn implementations(&self, actor: &Actor<'_>, visit_id: VisitId) -> Result<Vec<Implementation>> {
        self.permit(actor, Act::ReadRegister)?;
        let no = visit_no(&self.conn, visit_id)?;
        load_implementations(&self.conn, no, visit_id)
    }
}
