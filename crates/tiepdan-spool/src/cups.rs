//! CUPS on Linux and macOS: `lpstat` to list and check printers, `lp` to submit.

use crate::lpstat;
use crate::{JobOptions, PrintJob, Printer, PrinterState, SpoolError};
use std::path::Path;
use std::process::{Command, Output};

fn run(program: &str, args: &[&str]) -> Result<Output, SpoolError> {
    Command::new(program).args(args).env("LC_ALL", "C").env("LANG", "C").output().map_err(|e| {
        let detail = if e.kind() == std::io::ErrorKind::NotFound {
            format!("không có lệnh {program}: máy chưa cài CUPS")
        } else {
            format!("{program}: {e}")
        };
        SpoolError::SpoolerUnavailable { detail }
    })
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Runs an `lpstat` query. "No destinations added" is an empty answer, not an error.
fn lpstat(args: &[&str]) -> Result<String, SpoolError> {
    let out = run("lpstat", args)?;
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    if lpstat::scheduler_down(&stderr) {
        return Err(SpoolError::SpoolerUnavailable { detail: stderr.trim().to_string() });
    }
    Ok(stdout)
}

pub(crate) fn default_printer() -> Result<Option<String>, SpoolError> {
    Ok(lpstat::default_destination(&lpstat(&["-d"])?))
}

pub(crate) fn printers() -> Result<Vec<Printer>, SpoolError> {
    let status = lpstat(&["-p"])?;
    let accepting = lpstat(&["-a"])?;
    let default = default_printer()?;
    Ok(lpstat::printers(&status, &accepting, default.as_deref()))
}

pub(crate) fn print(name: &str, pdf: &Path, options: &JobOptions) -> Result<PrintJob, SpoolError> {
    let printer = printers()?
        .into_iter()
        .find(|p| p.name.eq_ignore_ascii_case(name))
        .ok_or_else(|| SpoolError::PrinterNotFound { name: name.to_string() })?;
    if let PrinterState::Stopped(reason) = printer.state {
        return Err(SpoolError::PrinterStopped { name: printer.name, reason });
    }
    let media = format!("media={}", options.media.name());
    let copies = options.copies.to_string();
    let path = pdf.to_string_lossy();
    let out = run(
        "lp",
        &[
            "-d",
            &printer.name,
            "-n",
            &copies,
            "-o",
            &media,
            "-o",
            "fit-to-page",
            "-t",
            &options.title,
            "--",
            &path,
        ],
    )?;
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    if !out.status.success() {
        return Err(lpstat::lp_error(&printer.name, &stderr));
    }
    let id = lpstat::job_id(&stdout).ok_or_else(|| SpoolError::Rejected {
        name: printer.name.clone(),
        detail: format!("lp không trả về số lệnh in: {}", stdout.trim()),
    })?;
    Ok(PrintJob { printer: printer.name, id })
}
