//! Forms → PDF bytes: the acknowledgement slip, the other reception forms, the register book and
//! the periodic reports, drawn with printpdf and the embedded Liberation Serif faces.
//!
//! Invariants: rendering is a pure function of its input (no file, clock, printer or system font);
//! every string is NFC before it is drawn; text wraps inside its box and breaks across pages, never
//! past a margin; only the register book prints a "Mẫu số" number (Mẫu số 03, TT 04/2021), the only
//! one `shared/domain.md` confirms. Sending PDFs to a printer is `tiepdan-spool`'s job.

mod dates;
mod document;
mod error;
mod fonts;
mod forms;
mod layout;

pub use error::PrintError;
pub use forms::appointment::{render_appointment, AppointmentForm};
pub use forms::guidance::{render_guidance, GuidanceForm};
pub use forms::receipt::{render_receipt, ReceiptForm};
pub use forms::record::{render_record, RecordForm};
pub use forms::refusal::{render_refusal, RefusalForm};
pub use forms::register_book::{render_register_book, RegisterBookForm, FORM_NUMBER as BOOK_FORM_NUMBER};
pub use forms::register_rows::{
    book_issuer, register_book_rows, BookPerson, BookRow, BOOK_CIRCULAR, BOOK_COLUMNS, BOOK_EMPTY,
    BOOK_HANDLING_GROUP,
};
pub use forms::report::render_report;
pub use forms::transfer::{render_transfer, TransferForm, PROTECTED_DENOUNCER};
pub use forms::Signer;
pub use layout::Paper;
