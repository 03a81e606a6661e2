//! Báo cáo: the periodic reports of Thông tư 01/2024 counted by the register for a chosen period,
//! the records behind a cell, the form as a spreadsheet and on paper. Counting, drill-down and masking are
//! the register's; the layout is `tiepdan-sheets`'; nothing here counts.

use crate::commands::print::with_jobs;
use crate::error::{CommandError, ErrorCode};
use crate::state::Desk;
use serde::Serialize;
use std::path::PathBuf;
use tauri::{AppHandle, Manager, Runtime, State};
use tiepdan_domain::acts::Act;
use tiepdan_domain::clock::{Clock, SystemClock};
use tiepdan_domain::reports::definition::HeaderNode;
use tiepdan_domain::reports::sheet::{Issuer, ReportSheet};
use tiepdan_domain::reports::{Computed, FormKey, PeriodChoice, ReportCalendar, ReportPeriod};
use tiepdan_print_jobs::{DocumentSent, OsSpooler};

/// A form the desk can compute, for the form list.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReportForm {
    pub key: FormKey,
    /// "01/TCD".
    pub form: String,
    pub title: String,
    /// Why the form may not be in force, when that is uncertain.
    pub status: Option<String>,
}

/// A computed report with what the screen needs to draw the form.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReportView {
    pub form: ReportForm,
    pub circular: String,
    pub unit: String,
    pub unit_heading: String,
    pub period: ReportPeriod,
    pub header: Vec<HeaderNode>,
    /// The numbered columns left to right.
    pub columns: Vec<u16>,
    pub computed: Computed,
}

fn form_of(key: FormKey) -> Option<ReportForm> {
    key.definition().map(|d| ReportForm {
        key,
        form: d.form.clone(),
        title: d.title.clone(),
        status: d.status.clone(),
    })
}

pub(crate) fn refused(message: String) -> CommandError {
    CommandError { code: ErrorCode::Refused, message, problems: Vec::new() }
}

/// The days of the chosen period under the province's calendar when the district sent one.
fn period_of(desk: &Desk, choice: PeriodChoice) -> Result<ReportPeriod, CommandError> {
    let calendar: ReportCalendar = tiepdan_sync::reference::report_calendar(&desk.data_dir);
    choice.resolve(&calendar).map_err(|e| {
        refused(match e {
            tiepdan_domain::reports::period::PeriodError::Backwards { .. } => {
                "Ngày kết thúc phải sau ngày bắt đầu.".into()
            }
            _ => "Kỳ báo cáo không hợp lệ.".into(),
        })
    })
}

fn definition(key: FormKey) -> Result<&'static tiepdan_domain::reports::Definition, CommandError> {
    key.definition().ok_or_else(|| refused("Bản này chưa có mẫu biểu đó.".into()))
}

/// The forms this build defines, in the circular's order.
#[tauri::command(rename_all = "snake_case")]
pub async fn report_forms() -> Result<Vec<ReportForm>, CommandError> {
    Ok(FormKey::ALL.into_iter().filter_map(form_of).collect())
}

/// One form for one period, counted from the register.
#[tauri::command(rename_all = "snake_case")]
pub async fn report_compute(
    desk: State<'_, Desk>,
    form: FormKey,
    period: PeriodChoice,
) -> Result<ReportView, CommandError> {
    desk.acting(|r, actor| r.permit(actor, Act::ComputeReport))?;
    let period = period_of(&desk, period)?;
    let def = definition(form)?;
    let (computed, unit) = desk.acting(|r, actor| {
        let computed = r.report(actor, form, &period)?;
        let unit = r.ward()?.map(|w| w.ward_name).unwrap_or_default();
        Ok((computed, unit))
    })?;
    Ok(ReportView {
        form: form_of(form).ok_or_else(|| refused("Bản này chưa có mẫu biểu đó.".into()))?,
        circular: def.circular.clone(),
        unit,
        unit_heading: def.unit_heading.clone(),
        period,
        header: def.header.clone(),
        columns: def.leaf_columns(),
        computed,
    })
}

/// The visits, petitions and sessions behind one cell, identities masked as everywhere.
#[tauri::command(rename_all = "snake_case")]
pub async fn report_drill(
    desk: State<'_, Desk>,
    form: FormKey,
    period: PeriodChoice,
    column: u16,
) -> Result<tiepdan_register::ReportDrill, CommandError> {
    desk.acting(|r, actor| r.permit(actor, Act::ComputeReport))?;
    let period = period_of(&desk, period)?;
    desk.acting(|r, actor| r.report_drill(actor, form, column, &period))
}

