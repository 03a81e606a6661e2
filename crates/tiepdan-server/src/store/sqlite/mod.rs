//! The SQLite back end, the embedded default: one file, WAL with `synchronous=FULL`, its own
//! append-only migrations (`migrations/sqlite/`) run by a `user_version` runner.
//!
//! One connection behind a mutex is the single writer: every change is one `BEGIN IMMEDIATE`
//! transaction, so feed numbers and stream high-water marks are assigned under SQLite's write lock
//! and a reader never sees a later number committed before an earlier one (I7). Reads run on a pool
//! of read-only connections ([`readers`]): in WAL a reader sees the last commit and never waits
//! for the writer, so the dashboard and look-ups do not queue behind pushes. Events are append-only
//! (triggers forbid DELETE, and any UPDATE but the redaction of a protected visit's event, which
//! keeps every hash: [`redaction`]).

mod admin;
mod export;
mod feed;
mod overview;
mod projection;
mod push;
mod readers;
mod redaction;
mod reports;
mod users;

use crate::error::{Error, Result};
use crate::store::{
    Calendar, ChainRow, Credential, FactRow, QuarantineCheck, QuarantineReport, Row, RowSink, SessionRow,
    StreamSummary, Table, WardReport,
};
use chrono::{DateTime, Utc};
use parking_lot::{FairMutex, FairMutexGuard};
use readers::Readers;
use rusqlite::Connection;
use std::path::{Path, PathBuf};
use tiepdan_protocol::{FeedPage, PushRequest, PushResponse, ReferenceKind, StreamState, WireEvent};

const MIGRATIONS: &[&str] = &[
    include_str!("../../../migrations/sqlite/0001_init.sql"),
    include_str!("../../../migrations/sqlite/0002_quarantine_release.sql"),
    include_str!("../../../migrations/sqlite/0003_redaction.sql"),
    include_str!("../../../migrations/sqlite/0004_user_removal.sql"),
    include_str!("../../../migrations/sqlite/0005_dashboard_indexes.sql"),
    include_str!("../../../migrations/sqlite/0006_petition_sources.sql"),
    include_str!("../../../migrations/sqlite/0007_report_facts.sql"),
    include_str!("../../../migrations/sqlite/0008_decision_events.sql"),
];

/// The migration after which the stored events are indexed by visit and the protected ones
/// redacted, once ([`redaction::backfill`]).
const REDACTION_MIGRATION: usize = 3;

pub struct Sqlite {
    /// Fair: pushes take the writer in the order they asked for it, so none waits behind a stream
    /// of later arrivals (the tail latency of an unfair lock under 64 concurrent pushes).
    writer: FairMutex<Connection>,
    readers: Readers,
    path: PathBuf,
}

impl Sqlite {
    /// Opens (creating if needed) and migrates the store at `path`, with up to `readers` reading
    /// connections beside the writer.
    pub fn open(path: &Path, readers: u32, now: DateTime<Utc>) -> Result<Sqlite> {
        create_private(path)?;
        let mut conn = Connection::open(path)?;
        configure(&conn)?;
        // What a redaction frees is zeroed, not left readable in free pages (issue 14).
        conn.pragma_update(None, "secure_delete", true)?;
        migrate(&mut conn, now)?;
        restrict_to_owner(path)?;
        Ok(Sqlite {
            writer: FairMutex::new(conn),
            readers: Readers::new(path, readers),
            path: path.to_path_buf(),
        })
    }

    fn writer(&self) -> FairMutexGuard<'_, Connection> {
        // No poisoning: a panic while holding the lock leaves no half-written state behind, as
        // every change is one SQLite transaction, rolled back when its guard dropped.
        self.writer.lock()
    }

    fn reader(&self) -> Result<readers::Reader<'_>> {
        self.readers.get()
    }
}

/// Every connection waits up to 10 s for a lock rather than failing at once, and runs in WAL with
/// every commit synced (an acknowledged push survives a power cut: I6).
fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", true)?;
    Ok(())
}

/// The store holds every ward's register and the staff's password hashes: it is created readable
/// by the server's own account only (SQLite gives its `-wal` and `-shm` files the same mode).
fn create_private(path: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        let created = std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(path);
        match created {
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(Error::Internal(format!("cannot create {}: {e}", path.display()))),
        }
    }
    Ok(())
}

/// A store created by an older version (or copied in) may be readable by others: it is made the
/// owner's alone, and the log says so.
fn restrict_to_owner(path: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mut files = vec![path.to_path_buf()];
        for suffix in ["-wal", "-shm"] {
            let mut name = path.as_os_str().to_owned();
            name.push(suffix);
            files.push(name.into());
        }
        for file in files {
            let Ok(meta) = std::fs::metadata(&file) else { continue };
            if meta.permissions().mode() & 0o077 != 0 {
                std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600))
                    .map_err(|e| Error::Internal(format!("cannot restrict {}: {e}", file.display())))?;
                tracing::warn!(file = %file.display(), "store file was readable by others; now 0600");
            }
        }
    }
    Ok(())
}

fn migrate(conn: &mut Connection, now: DateTime<Utc>) -> Result<()> {
    let current: usize = conn.pragma_query_value(None, "user_version", |r| r.get::<_, i64>(0))? as usize;
    if current > MIGRATIONS.len() {
        return Err(Error::Internal(format!(
            "the store is at schema version {current}, newer than this server ({})",
            MIGRATIONS.len()
        )));
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(current) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        if i + 1 == REDACTION_MIGRATION {
            redaction::backfill(&tx, now)?;
        }
        tx.pragma_update(None, "user_version", (i + 1) as i64)?;
        tx.commit()?;
        if i + 1 == REDACTION_MIGRATION {
            redaction::checkpoint(conn);
        }
    }
    Ok(())
}

