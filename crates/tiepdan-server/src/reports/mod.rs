//! The periodic reports at the district (issue 17): the same forms the desks compute, from the
//! server's projection, one row per ward plus a total row.
//!
//! Counting is the domain's ([`tiepdan_domain::reports::compute`]) on [`Facts`] built here from the
//! projection ([`facts`]); the server never reads an identity to count. Each ward's row checks the
//! form's equations as it is computed, and so does the total; a failed equation is a bug, logged
//! and answered as an internal error, never shown as figures.
//!
//! Rows stream from the store in ward-code order and each ward is computed as soon as its rows are
//! in, so memory holds one ward's year at a time, whatever the number of wards ([`recount`]). The
//! serving process keeps each ward's figures while the ward's data stays unchanged ([`kept`]), so
//! a look at the dashboard counts only the wards that pushed since.

pub mod cli;
pub mod decisions;
pub mod facts;
pub mod keeper;
pub mod kept;
pub mod period;
pub mod recount;

use crate::error::{Error, Result};
use crate::store::Store;
use chrono::NaiveDate;
use kept::{Kept, Now};
use recount::{inconsistent, recount, Job, NOTE};
use serde::Serialize;
use std::collections::BTreeMap;
use tiepdan_domain::reports::count::check;
use tiepdan_domain::reports::{CellValue, Computed, Definition, FormKey, ReportPeriod};

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
    /// How many wards were counted afresh rather than taken from kept figures (for logs and tests).
    #[serde(skip)]
    pub recounted: usize,
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

/// Fills `key` for `period` for every ward, or only `ward`, counting every ward afresh.
pub fn district(
    store: &Store,
    key: FormKey,
    period: &ReportPeriod,
    ward: Option<&str>,
) -> Result<DistrictReport> {
    district_kept(store, None, key, period, ward)
}

/// As [`district`], using and keeping figures in `kept` (the serving process's): only the wards
/// whose figures are missing or out of date are counted, and what they count is kept.
pub fn district_kept(
    store: &Store,
    kept: Option<&Kept>,
    key: FormKey,
    period: &ReportPeriod,
    ward: Option<&str>,
) -> Result<DistrictReport> {
    let def = definition(key)?;
    let mut wards = store.backend().ward_names()?;
    let of = wards.len();
    if let Some(code) = ward {
        wards.retain(|(c, _)| c == code);
        if wards.is_empty() {
            return Err(Error::NotFound(format!("không có phường {code} (no such ward)")));
        }
    }
    // Where each ward stands is read before its rows (see `kept::Now`).
    let now = Now::read(store)?;
    let codes: Vec<String> = wards.iter().map(|(code, _)| code.clone()).collect();
    let mut fresh = kept.map(|k| k.fresh(key, period, &codes, &now)).unwrap_or_default();
    let mut stale: Vec<String> = codes.iter().filter(|c| !fresh.contains_key(*c)).cloned().collect();
    let mut now = now;
    // The keeper may be counting these very wards (after a restart, or an end of day): its figures
    // are the ones this look would count, so wait for them rather than count the same beside it.
    if let Some(kept) = kept.filter(|_| !stale.is_empty()) {
        if kept.wait_for_keeper(key, period, &stale) {
            now = Now::read(store)?;
            fresh = kept.fresh(key, period, &codes, &now);
            stale = codes.iter().filter(|c| !fresh.contains_key(*c)).cloned().collect();
        }
    }
    let counted = recount(store.backend(), &[Job { def, period }], &stale, of, &now.calendars)?
        .pop()
        .unwrap_or_default();
    let recounted = counted.len();
    let counted = kept::lines(counted, &now);
    for (code, _, columns) in &counted {
        fresh.insert(code.clone(), columns.clone());
    }
    if let Some(kept) = kept {
        kept.keep(key, period, counted);
    }
    let rows: Vec<WardLine> = wards
        .into_iter()
        .map(|(code, name)| {
            let filled = fresh.remove(&code).map(|c| c.as_ref().clone()).unwrap_or_default();
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
        recounted,
    })
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
