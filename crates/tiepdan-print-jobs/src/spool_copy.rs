//! The spooler's private copy of a job's PDF. The spooler prints a file, and the archive may be
//! encrypted or sealed, so each attempt writes a plain copy: owner-only, in the register's own data
//! folder (`spool/`, never a shared temporary folder another account could watch), and removed as
//! soon as the spooler has taken it. A process that dies while printing leaves its copy behind;
//! the next print, and the desk's next start, remove every copy older than [`LEFTOVER_AFTER`].

use crate::error::PrintJobError;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// The folder under the data folder that holds the copies in flight.
pub const SPOOL_DIR: &str = "spool";

const PREFIX: &str = "tiepdan-print-";

/// A copy this old belongs to no print in progress (handing a file to the spooler takes seconds).
pub const LEFTOVER_AFTER: Duration = Duration::from_secs(10 * 60);

/// A private copy of `pdf` for the spooler, deleted when dropped.
pub(crate) fn spool_copy(data_dir: &Path, pdf: &[u8]) -> Result<tempfile::NamedTempFile, PrintJobError> {
    let dir = data_dir.join(SPOOL_DIR);
    let failed = |path: &Path, source| PrintJobError::Archive { path: path.to_path_buf(), source };
    std::fs::create_dir_all(&dir).map_err(|source| failed(&dir, source))?;
    remove_leftovers(data_dir, LEFTOVER_AFTER);
    // tempfile creates the file with mode 0600 on Unix; on Windows the data folder is the user's own.
    let mut file = tempfile::Builder::new()
        .prefix(PREFIX)
        .suffix(".pdf")
        .tempfile_in(&dir)
        .map_err(|source| failed(&dir, source))?;
    std::io::Write::write_all(&mut file, pdf).map_err(|source| failed(file.path(), source))?;
    Ok(file)
}

/// Removes the copies older than `age` that a crashed print left in `data_dir`; how many. Failures
/// are only logged: a leftover must never stop the clerk from printing.
pub fn remove_leftovers(data_dir: &Path, age: Duration) -> usize {
    let dir = data_dir.join(SPOOL_DIR);
    let Ok(entries) = std::fs::read_dir(&dir) else { return 0 };
    let now = SystemTime::now();
    let stale = |path: &PathBuf| {
        let named = path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(PREFIX));
        let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok();
        named && modified.is_some_and(|m| now.duration_since(m).unwrap_or_default() >= age)
    };
    let mut removed = 0;
    for path in entries.filter_map(|e| e.ok().map(|e| e.path())).filter(stale) {
        match std::fs::remove_file(&path) {
            Ok(()) => removed += 1,
            Err(e) => log::warn!("cannot remove the leftover print copy {}: {e}", path.display()),
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_is_owner_only_and_gone_once_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let copy = spool_copy(dir.path(), b"%PDF-1.7").unwrap();
        let path = copy.path().to_path_buf();
        assert!(path.starts_with(dir.path().join(SPOOL_DIR)));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        }
        drop(copy);
        assert!(!path.exists());
    }

    #[test]
    fn a_copy_left_by_a_crash_is_removed_at_the_next_start_and_a_fresh_one_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        // As a process killed mid-print leaves it: the temporary file persisted, never dropped.
        let (_, left) = spool_copy(dir.path(), b"%PDF left").unwrap().keep().unwrap();
        let (_, fresh) = spool_copy(dir.path(), b"%PDF fresh").unwrap().keep().unwrap();
        let old = SystemTime::now() - LEFTOVER_AFTER - Duration::from_secs(60);
        std::fs::File::options().write(true).open(&left).unwrap().set_modified(old).unwrap();
        let other = dir.path().join(SPOOL_DIR).join("not-ours.pdf");
        std::fs::write(&other, b"x").unwrap();
        std::fs::File::options().write(true).open(&other).unwrap().set_modified(old).unwrap();
        assert_eq!(remove_leftovers(dir.path(), LEFTOVER_AFTER), 1);
        assert!(!left.exists(), "the crash's copy is gone");
        assert!(fresh.exists(), "a print in progress keeps its copy");
        assert!(other.exists(), "only the desk's own copies are touched");
    }
}
