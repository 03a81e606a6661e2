//! Filling a form from the facts: every counted column, then the sums in dependency order, then
//! the declared opening balances, then the form's own equations. A report whose equations fail is
//! not returned: the caller gets [`ReportError::Inconsistent`], which is a bug to report, never a
//! figure to print.

use super::definition::{Count, Definition, FormKey};
use super::facts::Facts;
use super::filter::{Measure, Subject};
use super::period::ReportPeriod;
use crate::decisions::Amount;
use crate::ids::{SessionId, VisitId};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};

/// One cell's value: a count, an amount (triệu đồng, m²), or the Ghi chú text.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum CellValue {
    Count(u64),
    /// Integer thousandths of the unit, so sums are exact; written as a JSON number with a
    /// fraction ("12.5", and "3.0" for a whole amount, which keeps it apart from a count when read
    /// back).
    Amount(
        #[serde(with = "as_decimal")]
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        Amount,
    ),
    Text(String),
}

impl CellValue {
    pub fn count(&self) -> u64 {
        match self {
            CellValue::Count(n) => *n,
            CellValue::Amount(_) | CellValue::Text(_) => 0,
        }
    }

    /// The value in thousandths, for exact sums and comparisons (a count of n is n·1000).
    pub fn thousandths(&self) -> u64 {
        match self {
            CellValue::Count(n) => n * 1000,
            CellValue::Amount(a) => a.0,
            CellValue::Text(_) => 0,
        }
    }

    /// The sum of `parts`: an amount if any part is one, else a count.
    pub fn sum<'a>(parts: impl IntoIterator<Item = &'a CellValue>) -> CellValue {
        let parts: Vec<&CellValue> = parts.into_iter().collect();
        if parts.iter().any(|p| matches!(p, CellValue::Amount(_))) {
            CellValue::Amount(Amount(parts.iter().map(|p| p.thousandths()).sum()))
        } else {
            CellValue::Count(parts.iter().map(|p| p.count()).sum())
        }
    }
}

/// An [`Amount`] cell as a JSON number with a fraction, read back exactly.
mod as_decimal {
    use crate::decisions::Amount;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(a: &Amount, s: S) -> Result<S::Ok, S::Error> {
        // Exact for any amount below 2^53 thousandths, far above any figure of a form.
        s.serialize_f64(a.0 as f64 / 1000.0)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Amount, D::Error> {
        let v = f64::deserialize(d)?;
        if !(v.is_finite() && v >= 0.0) {
            return Err(serde::de::Error::custom("an amount is a non-negative number"));
        }
        Ok(Amount((v * 1000.0).round() as u64))
    }
}

/// A filled form for one unit and period.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Computed {
    /// "01/TCD".
    pub form: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// By column number; JSON keys are the numbers as strings ("1", "2", …).
    #[cfg_attr(feature = "ts", ts(type = "Record<string, number | string>"))]
    pub columns: BTreeMap<u16, CellValue>,
}

/// Balances a unit that started mid-year declares once for a form: added to the columns the form
/// marks `opening` (the carried-over counts) of the period that starts on `from`, the first day the
/// register covers. Later periods carry over by computation.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Opening {
    pub form: FormKey,
    pub from: NaiveDate,
    #[cfg_attr(feature = "ts", ts(type = "Record<string, number>"))]
    pub columns: BTreeMap<u16, u64>,
}

