//! Filling a form from the facts: every counted column, then the sums in dependency order, then
//! the declared opening balances, then the form's own equations. A report whose equations fail is
//! not returned: the caller gets [`ReportError::Inconsistent`], which is a bug to report, never a
//! figure to print.

use super::definition::{Count, Definition, FormKey};
use super::facts::{Facts, PetitionFact};
use super::filter::{Disposition, Filter, Measure, Subject, Window};
use super::period::ReportPeriod;
use crate::decisions::Amount;
use crate::ids::{SessionId, VisitId};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};

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
    #[serde(deserialize_with = "column_numbers")]
    pub columns: BTreeMap<u16, u64>,
}

/// Column numbers from JSON object keys ("2"), also where serde first buffers the value, as it does
/// for the journal's tagged events (its buffer keeps keys as strings and would refuse them as u16).
fn column_numbers<'de, D: serde::Deserializer<'de>>(d: D) -> Result<BTreeMap<u16, u64>, D::Error> {
    use serde::de::Error;
    BTreeMap::<String, u64>::deserialize(d)?
        .into_iter()
        .map(|(k, v)| {
            k.parse::<u16>()
                .map(|n| (n, v))
                .map_err(|_| D::Error::custom(format!("{k:?} is not a column number")))
        })
        .collect()
}

