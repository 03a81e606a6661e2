//! Forms → XLSX bytes with `rust_xlsxwriter`: the periodic reports (Thông tư 01/2024) from the
//! domain's [`ReportSheet`](tiepdan_domain::reports::sheet::ReportSheet), and the register book
//! (Sổ tiếp công dân, Mẫu số 03) from the print crate's row model. What `tiepdan-print` is for PDF.
//!
//! Invariants: writing is a pure function of its input (no file, clock or system font is read; the
//! caller writes the bytes, and audits the export when it holds personal data); counts are number
//! cells, never text; every merged range comes from the form's own header tree; protected
//! identities arrive already masked (the register book's rows mask them before this crate sees
//! them). This crate must not depend on the register, the network or a window.

mod error;
mod header;
mod layout;
mod register_book;
mod report;
mod styles;

pub use error::SheetError;
pub use register_book::register_book_xlsx;
pub use report::report_xlsx;
pub use tiepdan_print::RegisterBookForm;