/// Writes the form as a spreadsheet into the user's documents folder ("Tiếp Dân/Báo cáo") and
/// returns the file's path. Aggregate figures are not personal data: not an audited export.
#[tauri::command(rename_all = "snake_case")]
pub async fn report_export_xlsx<R: Runtime>(
    app: AppHandle<R>,
    desk: State<'_, Desk>,
    form: FormKey,
    period: PeriodChoice,
) -> Result<String, CommandError> {
    // Who may count it may take it away: the permission first, so a refused officer learns
    // nothing from how their arguments would have been judged.
    desk.acting(|r, actor| r.permit(actor, Act::ComputeReport))?;
    let period = period_of(&desk, period)?;
    let (def, sheet) = sheet_of(&desk, form, &period)?;
    let bytes = tiepdan_sheets::report_xlsx(&sheet).map_err(|e| {
        log::error!("report spreadsheet failed: {e}");
        CommandError {
            code: ErrorCode::Internal,
            message: "Không tạo được tệp Excel.".into(),
            problems: Vec::new(),
        }
    })?;
    let folder = export_folder(&app)?;
    let name = format!("{}_{}.xlsx", def.form.replace('/', "-"), file_safe(&period.label_vi));
    let path = folder.join(name);
    std::fs::write(&path, bytes).map_err(|e| {
        log::error!("cannot write {}: {e}", path.display());
        CommandError {
            code: ErrorCode::Internal,
            message: format!("Không ghi được tệp vào thư mục {}.", folder.display()),
            problems: Vec::new(),
        }
    })?;
    Ok(path.display().to_string())
}

/// Prints the form for the period on the desk's printer (A4 landscape, through the print workflow,
/// which audits it). A printer that is missing or stopped is in the outcome, not an error.
#[tauri::command(rename_all = "snake_case")]
pub async fn print_report(
    desk: State<'_, Desk>,
    form: FormKey,
    period: PeriodChoice,
) -> Result<DocumentSent, CommandError> {
    desk.acting(|r, actor| r.permit(actor, Act::PrintForm))?;
    let period = period_of(&desk, period)?;
    let (_, sheet) = sheet_of(&desk, form, &period)?;
    let data_dir = desk.data_dir.clone();
    with_jobs(&desk, |r, actor| {
        tiepdan_print_jobs::print_report(r, &data_dir, &OsSpooler, &sheet, None, actor)
    })
}

/// The form counted for `period` and laid out for paper and spreadsheets, issued by the ward.
fn sheet_of(
    desk: &Desk,
    form: FormKey,
    period: &ReportPeriod,
) -> Result<(&'static tiepdan_domain::reports::Definition, ReportSheet), CommandError> {
    let def = definition(form)?;
    let (computed, ward) = desk.acting(|r, actor| Ok((r.report(actor, form, period)?, r.ward()?)))?;
    let ward = ward.ok_or_else(|| refused("Chưa có thông tin đơn vị.".into()))?;
    let issuer =
        Issuer { upstream: ward.upstream.clone(), unit: ward.ward_name.clone(), place: ward.place.clone() };
    Ok((def, ReportSheet::of_unit(def, &computed, period.clone(), issuer, SystemClock.today())))
}

/// "<Documents>/Tiếp Dân/Báo cáo", created when missing; `TIEPDAN_EXPORT_DIR` replaces it (IT staff
/// pointing exports at a shared folder, and the window tests).
fn export_folder<R: Runtime>(app: &AppHandle<R>) -> Result<PathBuf, CommandError> {
    if let Some(dir) = std::env::var_os("TIEPDAN_EXPORT_DIR").filter(|d| !d.is_empty()) {
        let folder = PathBuf::from(dir);
        std::fs::create_dir_all(&folder).map_err(|e| {
            log::error!("cannot create {}: {e}", folder.display());
            CommandError {
                code: ErrorCode::Internal,
                message: format!("Không tạo được thư mục {}.", folder.display()),
                problems: Vec::new(),
            }
        })?;
        return Ok(folder);
    }
    let base = app.path().document_dir().or_else(|_| app.path().home_dir()).map_err(|e| {
        log::error!("no documents folder: {e}");
        CommandError {
            code: ErrorCode::Internal,
            message: "Không tìm thấy thư mục Tài liệu.".into(),
            problems: Vec::new(),
        }
    })?;
    let folder = base.join("Tiếp Dân").join("Báo cáo");
    std::fs::create_dir_all(&folder).map_err(|e| {
        log::error!("cannot create {}: {e}", folder.display());
        CommandError {
            code: ErrorCode::Internal,
            message: format!("Không tạo được thư mục {}.", folder.display()),
            problems: Vec::new(),
        }
    })?;
    Ok(folder)
}

/// "Quý I năm 2026" → "Quy-I-nam-2026": a name every file system and e-mail attachment accepts.
fn file_safe(label: &str) -> String {
    let folded = tiepdan_domain::text::fold(label);
    folded.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join("-")
}
