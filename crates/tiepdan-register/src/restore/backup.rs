//! Online backup and restore, with the epoch rule of `shared/sync-design.md` (Lifecycle), carrying
//! the register's key file (`register.keys`, docs/keys.md) beside the copy.
//!
//! A backup is a consistent copy taken with SQLite's online backup API while the register stays
//! open, written as `<out>`, and its key file as `<out>.keys` when the register has one: without its
//! key file nobody can sign in to a register, nor open a sealed identity in it. A restore never
//! deletes anything: the register it replaces is renamed aside (with its WAL), and so is its key file
//! when the backup brings one; the backup is copied into place, every stream in it is frozen — the
//! desk may have written events after the backup that only the district still has — and new work goes
//! to a new stream whose epoch is one higher, so receipt numbers made after the restore
//! (`0001/2026/A2`) never collide with numbers made before it.
//!
//! A backup of an encrypted register is encrypted with the same register key (`sqlcipher_export`
//! into a keyed file, never SQLite's backup API, whose destination would be plain), so the copy on a
//! USB stick reveals nothing either; restoring it needs credentials that open its key file
//! ([`Register::restore_signed_in`]), and the restored register is encrypted whatever the backup was.
//!
//! A backup that no key file can open is refused before anything moves: an encrypted one with neither
//! `.keys` beside it nor a key file in place, or a plain one without `.keys` that holds sealed
//! identities. Without `.keys`, the key file in place, if any, stays: officers keep signing in with
//! their passwords. The register key and the seal pair never change once made, so a key file newer
//! than the backup opens it too.

use crate::access::access_log::AccessRecord;
use crate::access::actor::Actor;
use crate::access::keyed::{self, Credentials};
use crate::access::sessions::{keys_path, Keys, Session};
use crate::error::{RegisterError, Result};
use crate::store::cipher::{self, FileState};
use crate::store::lock::WriterLock;
use crate::{journal, store::migrations, ward, Register};
use rusqlite::{Connection, OpenFlags, MAIN_DB};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tiepdan_domain::access::AccessAction;
use tiepdan_domain::acts::Act;
use tiepdan_domain::clock::Clock;
use tiepdan_domain::OfficerId;
use tiepdan_keys::{KdfFloor, KeySlots};

use cipher::with_suffix;

/// The key file that travels with a backup file: `<backup>.keys`.
pub fn backup_keys_path(backup: &Path) -> PathBuf {
    with_suffix(backup, ".keys")
}

fn no_progress() -> Option<fn(rusqlite::backup::Progress)> {
    None
}

/// Opens a backup file read-only (with `key` when it is encrypted) and checks it is a sound register
/// this version can read.
fn check_backup(path: &Path, key: Option<&[u8; 32]>) -> Result<Connection> {
    if !path.is_file() {
        return Err(RegisterError::NotFound { what: "backup file", id: path.display().to_string() });
    }
    crate::store::connection::sqlite_initialised();
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(crate::store::connection::corrupt_or_sqlite)?;
    if let Some(key) = key {
        cipher::apply_key(&conn, key)?;
    }
    crate::store::connection::quick_check(&conn)?;
    migrations::check_version(&conn)?;
    Ok(conn)
}

/// Whether any visitor in the backup is sealed (a register from before migration 0007 has no
/// `sealed` column, hence none).
fn has_sealed_visitors(conn: &Connection) -> Result<bool> {
    let has_column: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM pragma_table_info('visitors') WHERE name = 'sealed')",
        [],
        |r| r.get(0),
    )?;
    if !has_column {
        return Ok(false);
    }
    Ok(conn.query_row("SELECT EXISTS (SELECT 1 FROM visitors WHERE sealed IS NOT NULL)", [], |r| r.get(0))?)
}

