//! The facts and counting of the KQGQ forms: petitions accepted for resolution (thụ lý), their
//! decisions with the figures decided, and how far each decision has been carried out.
//!
//! A [`DecisionFact`] is identity-free like every fact: the record's id, its kind and level, the days
//! it was accepted and resolved, the outcome and figures, whether the deadline was kept, and the
//! implementation records. Amount figures ([`Figure::is_amount`]) are summed in thousandths and
//! given as [`CellValue::Amount`], so a district summing wards gets exactly the wards' totals.

use super::count::CellValue;
use super::definition::Count;
use super::filter::{Filter, Measure, Window};
use super::period::ReportPeriod;
use crate::deadlines::Level;
use crate::decisions::{Amount, ImplementationFigures, ResolutionFigures};
use crate::ids::VisitId;
use crate::petition::PetitionKind;
use crate::results::Outcome;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// A petition accepted for resolution, with its decision once there is one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionFact {
    /// The register record that holds the petition.
    pub id: VisitId,
    /// The matter it belongs to (repeats share their first record's id).
    pub matter: VisitId,
    pub kind: PetitionKind,
    /// Giải quyết lần đầu / lần 2, from the acceptance decision.
    pub level: Level,
    pub accepted_on: NaiveDate,
    pub resolved_on: Option<NaiveDate>,
    pub outcome: Option<Outcome>,
    /// None when the resolution recorded none (nothing to recover, return or refer).
    pub figures: Option<ResolutionFigures>,
    /// Resolved within its deadline: as recorded with the figures, else the resolution day against
    /// the deadline the register computed (kept when the rules set none). None while unresolved.
    pub deadline_kept: Option<bool>,
    /// The implementation records, oldest first; the latest by a day is the state on that day.
    #[serde(default)]
    pub implementations: Vec<ImplementationFact>,
}

/// One implementation record (thi hành quyết định), without its note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImplementationFact {
    pub on: NaiveDate,
    pub completed: bool,
    pub done: ImplementationFigures,
}

impl DecisionFact {
    /// Resolved by a decision (not withdrawn) on or before `end`.
    fn decided_by(&self, end: NaiveDate) -> bool {
        self.resolved_on.is_some_and(|r| r <= end) && self.outcome != Some(Outcome::Withdrawn)
    }

    /// The implementation as it stood on `day`: the latest record dated on or before it.
    pub fn implementation_on(&self, day: NaiveDate) -> Option<&ImplementationFact> {
        self.implementations.iter().filter(|i| i.on <= day).max_by_key(|i| i.on)
    }
}

/// The decision facts of every petition accepted for resolution among `petitions` (whose
/// `resolve_due` is already counted), with what `decided` says of each: the figures recorded with
/// its resolution and its implementation records, oldest first. Whether the deadline was kept is
/// what the leader recorded with the figures, else the resolution day against `resolve_due` (kept
/// when the rules set none). The desk and the district both build the facts here, so they cannot
/// judge a decision differently.
pub fn decisions_of(
    petitions: &[super::facts::PetitionFact],
    mut decided: impl FnMut(VisitId) -> (Option<ResolutionFigures>, Vec<ImplementationFact>),
) -> Vec<DecisionFact> {
    petitions
        .iter()
        .filter_map(|p| {
            let accepted_on = p.accepted_on?;
            let (figures, implementations) = decided(p.id);
            let figures = p.resolved_on.and(figures);
            let deadline_kept = p.resolved_on.map(|on| {
                figures
                    .and_then(|f| f.deadline_kept)
                    .unwrap_or_else(|| p.resolve_due.is_none_or(|due| on <= due))
            });
            Some(DecisionFact {
                id: p.id,
                matter: p.matter,
                kind: p.kind,
                level: p.level,
                accepted_on,
                resolved_on: p.resolved_on,
                outcome: p.outcome,
                figures,
                deadline_kept,
                implementations,
            })
        })
        .collect()
}

/// A figure of a decision or of its implementation, as a form's columns name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Figure {
    /// Thu hồi cho Nhà nước: tiền (triệu đồng), đất (m²).
    StateMoney,
    StateLand,
    /// Trả lại cho tổ chức.
    OrganisationMoney,
    OrganisationLand,
    /// Trả lại cho cá nhân.
    IndividualMoney,
    IndividualLand,
    /// Số tổ chức / cá nhân được trả lại quyền lợi (decisions only).
    OrganisationsRestored,
    IndividualsRestored,
    /// Xử lý hành chính: số người, trong đó CBCCVC.
    SanctionPeople,
    SanctionOfficials,
    /// Chuyển cơ quan điều tra (decided) or khởi tố (done): vụ, người, CBCCVC.
    CriminalCases,
    CriminalPeople,
    CriminalOfficials,
}

impl Figure {
    /// Money and land are amounts; the rest are counts.
    pub fn is_amount(self) -> bool {
        matches!(
            self,
            Figure::StateMoney
                | Figure::StateLand
                | Figure::OrganisationMoney
                | Figure::OrganisationLand
                | Figure::IndividualMoney
                | Figure::IndividualLand
        )
    }

