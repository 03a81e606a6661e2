//! Online backup and restore, with the epoch rule of `shared/sync-design.md` (Lifecycle).
//!
//! A backup is a consistent copy taken with SQLite's online backup API while the register stays
//! open. A restore never deletes anything: the register it replaces is renamed aside (with its WAL),
//! the backup is copied into place, every stream in it is frozen — the desk may have written events
//! after the backup that only the district still has — and new work goes to a new stream whose epoch
//! is one higher, so receipt numbers made after the restore (`0001/2026/A2`) never collide with
//! numbers made before it.

use crate::error::{RegisterError, Result};
use crate::lock::WriterLock;
use crate::{journal, migrations, ward, Register};
use rusqlite::{Connection, OpenFlags, MAIN_DB};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tiepdan_domain::clock::Clock;

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

fn no_progress() -> Option<fn(rusqlite::backup::Progress)> {
    None
}

/// Opens a backup file read-only and checks it is a sound register this version can read.
fn check_backup(path: &Path) -> Result<Connection> {
    if !path.is_file() {
        return Err(RegisterError::NotFound { what: "backup file", id: path.display().to_string() });
    }
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(crate::corrupt_or_sqlite)?;
    crate::quick_check(&conn)?;
    migrations::check_version(&conn)?;
    Ok(conn)
}

impl Register {
    /// Writes a consistent copy of the register to `out` (replaced if present) while it stays open.
    pub fn backup(&self, out: &Path) -> Result<()> {
        let partial = with_suffix(out, ".partial");
        // Into a side file first, so a failed backup never leaves a half-written file under `out`.
        let _ = std::fs::remove_file(&partial);
        self.conn.backup(MAIN_DB, &partial, no_progress())?;
        check_backup(&partial)?;
        std::fs::rename(&partial, out)?;
        Ok(())
    }

    /// Replaces the register at `into` with the backup, keeps the old file aside as
    /// `<into>.replaced-<time>`, and starts a new stream epoch. Fails with `Locked` if the register
    /// is open elsewhere.
    pub fn restore(backup: &Path, into: &Path, clock: Arc<dyn Clock>) -> Result<Register> {
        crate::create_parent(into)?;
        let lock = WriterLock::acquire(into)?;
        let source = check_backup(backup)?;
        if into.exists() {
            let stamp = clock.now().format("%Y%m%dT%H%M%S%.6fZ");
            let aside = with_suffix(into, &format!(".replaced-{stamp}"));
            std::fs::rename(into, &aside)?;
            for side in ["-wal", "-shm"] {
                let file = with_suffix(into, side);
                if file.exists() {
                    std::fs::rename(&file, with_suffix(&aside, side))?;
                }
            }
        }
        source.backup(MAIN_DB, into, no_progress())?;
        drop(source);
        let mut register = Register::open_locked(into, clock, lock, tiepdan_keys::KdfFloor::standard())?;
        register.start_new_epoch()?;
        Ok(register)
    }

    /// Freezes every stream and starts the next epoch's stream after the newest one.
    fn start_new_epoch(&mut self) -> Result<()> {
        let Some(profile) = ward::load_ward(&self.conn)? else { return Ok(()) };
        let on_duty = ward::current_officer_id(&self.conn)?;
        let (tx, clock) = self.write()?;
        let previous = journal::streams(&tx)?.last().map(|s| s.id);
        tx.execute("UPDATE streams SET frozen = 1", [])?;
        journal::start_stream(&tx, clock, &profile, previous, on_duty)?;
        tx.commit()?;
        Ok(())
    }
}
