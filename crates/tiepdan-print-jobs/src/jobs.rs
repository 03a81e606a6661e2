//! Print, reprint, retry and preview: the steps of a job in their fixed order — render, archive,
//! record the job, send, record the attempt — so a job is in the log before any printer is asked.

use crate::archive;
use crate::error::PrintJobError;
use crate::forms::draw;
use crate::named::shown;
use crate::spooler::Spooler;
use crate::{PaperSize, PrintOptions};
use chrono::NaiveDate;
use std::path::Path;
use tiepdan_domain::visit::Visit;
use tiepdan_domain::VisitId;
use tiepdan_print::{render_register_book, RegisterBookForm};
use tiepdan_register::{
    copy_mark, reprint_of, NewPrintAttempt, NewPrintJob, PrintJobEntry, PrintOutcome, PrintStatus, Register,
    RegisterError,
};
use tiepdan_spool::{JobOptions, Media, SpoolError};

/// The PDF of a form of a visit, as it would print now: marked as a reprint if an earlier job of
/// the same form already printed, naming a sealed denouncer as [`print`] would. Nothing is
/// archived or logged.
pub fn preview(
    register: &Register,
    visit: VisitId,
    options: &PrintOptions,
    opened: Option<&Visit>,
) -> Result<Vec<u8>, PrintJobError> {
    let copy = register.next_print_copy(visit, options.form.form())?;
    let stored = register.visit(visit)?;
    draw(register, shown(&stored, opened, options).0, options, reprint_of(copy))
}

/// The PDF of a form of a visit with an explicit reprint mark (the CLI's `--out`).
pub fn render(
    register: &Register,
    visit: VisitId,
    options: &PrintOptions,
    reprint: Option<u32>,
) -> Result<Vec<u8>, PrintJobError> {
    draw(register, &register.visit(visit)?, options, reprint)
}

/// The register book (Sổ tiếp công dân) of a date range.
pub fn register_book(
    register: &Register,
    from: NaiveDate,
    to: NaiveDate,
    protect_denouncers: bool,
) -> Result<Vec<u8>, PrintJobError> {
    let ward = register.ward()?.ok_or(RegisterError::NotInitialised)?;
    let visits = register.visits_on(from, to)?;
    Ok(render_register_book(&RegisterBookForm {
        ward: &ward,
        visits: &visits,
        from,
        to,
        protect_denouncers,
    })?)
}

/// Prints a form of a registered visit: renders it (a reprint when an earlier job of that form
/// printed), archives it, records the job, sends it to `printer` (else the desk's printer, else the
/// default one) and records the outcome. A printer that fails is in the returned entry's status and
/// last attempt, not an error.
///
/// `opened` is the visit with its sealed denouncer's identity opened for whoever prints
/// (`Register::visit_for_citizen`): a form handed to the citizen then names them and its job is
/// marked `names_denouncer`; any other form, or `None`, shows the visit as stored.
pub fn print(
    register: &mut Register,
    data_dir: &Path,
    spooler: &dyn Spooler,
    visit: VisitId,
    options: &PrintOptions,
    printer: Option<&str>,
    opened: Option<&Visit>,
) -> Result<PrintJobEntry, PrintJobError> {
    let stored = register.visit(visit)?;
    let (visit, names_denouncer) = shown(&stored, opened, options);
    let form = options.form.form();
    let copy = register.next_print_copy(visit.id, form)?;
    let pdf = draw(register, visit, options, reprint_of(copy))?;
    let stored = register.protect_file(&pdf, &archive::context(&visit.receipt_no, form, copy))?;
    let archive = archive::store(data_dir, &visit.receipt_no, form, copy, &stored)?;
    let options_json = serde_json::to_string(options)
        .map_err(|e| PrintJobError::Options { job: 0, detail: e.to_string() })?;
    let job = register.record_print_job(NewPrintJob {
        visit_id: visit.id,
        form,
        copy,
        archive,
        options: options_json,
        names_denouncer,
    })?;
    send(register, data_dir, spooler, &job, printer)
}

/// Prints another copy of a job's form, drawn from the register as it is now with the same options,
/// marked "Bản in lại lần n"; it names a sealed denouncer only as [`print`] does with `opened`.
pub fn reprint(
    register: &mut Register,
    data_dir: &Path,
    spooler: &dyn Spooler,
    job: i64,
    printer: Option<&str>,
    opened: Option<&Visit>,
) -> Result<PrintJobEntry, PrintJobError> {
    let entry = register.print_job(job)?;
    let options: PrintOptions = serde_json::from_str(&entry.options)
        .map_err(|e| PrintJobError::Options { job, detail: e.to_string() })?;
    print(register, data_dir, spooler, entry.visit_id, &options, printer, opened)
}

