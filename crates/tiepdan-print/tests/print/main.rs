//! Every form rendered from fixed data and read back with poppler and qpdf, as a clerk's printer
//! and an archive reader would see it.

mod fixtures;
mod forms;
mod header;
mod masking;
mod pdf;
mod receipt;
mod register_book;
mod report;
mod signatures;
mod sources;
mod typography;
