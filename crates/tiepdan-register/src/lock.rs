//! The single-writer rule: one `Register` per register file, across processes and within one.
//!
//! An OS advisory lock (`flock` on Unix, `LockFileEx` on Windows, through `std::fs::File::try_lock`)
//! is taken on `<register>.lock` and held while the `Register` lives. The lock is tied to the open
//! file description, so a second open in the same process fails too, and the OS drops it when the
//! process dies — a killed desk app never leaves a stale lock behind.

use crate::error::{RegisterError, Result};
use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

/// Held for the life of a `Register`; dropping it releases the lock.
#[derive(Debug)]
pub(crate) struct WriterLock {
    _file: File,
}

pub(crate) fn lock_path(register: &Path) -> PathBuf {
    let mut name = register.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}

impl WriterLock {
    pub(crate) fn acquire(register: &Path) -> Result<WriterLock> {
        let file = OpenOptions::new().create(true).truncate(false).write(true).open(lock_path(register))?;
        match file.try_lock() {
            Ok(()) => Ok(WriterLock { _file: file }),
            Err(TryLockError::WouldBlock) => Err(RegisterError::Locked { path: register.to_path_buf() }),
            Err(TryLockError::Error(e)) => Err(RegisterError::Io(e)),
        }
    }
}