/// The PDF of a job as it was printed, from the archive (decrypted when the register is encrypted).
pub fn archived_pdf(
    register: &Register,
    data_dir: &Path,
    job: &PrintJobEntry,
) -> Result<Vec<u8>, PrintJobError> {
    let path = archive::absolute(data_dir, &job.archive);
    let bytes = std::fs::read(&path).map_err(|source| {
        let source = if source.kind() == std::io::ErrorKind::NotFound {
            std::io::Error::new(std::io::ErrorKind::NotFound, "không còn trong thư mục lưu bản in")
        } else {
            source
        };
        PrintJobError::Archive { path: path.clone(), source }
    })?;
    Ok(register.unprotect_file(bytes, &archive::context(&job.receipt_no, job.form, job.copy))?)
}

/// Sends a failed job again: the same archived PDF and copy number, as a new attempt. A job whose
/// paper names a sealed denouncer is sent again only with `opened` (see [`print`]): whoever retries
/// must be allowed to name them now.
pub fn retry(
    register: &mut Register,
    data_dir: &Path,
    spooler: &dyn Spooler,
    job: i64,
    printer: Option<&str>,
    opened: Option<&Visit>,
) -> Result<PrintJobEntry, PrintJobError> {
    let entry = register.print_job(job)?;
    if entry.status == PrintStatus::Sent {
        return Err(PrintJobError::AlreadyPrinted { job });
    }
    if entry.names_denouncer && opened.map(|v| v.id) != Some(entry.visit_id) {
        return Err(PrintJobError::NamesDenouncer { job });
    }
    // Another job that printed the same copy of this form makes this one's paper a duplicate.
    let superseded = register.print_log(Some(entry.visit_id))?.iter().any(|other| {
        other.id != job
            && other.form == entry.form
            && other.copy == entry.copy
            && other.status == PrintStatus::Sent
    });
    if superseded {
        return Err(PrintJobError::Superseded { job });
    }
    send(register, data_dir, spooler, &entry, printer)
}

/// The printer a job goes to: the one asked for, else the desk's setting, else the default one.
pub fn printer_for(
    register: &Register,
    spooler: &dyn Spooler,
    asked: Option<&str>,
) -> Result<Result<String, SpoolError>, RegisterError> {
    if let Some(name) = asked.map(str::trim).filter(|p| !p.is_empty()) {
        return Ok(Ok(name.to_string()));
    }
    if let Some(name) = register.printer_setting()? {
        return Ok(Ok(name));
    }
    Ok(spooler.default_printer().and_then(|d| d.ok_or(SpoolError::NoDefaultPrinter)))
}

fn send(
    register: &mut Register,
    data_dir: &Path,
    spooler: &dyn Spooler,
    job: &PrintJobEntry,
    printer: Option<&str>,
) -> Result<PrintJobEntry, PrintJobError> {
    let options: PrintOptions = serde_json::from_str(&job.options)
        .map_err(|e| PrintJobError::Options { job: job.id, detail: e.to_string() })?;
    // The spooler prints a file: the archived one, or a private decrypted copy of it that lives
    // until the spooler has taken it (dropped at the end of this function).
    let clear = archived_pdf(register, data_dir, job)?;
    let archived = archive::absolute(data_dir, &job.archive);
    let temp = if job.archive.ends_with(".enc") {
        let mut file = tempfile::Builder::new()
            .prefix("tiepdan-print-")
            .suffix(".pdf")
            .tempfile()
            .map_err(|source| PrintJobError::Archive { path: archived.clone(), source })?;
        std::io::Write::write_all(&mut file, &clear)
            .map_err(|source| PrintJobError::Archive { path: file.path().to_path_buf(), source })?;
        Some(file)
    } else {
        None
    };
    let pdf = temp.as_ref().map(|t| t.path().to_path_buf()).unwrap_or(archived);
    let mut title = format!("{} {}", job.form.label_vi(), job.receipt_no);
    if let Some(mark) = copy_mark(job.copy) {
        title.push_str(&format!(" ({mark})"));
    }
    let media = match options.paper() {
        PaperSize::A4 => Media::A4,
        PaperSize::A5 => Media::A5,
    };
    // The receipt's copies are physical sheets (one for the citizen, the others kept).
    let copies = match options.form {
        crate::FormRequest::Receipt { copies } => copies.max(1),
        _ => 1,
    };
    let job_options = JobOptions { media, copies, title };
    let (name, result) = match printer_for(register, spooler, printer)? {
        Ok(name) => {
            let result = spooler.print(&name, &pdf, &job_options);
            (Some(name), result)
        }
        Err(e) => (None, Err(e)),
    };
    let attempt = match result {
        Ok(spooled) => NewPrintAttempt {
            printer: Some(spooled.printer),
            outcome: PrintOutcome::Sent,
            spool_job: Some(spooled.id),
            error_code: None,
            message: None,
        },
        Err(e) => NewPrintAttempt {
            printer: name,
            outcome: PrintOutcome::Failed,
            spool_job: None,
            error_code: Some(e.code().to_string()),
            message: Some(e.to_string()),
        },
    };
    Ok(register.record_print_attempt(job.id, attempt)?)
}
