//! A form computed for a period from the register's facts and the declared opening balances, and
//! the register rows behind one of its cells.
//!
//! Drill-down rows are [`Visit`]s, the type of the register book (`visits_on`): a petition received
//! by post is a register row like a visit, so one row type serves every cell, and a denouncer's
//! identity is masked exactly as the book masks it (sealed visitors read back blank, shown as
//! `SEALED_VISITOR_NAME`). A session cell ((12), (21), Ghi chú) lists [`SessionEntry`]s, the type of
//! the calendar screen.

use crate::access::actor::Actor;
use crate::error::{RegisterError, Result};
use crate::visits::reception_calendar::SessionEntry;
use crate::Register;
use serde::Serialize;
use std::collections::HashSet;
use tiepdan_domain::acts::Act;
use tiepdan_domain::reports::{self, count, Computed, Definition, Facts, FormKey, ReportError, ReportPeriod};
use tiepdan_domain::visit::Visit;

/// The register rows behind one cell: what it counted (for a sum, what its parts counted).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ReportDrill {
    /// Visits and petitions, in register order, masked as the register book shows them.
    pub records: Vec<Visit>,
    /// Leader reception sessions, in date order.
    pub sessions: Vec<SessionEntry>,
}

/// The register's error for a report the domain refused: a broken equation is a bug.
pub(crate) fn report_error(e: ReportError) -> RegisterError {
    match e {
        ReportError::Inconsistent { form, check, values } => {
            RegisterError::ReportInconsistent { form, check, values }
        }
        other => RegisterError::ReportRefused(other),
    }
}

fn definition(form: FormKey) -> Result<&'static Definition> {
    form.definition().ok_or(RegisterError::ReportRefused(ReportError::NotDefined(form)))
}

impl Register {
    /// Form `form` for `period`, counted from the register as it stands, with the declared opening
    /// balances, checked against the form's equations, for `actor`.
    pub fn report(&self, actor: &Actor<'_>, form: FormKey, period: &ReportPeriod) -> Result<Computed> {
        self.permit(actor, Act::ComputeReport)?;
        let facts = self.read_facts()?;
        self.compute_report(&facts, form, period)
    }

    /// Several forms for one period, the register read once (the "Báo cáo" screen and the
    /// benchmark compute every defined form like this).
    pub fn reports(
        &self,
        actor: &Actor<'_>,
        forms: &[FormKey],
        period: &ReportPeriod,
    ) -> Result<Vec<Computed>> {
        self.permit(actor, Act::ComputeReport)?;
        let facts = self.read_facts()?;
        forms.iter().map(|form| self.compute_report(&facts, *form, period)).collect()
    }

    fn compute_report(&self, facts: &Facts, form: FormKey, period: &ReportPeriod) -> Result<Computed> {
        let openings = self.stored_openings()?;
        reports::compute(definition(form)?, facts, period, &openings).map_err(report_error)
    }

    /// The register rows behind column `column` of `form` for `period`, for `actor`: exactly the
    /// records and sessions the cell counted. The Ghi chú lists what its number counted.
    pub fn report_drill(
        &self,
        actor: &Actor<'_>,
        form: FormKey,
        column: u16,
        period: &ReportPeriod,
    ) -> Result<ReportDrill> {
        self.permit(actor, Act::ComputeReport)?;
        let facts = self.read_facts()?;
        let drill = count::drill(definition(form)?, column, &facts, period).map_err(report_error)?;
        let records = drill.records.iter().map(|id| self.visit(*id)).collect::<Result<Vec<_>>>()?;
        let wanted: HashSet<_> = drill.sessions.iter().copied().collect();
        let mut sessions = Vec::new();
        if !wanted.is_empty() {
            // One read of the period's sessions (a counted session is in the period), then filtered.
            for entry in self.sessions_between(actor, period.from, period.to)? {
                if wanted.contains(&entry.session.id) {
                    sessions.push(entry);
                }
            }
        }
        Ok(ReportDrill { records, sessions })
    }
}
