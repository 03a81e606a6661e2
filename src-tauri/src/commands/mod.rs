//! One file per feature of the desk. Every command is the same shape: parse the arguments, borrow the
//! register from [`crate::state::Desk`], call one or two register functions, map the error once.
//! Commands are `async` so the register never blocks the window's event loop.

pub mod follow_up;
pub mod openings;
pub mod outgoing;
pub mod petitions;
pub mod print;
pub mod reception_calendar;
pub mod register_book;
pub mod reports;
pub mod search;
pub mod session;
pub mod settings;
pub mod setup;
pub mod sync;
pub mod visits;
