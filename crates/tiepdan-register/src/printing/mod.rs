//! What the desk printed (`print_log`): every print job of a form of a visit, every attempt to send
//! it to a printer, and the printer chosen for this desk. Rendering and spooling live in other crates
//! (`tiepdan-print`, `tiepdan-print-jobs`); this concern only records. `issued` numbers the
//! documents the ward issues (transfer slip, refusal notice, guidance slip) and keeps who signs them.
//!
//! Invariants: a job is written in its own transaction after the visit it prints committed; rows are
//! only inserted, an attempt's outcome is another row; a job's copy number is fixed when it is
//! recorded (1 for the original, n + 1 for the n-th reprint).

pub(crate) mod issued;
pub(crate) mod print_log;