/// Renames `path` (and its SQLite side files when `with_wal`) to `<path>.replaced-<stamp>`.
fn keep_aside(path: &Path, stamp: &str, with_wal: bool) -> Result<()> {
    if !path.exists() {
        return Ok(());
    }
    let aside = with_suffix(path, &format!(".replaced-{stamp}"));
    std::fs::rename(path, &aside)?;
    if with_wal {
        for side in ["-wal", "-shm"] {
            let file = with_suffix(path, side);
            if file.exists() {
                std::fs::rename(&file, with_suffix(&aside, side))?;
            }
        }
    }
    Ok(())
}

impl Register {
    /// Writes a consistent copy of the register to `out` (replaced if present) while it stays open,
    /// and its key file to `<out>.keys` (atomically) when it has one. Returns whether `.keys` was
    /// written; a stale `<out>.keys` left by an earlier backup is removed when the register has none,
    /// so a restore never pairs this copy with another register's keys.
    ///
    /// Done for `actor`, who must be permitted to back up; audited as a backup naming the file.
    pub fn backup(&mut self, actor: &Actor<'_>, out: &Path) -> Result<bool> {
        self.permit(actor, Act::Backup)?;
        let written = self.write_backup(out)?;
        let record = AccessRecord::new(Some(actor.officer_id()), AccessAction::BackedUp);
        self.record_access(record.detail(out.display().to_string()))?;
        Ok(written)
    }