impl Opening {
    /// Refuses a balance for a column the form does not carry over, and a declaration that would
    /// break the form's own equations in the first period (01/XLD: (2) carried in without the same
    /// (5) still to process breaks (1) = (2)+(3) = (4)+(5)): the form is filled on no records for a
    /// period starting on `from`, with this opening only, and checked.
    pub fn checked(self) -> Result<Self, ReportError> {
        let def = self.form.definition().ok_or(ReportError::NotDefined(self.form))?;
        if let Some(n) = self.columns.keys().find(|n| !def.column(**n).is_some_and(|c| c.opening)) {
            return Err(ReportError::NotAnOpeningColumn { form: def.form.clone(), column: *n });
        }
        let period = ReportPeriod { from: self.from, to: self.from, label_vi: String::new() };
        match compute(def, &Facts::default(), &period, std::slice::from_ref(&self)) {
            Err(ReportError::Inconsistent { form, check, values }) => {
                Err(ReportError::Unbalanced { form, check, values })
            }
            Err(other) => Err(other),
            Ok(_) => Ok(self),
        }
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
    /// A declared opening balance that breaks the form's equation on its own: bad input, not a bug.
    #[error("the opening balances of {form} break its check {check} ({values}): declare the columns that check ties together")]
    Unbalanced { form: String, check: String, values: String },
}

impl ReportError {
    /// The sentence a clerk or leader reads when a declaration or a drill-down is refused.
    pub fn message_vi(&self) -> String {
        match self {
            ReportError::Inconsistent { form, check, .. } => format!(
                "Biểu {form} không thỏa mãn công thức kiểm tra {check}: đây là lỗi của phần mềm, báo cáo không được hiển thị. Hãy báo cho quản trị viên."
            ),
            ReportError::NotAnOpeningColumn { form, column } => format!(
                "Cột ({column}) của biểu {form} không phải số kỳ trước chuyển sang: không khai báo số dư đầu kỳ cho cột này."
            ),
            ReportError::NotDefined(key) => {
                format!("Phiên bản này chưa có mẫu biểu {}.", key.as_str())
            }
            ReportError::NoColumn { form, column } => format!("Biểu {form} không có cột ({column})."),
            ReportError::Unbalanced { form, check, values } => format!(
                "Số dư đầu kỳ khai báo cho biểu {form} làm sai công thức {check} ({values}): hãy khai báo đủ các cột mà công thức này liên kết."
            ),
        }
    }
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
    let mut leads = Leads::default();
    for n in order {
        let Some(column) = def.column(n) else { continue };
        let value = if let Some(parts) = &column.sum {
            let zero = CellValue::Count(0);
            CellValue::sum(parts.iter().map(|p| columns.get(p).unwrap_or(&zero)))
        } else if let Some(count) = &column.count {
            let opening = CellValue::Count(opening.get(&n).copied().unwrap_or(0));
            CellValue::sum([&measure(count, facts, period, &mut leads), &opening])
        } else if let Some(note) = &column.note {
            let n = measure(&note.count, facts, period, &mut leads).count();
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

/// The lead petition of every matter (`matter_leads`) by window, judged once per form and period:
/// a form has a dozen matter columns over two or three windows, and judging the leads is most of
/// the work of counting one.
#[derive(Default)]
struct Leads(HashMap<Option<Window>, Vec<usize>>);

fn measure(count: &Count, facts: &Facts, period: &ReportPeriod, leads: &mut Leads) -> CellValue {
    if count.of == Subject::Decisions {
        return super::decisions::measure(count, &facts.decisions, period);
    }
    CellValue::Count(counted(count, facts, period, leads))
}

fn counted(count: &Count, facts: &Facts, period: &ReportPeriod, leads: &mut Leads) -> u64 {
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
        (Subject::Petitions, Measure::Matters) => {
            let chosen = leads.0.entry(f.window).or_insert_with(|| lead_indices(f.window, facts, period));
            chosen.iter().filter(|i| f.petition(&facts.petitions[**i], period)).count() as u64
        }
        (Subject::Petitions, _) => facts.petitions.iter().filter(|p| f.petition(p, period)).count() as u64,
        (Subject::Sessions, _) => facts.sessions.iter().filter(|s| f.session(s, period)).count() as u64,
        (Subject::Decisions, _) => measure(count, facts, period, leads).count(),
    }
}

/// The petitions that stand for their matters in a count of matters (vụ việc), one per matter, so
/// that a form's matter columns split the matters exactly as its petition columns split petitions
/// (03/XLD's (8) = (9)+(14)+…+(17) = (18)+(19)+(20) = (21)+(24) needs every matter judged by one
/// petition, whatever its duplicates and repeats say). A matter is judged by its latest petition
/// in the cell's window that was processed, eligible and not filed by the period's end (its filed
/// duplicates must not hide it), or, if none was, by its latest petition in the window. Cells with
/// the same window therefore judge a matter by the same petition.
fn matter_leads<'a>(f: &Filter, facts: &'a Facts, period: &ReportPeriod) -> Vec<&'a PetitionFact> {
    lead_indices(f.window, facts, period)
        .into_iter()
        .map(|i| &facts.petitions[i])
        .filter(|p| f.petition(p, period))
        .collect()
}

/// The lead petitions of `window` (see `matter_leads`), as indices into `facts.petitions`, in order.
fn lead_indices(window: Option<Window>, facts: &Facts, period: &ReportPeriod) -> Vec<usize> {
    use Disposition::{Guided, Reminded, Transferred, Within};
    let window = Filter { window, ..Filter::default() };
    let settled = Filter {
        processed: Some(true),
        eligible: Some(true),
        disposition: Some(vec![Within, Guided, Transferred, Reminded]),
        ..window.clone()
    };
    let mut lead: HashMap<VisitId, (bool, NaiveDate, usize)> = HashMap::new();
    for (i, p) in facts.petitions.iter().enumerate().filter(|(_, p)| window.petition(p, period)) {
        let key = (settled.petition(p, period), p.received_on, i);
        lead.entry(p.matter).and_modify(|k| *k = (*k).max(key)).or_insert(key);
    }
    let mut chosen: Vec<usize> = lead.into_values().map(|(_, _, i)| i).collect();
    chosen.sort_unstable();
    chosen
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
            Subject::Petitions if count.measure == Measure::Matters => {
                out.records.extend(matter_leads(f, facts, period).into_iter().map(|p| p.id))
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
