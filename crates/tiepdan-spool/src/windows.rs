//! The Windows spooler: printers listed through PowerShell's `Get-Printer`, jobs sent with the
//! SumatraPDF bundled beside the app (or named by `TIEPDAN_SUMATRA`).
//!
//! Not exercised by this repository's tests, which run on Linux; the argument list is tested in
//! `sumatra.rs`. Windows-specific behaviour needs checking on a Windows desk before release.

use crate::{sumatra, JobOptions, PrintJob, Printer, PrinterState, SpoolError};
use std::path::{Path, PathBuf};
use std::process::Command;

fn powershell(script: &str) -> Result<String, SpoolError> {
    let out = Command::new("powershell")
        .args(["-NoProfile", "-NonInteractive", "-Command", script])
        .output()
        .map_err(|e| SpoolError::SpoolerUnavailable { detail: format!("powershell: {e}") })?;
    if !out.status.success() {
        return Err(SpoolError::SpoolerUnavailable {
            detail: String::from_utf8_lossy(&out.stderr).trim().to_string(),
        });
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

pub(crate) fn default_printer() -> Result<Option<String>, SpoolError> {
    let out = powershell("(Get-CimInstance Win32_Printer -Filter 'Default=TRUE').Name")?;
    Ok(out.lines().map(str::trim).find(|l| !l.is_empty()).map(str::to_string))
}

pub(crate) fn printers() -> Result<Vec<Printer>, SpoolError> {
    // One line per printer: name, tab, status ("Normal", "Paused", "Offline", …).
    let out = powershell("Get-Printer | ForEach-Object { \"$($_.Name)`t$($_.PrinterStatus)\" }")?;
    let default = default_printer()?;
    Ok(out
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .map(|(name, status)| {
            let status = status.trim();
            let state = match status {
                "Normal" | "0" => PrinterState::Ready,
                "Printing" => PrinterState::Printing,
                other => PrinterState::Stopped(other.to_string()),
            };
            Printer { name: name.to_string(), is_default: default.as_deref() == Some(name), state }
        })
        .collect())
}

fn sumatra_path() -> PathBuf {
    if let Some(p) = std::env::var_os("TIEPDAN_SUMATRA") {
        return PathBuf::from(p);
    }
    let dir =
        std::env::current_exe().ok().and_then(|p| p.parent().map(Path::to_path_buf)).unwrap_or_default();
    dir.join("SumatraPDF.exe")
}

pub(crate) fn print(name: &str, pdf: &Path, options: &JobOptions) -> Result<PrintJob, SpoolError> {
    let printer = printers()?
        .into_iter()
        .find(|p| p.name.eq_ignore_ascii_case(name))
        .ok_or_else(|| SpoolError::PrinterNotFound { name: name.to_string() })?;
    if let PrinterState::Stopped(reason) = printer.state {
        return Err(SpoolError::PrinterStopped { name: printer.name, reason });
    }
    let exe = sumatra_path();
    let out = Command::new(&exe).args(sumatra::args(&printer.name, pdf, options)).output().map_err(|e| {
        SpoolError::SpoolerUnavailable { detail: format!("không chạy được {}: {e}", exe.display()) }
    })?;
    if !out.status.success() {
        let detail = String::from_utf8_lossy(&out.stderr).trim().to_string();
        return Err(SpoolError::Rejected { name: printer.name, detail });
    }
    // SumatraPDF hands the job to the spooler and exits; it reports no spooler job id.
    Ok(PrintJob { printer: printer.name, id: format!("sumatra-{}", std::process::id()) })
}
