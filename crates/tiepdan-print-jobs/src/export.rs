//! Forms and the register book (PDF, or XLSX for the book) written to a file the user chose
//! (`tiepdan print … --out`, `print register --xlsx`): an export
//! of personal data, which this workflow audits itself (issue 12), so every shell records it the
//! same way and none can forget it. The file is written owner-only where the OS allows (the CLI runs
//! as the register's owner, docs/access.md), and only after the actor was found permitted.

use crate::error::PrintJobError;
use crate::jobs::{archived_pdf, preview, register_book, Preview};
use crate::PrintOptions;
use chrono::NaiveDate;
use std::path::{Path, PathBuf};
use tiepdan_domain::access::AccessAction;
use tiepdan_domain::acts::Act;
use tiepdan_domain::VisitId;
use tiepdan_print::{PrintError, RegisterBookForm};
use tiepdan_register::{AccessRecord, Actor, PrintJobEntry, Register, RegisterError};
use tiepdan_sheets::SheetError;

/// Draws a form of a visit as it would print now for `actor` and writes it to `out`.
pub fn export_form(
    register: &mut Register,
    actor: &Actor<'_>,
    visit: VisitId,
    options: &PrintOptions,
    out: &Path,
) -> Result<Preview, PrintJobError> {
    register.permit(actor, Act::ExportRecords)?;
    let preview = preview(register, visit, options, actor)?;
    write_owner_only(out, &preview.pdf)?;
    let named = if preview.names_denouncer { " · ghi tên người tố cáo" } else { "" };
    let detail = format!("{}{named} → {}", options.form.form().label_vi(), out.display());
    audit(register, actor, Some(visit), detail)?;
    Ok(preview)
}

/// Writes the paper a job printed (from its archive) to `out`.
pub fn export_job(
    register: &mut Register,
    actor: &Actor<'_>,
    data_dir: &Path,
    job: &PrintJobEntry,
    out: &Path,
) -> Result<(), PrintJobError> {
    register.permit(actor, Act::ExportRecords)?;
    let pdf = archived_pdf(register, data_dir, job, actor)?;
    write_owner_only(out, &pdf)?;
    let named = if job.names_denouncer { " · ghi tên người tố cáo" } else { "" };
    let detail = format!("{}{named} → {}", job.form.label_vi(), out.display());
    audit(register, actor, Some(job.visit_id), detail)
}

/// Writes the register book of a date range to `out`; returns its size in bytes.
pub fn export_register_book(
    register: &mut Register,
    actor: &Actor<'_>,
    from: NaiveDate,
    to: NaiveDate,
    protect_denouncers: bool,
    out: &Path,
) -> Result<usize, PrintJobError> {
    register.permit(actor, Act::ExportRecords)?;
    let pdf = register_book(register, actor, from, to, protect_denouncers)?;
    write_owner_only(out, &pdf)?;
    audit(register, actor, None, format!("Sổ tiếp công dân {from} – {to} → {}", out.display()))?;
    Ok(pdf.len())
}

/// Writes the register book of a date range to `out` as a spreadsheet (Mẫu số 03 in XLSX, the same
/// rows as the PDF book); returns its size in bytes. Audited like the PDF: it is the same personal
/// data in another format, so the audit line names the format.
pub fn export_register_book_xlsx(
    register: &mut Register,
    actor: &Actor<'_>,
    from: NaiveDate,
    to: NaiveDate,
    protect_denouncers: bool,
    out: &Path,
) -> Result<usize, PrintJobError> {
    register.permit(actor, Act::ExportRecords)?;
    let invalid = || PrintJobError::Form(PrintError::Invalid("ngày kết thúc trước ngày bắt đầu".into()));
    // The same refusal as the PDF book's, before the register is read.
    if to < from {
        return Err(invalid());
    }
    let ward = register.ward()?.ok_or(RegisterError::NotInitialised)?;
    let visits = register.visits_on(actor, from, to)?;
    let form = RegisterBookForm { ward: &ward, visits: &visits, from, to, protect_denouncers };
    let xlsx = tiepdan_sheets::register_book_xlsx(&form).map_err(|e| match e {
        SheetError::Backwards { .. } => invalid(),
        // The writer refusing valid rows leaves nothing to put in the file: the export failed.
        other => PrintJobError::Export { path: out.to_path_buf(), source: std::io::Error::other(other) },
    })?;
    write_owner_only(out, &xlsx)?;
    let detail = format!("Sổ tiếp công dân (XLSX) {from} – {to} → {}", out.display());
    audit(register, actor, None, detail)?;
    Ok(xlsx.len())
}

fn audit(
    register: &mut Register,
    actor: &Actor<'_>,
    visit: Option<VisitId>,
    detail: String,
) -> Result<(), PrintJobError> {
    let mut record = AccessRecord::new(Some(actor.officer_id()), AccessAction::Exported).detail(detail);
    record.visit = visit;
    Ok(register.record_access(record)?)
}

pub(crate) fn write_owner_only(out: &Path, pdf: &[u8]) -> Result<(), PrintJobError> {
    let failed = |source| PrintJobError::Export { path: PathBuf::from(out), source };
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(out).map_err(failed)?;
    // `mode` applies only to a file it creates: an existing one readable by others is narrowed
    // before the paper, which may name a denouncer, goes into it.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(0o600)).map_err(failed)?;
    }
    std::io::Write::write_all(&mut file, pdf).map_err(failed)
}
