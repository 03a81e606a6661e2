//! The desk's print workflow: a form of a visit rendered from the register's data, archived as a PDF
//! in the data folder, handed to the OS spooler and recorded in the register's print log.
//!
//! Invariants: printing starts only from a visit the register already holds, so it always runs
//! after the registration committed and can never undo it; the PDF is archived and the job recorded
//! *before* it is sent, so every job is in the log whatever the printer does; a failed send is an
//! attempt with its outcome (code and Vietnamese message), never an error of the call, and is retried
//! as another attempt of the same job (same PDF, same copy number — a paper naming a sealed
//! denouncer is drawn again from the same data for the clerk who typed the identity, who cannot open
//! its sealed archive); a reprint is a new job whose paper and log entry carry "Bản in lại lần n".
//! Archived PDFs are never overwritten. Who a paper may name is decided in `named`, from the session
//! the caller passes. Papers of no single visit (the register book of a range, a periodic report)
//! are drawn, spooled and audited in `documents`, without a print-log row or an archive.
//!
//! This crate composes three others and owns nothing of their worlds: drawing is `tiepdan-print`
//! (and the register book's spreadsheet `tiepdan-sheets`),
//! the printer is `tiepdan-spool` (behind [`Spooler`], so tests can stand in for it), the log and the
//! desk's chosen printer are `tiepdan-register`. It knows nothing of windows or command lines.

mod archive;
mod documents;
mod error;
mod export;
mod forms;
mod jobs;
mod named;
mod send;
pub mod spool_copy;
mod spooler;

pub use archive::PRINTS_DIR;
pub use documents::{export_report, print_register_book, print_report, DocumentSent};
pub use error::PrintJobError;
pub use export::{export_form, export_job, export_register_book, export_register_book_xlsx};
pub use jobs::{archived_pdf, preview, print, printer_for, register_book, reprint, retry, Preview};
pub use spooler::{OsSpooler, Spooler};

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};
use tiepdan_domain::outgoing::SignerChoice;
use tiepdan_register::PrintForm;

/// The paper a form is printed on.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PaperSize {
    A4,
    A5,
}

/// Which form to print and what it needs beyond the visit itself.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FormRequest {
    /// Giấy biên nhận, made in `copies` copies (one for the citizen, the rest kept).
    Receipt { copies: u32 },
    /// Phiếu hẹn: when and where to come back. Place and purpose have ward defaults.
    Appointment {
        at: DateTime<FixedOffset>,
        place: Option<String>,
        purpose: Option<String>,
        contact: Option<String>,
    },
    /// Phiếu hướng dẫn: the petition's recorded guidance unless `instructions` is given.
    Guidance {
        instructions: Option<String>,
        missing_documents: Vec<String>,
        /// Who signs; `None`: the ward's default for guidance slips.
        #[serde(default)]
        #[cfg_attr(feature = "ts", ts(optional))]
        signer: Option<SignerChoice>,
    },
    /// Phiếu chuyển đơn (a denouncer is never named on it).
    Transfer {
        petition_dated: Option<NaiveDate>,
        legal_basis: Option<String>,
        /// Who signs; `None`: the ward's default for transfer slips.
        #[serde(default)]
        #[cfg_attr(feature = "ts", ts(optional))]
        signer: Option<SignerChoice>,
    },
    /// Văn bản ghi nội dung.
    Record,
    /// Thông báo từ chối tiếp công dân.
    Refusal {
        /// Who signs; `None`: the ward's default for refusal notices.
        #[serde(default)]
        #[cfg_attr(feature = "ts", ts(optional))]
        signer: Option<SignerChoice>,
    },
}

impl FormRequest {
    /// The slip printed after a registration: the receipt in two copies.
    pub fn receipt() -> FormRequest {
        FormRequest::Receipt { copies: 2 }
    }

    pub fn form(&self) -> PrintForm {
        match self {
            FormRequest::Receipt { .. } => PrintForm::Receipt,
            FormRequest::Appointment { .. } => PrintForm::Appointment,
            FormRequest::Guidance { .. } => PrintForm::Guidance,
            FormRequest::Transfer { .. } => PrintForm::Transfer,
            FormRequest::Record => PrintForm::Record,
            FormRequest::Refusal { .. } => PrintForm::Refusal,
        }
    }

    /// The signer asked for, on the forms the ward issues in its name.
    pub fn signer(&self) -> Option<SignerChoice> {
        match self {
            FormRequest::Guidance { signer, .. }
            | FormRequest::Transfer { signer, .. }
            | FormRequest::Refusal { signer } => *signer,
            _ => None,
        }
    }

    /// The same request with `chosen` as its signer (nothing changes on a form nobody signs for the
    /// ward), so the job's stored options name who signed and a reprint keeps them.
    pub fn signed_by(mut self, chosen: SignerChoice) -> FormRequest {
        if let FormRequest::Guidance { signer, .. }
        | FormRequest::Transfer { signer, .. }
        | FormRequest::Refusal { signer } = &mut self
        {
            *signer = Some(chosen);
        }
        self
    }
}

/// A form and its paper; stored with each job so a reprint draws the same form.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrintOptions {
    pub form: FormRequest,
    /// `None`: A4, the only paper that holds ND 30/2020's sizes (docs/forms.md, "Paper").
    pub paper: Option<PaperSize>,
}

impl PrintOptions {
    pub fn new(form: FormRequest) -> PrintOptions {
        PrintOptions { form, paper: None }
    }

    pub fn paper(&self) -> PaperSize {
        self.paper.unwrap_or(PaperSize::A4)
    }
}
