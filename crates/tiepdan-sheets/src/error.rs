//! What can go wrong when a form becomes a spreadsheet.

use chrono::NaiveDate;

#[derive(Debug, thiserror::Error)]
pub enum SheetError {
    /// A date range that ends before it starts: nothing is drawn.
    #[error("the range ends ({to}) before it starts ({from})")]
    Backwards { from: NaiveDate, to: NaiveDate },
    /// A report row whose values do not line up with the form's numbered columns (a caller's bug).
    #[error("row {row:?} has {values} values for {columns} columns")]
    Shape { row: String, values: usize, columns: usize },
    /// The writer refused a cell, a merge or the workbook (a bug in this crate, or out of memory).
    #[error("the spreadsheet could not be written: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
}
