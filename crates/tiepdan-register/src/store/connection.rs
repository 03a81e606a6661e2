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
