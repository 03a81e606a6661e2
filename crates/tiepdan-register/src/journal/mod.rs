//! The journal of every change (`docs/events.md`, `shared/sync-design.md`): the append-only,
//! hash-chained streams of events (`chain`), what sync pushes from them (`outgoing`), the values the
//! district withheld from events taken back from it (`withheld`; the taking back itself is
//! `restore::import`), and the close of a reception day, which is itself an event (`day_close`).
//!
//! Invariants: events are only ever inserted; within a stream `seq` runs without a gap and each
//! chain hash seals the event before; only the newest unfrozen stream receives events; an event is
//! appended in the same transaction as the projection change it records. This concern uses only
//! `store` and `access` (the actor it stamps, sealing's rule of protection): the concerns that
//! append to it sit above it.

pub(crate) mod chain;
pub(crate) mod day_close;
pub(crate) mod outgoing;
pub(crate) mod withheld;

pub(crate) use chain::{
    append, append_to, event_from_row, events_after, insert, open_head, start_stream, stream_head, streams,
    verify,
};
