//! Print, reprint, retry and preview: the steps of a job in their fixed order — render, archive,
//! record the job, send, record the attempt — so a job is in the log before any printer is asked.
//!
//! Each takes the session of whoever prints (`None` from a command line without one): a paper
//! handed to a denouncer names them only as `named` decides, and a job that names them is archived
//! sealed and sent again only for a session that may still name them. Every job sent (or failed)
//! is in the access audit, written here so no caller can forget it.

use crate::archive;
use crate::error::PrintJobError;
use crate::forms::{draw, signed};
use crate::named::citizen_copy;
use crate::send::{archived_bytes, send};
use crate::spooler::Spooler;
use crate::PrintOptions;
use chrono::NaiveDate;
use std::path::Path;
use tiepdan_domain::access::{AccessAction, Permission};
use tiepdan_domain::acts::Act;
use tiepdan_domain::VisitId;
use tiepdan_print::{render_register_book, RegisterBookForm};
use tiepdan_register::Actor;
use tiepdan_register::{
    reprint_of, AccessRecord, NewPrintJob, PrintJobEntry, PrintStatus, Register, RegisterError,
};
use tiepdan_spool::SpoolError;

pub use crate::send::archived_pdf;

/// A form drawn but not printed.
#[derive(Clone)]
pub struct Preview {
    pub pdf: Vec<u8>,
    /// It names a denouncer the register keeps sealed.
    pub names_denouncer: bool,
}

/// The PDF may name a sealed denouncer: never in a log line.
impl std::fmt::Debug for Preview {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Preview")
            .field("pdf_bytes", &self.pdf.len())
            .field("names_denouncer", &self.names_denouncer)
            .finish()
    }
}

/// The PDF of a form of a visit, as it would print now for `session`: marked as a reprint if an
/// earlier job of the same form already printed, naming a sealed denouncer as [`print`] would.
/// Nothing is archived or logged.
pub fn preview(
    register: &mut Register,
    visit: VisitId,
    options: &PrintOptions,
    actor: &Actor<'_>,
) -> Result<Preview, PrintJobError> {
    register.permit(actor, Act::PrintForm)?;
    let copy = register.next_print_copy(visit, options.form.form())?;
    let stored = register.visit(visit)?;
    let named = citizen_copy(register, actor, &stored, options.form.form())?;
    let options = signed(register, options)?;
    let issued = match options.form.form().outgoing() {
        Some(kind) => register.issued_number(visit, kind)?,
        None => None,
    };
    let shown = named.as_ref().map_or(&stored, |n| &n.visit);
    let pdf = draw(register, shown, &options, reprint_of(copy), issued.as_ref())?;
    Ok(Preview { pdf, names_denouncer: named.is_some() })
}

