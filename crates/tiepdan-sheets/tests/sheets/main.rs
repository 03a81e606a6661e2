//! The spreadsheets read back by a real reader (calamine): what a clerk opening the file in Excel
//! would see, cell by cell, and the merged header ranges as the forms draw them.

mod read;
mod register_book;
mod report;
