//! `tiepdan report FORM`: one periodic report (Thông tư 01/2024) of this ward, counted by the
//! register, on screen, as JSON, as XLSX and as PDF. The figures are aggregates, not personal data;
//! the PDF still goes through the print workflow's export, like every PDF the CLI writes.
//!
//! The period is an official one (`--period q1 --year 2026`: 15/12/2025 → 14/03/2026) or a custom
//! range (`--from … --to …`, both days included). The province's reporting calendar, when the
//! district's reference data carries one, replaces the official cut-offs.

use crate::context::Context;
use crate::error::{CliError, Exit};
use crate::{location, table};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};
use tiepdan_domain::clock::{Clock, SystemClock};
use tiepdan_domain::reports::period::ReportCalendar;
use tiepdan_domain::reports::sheet::{Issuer, ReportSheet};
use tiepdan_domain::reports::{CellValue, Computed, FormKey, PeriodKind, ReportPeriod};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// tcd01, xld01, xld02, xld03, xld04, kqgq01, kqgq02 or tcd02.
    #[arg(value_parser = parse_form)]
    form: FormKey,
    /// An official period: q1, q2, q3, q4, 6m, 9m or year (with --year); m1…m12 for a month.
    #[arg(long, value_parser = parse_period, requires = "year", conflicts_with_all = ["from", "to"])]
    period: Option<PeriodKind>,
    /// The year the period closes in.
    #[arg(long)]
    year: Option<i32>,
    /// First day of a custom range, YYYY-MM-DD.
    #[arg(long, requires = "to")]
    from: Option<NaiveDate>,
    /// Last day of a custom range, YYYY-MM-DD (included).
    #[arg(long, requires = "from")]
    to: Option<NaiveDate>,
    /// Print JSON: {"form", "unit", "period", "from", "to", "columns": {"1": n, …}}.
    #[arg(long)]
    json: bool,
    /// Also write the form as a spreadsheet.
    #[arg(long, value_name = "FILE.xlsx")]
    xlsx: Option<PathBuf>,
    /// Also write the form as a PDF, A4 landscape.
    #[arg(long, value_name = "FILE.pdf")]
    pdf: Option<PathBuf>,
}

fn parse_form(s: &str) -> Result<FormKey, String> {
    s.parse()
}

fn parse_period(s: &str) -> Result<PeriodKind, String> {
    s.parse()
}

/// The JSON the command prints.
#[derive(serde::Serialize)]
struct ReportJson<'a> {
    form: &'a str,
    unit: &'a str,
    unit_code: &'a str,
    period: &'a str,
    from: NaiveDate,
    to: NaiveDate,
    columns: &'a std::collections::BTreeMap<u16, CellValue>,
}

pub fn run(cx: &Context, args: Args) -> Result<(), CliError> {
    let period = period_of(cx, &args)?;
    let (mut register, session) = location::open_signed_in(cx)?;
    let actor = location::actor(cx, &register, session.as_ref())?;
    let ward = register.ward()?.ok_or_else(|| {
        CliError::new(Exit::NotFound, "the register has no ward profile: run `tiepdan init`")
    })?;
    let computed = register.report(&actor, args.form, &period)?;
    let def = args.form.definition().ok_or_else(|| no_definition(args.form))?;
    if args.xlsx.is_some() || args.pdf.is_some() {
        let issuer = Issuer {
            upstream: ward.upstream.clone(),
            unit: ward.ward_name.clone(),
            place: ward.place.clone(),
        };
        let sheet = ReportSheet::of_unit(def, &computed, period.clone(), issuer, SystemClock.today());
        if let Some(path) = &args.xlsx {
            let bytes = tiepdan_sheets::report_xlsx(&sheet)
                .map_err(|e| CliError::new(Exit::Failure, format!("cannot lay out the spreadsheet: {e}")))?;
            write_file(path, &bytes)?;
        }
        if let Some(path) = &args.pdf {
            // The print workflow writes it owner-only and records the export in the access audit.
            tiepdan_print_jobs::export_report(&mut register, &actor, &sheet, path)
                .map_err(|e| CliError::new(Exit::Failure, format!("cannot write {}: {e}", path.display())))?;
        }
    }
    if args.json {
        return super::print_json(&ReportJson {
            form: &computed.form,
            unit: &ward.ward_name,
            unit_code: &ward.ward_code,
            period: &period.label_vi,
            from: computed.from,
            to: computed.to,
            columns: &computed.columns,
        });
    }
    print_table(def, &computed, &ward.ward_name, &period);
    Ok(())
}

fn no_definition(form: FormKey) -> CliError {
    CliError::new(Exit::NotFound, format!("this build has no definition of form {}", form.as_str()))
}

/// The period the arguments name; exactly one of an official period or a custom range.
fn period_of(cx: &Context, args: &Args) -> Result<ReportPeriod, CliError> {
    let invalid = |m: String| CliError::new(Exit::Invalid, m);
    match (args.period, args.year, args.from, args.to) {
        (Some(kind), Some(year), None, None) => {
            let calendar: ReportCalendar = tiepdan_sync::reference::report_calendar(cx.data_dir());
            calendar.period(kind, year).map_err(|e| invalid(e.to_string()))
        }
        (None, None, Some(from), Some(to)) => {
            ReportPeriod::custom(from, to).map_err(|e| invalid(e.to_string()))
        }
        _ => Err(invalid("give --period with --year, or --from with --to".into())),
    }
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), CliError> {
    std::fs::write(path, bytes)
        .map_err(|e| CliError::new(Exit::Failure, format!("cannot write {}: {e}", path.display())))
}

/// Column number, its header path and the value, one per line: 30 columns do not fit across.
fn print_table(
    def: &tiepdan_domain::reports::Definition,
    computed: &Computed,
    unit: &str,
    period: &ReportPeriod,
) {
    println!("Biểu số {} — {}", def.form, def.title);
    println!("Đơn vị: {unit}");
    println!("{} {}", period.label_vi, period.range_vi());
    let labels = tiepdan_domain::reports::sheet::leaf_labels(def);
    let rows: Vec<Vec<String>> = def
        .leaf_columns()
        .iter()
        .map(|n| {
            let value = match computed.columns.get(n) {
                Some(CellValue::Count(c)) => c.to_string(),
                Some(CellValue::Amount(a)) => a.to_string(),
                Some(CellValue::Text(t)) => t.clone(),
                None => String::new(),
            };
            vec![format!("({n})"), table::clip(labels.get(n).map_or("", String::as_str), 70), value]
        })
        .collect();
    table::print(&["Cột", "Nội dung", "Số liệu"], &rows);
}
