//! Forms and the register book written to a file the user chose (`tiepdan print … --out`): an export
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
use tiepdan_register::{AccessRecord, Actor, PrintJobEntry, Register};

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
