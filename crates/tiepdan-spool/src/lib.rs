//! Sends finished PDFs to the operating system's print spooler and lists its printers.
//!
//! Linux and macOS go through CUPS (`lpstat`, `lp`); Windows through the Windows spooler, printing
//! with a SumatraPDF bundled beside the app (`-print-to "PRINTER" -silent`), as tauri-plugin-printer
//! does. This crate owns the printer and nothing else: it never renders (that is `tiepdan-print`),
//! never records print jobs (the register does) and never retries on its own. A missing or stopped
//! printer is a typed [`SpoolError`] whose message is Vietnamese, checked *before* the job is sent,
//! so the clerk learns it at once instead of from a job stuck in a queue.

#[cfg(unix)]
mod cups;
mod error;
#[cfg(any(unix, test))]
mod lpstat;
#[cfg(any(windows, test))]
mod sumatra;
#[cfg(windows)]
mod windows;

pub use error::SpoolError;
use std::fmt;
use std::path::Path;

/// The paper size asked of the printer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Media {
    A4,
    A5,
}

impl Media {
    pub fn name(self) -> &'static str {
        match self {
            Media::A4 => "A4",
            Media::A5 => "A5",
        }
    }
}

/// How a job is printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobOptions {
    pub media: Media,
    /// Physical copies (the slip is made in two: one for the citizen, one for the file).
    pub copies: u32,
    /// The job's name in the printer queue.
    pub title: String,
}

impl JobOptions {
    pub fn new(media: Media) -> JobOptions {
        JobOptions { media, copies: 1, title: "Tiếp Dân".into() }
    }
}

/// A printer the spooler knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Printer {
    pub name: String,
    pub is_default: bool,
    pub state: PrinterState,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PrinterState {
    Ready,
    Printing,
    /// Disabled, paused or not accepting jobs, with the spooler's reason when it gives one.
    Stopped(String),
}

/// A job accepted by the spooler.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintJob {
    pub printer: String,
    /// The spooler's own id ("TiepDanTest-12" under CUPS).
    pub id: String,
}

impl fmt::Display for PrintJob {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.id, self.printer)
    }
}

/// Every printer of this computer, the default one marked.
pub fn printers() -> Result<Vec<Printer>, SpoolError> {
    platform::printers()
}

/// The computer's default printer, if it has one.
pub fn default_printer() -> Result<Option<String>, SpoolError> {
    platform::default_printer()
}

/// Why a job for `chosen` (the computer's default when `None`) would not print on these printers,
/// as [`print_pdf`] would say it; `None` when it would go through. Settings shows this sentence, so
/// the clerk reads the same cause there as after F9.
pub fn cause(printers: &[Printer], chosen: Option<&str>) -> Option<SpoolError> {
    let printer = match chosen.map(str::trim).filter(|p| !p.is_empty()) {
        Some(name) => match printers.iter().find(|p| p.name.eq_ignore_ascii_case(name)) {
            Some(p) => p,
            None => return Some(SpoolError::PrinterNotFound { name: name.to_string() }),
        },
        None => match printers.iter().find(|p| p.is_default) {
            Some(p) => p,
            None => return Some(SpoolError::NoDefaultPrinter),
        },
    };
    match &printer.state {
        PrinterState::Stopped(reason) => {
            Some(SpoolError::PrinterStopped { name: printer.name.clone(), reason: reason.clone() })
        }
        _ => None,
    }
}

/// Sends `pdf` to `printer` (the default printer when `None`) and returns the spooler's job.
/// The printer is checked first: missing or stopped printers fail here with a clear message.
pub fn print_pdf(printer: Option<&str>, pdf: &Path, options: &JobOptions) -> Result<PrintJob, SpoolError> {
    if !pdf.is_file() || std::fs::File::open(pdf).is_err() {
        return Err(SpoolError::FileUnreadable { path: pdf.to_path_buf() });
    }
    let name = match printer.map(str::trim).filter(|p| !p.is_empty()) {
        Some(name) => name.to_string(),
        None => default_printer()?.ok_or(SpoolError::NoDefaultPrinter)?,
    };
    platform::print(&name, pdf, &options.clamped())
}

impl JobOptions {
    fn clamped(&self) -> JobOptions {
        JobOptions { copies: self.copies.clamp(1, 99), ..self.clone() }
    }
}

#[cfg(unix)]
use cups as platform;
#[cfg(windows)]
use windows as platform;
