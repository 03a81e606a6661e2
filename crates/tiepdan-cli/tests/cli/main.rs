//! The `tiepdan` binary driven as IT staff and scripts drive it: real process, real register files in
//! temporary folders. Modules mirror `src/commands/`; `desk.rs` holds the temporary desk.

mod backup;
mod deadline;
mod decisions;
mod desk;
mod doctor;
mod due;
mod encryption;
mod init;
mod intake;
mod location;
mod matrix;
mod officer;
mod outgoing;
mod pipe;
mod print;
mod recover;
mod reports;
mod reveal;
mod roles;
mod search;
mod sessions;
mod sync;
mod visit;
