//! `tiepdan-server report FORM (--period P --year Y | --from D --to D) [--ward CODE] [--json]`: the
//! district's report on the terminal, as a table, or as JSON (`{"rows": [{"ward_code", "ward_name",
//! "columns": {"1": n, …}}, …], "total": {"1": n, …}}`, plus the form and its period).

use super::period::{calendar, PeriodChoice};
use super::{district, DistrictReport};
use crate::error::{Error, Result};
use crate::store::Store;
use clap::Args;
use std::fmt::Write;
use tiepdan_domain::reports::{CellValue, FormKey};

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// tcd01, xld01, xld02, xld03, xld04, kqgq01, kqgq02 or tcd02.
    pub form: String,
    /// q1, q2, q3, q4, 6m, 9m, year (or m1…m12), with --year.
    #[arg(long)]
    pub period: Option<String>,
    #[arg(long)]
    pub year: Option<i32>,
    /// First day, YYYY-MM-DD (with --to).
    #[arg(long)]
    pub from: Option<String>,
    /// Last day, YYYY-MM-DD, included (with --from).
    #[arg(long)]
    pub to: Option<String>,
    /// Only this ward.
    #[arg(long)]
    pub ward: Option<String>,
    #[arg(long)]
    pub json: bool,
}

pub fn run(store: &Store, args: ReportArgs) -> Result<String> {
    let key: FormKey = args
        .form
        .parse()
        .map_err(|e: String| Error::BadRequest(format!("biểu báo cáo không hợp lệ ({e})")))?;
    let choice = PeriodChoice { kind: args.period, year: args.year, from: args.from, to: args.to };
    let period = choice.resolve(&calendar(store)?)?;
    let report = district(store, key, &period, args.ward.as_deref())?;
    if args.json {
        serde_json::to_string_pretty(&report).map_err(|e| Error::Internal(e.to_string()))
    } else {
        Ok(table(&report))
    }
}

fn cell(value: Option<&CellValue>) -> String {
    match value {
        Some(CellValue::Count(n)) => n.to_string(),
        Some(CellValue::Amount(a)) => a.to_string(),
        Some(CellValue::Text(t)) => t.clone(),
        None => String::new(),
    }
}

/// A plain table: the ward's code and name, then every column by its number.
pub fn table(report: &DistrictReport) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Biểu số {} — {} (từ {} đến {})",
        report.form,
        report.period,
        report.from.format("%d/%m/%Y"),
        report.to.format("%d/%m/%Y")
    );
    let numbers: Vec<u16> = report.total.keys().copied().collect();
    let mut lines: Vec<Vec<String>> = Vec::new();
    let mut head = vec!["Mã".to_string(), "Phường".to_string()];
    head.extend(numbers.iter().map(|n| format!("({n})")));
    lines.push(head);
    for row in &report.rows {
        let mut line = vec![row.ward_code.clone(), row.ward_name.clone()];
        line.extend(numbers.iter().map(|n| cell(row.columns.get(n))));
        lines.push(line);
    }
    let mut total = vec![String::new(), "Tổng cộng".to_string()];
    total.extend(numbers.iter().map(|n| cell(report.total.get(n))));
    lines.push(total);
    let widths: Vec<usize> =
        (0..lines[0].len()).map(|i| lines.iter().map(|l| l[i].chars().count()).max().unwrap_or(0)).collect();
    for line in lines {
        let padded: Vec<String> = line
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(i, (text, w))| {
                let pad = " ".repeat(w - text.chars().count());
                if i < 2 {
                    format!("{text}{pad}")
                } else {
                    format!("{pad}{text}")
                }
            })
            .collect();
        let _ = writeln!(out, "{}", padded.join("  ").trim_end());
    }
    out
}
