//! The periodic reports at the district (issue 17): the same forms the desks compute, from the
//! server's projection, one row per ward plus a total row.
//!
//! Counting is the domain's ([`tiepdan_domain::reports::compute`]) on [`Facts`] built here from the
//! projection ([`facts`]); the server never reads an identity to count. Each ward's row checks the
//! form's equations as it is computed, and so does the total; a failed equation is a bug, logged
//! and answered as an internal error, never shown as figures.
//!
//! Rows stream from the store in ward-code order and each ward is computed as soon as its rows are
//! in, so memory holds one ward's year at a time, whatever the number of wards.

pub mod cli;
pub mod decisions;
pub mod facts;
pub mod period;

use crate::error::{Error, Result};
use crate::store::{FactRow, SessionRow, Store};
use chrono::NaiveDate;
use decisions::WardEvents;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use tiepdan_domain::reports::count::{check, drill};
use tiepdan_domain::reports::{compute, CellValue, Computed, Definition, Facts, FormKey, ReportPeriod};
use tiepdan_protocol::ReferenceKind;

/// One ward's line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WardLine {
    pub ward_code: String,
    pub ward_name: String,
    /// By column number; JSON keys are the numbers as strings, as in `Computed`.
    pub columns: BTreeMap<u16, CellValue>,
}

/// A form filled for every ward (or one) of the district, with its total row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DistrictReport {
    /// "01/TCD".
    pub form: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// "Quý I năm 2026".
    pub period: String,
    pub rows: Vec<WardLine>,
    pub total: BTreeMap<u16, CellValue>,
}

/// The definition of `key` in this build, or a refusal naming the form.
pub fn definition(key: FormKey) -> Result<&'static Definition> {
    key.definition().ok_or_else(|| {
        Error::BadRequest(format!(
            "biểu {} chưa có định nghĩa trong phiên bản này (this build has no definition of form {})",
            key.as_str(),
            key.as_str()
        ))
    })
}

/// An equation that failed is a bug in counting: logged with its figures, answered as a 500.
fn inconsistent(e: tiepdan_domain::reports::ReportError, ward: &str) -> Error {
    tracing::error!(ward, error = %e, "a report failed its own equation");
    Error::Internal(format!("report of {ward}: {e}"))
}

