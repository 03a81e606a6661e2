//! Where the register lives and how the CLI opens it: `--data-dir`, else `TIEPDAN_DATA_DIR`, else the
//! folder the desk app uses (`tiepdan_register::paths`). Only `init` may create a register; every
//! other command refuses a folder without one instead of leaving an empty file behind.

use crate::error::{CliError, Exit};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tiepdan_domain::clock::SystemClock;
use tiepdan_register::{paths, Register};

/// The data folder chosen on the command line, or the default one.
pub fn data_dir(chosen: Option<PathBuf>) -> PathBuf {
    chosen.unwrap_or_else(paths::default_data_dir)
}

/// The register file of an initialised desk; refuses a folder without one.
pub fn existing(data_dir: &Path) -> Result<PathBuf, CliError> {
    let path = paths::register_path(data_dir);
    if !path.exists() {
        return Err(CliError::new(
            Exit::NotFound,
            format!("no register in {}: run `tiepdan init` first", data_dir.display()),
        ));
    }
    Ok(path)
}

/// Opens the register of an initialised desk.
pub fn open(data_dir: &Path) -> Result<Register, CliError> {
    Ok(Register::open(&existing(data_dir)?, Arc::new(SystemClock))?)
}

/// Opens the register, creating the folder and the file; for `init`.
pub fn create(data_dir: &Path) -> Result<Register, CliError> {
    std::fs::create_dir_all(data_dir).map_err(|e| {
        CliError::new(Exit::Failure, format!("cannot create the data folder {}: {e}", data_dir.display()))
    })?;
    Ok(Register::open(&paths::register_path(data_dir), Arc::new(SystemClock))?)
}
