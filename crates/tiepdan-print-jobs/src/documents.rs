//! Papers that belong to no single visit: the register book of a date range and a periodic report.
//!
//! They are drawn, handed to the spooler as a private copy and put in the access audit, like a
//! visit's form; they have no row in the print log (which is a visit's history of papers) and no
//! archive, since the register can draw them again from the same data at any time. A printer that
//! fails is in the returned [`DocumentSent`], not an error of the call, as for a visit's form.
//!
//! Aggregate figures are not personal data, but this crate makes no distinction between papers:
//! printing or exporting a report is audited the same way, so the audit answers "what left the
//! desk" without exceptions. The register book names citizens and is personal data.

use crate::error::PrintJobError;
use crate::jobs::{printer_for, register_book};
use crate::spooler::Spooler;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::path::Path;
use tiepdan_domain::access::AccessAction;
use tiepdan_domain::acts::Act;
use tiepdan_domain::reports::sheet::ReportSheet;
use tiepdan_print::{render_report, PrintError};
use tiepdan_register::{AccessRecord, Actor, Register};
use tiepdan_spool::{JobOptions, Media};

/// What became of a paper sent to a printer.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentSent {
    /// The queue it went to (or was meant for), when one was found.
    pub printer: Option<String>,
    /// The spooler's job id when it was queued.
    pub spool_job: Option<String>,
    /// Why it was not queued: the spooler's code and its Vietnamese message.
    pub error_code: Option<String>,
    pub message: Option<String>,
}

impl DocumentSent {
    pub fn sent(&self) -> bool {
        self.spool_job.is_some()
    }
}

/// "Sổ tiếp công dân 01/11/2026 – 30/11/2026".
fn book_title(from: NaiveDate, to: NaiveDate) -> String {
    format!("Sổ tiếp công dân {} – {}", from.format("%d/%m/%Y"), to.format("%d/%m/%Y"))
}

/// "Biểu số 01/TCD Quý I năm 2026".
fn report_title(sheet: &ReportSheet) -> String {
    format!("{} {}", sheet.form, sheet.period.label_vi)
}

/// The register book of `from`–`to` sent to `printer` (else the desk's, else the default one).
#[allow(clippy::too_many_arguments)] // reason: the print workflow's common arguments plus the range
pub fn print_register_book(
    register: &mut Register,
    data_dir: &Path,
    spooler: &dyn Spooler,
    (from, to): (NaiveDate, NaiveDate),
    protect_denouncers: bool,
    printer: Option<&str>,
    actor: &Actor<'_>,
) -> Result<DocumentSent, PrintJobError> {
    register.permit(actor, Act::PrintForm)?;
    if to < from {
        return Err(PrintError::Invalid("ngày kết thúc trước ngày bắt đầu".into()).into());
    }
    let pdf = register_book(register, actor, from, to, protect_denouncers)?;
    let named = if protect_denouncers { "" } else { " · ghi tên người tố cáo" };
    let title = book_title(from, to);
    let sent = send_document(register, data_dir, spooler, &pdf, &title, printer)?;
    audit(register, actor, AccessAction::Printed, format!("{title}{named}{}", outcome(&sent)))?;
    Ok(sent)
}

/// A filled report form sent to `printer` (else the desk's, else the default one).
pub fn print_report(
    register: &mut Register,
    data_dir: &Path,
    spooler: &dyn Spooler,
    sheet: &ReportSheet,
    printer: Option<&str>,
    actor: &Actor<'_>,
) -> Result<DocumentSent, PrintJobError> {
    register.permit(actor, Act::PrintForm)?;
    let pdf = render_report(sheet)?;
    let title = report_title(sheet);
    let sent = send_document(register, data_dir, spooler, &pdf, &title, printer)?;
    audit(register, actor, AccessAction::Printed, format!("{title}{}", outcome(&sent)))?;
    Ok(sent)
}

/// A filled report form written to `out` (`tiepdan report … --pdf FILE`); returns its size in bytes.
pub fn export_report(
    register: &mut Register,
    actor: &Actor<'_>,
    sheet: &ReportSheet,
    out: &Path,
) -> Result<usize, PrintJobError> {
    register.permit(actor, Act::ExportRecords)?;
    let pdf = render_report(sheet)?;
    crate::export::write_owner_only(out, &pdf)?;
    let detail = format!("{} → {}", report_title(sheet), out.display());
    audit(register, actor, AccessAction::Exported, detail)?;
    Ok(pdf.len())
}

fn outcome(sent: &DocumentSent) -> String {
    match (&sent.printer, &sent.error_code) {
        (Some(p), None) => format!(" → {p}"),
        (p, Some(code)) => format!(" → {} (lỗi: {code})", p.as_deref().unwrap_or("không có máy in")),
        (None, None) => String::new(),
    }
}

fn audit(
    register: &mut Register,
    actor: &Actor<'_>,
    action: AccessAction,
    detail: String,
) -> Result<(), PrintJobError> {
    let record = AccessRecord::new(Some(actor.officer_id()), action).detail(detail);
    Ok(register.record_access(record)?)
}

fn send_document(
    register: &Register,
    data_dir: &Path,
    spooler: &dyn Spooler,
    pdf: &[u8],
    title: &str,
    printer: Option<&str>,
) -> Result<DocumentSent, PrintJobError> {
    let file = crate::spool_copy::spool_copy(data_dir, pdf)?;
    // Both papers are A4 landscape; the page's own size tells the printer to turn it.
    let options = JobOptions { media: Media::A4, copies: 1, title: title.to_string() };
    let (name, result) = match printer_for(register, spooler, printer)? {
        Ok(name) => {
            let result = spooler.print(&name, file.path(), &options);
            (Some(name), result)
        }
        Err(e) => (None, Err(e)),
    };
    Ok(match result {
        Ok(job) => DocumentSent {
            printer: Some(job.printer),
            spool_job: Some(job.id),
            error_code: None,
            message: None,
        },
        Err(e) => DocumentSent {
            printer: name,
            spool_job: None,
            error_code: Some(e.code().to_string()),
            message: Some(e.to_string()),
        },
    })
}
