//! Encryption at rest (issue 7 §3): a register with a key file is a SQLCipher database keyed with the
//! raw 32-byte register key that `register.keys` wraps (docs/keys.md, docs/register.md).
//!
//! Invariants: the key is the first statement on a keyed connection, before anything reads a page;
//! it is handed over in SQLCipher's raw form (`x'…'`, no PBKDF2: the key is already random) and the
//! text holding it is zeroized; a plain register is encrypted by writing an encrypted copy beside it
//! and renaming it over the original, so the folder holds either the old plain file or the whole new
//! encrypted one, never a mix; rusqlite's `Connection::backup` (which opens an unkeyed destination)
//! is never used on a keyed register.

use crate::error::{RegisterError, Result};
use rusqlite::{params, Connection};
use std::fmt::Write as _;
use std::io::Read;
use std::path::{Path, PathBuf};
use zeroize::Zeroizing;

/// The register key as SQLCipher takes it.
pub(crate) type RawKey = Zeroizing<[u8; 32]>;

/// What the first bytes of a register file say about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FileState {
    /// No file, or an empty one: a new register.
    Missing,
    /// A plain SQLite file (its header is readable text).
    Plain,
    /// Anything else: SQLCipher writes a random salt where SQLite writes its header.
    Encrypted,
}

const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

pub(crate) fn file_state(path: &Path) -> Result<FileState> {
    let mut file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(FileState::Missing),
        Err(e) => return Err(e.into()),
    };
    let mut head = Vec::with_capacity(16);
    file.by_ref().take(16).read_to_end(&mut head)?;
    Ok(match head.as_slice() {
        [] => FileState::Missing,
        h if h == SQLITE_HEADER => FileState::Plain,
        _ => FileState::Encrypted,
    })
}

/// `x'<64 hex digits>'`: SQLCipher's raw-key form.
fn raw_key_literal(key: &[u8; 32]) -> Zeroizing<String> {
    let mut text = Zeroizing::new(String::with_capacity(2 + 64 + 1));
    text.push_str("x'");
    for byte in key {
        // Capacity is reserved above, so the string never reallocates (leaving a copy behind).
        let _ = write!(text, "{byte:02x}");
    }
    text.push('\'');
    text
}

/// Keys a fresh connection. Must come before any other statement on it.
pub(crate) fn apply_key(conn: &Connection, key: &[u8; 32]) -> Result<()> {
    let mut sql = Zeroizing::new(String::with_capacity(16 + 67 + 2));
    sql.push_str("PRAGMA key = \"");
    sql.push_str(&raw_key_literal(key));
    sql.push('"');
    conn.execute_batch(&sql)?;
    Ok(())
}

pub(crate) fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Copies the whole database of `conn` into a new file `dest`, encrypted with `key`
/// (`sqlcipher_export` into an attached keyed database: schema, rows, FTS5 tables, triggers and
/// `user_version`). `dest` must not exist.
pub(crate) fn export_encrypted(conn: &Connection, dest: &Path, key: &[u8; 32]) -> Result<()> {
    let dest_text = dest.to_str().ok_or_else(|| {
        RegisterError::Io(std::io::Error::other(format!("path is not UTF-8: {}", dest.display())))
    })?;
    let literal = raw_key_literal(key);
    conn.execute("ATTACH DATABASE ?1 AS export KEY ?2", params![dest_text, &*literal])?;
    // sqlcipher_export copies schema and rows but not `user_version`, which counts our migrations.
    let exported = conn.query_row("SELECT sqlcipher_export('export')", [], |_| Ok(())).and_then(|()| {
        let version: u32 = conn.query_row("PRAGMA main.user_version", [], |r| r.get(0))?;
        conn.execute_batch(&format!("PRAGMA export.user_version = {version}"))
    });
    let detached = conn.execute("DETACH DATABASE export", []);
    exported?;
    detached?;
    sync_file(dest)
}

pub(crate) fn sync_file(path: &Path) -> Result<()> {
    std::fs::File::open(path)?.sync_all()?;
    Ok(())
}

#[cfg(unix)]
pub(crate) fn sync_directory(path: &Path) -> Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    std::fs::File::open(dir)?.sync_all()?;
    Ok(())
}

/// Windows has no directory fsync; `MoveFileEx` (behind `rename`) is write-through enough.
#[cfg(not(unix))]
pub(crate) fn sync_directory(_path: &Path) -> Result<()> {
    Ok(())
}

pub(crate) fn remove_if_present(path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
        _ => Ok(()),
    }
}

/// The side file an encrypted copy is written to before it replaces the register.
pub(crate) fn encrypting_path(register: &Path) -> PathBuf {
    with_suffix(register, ".encrypting")
}

/// Step 1 of encrypting a plain register in place: checkpoints the WAL into the file and writes the
/// encrypted copy beside it, fsynced. Nothing in place changes; on failure the copy is removed.
pub(crate) fn write_encrypted_copy(conn: &Connection, register: &Path, key: &[u8; 32]) -> Result<PathBuf> {
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    let copy = encrypting_path(register);
    remove_if_present(&copy)?;
    export_encrypted(conn, &copy, key).inspect_err(|_| {
        let _ = std::fs::remove_file(&copy);
    })?;
    Ok(copy)
}

/// Step 2: with the plain connection closed, renames the encrypted copy over the register and
/// removes the plain file's WAL and shared-memory files if any were left.
pub(crate) fn swap_in(copy: &Path, register: &Path) -> Result<()> {
    std::fs::rename(copy, register)?;
    sync_directory(register)?;
    for side in ["-wal", "-shm", "-journal"] {
        remove_if_present(&with_suffix(register, side))?;
    }
    Ok(())
}
