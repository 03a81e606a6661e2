//! The printer as the workflow sees it: the OS spooler in the app, a stand-in in tests that must
//! not depend on a print service.

use std::path::Path;
use tiepdan_spool::{JobOptions, PrintJob, SpoolError};

pub trait Spooler {
    /// The computer's default printer, if it has one.
    fn default_printer(&self) -> Result<Option<String>, SpoolError>;
    /// Hands `pdf` to `printer`; missing or stopped printers fail before anything is queued.
    fn print(&self, printer: &str, pdf: &Path, options: &JobOptions) -> Result<PrintJob, SpoolError>;
}

/// CUPS on Linux and macOS, the Windows spooler on Windows (`tiepdan-spool`).
#[derive(Debug, Clone, Copy, Default)]
pub struct OsSpooler;

impl Spooler for OsSpooler {
    fn default_printer(&self) -> Result<Option<String>, SpoolError> {
        tiepdan_spool::default_printer()
    }

    fn print(&self, printer: &str, pdf: &Path, options: &JobOptions) -> Result<PrintJob, SpoolError> {
        tiepdan_spool::print_pdf(Some(printer), pdf, options)
    }
}
