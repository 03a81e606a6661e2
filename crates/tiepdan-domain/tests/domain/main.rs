//! Integration tests of the domain crate: one binary, modules mirroring `src/`.
//!
//! The deadline case tables (`cases_*`) are worked out by hand from the official calendars; each case
//! says in a comment which days were counted and skipped. They are the specification: when one
//! fails, check the reasoning before touching the code.

mod calendar;
mod cases_autumn_and_year_end;
mod cases_spring;
mod cases_tet;
mod cases_weekends_and_variants;
mod deadline_rules;
mod follow_up;
mod lunar;
mod overrides;
mod reports;
mod reports_forms;
mod reports_random;
mod support;
