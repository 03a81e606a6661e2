//! The district store on rusqlite: one file, WAL with `synchronous=FULL`, its own append-only
//! migrations run by a `user_version` runner.
//!
//! One connection behind a mutex is the single writer: every push is one `BEGIN IMMEDIATE`
//! transaction, so feed numbers and stream high-water marks are assigned under SQLite's write lock and
//! a reader never sees a later number committed before an earlier one. SQL stays in this module;
//! callers get protocol or report types. Events are append-only (triggers forbid DELETE, and any
//! UPDATE but the redaction of a protected visit's event, which keeps every hash: [`redaction`]).

mod admin;
mod feed;
mod overview;
mod projection;
mod push;
mod redaction;
mod users;

pub use admin::{Credential, EnrollmentCode};
pub use overview::{DeskReport, QuarantineReport, StreamReport, WardReport};
pub use users::{hash_password, MAX_PASSWORD, MAX_USER_NAME};

use crate::error::{Error, Result};
use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::Connection;
use sha2::{Digest, Sha256};
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};
use tiepdan_domain::clock::Clock;

const MIGRATIONS: &[&str] = &[
    include_str!("../../migrations/0001_init.sql"),
    include_str!("../../migrations/0002_quarantine_release.sql"),
    include_str!("../../migrations/0003_redaction.sql"),
    include_str!("../../migrations/0004_user_removal.sql"),
];

/// The migration after which the stored events are indexed by visit and the protected ones
/// redacted, once ([`redaction::backfill`]).
const REDACTION_MIGRATION: usize = 3;

pub struct Store {
    conn: Mutex<Connection>,
    clock: Arc<dyn Clock>,
}

impl Store {
    /// Opens (creating if needed) and migrates the store at `path`.
    pub fn open(path: &Path, clock: Arc<dyn Clock>) -> Result<Store> {
        create_private(path)?;
        let mut conn = Connection::open(path)?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", true)?;
        // What a redaction frees is zeroed, not left readable in free pages (issue 14).
        conn.pragma_update(None, "secure_delete", true)?;
        migrate(&mut conn, clock.now())?;
        restrict_to_owner(path)?;
        Ok(Store { conn: Mutex::new(conn), clock })
    }

    fn conn(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock leaves no half-written state behind: every change is one
        // SQLite transaction, rolled back when its guard dropped. So a poisoned lock is still usable.
        self.conn.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }
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

/// RFC 3339 UTC with microseconds: text order is time order.
pub(crate) fn time_text(t: &DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Micros, true)
}

pub(crate) fn parse_time(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text).ok().map(|t| t.with_timezone(&Utc))
}

pub(crate) fn sha256_hex(text: &str) -> String {
    hex::encode(Sha256::digest(text.as_bytes()))
}

/// `n` random bytes from the OS, as lower-case hex.
pub(crate) fn random_hex(n: usize) -> Result<String> {
    let mut bytes = vec![0u8; n];
    getrandom::fill(&mut bytes).map_err(|e| Error::Internal(format!("random: {e}")))?;
    Ok(hex::encode(bytes))
}
