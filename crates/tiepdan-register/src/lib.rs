//! The ward desk's local register: one SQLite file holding every visit, petition and officer, and
//! the journal of every change (`shared/sync-design.md`, Local storage).
//!
//! Guarantees: a change the clerk saw saved survives a power cut (WAL, `synchronous=FULL`); one
//! process writes a register at a time (an OS lock beside the file); each change is one transaction
//! that updates the read tables and appends its hash-chained event, and events are never updated or
//! deleted. SQL rows never leave this crate: callers get `tiepdan_domain` types. Time comes from the
//! injected [`Clock`]. This crate knows nothing of windows, printers or the network.

mod access_log;
mod actor;
mod backup;
mod calendar_overrides;
mod cipher;
mod columns;
mod day_close;
mod desk_card;
pub mod error;
mod follow_up;
mod import;
mod journal;
mod keyed;
mod lock;
pub mod migrations;
mod outgoing;
pub mod paths;
mod pins;
mod print_log;
mod protected_files;
mod recovery;
mod repeat_matters;
mod results;
mod sealing;
mod search;
pub mod sessions;
mod setup;
mod signins;
mod typed;
mod visit_rows;
mod visits;
mod ward;
mod withheld;

pub use access_log::{AccessEntry, AccessLogReport, AccessQuery, AccessRecord};
pub use actor::Actor;
pub use backup::backup_keys_path;
pub use day_close::DaySummary;
pub use desk_card::{desk_card_path, DeskCard};
pub use error::{RegisterError, Result};
pub use follow_up::{DueDate, DueItem, PetitionFollowUp};
pub use import::{ImportRefusal, ImportReport, PulledEvent};
pub use journal::{BrokenLink, ChainReport, StreamInfo};
pub use keyed::Credentials;
pub use outgoing::OutgoingEvent;
pub use pins::PIN_TRIES;
pub use print_log::{
    copy_mark, reprint_of, NewPrintAttempt, NewPrintJob, PrintAttempt, PrintForm, PrintJobEntry,
    PrintOutcome, PrintStatus,
};
pub use repeat_matters::{MatterLink, MatterVisit, RepeatCandidate, SameCitizen};
pub use results::FollowUpRefusal;
pub use search::SearchHit;
pub use setup::{password_problem, pin_problem, FirstOfficer, SetUp};
pub use signins::signins_path;
pub use typed::TYPED_IDENTITY_KEPT;
pub use visit_rows::HistoryEntry;
pub use visits::MAX_REASON;

use lock::WriterLock;
use rusqlite::{Connection, ErrorCode, Transaction, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;
use tiepdan_domain::clock::Clock;
use tiepdan_domain::event::Event;
use tiepdan_domain::StreamId;
use tiepdan_keys::KdfFloor;

/// How long a statement waits for a reader's lock before giving up (readers are the only others).
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// One open register. Holds the exclusive writer lock while alive.
pub struct Register {
    conn: Connection,
    path: PathBuf,
    clock: Arc<dyn Clock>,
    keys: sessions::Keys,
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

/// A SQLite error that means the file is not a sound database, as `Corrupt`.
pub(crate) fn corrupt_or_sqlite(e: rusqlite::Error) -> RegisterError {
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => RegisterError::Corrupt(e.to_string()),
        _ => RegisterError::Sqlite(e),
    }
}

pub(crate) fn quick_check(conn: &Connection) -> Result<()> {
    let mut stmt = conn.prepare("PRAGMA quick_check").map_err(corrupt_or_sqlite)?;
    let lines = stmt
        .query_map([], |r| r.get::<_, String>(0))
        .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
        .map_err(corrupt_or_sqlite)?;
    if lines.len() == 1 && lines[0] == "ok" {
        Ok(())
    } else {
        Err(RegisterError::Corrupt(lines.join("; ")))
    }
}

/// The register holds citizens' personal data: on Unix only the OS user who owns it may read it
/// (SQLite gives its -wal and -shm files the same mode). On Windows the per-user data folder's ACL
/// does this. The CLI relies on it: it runs as that user (docs/access.md).
fn owner_only(path: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

pub(crate) fn create_parent(path: &Path) -> Result<()> {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => Ok(std::fs::create_dir_all(parent)?),
        _ => Ok(()),
    }
}

/// A connection to the register file in WAL mode with `synchronous=FULL`, keyed first when `key`.
pub(crate) fn open_connection(path: &Path, key: Option<&[u8; 32]>) -> Result<Connection> {
    let conn = Connection::open(path).map_err(corrupt_or_sqlite)?;
    if let Some(key) = key {
        cipher::apply_key(&conn, key)?;
    }
    owner_only(path)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    let mode: String =
        conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0)).map_err(corrupt_or_sqlite)?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(RegisterError::Corrupt(format!("cannot switch to WAL journal mode (got {mode})")));
    }
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", true)?;
    Ok(conn)
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
        Register::open_locked(path, clock, lock, sessions::Keys { slots: None, floor }, None)
    }

    /// Opens the file with `key` (encrypted) or without (plain), checks it and migrates it.
    pub(crate) fn open_locked(
        path: &Path,
        clock: Arc<dyn Clock>,
        lock: WriterLock,
        keys: sessions::Keys,
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
