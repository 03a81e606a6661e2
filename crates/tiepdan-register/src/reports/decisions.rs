//! The KQGQ forms' facts: every petition accepted for resolution (thụ lý) on an active record, with
//! its decision, the figures decided, whether the deadline was kept, and its implementation records.
//!
//! Built from the petition facts already read (`read_facts`) by the domain's `decisions_of`, with
//! one scan of the resolutions' figures and one of the implementation records, so counting a year
//! costs two more table scans, not a follow-up per petition. Identity-free by construction: ids,
//! days, outcomes and numbers only, never a name, a summary or a note.

use crate::access::actor::Actor;
use crate::error::Result;
use crate::petitions::results::from_json;
use crate::store::columns::{parse_date, parse_id};
use crate::Register;
use rusqlite::Connection;
use std::collections::HashMap;
use tiepdan_domain::acts::Act;
use tiepdan_domain::decisions::ResolutionFigures;
use tiepdan_domain::reports::decisions::decisions_of;
use tiepdan_domain::reports::facts::{DecisionFact, ImplementationFact, PetitionFact};
use tiepdan_domain::VisitId;

/// The decision facts of `petitions` (this register's, as `read_facts` reads them).
pub(crate) fn decision_facts(conn: &Connection, petitions: &[PetitionFact]) -> Result<Vec<DecisionFact>> {
    let mut figures: HashMap<VisitId, ResolutionFigures> = HashMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT v.id, r.figures FROM petition_resolutions r JOIN visits v ON v.no = r.visit_no
         WHERE r.figures IS NOT NULL",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let (id, text): (String, String) = (r.get(0)?, r.get(1)?);
        figures.insert(parse_id("visits.id", &id)?, from_json("petition_resolutions.figures", &text)?);
    }
    let mut implementations: HashMap<VisitId, Vec<ImplementationFact>> = HashMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT v.id, i.implemented_on, i.completed, i.done FROM decision_implementations i
         JOIN visits v ON v.no = i.visit_no ORDER BY i.visit_no, i.position",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let (id, on, completed, done): (String, String, bool, String) =
            (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
        implementations.entry(parse_id("visits.id", &id)?).or_default().push(ImplementationFact {
            on: parse_date("implemented_on", &on)?,
            completed,
            done: from_json("decision_implementations.done", &done)?,
        });
    }
    Ok(decisions_of(petitions, |id| {
        (figures.get(&id).copied(), implementations.remove(&id).unwrap_or_default())
    }))
}

impl Register {
    /// The facts 01/KQGQ and 02/KQGQ count (also in `report_facts`).
    pub fn decision_facts(&self, actor: &Actor<'_>) -> Result<Vec<DecisionFact>> {
        self.permit(actor, Act::ReadRegister)?;
        Ok(self.read_facts()?.decisions)
    }
}
