//! The desk app in a real window, driven over WebDriver. Each test has its own data dir.
//! Run with `scripts/e2e.sh`; without `TIEPDAN_E2E` the tests say they are skipped and pass.

mod access;
mod dashboard;
mod due;
mod journeys;
mod keystrokes;
mod morning;
mod named_slip;
mod outgoing;
mod petitions;
mod printing;
mod records;
mod reports;
mod safety;
mod shell;
mod stops;
mod sync;