    fn write_backup(&self, out: &Path) -> Result<bool> {
        let partial = with_suffix(out, ".partial");
        // Into a side file first, so a failed backup never leaves a half-written file under `out`.
        let _ = std::fs::remove_file(&partial);
        match &self.key {
            Some(key) => {
                cipher::export_encrypted(&self.conn, &partial, key)?;
                check_backup(&partial, Some(key))?;
            }
            None => {
                self.conn.backup(MAIN_DB, &partial, no_progress())?;
                check_backup(&partial, None)?;
            }
        }
        let keys = backup_keys_path(out);
        let written = match &self.keys.slots {
            Some(slots) => slots.save(&keys).map(|()| true).map_err(RegisterError::from),
            None => match std::fs::remove_file(&keys) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
                _ => Ok(false),
            },
        };
        let written = written.inspect_err(|_| {
            let _ = std::fs::remove_file(&partial);
        })?;
        std::fs::rename(&partial, out)?;
        Ok(written)
    }

    /// Replaces the register at `into` with the backup (and its key file with `<backup>.keys` when
    /// present), keeps the old files aside as `<file>.replaced-<time>`, and starts a new stream epoch.
    /// Fails with `Locked` if the register is open elsewhere, with `BackupWithoutKeys` if the backup
    /// holds sealed identities (or is encrypted) but no key file can open it, with `SignInRequired`
    /// if the restored register would have a key file (use [`Register::restore_signed_in`]); then
    /// nothing was changed.
    pub fn restore(backup: &Path, into: &Path, clock: Arc<dyn Clock>) -> Result<Register> {
        Register::restore_with_key_floor(backup, into, clock, KdfFloor::standard())
    }

    /// As [`Register::restore`], accepting key slots hashed down to `floor` (tests only).
    pub fn restore_with_key_floor(
        backup: &Path,
        into: &Path,
        clock: Arc<dyn Clock>,
        floor: KdfFloor,
    ) -> Result<Register> {
        crate::store::connection::create_parent(into)?;
        let lock = WriterLock::acquire(into)?;
        let backup_keys = backup_keys_path(backup);
        if cipher::file_state(backup)? == FileState::Encrypted {
            // Without a key, an encrypted file and a damaged one look alike: ask for the key file.
            return Err(if backup_keys.is_file() || keys_path(into).is_file() {
                RegisterError::SignInRequired
            } else {
                RegisterError::BackupWithoutKeys { keys: backup_keys }
            });
        }
        let source = check_backup(backup, None)?;
        // Read and check the key file before anything is moved, so a bad one changes nothing.
        let keys =
            if backup_keys.is_file() { Some(KeySlots::load_with_floor(&backup_keys, floor)?) } else { None };
        if keys.is_none() && has_sealed_visitors(&source)? {
            return Err(RegisterError::BackupWithoutKeys { keys: backup_keys });
        }
        if keys.is_some() || keys_path(into).is_file() {
            return Err(RegisterError::SignInRequired);
        }
        let stamp = clock.now().format("%Y%m%dT%H%M%S%.6fZ").to_string();
        keep_aside(into, &stamp, true)?;
        source.backup(MAIN_DB, into, no_progress())?;
        drop(source);
        if let Some(keys) = keys {
            let into_keys = keys_path(into);
            keep_aside(&into_keys, &stamp, false)?;
            keys.save(&into_keys)?;
        }
        let mut register = Register::open_locked(into, clock, lock, Keys { slots: None, floor }, None)?;
        register.start_new_epoch(None)?;
        Ok(register)
    }

    /// As [`Register::restore`] for a backup that comes with a key file (or goes where one is):
    /// `credentials` must open that key file; the backup is checked with its key before anything
    /// moves, written in place encrypted (a plain backup from before encryption too), and the
    /// officer is signed in to the restored register.
    pub fn restore_signed_in(
        backup: &Path,
        into: &Path,
        clock: Arc<dyn Clock>,
        floor: KdfFloor,
        credentials: Credentials<'_>,
    ) -> Result<(Register, Session)> {
        crate::store::connection::create_parent(into)?;
        let lock = WriterLock::acquire(into)?;
        let backup_keys = backup_keys_path(backup);
        let (slots, from_backup) = if backup_keys.is_file() {
            (KeySlots::load_with_floor(&backup_keys, floor)?, true)
        } else if keys_path(into).is_file() {
            (KeySlots::load_with_floor(&keys_path(into), floor)?, false)
        } else {
            return Err(RegisterError::BackupWithoutKeys { keys: backup_keys });
        };
        if !backup.is_file() {
            return Err(RegisterError::NotFound { what: "backup file", id: backup.display().to_string() });
        }
        let unlocked = keyed::unlock(into, &slots, credentials, &*clock)?;
        let key = keyed::raw_key(&unlocked);
        let encrypted = cipher::file_state(backup)? == FileState::Encrypted;
        drop(check_backup(backup, encrypted.then_some(&*key))?);
        let stamp = clock.now().format("%Y%m%dT%H%M%S%.6fZ").to_string();
        keep_aside(into, &stamp, true)?;
        // The backup is only read; a read-only connection could not write the attached copy.
        crate::store::connection::sqlite_initialised();
        let source = Connection::open(backup).map_err(crate::store::connection::corrupt_or_sqlite)?;
        if encrypted {
            cipher::apply_key(&source, &key)?;
        }
        cipher::export_encrypted(&source, into, &key)?;
        drop(source);
        if from_backup {
            let into_keys = keys_path(into);
            keep_aside(&into_keys, &stamp, false)?;
            slots.save(&into_keys)?;
        }
        let keys = Keys { slots: Some(slots), floor };
        let (mut register, session) =
            Register::open_unlocked(into, clock, lock, keys, unlocked, credentials)?;
        register.start_new_epoch(Some(session.officer().id))?;
        Ok((register, session))
    }

    /// Freezes every stream and starts the next epoch's stream after the newest one.
    /// `by` is the officer who signed in to restore, if any (IT staff restore as the OS user).
    fn start_new_epoch(&mut self, by: Option<OfficerId>) -> Result<()> {
        let Some(profile) = ward::load_ward(&self.conn)? else { return Ok(()) };
        let (tx, clock) = self.write()?;
        let previous = journal::streams(&tx)?.last().map(|s| s.id);
        tx.execute("UPDATE streams SET frozen = 1", [])?;
        journal::start_stream(&tx, clock, &profile, previous, by)?;
        tx.commit()?;
        Ok(())
    }
}