/// Fills `key` for `period` for every ward, or only `ward`.
pub fn district(
    store: &Store,
    key: FormKey,
    period: &ReportPeriod,
    ward: Option<&str>,
) -> Result<DistrictReport> {
    let def = definition(key)?;
    let backend = store.backend();
    let mut wards = backend.ward_names()?;
    if let Some(code) = ward {
        wards.retain(|(c, _)| c == code);
        if wards.is_empty() {
            return Err(Error::NotFound(format!("không có phường {code} (no such ward)")));
        }
    }
    let up_to = period.to.to_string();
    let mut sessions: HashMap<String, Vec<SessionRow>> = HashMap::new();
    backend.report_sessions(ward, &up_to, &mut |s| {
        sessions.entry(s.ward_code.clone()).or_default().push(s);
        Ok(())
    })?;
    let mut events: HashMap<String, WardEvents> = HashMap::new();
    backend.report_events(ward, &decisions::KINDS, &mut |(code, payload)| {
        events.entry(code).or_default().apply(&payload);
        Ok(())
    })?;
    let calendar =
        decisions::district_calendar(backend.latest_reference(ReferenceKind::Holidays)?.as_deref());
    let no_events = WardEvents::default();
    let shipped = tiepdan_domain::deadlines::DeadlineRules::shipped();
    let mut computed: HashMap<String, Computed> = HashMap::new();
    let fill = |code: &str, visits: &[FactRow]| -> Result<Computed> {
        let (mut facts, unreadable) =
            facts::ward_facts(visits, sessions.get(code).map_or(&[][..], Vec::as_slice));
        let events = events.get(code).unwrap_or(&no_events);
        if unreadable + events.unreadable > 0 {
            tracing::warn!(
                ward = code,
                rows = unreadable,
                events = events.unreadable,
                "projection rows or events this build cannot count were left out"
            );
        }
        events.complete(&mut facts, &calendar, &shipped);
        let filled = compute(def, &facts, period, &events.openings()).map_err(|e| inconsistent(e, code))?;
        // The Ghi chú's count too, for the total's note.
        Ok(with_note_counts(def, filled, &facts, period))
    };
    let mut current: Vec<FactRow> = Vec::new();
    backend.report_visits(ward, &up_to, &mut |row| {
        if current.first().is_some_and(|first| first.ward_code != row.ward_code) {
            let code = current[0].ward_code.clone();
            computed.insert(code.clone(), fill(&code, &current)?);
            current.clear();
        }
        current.push(row);
        Ok(())
    })?;
    if let Some(code) = current.first().map(|r| r.ward_code.clone()) {
        computed.insert(code.clone(), fill(&code, &current)?);
    }
    for (code, _) in &wards {
        if !computed.contains_key(code) {
            computed.insert(code.clone(), fill(code, &[])?);
        }
    }
    let rows: Vec<WardLine> = wards
        .into_iter()
        .map(|(code, name)| {
            let filled = computed.remove(&code).map(|c| c.columns).unwrap_or_default();
            WardLine { ward_code: code, ward_name: name, columns: filled }
        })
        .collect();
    let total = total(def, &rows, period)?;
    let rows = rows.into_iter().map(|r| WardLine { columns: shown(r.columns), ..r }).collect();
    Ok(DistrictReport {
        form: def.form.clone(),
        from: period.from,
        to: period.to,
        period: period.label_vi.clone(),
        rows,
        total,
    })
}

/// Note columns carry their count beside the text while the total is summed (key `n + NOTE`).
const NOTE: u16 = 10_000;

fn with_note_counts(
    def: &Definition,
    mut filled: Computed,
    facts: &Facts,
    period: &ReportPeriod,
) -> Computed {
    for column in def.columns.iter().filter(|c| c.note.is_some()) {
        let n = drill(def, column.n, facts, period).map(|d| d.records.len() + d.sessions.len()).unwrap_or(0);
        filled.columns.insert(column.n + NOTE, CellValue::Count(n as u64));
    }
    filled
}

/// A row as shown: without the note counts kept for the total.
fn shown(mut columns: BTreeMap<u16, CellValue>) -> BTreeMap<u16, CellValue> {
    columns.retain(|n, _| *n < NOTE);
    columns
}

/// The total row: every count summed; a note's text from its summed count. Checked like a row.
fn total(def: &Definition, rows: &[WardLine], period: &ReportPeriod) -> Result<BTreeMap<u16, CellValue>> {
    // Amounts (01/KQGQ, 02/KQGQ) stay amounts, summed exactly in thousandths.
    let mut parts: BTreeMap<u16, Vec<&CellValue>> = BTreeMap::new();
    for row in rows {
        for (n, v) in &row.columns {
            parts.entry(*n).or_default().push(v);
        }
    }
    let mut total = BTreeMap::new();
    for column in &def.columns {
        let value = match &column.note {
            Some(note) => {
                let n: u64 = parts.get(&(column.n + NOTE)).map_or(0, |p| p.iter().map(|v| v.count()).sum());
                CellValue::Text(if n == 0 { String::new() } else { note.text.replace("{n}", &n.to_string()) })
            }
            None => CellValue::sum(parts.get(&column.n).into_iter().flatten().copied()),
        };
        total.insert(column.n, value);
    }
    let as_computed = Computed { form: def.form.clone(), from: period.from, to: period.to, columns: total };
    check(def, &as_computed).map_err(|e| inconsistent(e, "total"))?;
    Ok(as_computed.columns)
}
