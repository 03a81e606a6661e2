//! The KQGQ forms' facts: every petition accepted for resolution (thụ lý) on an active record, with
//! its decision, the figures decided, whether the deadline was kept, and its implementation records.
//!
//! Identity-free by construction: ids, kinds, days, outcomes and numbers only, never a name, a
//! summary or a note. Whether the deadline was kept is what the leader recorded with the figures;
//! when nothing was recorded it is the resolution day against the resolution deadline counted
//! from the acceptance (extensions included), as the desk pre-fills it and as the district counts it.

use crate::access::actor::Actor;
use crate::error::Result;
use crate::petitions::implementations::load_implementations;
use crate::store::columns::parse_id;
use crate::Register;
use tiepdan_domain::acts::Act;
use tiepdan_domain::deadlines;
use tiepdan_domain::reports::facts::{DecisionFact, ImplementationFact};
use tiepdan_domain::VisitId;

/// The decision facts of the register as it stands.
pub(crate) fn decision_facts(register: &Register) -> Result<Vec<DecisionFact>> {
    let rows: Vec<(i64, String, String)> = register
        .conn
        .prepare_cached(
            "SELECT v.no, v.id, COALESCE(m.id, v.id)
             FROM petition_acceptances a
             JOIN visits v ON v.no = a.visit_no
             JOIN petitions p ON p.visit_no = v.no
             LEFT JOIN repeat_links r ON r.visit_no = v.no
             LEFT JOIN visits m ON m.no = r.matter_no
             WHERE a.accepted = 1 AND v.status = 'active'
             ORDER BY v.no",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let today = register.today();
    let (rules, calendar) = (register.deadline_rules()?, register.calendar()?);
    let mut out = Vec::with_capacity(rows.len());
    for (no, id, matter) in rows {
        let id: VisitId = parse_id("visits.id", &id)?;
        let follow_up = register.follow_up_of(id, today, 0)?;
        let Some(acceptance) = follow_up.acceptance else { continue };
        let resolution = follow_up.resolution;
        // Counted as the report facts count it (`resolve_due`), also for a repeat visit, whose
        // follow-up shows its matter's first visit's deadlines instead of its own.
        let extensions: Vec<_> = follow_up.extensions.iter().map(|e| e.complexity).collect();
        let due = deadlines::resolve_due(
            &rules,
            &calendar,
            follow_up.kind,
            acceptance.variant,
            acceptance.on,
            &extensions,
        );
        let figures = resolution.as_ref().and_then(|r| r.figures);
        let deadline_kept = resolution.as_ref().map(|r| {
            figures.and_then(|f| f.deadline_kept).unwrap_or_else(|| due.is_none_or(|due| r.on <= due))
        });
        let implementations = load_implementations(&register.conn, no, id)?
            .into_iter()
            .map(|i| ImplementationFact { on: i.on, completed: i.completed, done: i.done })
            .collect();
        out.push(DecisionFact {
            id,
            matter: parse_id("visits.id", &matter)?,
            kind: follow_up.kind,
            level: acceptance.variant.level,
            accepted_on: acceptance.on,
            resolved_on: resolution.as_ref().map(|r| r.on),
            outcome: resolution.as_ref().map(|r| r.outcome),
            figures,
            deadline_kept,
            implementations,
        });
    }
    Ok(out)
}

impl Register {
    /// The facts 01/KQGQ and 02/KQGQ count (merged into the report facts by `report_facts`).
    pub fn decision_facts(&self, actor: &Actor<'_>) -> Result<Vec<DecisionFact>> {
        self.permit(actor, Act::ReadRegister)?;
        decision_facts(self)
    }
}