    /// The figure of a decision: thousandths for an amount, else a count.
    pub fn decided(self, f: &ResolutionFigures) -> u64 {
        let amount = |a: Amount| a.thousandths();
        match self {
            Figure::StateMoney => amount(f.to_state.money),
            Figure::StateLand => amount(f.to_state.land),
            Figure::OrganisationMoney => amount(f.to_organisations.money),
            Figure::OrganisationLand => amount(f.to_organisations.land),
            Figure::IndividualMoney => amount(f.to_individuals.money),
            Figure::IndividualLand => amount(f.to_individuals.land),
            Figure::OrganisationsRestored => f.organisations_restored.into(),
            Figure::IndividualsRestored => f.individuals_restored.into(),
            Figure::SanctionPeople => f.sanctions.people.into(),
            Figure::SanctionOfficials => f.sanctions.officials.into(),
            Figure::CriminalCases => f.referred.cases.into(),
            Figure::CriminalPeople => f.referred.people.into(),
            Figure::CriminalOfficials => f.referred.officials.into(),
        }
    }

    /// The figure of an implementation (nought for the restored counts, which only a decision has).
    pub fn done(self, d: &ImplementationFigures) -> u64 {
        let amount = |a: Amount| a.thousandths();
        match self {
            Figure::StateMoney => amount(d.to_state.money),
            Figure::StateLand => amount(d.to_state.land),
            Figure::OrganisationMoney => amount(d.to_organisations.money),
            Figure::OrganisationLand => amount(d.to_organisations.land),
            Figure::IndividualMoney => amount(d.to_individuals.money),
            Figure::IndividualLand => amount(d.to_individuals.land),
            Figure::OrganisationsRestored | Figure::IndividualsRestored => 0,
            Figure::SanctionPeople => d.sanctioned.people.into(),
            Figure::SanctionOfficials => d.sanctioned.officials.into(),
            Figure::CriminalCases => d.prosecuted.cases.into(),
            Figure::CriminalPeople => d.prosecuted.people.into(),
            Figure::CriminalOfficials => d.prosecuted.officials.into(),
        }
    }
}

fn is<T: PartialEq>(wanted: &Option<T>, value: T) -> bool {
    wanted.as_ref().is_none_or(|w| *w == value)
}

impl Filter {
    pub fn decision(&self, d: &DecisionFact, period: &ReportPeriod) -> bool {
        let (start, end) = (period.from, period.to);
        if d.accepted_on > end {
            return false;
        }
        let resolved = d.resolved_on.filter(|r| *r <= end);
        let in_window = match self.window {
            Some(Window::ResolutionCarriedIn) => d.accepted_on < start && resolved.is_none_or(|r| r >= start),
            Some(Window::Accepted) => d.accepted_on >= start,
            Some(Window::ToResolve) => d.accepted_on >= start || resolved.is_none_or(|r| r >= start),
            Some(Window::ToImplement) => {
                let before = d.implementations.iter().filter(|i| i.on < start).max_by_key(|i| i.on);
                d.decided_by(end) && !before.is_some_and(|i| i.completed)
            }
            // Refused for decisions when the definitions load.
            _ => return false,
        };
        let completed = d.implementation_on(end).is_some_and(|i| i.completed);
        in_window
            && self.kind.as_ref().is_none_or(|k| k.contains(&d.kind))
            && is(&self.level, d.level)
            && is(&self.resolved, resolved.is_some())
            && self.outcome.as_ref().is_none_or(|o| resolved.is_some() && d.outcome.is_some_and(|x| o.contains(&x)))
            // Not recorded and not computable: no deadline was missed.
            && self.deadline_kept.is_none_or(|k| resolved.is_some() && d.deadline_kept.unwrap_or(true) == k)
            && self.second_level.is_none_or(|s| {
                resolved.is_some() && d.figures.and_then(|f| f.second_level) == Some(s)
            })
            && is(&self.implemented, completed)
    }
}

/// The value of a count on decisions: records, matters, or the sum of a figure.
pub fn measure(count: &Count, decisions: &[DecisionFact], period: &ReportPeriod) -> CellValue {
    let counted = decisions.iter().filter(|d| count.filter.decision(d, period));
    let (figure, total): (Figure, u64) = match count.measure {
        Measure::Matters => {
            return CellValue::Count(counted.map(|d| d.matter).collect::<HashSet<_>>().len() as u64)
        }
        Measure::Decided(figure) => {
            (figure, counted.map(|d| d.figures.map_or(0, |f| figure.decided(&f))).sum())
        }
        Measure::Done(figure) => (
            figure,
            counted.map(|d| d.implementation_on(period.to).map_or(0, |i| figure.done(&i.done))).sum(),
        ),
        Measure::Records | Measure::People => return CellValue::Count(counted.count() as u64),
    };
    if figure.is_amount() {
        CellValue::Amount(Amount(total))
    } else {
        CellValue::Count(total)
    }
}

#[cfg(test)]
#[path = "decisions_tests.rs"]
mod tests;
