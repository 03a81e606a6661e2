//! The vocabulary and rules of citizen reception (tiếp công dân) at a ward desk.
//!
//! This crate owns no outside world: no disk, network, clock or window. Everything here is a pure
//! function of its inputs so the register, the printed forms, the sync protocol and the desk app all
//! agree on one meaning of a visit. Time enters through [`clock::Clock`]; storage, printing and
//! transport live in the crates that depend on this one (see `shared/style.md`).

pub mod access;
pub mod acts;
pub mod calendar;
pub mod clock;
pub mod day_close;
pub mod deadlines;
pub mod decisions;
pub mod event;
pub mod identity;
pub mod ids;
pub mod intake;
pub mod officer;
pub mod outgoing;
pub mod petition;
pub mod processing;
pub mod receipt;
pub mod reports;
pub mod results;
pub mod sessions;
pub mod text;
pub mod upstream;
pub mod validation;
pub mod visit;

pub use ids::{EventId, OfficerId, SessionId, StreamId, VisitId};
pub use validation::{Invalid, Problem};
