//! In: the forms of a visit printed through the print workflow (`tiepdan-print-jobs`), their preview,
//! reprints and retries, the print log, and the desk's printer (Cài đặt).
//!
//! A printer that is missing or stopped is not a command error: the job comes back logged with
//! status `failed` and the spooler's Vietnamese message, and the UI offers a retry. Only what stops a
//! job from being made at all (a form the visit has no facts for, a broken archive) is an error,
//! mapped here to the same `{code, message}` as every register error.

use crate::error::{CommandError, ErrorCode};
use crate::state::Desk;
use serde::Serialize;
use std::sync::Mutex;
use tauri::http::{Request, Response as HttpResponse, StatusCode};
use tauri::{Manager, Runtime, State, UriSchemeContext};
use tiepdan_domain::VisitId;
use tiepdan_print_jobs::{OsSpooler, PrintJobError, PrintOptions};
use tiepdan_register::Actor;
use tiepdan_register::PrintJobEntry;
use tiepdan_spool::PrinterState;

/// A printer of this computer as Settings lists it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PrinterInfo {
    pub name: String,
    pub is_default: bool,
    /// Ready (or printing) and accepting jobs.
    pub ready: bool,
    /// Why it is stopped, in the spooler's words, when it is.
    pub stopped_reason: Option<String>,
}

/// The printers and the one chosen for this desk (`None`: the computer's default).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PrinterSettings {
    pub printers: Vec<PrinterInfo>,
    pub chosen: Option<String>,
    /// Why printing would fail now (no print service, no default printer, the chosen one missing or
    /// stopped), in the same Vietnamese sentence a failed print records; `None` when it would print.
    pub spooler_error: Option<String>,
}

pub(crate) fn job_error(error: PrintJobError) -> CommandError {
    let plain = |code, message: String| CommandError { code, message, problems: Vec::new() };
    match error {
        PrintJobError::Register(e) => e.into(),
        PrintJobError::Form(e) => plain(ErrorCode::Refused, format!("Không in được biểu mẫu này: {e}.")),
        e @ (PrintJobError::AlreadyPrinted { .. }
        | PrintJobError::Superseded { .. }
        | PrintJobError::NamesDenouncer { .. }) => plain(ErrorCode::Refused, e.to_string()),
        e
        @ (PrintJobError::Archive { .. } | PrintJobError::Export { .. } | PrintJobError::Options { .. }) => {
            log::error!("print job failed before printing: {e}");
            plain(
                ErrorCode::Internal,
                "Không lưu được bản in vào thư mục dữ liệu. Chi tiết đã được ghi vào nhật ký.".into(),
            )
        }
    }
}

/// Runs one workflow call with the open register, mapping both kinds of error.
pub(crate) fn with_jobs<T>(
    desk: &Desk,
    call: impl FnOnce(&mut tiepdan_register::Register, &Actor<'_>) -> Result<T, PrintJobError>,
) -> Result<T, CommandError> {
    desk.acting(|r, actor| Ok(call(r, actor)))?.map_err(job_error)
}

/// Prints a form of a saved visit to the desk's printer (the receipt after saving: F9). A slip
/// handed to a denouncer names them when this session typed their identity or is a leader's.
#[tauri::command(rename_all = "snake_case")]
pub async fn print_form(
    desk: State<'_, Desk>,
    visit_id: VisitId,
    options: PrintOptions,
) -> Result<PrintJobEntry, CommandError> {
    let data_dir = desk.data_dir.clone();
    with_jobs(&desk, |r, actor| {
        tiepdan_print_jobs::print(r, &data_dir, &OsSpooler, visit_id, &options, None, actor)
    })
}

/// The scheme previews are served on. A PDF shown from a blob: URL inherits the app's CSP, under
/// which WebKitGTK's PDF viewer cannot size itself; a document of its own scheme carries no CSP.
pub const PREVIEW_SCHEME: &str = "tiepdan-preview";

/// The latest preview, served by [`preview_protocol`] under its number until a newer one replaces
/// it or the screen locks or the officer changes ([`Previews::forget`]): it may name a denouncer.
#[derive(Default)]
pub struct Previews(Mutex<(u64, Vec<u8>)>);

impl Previews {
    /// Keeps `pdf` as the latest preview; its number.
    fn keep(&self, pdf: Vec<u8>) -> u64 {
        let mut latest = self.0.lock().unwrap_or_else(|p| p.into_inner());
        latest.0 += 1;
        latest.1 = pdf;
        latest.0
    }

    /// Drops the latest preview (its number is never served again).
    pub fn forget(&self) {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).1 = Vec::new();
    }

    /// Whether a preview is being served.
    pub fn holds_one(&self) -> bool {
        !self.0.lock().unwrap_or_else(|p| p.into_inner()).1.is_empty()
    }
}

/// Forgets the latest preview, where the app keeps one.
pub fn forget_preview<R: Runtime>(app: &tauri::AppHandle<R>) {
    if let Some(previews) = app.try_state::<Previews>() {
        previews.forget();
    }
}

