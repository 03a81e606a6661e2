//! Where a desk keeps its register. The desk app (Tauri identifier `vn.tiepdan.desk`) and the
//! `tiepdan` CLI must find the same file, so both ask this module.

use std::path::{Path, PathBuf};

/// File name of the register inside the data directory.
pub const REGISTER_FILE: &str = "register.sqlite3";

/// Environment variable that overrides the data directory (tests, portable installs, IT staff).
pub const DATA_DIR_ENV: &str = "TIEPDAN_DATA_DIR";

/// `TIEPDAN_DATA_DIR` if set and not empty, else the OS data directory of the desk app
/// (`~/.local/share/vn.tiepdan.desk` on Linux, `%APPDATA%\vn.tiepdan.desk` on Windows).
pub fn default_data_dir() -> PathBuf {
    match std::env::var_os(DATA_DIR_ENV) {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => dirs::data_dir().unwrap_or_else(|| PathBuf::from(".")).join("vn.tiepdan.desk"),
    }
}

/// The register file inside a data directory.
pub fn register_path(data_dir: &Path) -> PathBuf {
    data_dir.join(REGISTER_FILE)
}
