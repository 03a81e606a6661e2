//! Periodic reports (Thông tư 01/2024/TT-TTCP; `shared/reports.md`): the forms as data, the periods
//! with their official cut-offs, and the counting of every cell from facts the register holds.
//!
//! A form is a [`definition::Definition`] read from a JSON file embedded in this crate
//! (`reports/definitions/*.json`): its column tree, each column's counting rule and its own check
//! equations. Correcting a form is a data change. Counting ([`count::compute`]) is a pure function of
//! the definition, the period and the [`facts::Facts`]: the desk builds the facts from its register,
//! the server from its projection, so both compute the same figures by the same code, and neither
//! needs an identity to count. Every computed report checks its equations before anyone sees it; a
//! failed equation is a bug and is returned as an error, never printed.

pub mod count;
pub mod decisions;
pub mod definition;
pub mod facts;
pub mod filter;
pub mod period;
pub mod sheet;

pub use count::{compute, CellValue, Computed, Opening, ReportError};
pub use definition::{Definition, FormKey};
pub use facts::Facts;
pub use period::{PeriodChoice, PeriodKind, ReportCalendar, ReportPeriod};