/// The register book (Sổ tiếp công dân) of a date range.
pub fn register_book(
    register: &Register,
    actor: &Actor<'_>,
    from: NaiveDate,
    to: NaiveDate,
    protect_denouncers: bool,
) -> Result<Vec<u8>, PrintJobError> {
    let ward = register.ward()?.ok_or(RegisterError::NotInitialised)?;
    let visits = register.visits_on(actor, from, to)?;
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
/// A form handed to the citizen names a sealed denouncer when `session` may (`named`); the job then
/// records what it named and its archive is sealed to the ward's seal key, which only a leader's
/// session opens (`Register::seal_file`). Any other paper is archived as the register is
/// (`Register::protect_file`).
pub fn print(
    register: &mut Register,
    data_dir: &Path,
    spooler: &dyn Spooler,
    visit: VisitId,
    options: &PrintOptions,
    printer: Option<&str>,
    actor: &Actor<'_>,
) -> Result<PrintJobEntry, PrintJobError> {
    register.permit(actor, Act::PrintForm)?;
    let stored = register.visit(visit)?;
    let form = options.form.form();
    let named = citizen_copy(register, actor, &stored, form)?;
    let visit = named.as_ref().map_or(&stored, |n| &n.visit);
    let copy = register.next_print_copy(visit.id, form)?;
    let options = &signed(register, options)?;
    // A document the ward issues takes its number only once it is known to draw (a refused form
    // must not use up a number of the year's series), then keeps it on every reprint.
    let issued = match form.outgoing() {
        Some(kind) => {
            draw(register, visit, options, reprint_of(copy), None)?;
            Some(register.issue_number(actor, visit.id, kind)?)
        }
        None => None,
    };
    let pdf = draw(register, visit, options, reprint_of(copy), issued.as_ref())?;
    let context = archive::context(&visit.receipt_no, form, copy);
    let (kept, extension) = match named {
        Some(_) => (register.seal_file(&pdf, &context)?, archive::SEALED),
        None => {
            let kept = register.protect_file(&pdf, &context)?;
            let extension =
                if tiepdan_keys::is_encrypted_file(&kept) { archive::ENCRYPTED } else { archive::PLAIN };
            (kept, extension)
        }
    };
    let archive = archive::store(data_dir, &visit.receipt_no, form, copy, &kept, extension)?;
    let options_json = serde_json::to_string(options)
        .map_err(|e| PrintJobError::Options { job: 0, detail: e.to_string() })?;
    let job = register.record_print_job(
        actor,
        NewPrintJob {
            visit_id: visit.id,
            form,
            copy,
            archive,
            options: options_json,
            named_identities: named.map(|n| n.named),
        },
    )?;
    let job = send(register, data_dir, actor, spooler, &job, &pdf, printer)?;
    audit_printed(register, actor, &job)
}

/// Prints another copy of a job's form, drawn from the register as it is now with the same options,
/// marked "Bản in lại lần n"; it names a sealed denouncer only as [`print`] does for `session`.
pub fn reprint(
    register: &mut Register,
    data_dir: &Path,
    spooler: &dyn Spooler,
    job: i64,
    printer: Option<&str>,
    actor: &Actor<'_>,
) -> Result<PrintJobEntry, PrintJobError> {
    register.permit(actor, Act::PrintForm)?;
    let entry = register.print_job(job)?;
    let options: PrintOptions = serde_json::from_str(&entry.options)
        .map_err(|e| PrintJobError::Options { job, detail: e.to_string() })?;
    print(register, data_dir, spooler, entry.visit_id, &options, printer, actor)
}

/// Sends a failed job again as a new attempt with the same copy number: the archived PDF itself.
/// A paper that names a sealed denouncer goes again only for a session that names exactly what it
/// named, of the visit exactly as it was (`named::fingerprint`): a leader's session sends the sealed
/// archive, the session that typed the names the same form drawn again; anyone else, or after any
/// amendment, gets `NamesDenouncer` and prints nothing ("In lại" makes a new paper).
pub fn retry(
    register: &mut Register,
    data_dir: &Path,
    spooler: &dyn Spooler,
    job: i64,
    printer: Option<&str>,
    actor: &Actor<'_>,
) -> Result<PrintJobEntry, PrintJobError> {
    register.permit(actor, Act::PrintForm)?;
    let entry = register.print_job(job)?;
    if entry.status == PrintStatus::Sent {
        return Err(PrintJobError::AlreadyPrinted { job });
    }
    // Another job that printed the same copy of this form makes this one's paper a duplicate.
    let superseded = register.print_log(actor, Some(entry.visit_id))?.iter().any(|other| {
        other.id != job
            && other.form == entry.form
            && other.copy == entry.copy
            && other.status == PrintStatus::Sent
    });
    if superseded {
        return Err(PrintJobError::Superseded { job });
    }
    let pdf = match &entry.named_identities {
        None => archived_bytes(register, data_dir, &entry, actor)?,
        Some(named) => {
            let stored = register.visit(entry.visit_id)?;
            let copy = citizen_copy(register, actor, &stored, entry.form)?
                .filter(|copy| &copy.named == named)
                .ok_or(PrintJobError::NamesDenouncer { job })?;
            match actor.naming_session() {
                // A leader opens the sealed archive: the very paper.
                Some(s) if s.permits(Permission::SeeDenouncerIdentity) => {
                    archived_bytes(register, data_dir, &entry, actor)?
                }
                // The clerk who typed the names cannot: the same form of the same data, drawn again.
                _ => {
                    let options: PrintOptions = serde_json::from_str(&entry.options)
                        .map_err(|e| PrintJobError::Options { job, detail: e.to_string() })?;
                    let issued = match entry.form.outgoing() {
                        Some(kind) => register.issued_number(entry.visit_id, kind)?,
                        None => None,
                    };
                    draw(register, &copy.visit, &options, reprint_of(entry.copy), issued.as_ref())?
                }
            }
        }
    };
    let entry = send(register, data_dir, actor, spooler, &entry, &pdf, printer)?;
    audit_printed(register, actor, &entry)
}

/// Puts a job (sent or failed) in the access audit, naming the actor's officer (the register adds
/// which program ran it): paper with personal data left the desk's hands, or nearly did.
fn audit_printed(
    register: &mut Register,
    actor: &Actor<'_>,
    job: &PrintJobEntry,
) -> Result<PrintJobEntry, PrintJobError> {
    let mut detail = vec![job.form.label_vi().to_string()];
    detail.extend(job.copy_mark.clone());
    if job.names_denouncer {
        detail.push("ghi tên người tố cáo".into());
    }
    let record = AccessRecord::new(Some(actor.officer_id()), AccessAction::Printed).visit(job.visit_id);
    register.record_access(record.detail(detail.join(" · ")))?;
    Ok(job.clone())
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
