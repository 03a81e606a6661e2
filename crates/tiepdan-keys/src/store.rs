//! Reading and atomically replacing the key slot file on disk.
//!
//! A save writes `<file>.tmp` beside the file, fsyncs it, renames it over the file and fsyncs the
//! directory, so after a crash the file is either the old one or the new one, never a mix. A leftover
//! `.tmp` from a crash is simply overwritten by the next save and never read. On Unix the file is
//! created owner-only (0600): it holds no secret in clear, but nobody else needs to read it.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::KeyError;

pub(crate) fn read(path: &Path) -> Result<Vec<u8>, KeyError> {
    fs::read(path).map_err(|source| KeyError::Io { action: "read the key file", source })
}

pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), KeyError> {
    let temp = temp_path(path);
    let io = |action: &'static str| move |source| KeyError::Io { action, source };
    // A leftover from a crash may have other permissions: remove it and create the file anew.
    match fs::remove_file(&temp) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            return Err(io("remove a leftover temporary key file")(e))
        }
        _ => {}
    }
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(&temp).map_err(io("create the temporary key file"))?;
    file.write_all(bytes).map_err(io("write the temporary key file"))?;
    file.sync_all().map_err(io("flush the temporary key file"))?;
    drop(file);
    fs::rename(&temp, path).map_err(io("replace the key file"))?;
    sync_directory(path).map_err(io("flush the key file's directory"))
}

/// `register.keys` → `register.keys.tmp`.
pub fn temp_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".tmp");
    path.with_file_name(name)
}

#[cfg(unix)]
fn sync_directory(path: &Path) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    fs::File::open(dir)?.sync_all()
}

/// Windows has no directory fsync; `MoveFileEx` (behind `rename`) is already write-through enough.
#[cfg(not(unix))]
fn sync_directory(_path: &Path) -> std::io::Result<()> {
    Ok(())
}
