//! The single-writer rule: one `Register` per register file, across processes and within one.
//!
//! An OS advisory lock (`flock` on Unix, `LockFileEx` on Windows, through `std::fs::File::try_lock`)
//! is taken on `<register>.lock` and held while the `Register` lives. The lock is tied to the open
//! file description, so a second open in the same process fails too, and the OS drops it when the
//! process dies — a killed desk app never leaves a stale lock behind.

use crate::error::{RegisterError, Result};
use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use std::time::Duration;

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

/// How many times, and how far apart, a held lock is tried again before `Locked` is reported.
///
/// While this process starts another program (the print spooler, a child in tests), the forked
/// child shares our open files until it executes the program, so a lock we just released can look
/// held for a moment. A short retry rides that out; a lock held by a running app is still reported
/// within a tenth of a second.
const RETRIES: u32 = 20;
const RETRY_PAUSE: Duration = Duration::from_millis(5);

impl WriterLock {
    pub(crate) fn acquire(register: &Path) -> Result<WriterLock> {
        let file = OpenOptions::new().create(true).truncate(false).write(true).open(lock_path(register))?;
        let mut attempt = 0;
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(WriterLock { _file: file }),
                Err(TryLockError::WouldBlock) if attempt < RETRIES => {
                    attempt += 1;
                    std::thread::sleep(RETRY_PAUSE);
                }
                Err(TryLockError::WouldBlock) => {
                    return Err(RegisterError::Locked { path: register.to_path_buf() })
                }
                Err(TryLockError::Error(e)) => return Err(RegisterError::Io(e)),
            }
        }
    }
}
