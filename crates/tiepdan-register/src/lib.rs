//! The ward desk's local register: one SQLite file holding every visit, petition and officer, and
//! the journal of every change (`shared/sync-design.md`, Local storage).
//!
//! Guarantees: a change the clerk saw saved survives a power cut (WAL, `synchronous=FULL`); one
//! process writes a register at a time (an OS lock beside the file); each change is one transaction
//! that updates the read tables and appends its hash-chained event, and events are never updated or
//! deleted. SQL rows never leave this crate: callers get `tiepdan_domain` types. Time comes from the
//! injected [`Clock`]. This crate knows nothing of windows, printers or the network.
//!
//! The crate is one module per concern, in layers (issue 12). A file may use its own concern and
//! the ones before it in this line, never one after it; `crate::Register`, `crate::Result` and the
//! other items of this file may be used from anywhere but `error`, which uses nothing. A name this
//! file re-exports counts as the concern it comes from:
//!
//! ```text
//! error ← store ← access ← journal ← ward ← visits ← petitions ← printing ← reports ← restore
//! ```
//!
//! - `store`, the file itself (lock, connection and its SQLCipher key, schema, column spellings),
//!   knows no other concern: it is what all the others stand on.
//! - `access` (actors, sessions, keys, sealing) comes next because every write of every concern
//!   above names an actor checked here; what it needs of an officer it reads itself
//!   (`access::actor::load_officer`), and what sealing needs of a visit's history `visits` passes in.
//! - `journal` (the hash chain, what sync pushes, the day's close) stamps actors and decides
//!   protection with sealing's rule; `ward`, `visits` and `petitions` append to it, in that order
//!   because a visit names its officers and a petition its visit.
//! - `printing` records what was printed of all of them; `reports` counts what all of them hold
//!   (and journals the opening balances); `restore` (backup, restore, events taken
//!   back from the district) replays events through every projection, so it is last.
//!
//! `tests/register/layers.rs` reads the line above and fails on any `crate::…` or `super::…` path
//! that reaches up it. Methods of [`Register`] may be defined in any concern; what counts is which
//! concern's items a file names. A new concern is placed in the line before its first use.

mod access;
pub mod error;
mod journal;
mod petitions;
mod printing;
mod reports;
mod restore;
mod store;
mod visits;
mod ward;

// What can go wrong, in the register's own terms (error.rs uses no other module of this crate).
pub use error::{FollowUpRefusal, ImportRefusal, RegisterError, Result};

// The file: where it lives and its schema.
pub use store::{migrations, paths};

// Who may act, signing in, keys, sealed identities and the access audit.
pub use access::access_log::{AccessEntry, AccessLogReport, AccessQuery, AccessRecord};
pub use access::actor::Actor;
pub use access::desk_card::{desk_card_path, DeskCard};
pub use access::keyed::Credentials;
pub use access::pins::PIN_TRIES;
pub use access::sessions;
pub use access::setup::{key_policy_problem, FirstOfficer, SetUp};
pub use access::signins::signins_path;
pub use access::typed::TYPED_IDENTITY_KEPT;

// The journal: its streams and chain, what sync pushes, the day's close.
pub use journal::chain::{BrokenLink, ChainReport, StreamInfo};
pub use journal::day_close::DaySummary;
pub use journal::outgoing::OutgoingEvent;

// Visits: recording, reading back with their history, search, repeat matters, reception sessions.
pub use visits::history::HistoryEntry;
pub use visits::reception_calendar::{Closing, SessionEntry};
pub use visits::recording::MAX_REASON;
pub use visits::repeat_matters::{MatterLink, MatterVisit, RepeatCandidate, SameCitizen};
pub use visits::sealed_later::SEALED_LATER;
pub use visits::search::SearchHit;

// Petitions after reception: results, deadlines, the to-do list, intake and duplicates.
pub use petitions::duplicates::{DuplicateCandidate, Likeness};
pub use petitions::follow_up::{DueDate, DueItem, PetitionFollowUp};
pub use petitions::intake::{PetitionEntry, PetitionQuery, ProcessingState};

// Periodic reports: counted from the register, drilled down to its rows, opening balances.
pub use reports::forms::ReportDrill;

// Printing: the print log.
pub use printing::issued::OutgoingDocument;
pub use printing::print_log::{
    copy_mark, reprint_of, NewPrintAttempt, NewPrintJob, PrintAttempt, PrintForm, PrintJobEntry,
    PrintOutcome, PrintStatus,
};