fn preview_url(n: u64) -> String {
    // Tauri's custom schemes: `scheme://localhost/` on Linux and macOS, `http://scheme.localhost/`
    // on Windows (WebView2).
    if cfg!(windows) {
        format!("http://{PREVIEW_SCHEME}.localhost/{n}.pdf")
    } else {
        format!("{PREVIEW_SCHEME}://localhost/{n}.pdf")
    }
}

/// Renders the PDF as it would print now and returns the URL the preview frame shows it from.
#[tauri::command(rename_all = "snake_case")]
pub async fn preview_form(
    desk: State<'_, Desk>,
    previews: State<'_, Previews>,
    visit_id: VisitId,
    options: PrintOptions,
) -> Result<String, CommandError> {
    // Kept while the sign-in guard is still held (`with_jobs`): a lock waits for it, then forgets it.
    let n = with_jobs(&desk, |r, actor| {
        let preview = tiepdan_print_jobs::preview(r, visit_id, &options, actor)?;
        Ok(previews.keep(preview.pdf))
    })?;
    Ok(preview_url(n))
}

/// Serves the latest preview's PDF; any other number is gone (a newer preview replaced it).
pub fn preview_protocol<R: Runtime>(
    ctx: UriSchemeContext<'_, R>,
    request: Request<Vec<u8>>,
) -> HttpResponse<Vec<u8>> {
    let previews = ctx.app_handle().state::<Previews>();
    let latest = previews.0.lock().unwrap_or_else(|p| p.into_inner());
    let asked = request.uri().path().trim_start_matches('/').trim_end_matches(".pdf").parse::<u64>().ok();
    let response = HttpResponse::builder();
    let built = if asked == Some(latest.0) && !latest.1.is_empty() {
        response.header("Content-Type", "application/pdf").body(latest.1.clone())
    } else {
        response.status(StatusCode::NOT_FOUND).body(Vec::new())
    };
    built.unwrap_or_else(|_| HttpResponse::new(Vec::new()))
}

/// Another copy of a past job's form, marked "Bản in lại lần n".
#[tauri::command(rename_all = "snake_case")]
pub async fn reprint_job(desk: State<'_, Desk>, job_id: i64) -> Result<PrintJobEntry, CommandError> {
    let data_dir = desk.data_dir.clone();
    with_jobs(&desk, |r, actor| tiepdan_print_jobs::reprint(r, &data_dir, &OsSpooler, job_id, None, actor))
}

/// Sends a failed job again (same PDF, same copy number); a slip naming a denouncer only by a
/// session that may name them.
#[tauri::command(rename_all = "snake_case")]
pub async fn retry_print_job(desk: State<'_, Desk>, job_id: i64) -> Result<PrintJobEntry, CommandError> {
    let data_dir = desk.data_dir.clone();
    with_jobs(&desk, |r, actor| tiepdan_print_jobs::retry(r, &data_dir, &OsSpooler, job_id, None, actor))
}

/// The print log, newest first: of one visit, or of the whole desk.
#[tauri::command(rename_all = "snake_case")]
pub async fn print_log(
    desk: State<'_, Desk>,
    visit_id: Option<VisitId>,
) -> Result<Vec<PrintJobEntry>, CommandError> {
    desk.acting(|r, actor| r.print_log(actor, visit_id))
}

fn settings(desk: &Desk) -> Result<PrinterSettings, CommandError> {
    let chosen = desk.acting(|r, _| r.printer_setting())?;
    // Asked outside the register's lock: the spooler may take a moment. The cause shown is the one a
    // print would meet (the same sentence as after F9); the spooler's own words go to the log only.
    let (printers, spooler_error) = match tiepdan_spool::printers() {
        Ok(list) => {
            let cause = tiepdan_spool::cause(&list, chosen.as_deref()).map(|e| e.to_string());
            (list, cause)
        }
        Err(e) => {
            log::warn!("printer discovery failed: {e:?}");
            (Vec::new(), Some(e.to_string()))
        }
    };
    let printers = printers
        .into_iter()
        .map(|p| {
            let stopped_reason = match p.state {
                PrinterState::Stopped(reason) => Some(reason),
                _ => None,
            };
            PrinterInfo {
                name: p.name,
                is_default: p.is_default,
                ready: stopped_reason.is_none(),
                stopped_reason,
            }
        })
        .collect();
    Ok(PrinterSettings { printers, chosen, spooler_error })
}

#[tauri::command(rename_all = "snake_case")]
pub async fn printer_settings(desk: State<'_, Desk>) -> Result<PrinterSettings, CommandError> {
    settings(&desk)
}

/// Chooses the desk's printer; `None` goes back to the computer's default printer.
#[tauri::command(rename_all = "snake_case")]
pub async fn set_printer(
    desk: State<'_, Desk>,
    printer: Option<String>,
) -> Result<PrinterSettings, CommandError> {
    desk.acting(|r, actor| r.set_printer_setting(actor, printer.as_deref()))?;
    settings(&desk)
}
