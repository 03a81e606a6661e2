//! A filled form laid out for paper and spreadsheets: the header of Nghị định 30/2020, the title,
//! the unit and period, the merged column header, one row per unit (a ward's own report has one; the
//! district's has one per ward) with a total row, and the signature block. The XLSX writer and the
//! PDF renderer both draw this one value, so the two cannot disagree on what a form shows.

use super::count::{CellValue, Computed};
use super::definition::{Definition, HeaderNode};
use super::period::ReportPeriod;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One row of figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetRow {
    /// The unit's name ("Phường Hà Đông"), or "Tổng cộng".
    pub label: String,
    /// The unit's code, when it has one.
    pub code: Option<String>,
    /// The values in the header's left-to-right column order.
    pub values: Vec<CellValue>,
}

/// Who issues the report (the upper-left block of Nghị định 30/2020).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Issuer {
    /// The governing body above the unit ("UBND THÀNH PHỐ HÀ NỘI"); may be empty.
    pub upstream: String,
    /// The reporting unit ("UBND PHƯỜNG HÀ ĐÔNG").
    pub unit: String,
    /// The place of the date line ("Hà Đông").
    pub place: String,
}

/// Everything a printed or exported form shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportSheet {
    /// "Biểu số 01/TCD".
    pub form: String,
    pub circular: String,
    pub title: String,
    /// Said under the title when the form's force is uncertain.
    pub status: Option<String>,
    pub issuer: Issuer,
    pub period: ReportPeriod,
    pub unit_heading: String,
    pub header: Vec<HeaderNode>,
    /// The numbered columns left to right (what `values` line up with).
    pub columns: Vec<u16>,
    pub rows: Vec<SheetRow>,
    /// The total row of an aggregate report.
    pub total: Option<SheetRow>,
    /// The day on the date line.
    pub dated: NaiveDate,
    /// "NGƯỜI LẬP BIỂU" and "THỦ TRƯỞNG ĐƠN VỊ", each with the name when known.
    pub preparer: Option<String>,
    pub head_title: String,
    pub head: Option<String>,
}

impl ReportSheet {
    /// The sheet of one unit's report.
    pub fn of_unit(
        def: &Definition,
        computed: &Computed,
        period: ReportPeriod,
        issuer: Issuer,
        dated: NaiveDate,
    ) -> Self {
        let columns = def.leaf_columns();
        let row = SheetRow { label: issuer.unit.clone(), code: None, values: values_of(&columns, computed) };
        ReportSheet {
            form: format!("Biểu số {}", def.form),
            circular: def.circular.clone(),
            title: def.title.clone(),
            status: def.status.clone(),
            issuer,
            period,
            unit_heading: def.unit_heading.clone(),
            header: def.header.clone(),
            columns,
            rows: vec![row],
            total: None,
            dated,
            preparer: None,
            head_title: "THỦ TRƯỞNG ĐƠN VỊ".into(),
            head: None,
        }
    }

    /// The sheet of an aggregate report: one row per unit (`(code, name, figures)`, in order) and
    /// the total row, issued by `issuer` (the district's upstream name as its unit).
    pub fn of_units(
        def: &Definition,
        rows: Vec<(String, String, &BTreeMap<u16, CellValue>)>,
        total: &BTreeMap<u16, CellValue>,
        period: ReportPeriod,
        issuer: Issuer,
        dated: NaiveDate,
    ) -> Self {
        let columns = def.leaf_columns();
        let values = |figures: &BTreeMap<u16, CellValue>| {
            columns
                .iter()
                .map(|n| figures.get(n).cloned().unwrap_or(CellValue::Text(String::new())))
                .collect()
        };
        let rows = rows
            .into_iter()
            .map(|(code, label, figures)| SheetRow { label, code: Some(code), values: values(figures) })
            .collect();
        let total = SheetRow { label: "Tổng cộng".into(), code: None, values: values(total) };
        let mut sheet = ReportSheet::of_unit(
            def,
            &Computed { form: def.form.clone(), from: period.from, to: period.to, columns: BTreeMap::new() },
            period,
            issuer,
            dated,
        );
        sheet.rows = rows;
        sheet.total = Some(total);
        sheet
    }

    /// How many header rows the merged header takes.
    pub fn header_depth(&self) -> usize {
        self.header.iter().map(HeaderNode::depth).max().unwrap_or(1)
    }
}

/// A computed form's values in `columns` order (blank text for a column it lacks).
pub fn values_of(columns: &[u16], computed: &Computed) -> Vec<CellValue> {
    columns
        .iter()
        .map(|n| computed.columns.get(n).cloned().unwrap_or(CellValue::Text(String::new())))
        .collect()
}

/// Each column's full heading, its groups joined: (9) → "Tiếp thường xuyên › Đoàn đông người › Người".
pub fn leaf_labels(def: &Definition) -> std::collections::BTreeMap<u16, String> {
    fn walk(node: &HeaderNode, path: &mut Vec<String>, out: &mut std::collections::BTreeMap<u16, String>) {
        path.push(node.label.clone());
        if let Some(n) = node.column {
            out.insert(n, path.join(" › "));
        }
        for child in &node.children {
            walk(child, path, out);
        }
        path.pop();
    }
    let mut out = std::collections::BTreeMap::new();
    for node in &def.header {
        walk(node, &mut Vec::new(), &mut out);
    }
    out
}