// Restoring a desk: backups, restore, and the events taken back from the district afterwards.
pub use restore::backup::backup_keys_path;
pub use restore::import::{ImportReport, PulledEvent};

use access::sessions::Keys;
use rusqlite::{Connection, Transaction, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use store::cipher;
use store::connection::{create_parent, open_connection, quick_check};
use store::lock::WriterLock;
use tiepdan_domain::clock::Clock;
use tiepdan_domain::event::Event;
use tiepdan_domain::StreamId;
use tiepdan_keys::KdfFloor;

/// One open register. Holds the exclusive writer lock while alive.
pub struct Register {
    conn: Connection,
    path: PathBuf,
    clock: Arc<dyn Clock>,
    keys: Keys,
    /// The SQLCipher key when the register is encrypted (what a backup is encrypted with).
    key: Option<cipher::RawKey>,
    /// Which program this process is, for the access audit (`set_audit_channel`).
    audit_channel: Option<String>,
    _lock: WriterLock,
}

impl std::fmt::Debug for Register {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Register").field("path", &self.path).finish_non_exhaustive()
    }
}

impl Register {
    /// Opens the register at `path`, creating it if missing: takes the writer lock, checks the file
    /// (`quick_check`) and brings its schema up to date. A register with a key file is encrypted and
    /// opens only with credentials ([`Register::open_signed_in`]): here it is `SignInRequired`.
    pub fn open(path: &Path, clock: Arc<dyn Clock>) -> Result<Register> {
        Register::open_with_key_floor(path, clock, KdfFloor::standard())
    }

    /// As [`Register::open`], accepting key slots hashed with argon2id parameters down to `floor`
    /// (tests use cheap parameters; the app never lowers it).
    pub fn open_with_key_floor(path: &Path, clock: Arc<dyn Clock>, floor: KdfFloor) -> Result<Register> {
        create_parent(path)?;
        let lock = WriterLock::acquire(path)?;
        if sessions::keys_path(path).exists() {
            return Err(RegisterError::SignInRequired);
        }
        Register::open_locked(path, clock, lock, Keys { slots: None, floor }, None)
    }

    /// Opens the file with `key` (encrypted) or without (plain), checks it and migrates it.
    pub(crate) fn open_locked(
        path: &Path,
        clock: Arc<dyn Clock>,
        lock: WriterLock,
        keys: Keys,
        key: Option<cipher::RawKey>,
    ) -> Result<Register> {
        let mut conn = open_connection(path, key.as_deref())?;
        quick_check(&conn)?;
        migrations::migrate(&mut conn)?;
        Ok(Register { conn, path: path.to_path_buf(), clock, keys, key, audit_channel: None, _lock: lock })
    }

    /// Whether the register file is encrypted (it has a key file and was opened with its key).
    pub fn is_encrypted(&self) -> bool {
        self.key.is_some()
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A write transaction (and the clock, borrowed beside it) that takes SQLite's write lock at once, so it never fails half-way on a
    /// lock held by a reader.
    pub(crate) fn write(&mut self) -> Result<(Transaction<'_>, &dyn Clock)> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        Ok((tx, &*self.clock))
    }

    /// SQLite's own consistency check of the file.
    pub fn quick_check(&self) -> Result<()> {
        quick_check(&self.conn)
    }

    /// Walks every stream's hash chain; see [`ChainReport`].
    pub fn verify(&self) -> Result<ChainReport> {
        journal::verify(&self.conn)
    }

    /// Events of `stream` after `after_seq`, in order, at most `limit` (what sync pushes).
    pub fn events_after(&self, stream: StreamId, after_seq: u64, limit: usize) -> Result<Vec<Event>> {
        journal::events_after(&self.conn, stream, after_seq, limit)
    }

    /// Every stream of this register, oldest epoch first.
    pub fn streams(&self) -> Result<Vec<StreamInfo>> {
        journal::streams(&self.conn)
    }

    /// The stream new events go to.
    pub fn current_stream(&self) -> Result<StreamInfo> {
        let head = journal::open_head(&self.conn).map_err(|e| match e {
            RegisterError::NoOpenStream => RegisterError::NotInitialised,
            other => other,
        })?;
        Ok(StreamInfo {
            id: head.stream,
            epoch: head.epoch,
            frozen: false,
            max_seq: head.seq,
            head: head.chain,
        })
    }
}
