//! Shared helpers: date parsing and the case-table runner.

use chrono::NaiveDate;
use tiepdan_domain::calendar::WorkCalendar;
use tiepdan_domain::deadlines::{self, Complexity, DeadlineRules, Level, Step, Variant};
use tiepdan_domain::petition::PetitionKind;

pub fn d(s: &str) -> NaiveDate {
    s.parse().unwrap_or_else(|e| panic!("test date {s:?} is not YYYY-MM-DD: {e}"))
}

/// One hand-worked deadline.
pub struct Case {
    pub kind: PetitionKind,
    pub step: Step,
    pub variant: Variant,
    pub from: &'static str,
    pub due: &'static str,
}

pub fn case(kind: PetitionKind, step: Step, from: &'static str, due: &'static str) -> Case {
    Case { kind, step, variant: Variant::default(), from, due }
}

pub fn variant(level: Level, complexity: Complexity, remote_area: bool) -> Variant {
    Variant { level, complexity, remote_area }
}

impl Case {
    pub fn with(mut self, variant: Variant) -> Self {
        self.variant = variant;
        self
    }
}

/// Runs every case against the shipped rules and calendar and reports all mismatches at once, each
/// with the computed explanation so the difference from the hand-worked reasoning is visible.
pub fn check_all(cases: &[Case]) {
    let rules = DeadlineRules::shipped();
    let calendar = WorkCalendar::official();
    let mut failures = Vec::new();
    for (i, c) in cases.iter().enumerate() {
        match deadlines::compute(&rules, &calendar, c.kind, c.step, c.variant, d(c.from)) {
            Ok(explained) if explained.due == d(c.due) => {}
            Ok(explained) => failures.push(format!(
                "case {i} ({:?} {:?} from {}): expected {}, computed {}\n  {}",
                c.kind,
                c.step,
                c.from,
                c.due,
                explained.due,
                explained.lines_vi().join("\n  ")
            )),
            Err(e) => failures.push(format!("case {i} ({:?} {:?} from {}): {e}", c.kind, c.step, c.from)),
        }
    }
    assert!(failures.is_empty(), "{} hand-worked case(s) disagree:\n{}", failures.len(), failures.join("\n"));
}