impl crate::store::Backend for Sqlite {
    fn engine(&self) -> &'static str {
        "sqlite"
    }
    fn insert_ward(&self, code: &str, name: &str, now: DateTime<Utc>) -> Result<bool> {
        admin::insert_ward(self, code, name, now)
    }
    fn insert_enrollment_code(
        &self,
        ward: &str,
        desk: char,
        code_hash: &str,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> Result<()> {
        admin::insert_enrollment_code(self, ward, desk, code_hash, now, expires_at)
    }
    fn redeem_enrollment_code(
        &self,
        code_hash: &str,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<Credential>> {
        admin::redeem_enrollment_code(self, code_hash, token_hash, now)
    }
    fn credential(&self, token_hash: &str) -> Result<Option<Credential>> {
        admin::credential(self, token_hash)
    }
    fn revoke_desk(&self, ward: &str, desk: char, now: DateTime<Utc>) -> Result<Option<usize>> {
        admin::revoke_desk(self, ward, desk, now)
    }
    fn append_reference(
        &self,
        kind: ReferenceKind,
        ward: Option<&str>,
        data: &str,
        now: DateTime<Utc>,
    ) -> Result<u64> {
        feed::append_reference(self, kind, ward, data, now)
    }
    fn feed(&self, ward: &str, after: u64, limit: u64) -> Result<FeedPage> {
        feed::feed(self, ward, after, limit)
    }
    fn push(
        &self,
        cred: &Credential,
        stream: &str,
        req: &PushRequest,
        now: DateTime<Utc>,
    ) -> Result<PushResponse> {
        push::push(self, cred, stream, req, now)
    }
    fn release_stream(&self, stream: &str, note: &str, now: DateTime<Utc>) -> Result<u64> {
        push::release_stream(self, stream, note, now)
    }
    fn desk_streams(&self, cred: &Credential) -> Result<Vec<StreamState>> {
        push::desk_streams(self, cred)
    }
    fn stream_events(
        &self,
        cred: &Credential,
        stream: &str,
        after: u64,
        limit: u64,
    ) -> Result<(Vec<WireEvent>, u64)> {
        push::stream_events(self, cred, stream, after, limit)
    }
    fn wards(&self, calendar: &Calendar) -> Result<Vec<WardReport>> {
        overview::wards(self, calendar)
    }
    fn latest_reference(&self, kind: ReferenceKind) -> Result<Option<String>> {
        reports::latest_reference(self, kind)
    }
    fn ward_names(&self) -> Result<Vec<(String, String)>> {
        reports::ward_names(self)
    }
    fn latest_references(&self, kind: ReferenceKind) -> Result<Vec<(Option<String>, i64, String)>> {
        reports::latest_references(self, kind)
    }
    fn ward_versions(&self) -> Result<std::collections::HashMap<String, i64>> {
        reports::ward_versions(self)
    }
    fn report_visits(&self, ward: Option<&str>, up_to: &str, sink: RowSink<'_, FactRow>) -> Result<()> {
        reports::visits(self, ward, up_to, sink)
    }
    fn report_sessions(&self, ward: Option<&str>, up_to: &str, sink: RowSink<'_, SessionRow>) -> Result<()> {
        reports::sessions(self, ward, up_to, sink)
    }
    fn report_events(
        &self,
        ward: Option<&str>,
        kinds: &[&str],
        sink: RowSink<'_, (String, String)>,
    ) -> Result<()> {
        reports::events(self, ward, kinds, sink)
    }
    fn quarantine(&self) -> Result<Vec<QuarantineReport>> {
        overview::quarantine(self)
    }
    fn upsert_user(&self, name: &str, password_hash: &str, now: DateTime<Utc>) -> Result<usize> {
        users::upsert_user(self, name, password_hash, now)
    }
    fn remove_user(&self, name: &str, now: DateTime<Utc>) -> Result<Option<usize>> {
        users::remove_user(self, name, now)
    }
    fn password_hash(&self, name: &str) -> Result<Option<String>> {
        users::password_hash(self, name)
    }
    fn open_session(
        &self,
        name: &str,
        token_hash: &str,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> Result<bool> {
        users::open_session(self, name, token_hash, now, expires_at)
    }
    fn session_user(&self, token_hash: &str, now: DateTime<Utc>) -> Result<Option<String>> {
        users::session_user(self, token_hash, now)
    }
    fn end_session(&self, token_hash: &str, now: DateTime<Utc>) -> Result<()> {
        users::end_session(self, token_hash, now)
    }
    fn stream_summaries(&self) -> Result<Vec<(String, StreamSummary)>> {
        export::stream_summaries(self)
    }
    fn chain_rows(&self, stream: &str, after: u64, up_to: u64, limit: u64) -> Result<Vec<ChainRow>> {
        export::chain_rows(self, stream, after, up_to, limit)
    }
    fn repeated_event_ids(&self) -> Result<u64> {
        export::repeated_event_ids(self)
    }
    fn quarantine_checks(&self) -> Result<Vec<QuarantineCheck>> {
        export::quarantine_checks(self)
    }
    fn export(&self, table: &Table, sink: &mut dyn FnMut(Row) -> Result<()>) -> Result<()> {
        export::export(self, table, sink)
    }
    fn import(&self, table: &Table, rows: &[Row]) -> Result<()> {
        export::import(self, table, rows)
    }
    fn finish_import(&self) -> Result<()> {
        Ok(())
    }
    fn is_empty(&self) -> Result<bool> {
        export::is_empty(self)
    }
    fn holds_text(&self, needle: &str) -> Result<bool> {
        Ok(export::holds_text(self, needle))
    }
}

#[cfg(test)]
mod tests;
