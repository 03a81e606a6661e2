//! Opening a connection to the register file: keyed first when encrypted, WAL with
//! `synchronous=FULL`, foreign keys on, readable by its owner only; and telling a damaged file
//! (`Corrupt`) from any other SQLite error.

use crate::error::{RegisterError, Result};
use crate::store::cipher;
use rusqlite::{Connection, ErrorCode};
use std::path::Path;
use std::time::Duration;

/// How long a statement waits for a reader's lock before giving up (readers are the only others).
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

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

/// Waits for SQLite's first initialisation to have finished in full, once per process.
///
/// SQLCipher adds `sqlcipher_export` (which encrypting a plain register and writing an encrypted
/// backup use) to each new connection through an auto-extension it registers at the very end of
/// that first initialisation, after SQLite already counts itself initialised: a connection another
/// thread opens in between lacks the function ("no such function: sqlcipher_export", seen when two
/// registers were opened at once in a fresh process; tests/register/first_open.rs). Opening a
/// throwaway in-memory connection under a `Once` makes every other opener wait until it is done.
pub(crate) fn sqlite_initialised() {
    static FIRST: std::sync::Once = std::sync::Once::new();
    // A failure here fails the real open that follows, which reports it.
    FIRST.call_once(|| drop(Connection::open_in_memory()));
}

/// A connection to the register file in WAL mode with `synchronous=FULL`, keyed first when `key`.
pub(crate) fn open_connection(path: &Path, key: Option<&[u8; 32]>) -> Result<Connection> {
    sqlite_initialised();
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