impl Opening {
    /// Refuses a balance for a column the form does not carry over.
    pub fn checked(self) -> Result<Self, ReportError> {
        let def = self.form.definition().ok_or(ReportError::NotDefined(self.form))?;
        if let Some(n) = self.columns.keys().find(|n| !def.column(**n).is_some_and(|c| c.opening)) {
            return Err(ReportError::NotAnOpeningColumn { form: def.form.clone(), column: *n });
        }
        Ok(self)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReportError {
    /// A bug: the counting rules broke the form's own equation.
    #[error("report {form} fails its check {check}: {values}")]
    Inconsistent { form: String, check: String, values: String },
    #[error("column ({column}) of {form} does not carry over; no opening balance can be declared for it")]
    NotAnOpeningColumn { form: String, column: u16 },
    #[error("this build has no definition of form {0:?}")]
    NotDefined(FormKey),
    #[error("report {form} has no column ({column})")]
    NoColumn { form: String, column: u16 },
}

/// The records behind a cell.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Drill {
    /// Visits and petitions (a petition is held by a register record with a visit id).
    pub records: Vec<VisitId>,
    pub sessions: Vec<SessionId>,
}

/// Fills `def` for `period` from `facts`, adding `openings` that apply, and checks its equations.
pub fn compute(
    def: &Definition,
    facts: &Facts,
    period: &ReportPeriod,
    openings: &[Opening],
) -> Result<Computed, ReportError> {
    let mut columns: BTreeMap<u16, CellValue> = BTreeMap::new();
    let order = def.sum_order().map_err(|e| ReportError::Inconsistent {
        form: def.form.clone(),
        check: "definition".into(),
        values: e,
    })?;
    let opening: BTreeMap<u16, u64> = openings
        .iter()
        .filter(|o| o.form == def.key && o.from == period.from)
        .flat_map(|o| o.columns.iter().map(|(n, v)| (*n, *v)))
        .collect();
    for n in order {
        let Some(column) = def.column(n) else { continue };
        let value = if let Some(parts) = &column.sum {
            let zero = CellValue::Count(0);
            CellValue::sum(parts.iter().map(|p| columns.get(p).unwrap_or(&zero)))
        } else if let Some(count) = &column.count {
            let opening = CellValue::Count(opening.get(&n).copied().unwrap_or(0));
            CellValue::sum([&measure(count, facts, period), &opening])
        } else if let Some(note) = &column.note {
            let n = measure(&note.count, facts, period).count();
            CellValue::Text(if n == 0 { String::new() } else { note.text.replace("{n}", &n.to_string()) })
        } else {
            continue;
        };
        columns.insert(n, value);
    }
    let computed = Computed { form: def.form.clone(), from: period.from, to: period.to, columns };
    check(def, &computed)?;
    Ok(computed)
}

/// Checks the form's equations on a filled form (the server checks its per-ward rows and total too).
pub fn check(def: &Definition, computed: &Computed) -> Result<(), ReportError> {
    for check in &def.checks {
        let zero = CellValue::Count(0);
        let sums: Vec<CellValue> = check
            .equal
            .iter()
            .map(|g| CellValue::sum(g.iter().map(|n| computed.columns.get(n).unwrap_or(&zero))))
            .collect();
        // Compared in thousandths: amounts are exact, so an equation on them holds exactly or not.
        if sums.windows(2).any(|w| w[0].thousandths() != w[1].thousandths()) {
            let values = sums.iter().map(shown).collect::<Vec<_>>().join(" ≠ ");
            return Err(ReportError::Inconsistent {
                form: def.form.clone(),
                check: check.describe(),
                values,
            });
        }
    }
    Ok(())
}

fn shown(value: &CellValue) -> String {
    match value {
        CellValue::Count(n) => n.to_string(),
        CellValue::Amount(a) => a.to_string(),
        CellValue::Text(t) => t.clone(),
    }
}

fn measure(count: &Count, facts: &Facts, period: &ReportPeriod) -> CellValue {
    if count.of == Subject::Decisions {
        return super::decisions::measure(count, &facts.decisions, period);
    }
    CellValue::Count(counted(count, facts, period))
}

fn counted(count: &Count, facts: &Facts, period: &ReportPeriod) -> u64 {
    let f = &count.filter;
    match (count.of, count.measure) {
        (Subject::Visits, Measure::People) => {
            facts.visits.iter().filter(|v| f.visit(v, period)).map(|v| v.people as u64).sum()
        }
        (Subject::Visits, Measure::Matters) => {
            facts.visits.iter().filter(|v| f.visit(v, period)).map(|v| v.matter).collect::<HashSet<_>>().len()
                as u64
        }
        (Subject::Visits, _) => facts.visits.iter().filter(|v| f.visit(v, period)).count() as u64,
        (Subject::Petitions, Measure::Matters) => facts
            .petitions
            .iter()
            .filter(|p| f.petition(p, period))
            .map(|p| p.matter)
            .collect::<HashSet<_>>()
            .len() as u64,
        (Subject::Petitions, _) => facts.petitions.iter().filter(|p| f.petition(p, period)).count() as u64,
        (Subject::Sessions, _) => facts.sessions.iter().filter(|s| f.session(s, period)).count() as u64,
        (Subject::Decisions, _) => measure(count, facts, period).count(),
    }
}

/// The records behind column `n`: what a counted cell counted, or the union of a sum's parts.
pub fn drill(def: &Definition, n: u16, facts: &Facts, period: &ReportPeriod) -> Result<Drill, ReportError> {
    let column = def.column(n).ok_or(ReportError::NoColumn { form: def.form.clone(), column: n })?;
    let mut out = Drill::default();
    if let Some(parts) = &column.sum {
        for p in parts {
            let part = drill(def, *p, facts, period)?;
            out.records.extend(part.records);
            out.sessions.extend(part.sessions);
        }
    } else if let Some(count) = column.count.as_ref().or(column.note.as_ref().map(|n| &n.count)) {
        let f = &count.filter;
        match count.of {
            Subject::Visits => {
                out.records.extend(facts.visits.iter().filter(|v| f.visit(v, period)).map(|v| v.id))
            }
            Subject::Petitions => {
                out.records.extend(facts.petitions.iter().filter(|p| f.petition(p, period)).map(|p| p.id))
            }
            Subject::Sessions => {
                out.sessions.extend(facts.sessions.iter().filter(|s| f.session(s, period)).map(|s| s.id))
            }
            Subject::Decisions => {
                out.records.extend(facts.decisions.iter().filter(|d| f.decision(d, period)).map(|d| d.id))
            }
        }
    }
    let mut seen = HashSet::new();
    out.records.retain(|id| seen.insert(*id));
    let mut seen = HashSet::new();
    out.sessions.retain(|id| seen.insert(*id));
    Ok(out)
}
