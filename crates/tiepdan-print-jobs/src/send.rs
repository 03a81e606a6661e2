//! Handing a job's PDF to the spooler and recording the attempt; reading a job's PDF back from the
//! archive.
//!
//! The spooler prints a file: it always gets a private copy of the PDF ([`crate::spool_copy`]),
//! never the archive itself, which may be encrypted or sealed.

use crate::archive;
use crate::error::PrintJobError;
use crate::spooler::Spooler;
use crate::{PaperSize, PrintOptions};
use std::path::Path;
use tiepdan_register::Actor;
use tiepdan_register::{copy_mark, NewPrintAttempt, PrintJobEntry, PrintOutcome, Register};
use tiepdan_spool::{JobOptions, Media};

/// The PDF of a job as it was printed, from the archive (decrypted when the register is encrypted).
/// A paper that names a sealed denouncer opens only for a session permitted to see denouncers'
/// identities, and that opening is audited (`Register::open_sealed_file`).
pub fn archived_pdf(
    register: &mut Register,
    data_dir: &Path,
    job: &PrintJobEntry,
    actor: &Actor<'_>,
) -> Result<Vec<u8>, PrintJobError> {
    archived_bytes(register, data_dir, job, actor)
}

pub(crate) fn archived_bytes(
    register: &mut Register,
    data_dir: &Path,
    job: &PrintJobEntry,
    actor: &Actor<'_>,
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
    let context = archive::context(&job.receipt_no, job.form, job.copy);
    if job.names_denouncer {
        let session = actor.naming_session().ok_or(PrintJobError::NamesDenouncer { job: job.id })?;
        return Ok(register.open_sealed_file(session, bytes, &context, job.visit_id)?);
    }
    Ok(register.unprotect_file(bytes, &context)?)
}

/// Sends `pdf` (the job's paper) to `printer` (else the desk's, else the default one) and records
/// the attempt's outcome.
pub(crate) fn send(
    register: &mut Register,
    data_dir: &Path,
    actor: &Actor<'_>,
    spooler: &dyn Spooler,
    job: &PrintJobEntry,
    pdf: &[u8],
    printer: Option<&str>,
) -> Result<PrintJobEntry, PrintJobError> {
    let options: PrintOptions = serde_json::from_str(&job.options)
        .map_err(|e| PrintJobError::Options { job: job.id, detail: e.to_string() })?;
    let file = crate::spool_copy::spool_copy(data_dir, pdf)?;
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
    let (name, result) = match crate::jobs::printer_for(register, spooler, printer)? {
        Ok(name) => {
            let result = spooler.print(&name, file.path(), &job_options);
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
    Ok(register.record_print_attempt(actor, job.id, attempt)?)
}
