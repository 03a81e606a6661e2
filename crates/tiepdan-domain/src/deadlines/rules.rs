//! Deadline rules as data: for each petition kind and step, the period, its unit, the event it runs
//! from, and whether a last day that is a day off moves to the next working day.
//!
//! The national defaults ship in `data/deadline-rules.json`; a province that shortens them replaces
//! the whole rule set (a value passed in, never a file read here). A rule applies to a case when its
//! kinds include the petition's kind (empty = every kind), its level matches, the case is at least as
//! complex as the rule requires and, if the rule says so, in a remote area; among the rules that
//! apply, the most specific wins.

use super::{Complexity, Level, Step, Unit, Variant};
use crate::petition::PetitionKind;
use serde::{Deserialize, Serialize};

/// The event a period runs from; counting starts the day after it (Bộ luật Dân sự 2015, Điều 147).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StartEvent {
    /// Ngày nhận đơn / tiếp nhận.
    Receipt,
    /// Ngày thụ lý.
    Acceptance,
    /// The deadline being extended.
    PreviousDeadline,
}

impl StartEvent {
    pub fn label_vi(self) -> &'static str {
        match self {
            StartEvent::Receipt => "ngày nhận đơn",
            StartEvent::Acceptance => "ngày thụ lý",
            StartEvent::PreviousDeadline => "hạn đang áp dụng",
        }
    }
}

fn yes() -> bool {
    true
}

/// One rule of the set.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeadlineRule {
    pub step: Step,
    /// The petition kinds this rule is for; empty means every kind.
    #[serde(default)]
    pub kinds: Vec<PetitionKind>,
    /// Complaints: first or second resolution; `None` for any.
    #[serde(default)]
    pub level: Option<Level>,
    /// The least complexity the case must have for this rule; `None` for any.
    #[serde(default)]
    pub complexity: Option<Complexity>,
    /// `Some(true)`: only for remote areas (vùng sâu, vùng xa đi lại khó khăn); `None` for any.
    #[serde(default)]
    pub remote_area: Option<bool>,
    pub period: u32,
    pub unit: Unit,
    pub start: StartEvent,
    /// Calendar-day periods: a last day that is not a working day moves to the next working day
    /// (Bộ luật Dân sự 2015, Điều 148). Ignored for working-day periods.
    #[serde(default = "yes")]
    pub roll_forward: bool,
    /// Extensions: how many times the period may be added.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_times: Option<u32>,
    /// What the deadline is for, as the clerk reads it ("Giải quyết khiếu nại lần đầu").
    pub label_vi: String,
    /// The legal basis, e.g. "Luật Khiếu nại 2011, Điều 28".
    pub basis: String,
}

impl DeadlineRule {
    fn applies(&self, kind: PetitionKind, step: Step, variant: &Variant) -> bool {
        self.step == step
            && (self.kinds.is_empty() || self.kinds.contains(&kind))
            && self.level.is_none_or(|l| l == variant.level)
            && self.complexity.is_none_or(|c| variant.complexity >= c)
            && self.remote_area.is_none_or(|r| r == variant.remote_area)
    }

    fn specificity(&self) -> (bool, bool, Option<Complexity>, bool) {
        (self.level.is_some(), self.remote_area.is_some(), self.complexity, !self.kinds.is_empty())
    }

    fn selector(&self) -> (Step, Vec<PetitionKind>, Option<Level>, Option<Complexity>, Option<bool>) {
        let mut kinds = self.kinds.clone();
        kinds.sort_by_key(|k| k.label_vi());
        (self.step, kinds, self.level, self.complexity, self.remote_area)
    }
}

/// A whole rule set: the national defaults or a province's replacement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeadlineRules {
    /// Whose rules these are ("Mặc định toàn quốc", "UBND tỉnh …").
    pub name: String,
    pub version: u32,
    pub rules: Vec<DeadlineRule>,
}

/// Why a rule set was rejected.
#[derive(Debug, thiserror::Error)]
pub enum RulesError {
    #[error("the deadline rules are not valid JSON for this version: {0}")]
    Format(#[from] serde_json::Error),
    #[error("deadline rule {index} has a period of zero days")]
    ZeroPeriod { index: usize },
    #[error("deadline rules {first} and {second} apply to exactly the same cases")]
    Ambiguous { first: usize, second: usize },
}

const SHIPPED: &str = include_str!("../../data/deadline-rules.json");

impl DeadlineRules {
    /// The national defaults shipped with this release.
    pub fn shipped() -> Self {
        Self::from_json(SHIPPED).expect("the shipped deadline rules are valid (a test checks it)")
    }

    pub fn from_json(json: &str) -> Result<Self, RulesError> {
        let rules: DeadlineRules = serde_json::from_str(json)?;
        rules.check()?;
        Ok(rules)
    }

    /// Rejects zero periods and two rules that would always tie.
    pub fn check(&self) -> Result<(), RulesError> {
        for (index, rule) in self.rules.iter().enumerate() {
            if rule.period == 0 {
                return Err(RulesError::ZeroPeriod { index });
            }
            if let Some(first) = self.rules[..index].iter().position(|r| r.selector() == rule.selector()) {
                return Err(RulesError::Ambiguous { first, second: index });
            }
        }
        Ok(())
    }

    /// The steps that have a deadline for this kind and case, in the order of [`Step::ALL`] — what a
    /// petition's detail view lists.
    pub fn steps_for(&self, kind: PetitionKind, variant: &Variant) -> Vec<Step> {
        Step::ALL.into_iter().filter(|&step| self.find(kind, step, variant).is_some()).collect()
    }

    /// The rule for this kind, step and case, if the set has one.
    pub fn find(&self, kind: PetitionKind, step: Step, variant: &Variant) -> Option<&DeadlineRule> {
        self.rules.iter().filter(|r| r.applies(kind, step, variant)).fold(
            None,
            |best: Option<&DeadlineRule>, r| match best {
                Some(b) if b.specificity() >= r.specificity() => Some(b),
                _ => Some(r),
            },
        )
    }
}
