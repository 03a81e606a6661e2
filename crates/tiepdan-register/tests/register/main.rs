//! Integration tests of the register, one module per part of the crate. Each test works on its own
//! register in a temporary directory, with a fixed clock.

mod access;
mod backup;
mod common;
mod crash;
mod day_close;
mod encryption;
mod follow_up;
mod import;
mod journal;
mod lock;
mod open;
mod outgoing;
mod pins;
mod print_log;
mod receipts;
mod recovery;
mod repeat_matters;
mod schema;
mod sealing;
mod search;
mod sessions;
mod typed;
mod visits;
