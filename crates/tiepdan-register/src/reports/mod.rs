//! Periodic reports counted from the ward's register (issue 17, `shared/reports.md`): the
//! identity-free [`tiepdan_domain::reports::Facts`] read from the projection tables (`facts`), the
//! forms computed from them with the declared opening balances and their drill-down to register rows
//! (`forms`), and the opening balances themselves, declared and corrected as journal events
//! (`openings`); the decisions on complaints and their implementation (`decisions`).
//!
//! Invariants: the facts are read in a few set-based queries, never one query per record, so a busy
//! ward's year is counted in well under a second; counting itself is the domain's
//! ([`tiepdan_domain::reports::compute`]), the same code the district runs on its projection; a
//! report that breaks its form's equations is returned as [`crate::RegisterError::ReportInconsistent`]
//! (a bug), never as figures; drill-down rows are the register book's rows, masked as the book is.

pub(crate) mod decisions;
pub(crate) mod facts;
pub(crate) mod forms;
pub(crate) mod openings;

pub(crate) use openings::apply_opening;
