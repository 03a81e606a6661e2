//! Integration tests of the register, one module per part of the crate. Each test works on its own
//! register in a temporary directory, with a fixed clock.

/// Who acts in a test on the desk `d`: the officer signed in to a register with passwords
/// (`d.session`), else the desk's officer acting as the owner of a register without them.
macro_rules! acting {
    ($d:expr) => {
        crate::common::acting(&$d.register, &$d.session)
    };
}

mod access;
mod actors;
mod backup;
mod common;
mod crash;
mod day_close;
mod decisions;
mod encryption;
mod first_open;
mod follow_up;
mod history_changes;
mod import;
mod issued;
mod journal;
mod layers;
mod lock;
mod open;
mod outgoing;
mod petitions;
mod pins;
mod print_log;
mod protected_upstream;
mod receipts;
mod reception_calendar;
mod recovery;
mod repeat_matters;
mod reports;
mod schema;
mod sealed_later;
mod sealing;
mod search;
mod sessions;
mod typed;
mod visits;
