//! `tiepdan restore`: put a backup in place of this desk's register.
//!
//! The register replaced is kept beside it (`register.sqlite3.replaced-<time>`), and work after the
//! restore goes to a new stream epoch, so receipt numbers issued after it carry the epoch
//! (`0001/2026/A2`) and never repeat numbers issued after the backup was taken.

use crate::error::CliError;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tiepdan_domain::clock::SystemClock;
use tiepdan_register::{paths, Register};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The backup file written by `tiepdan backup` (or the desk app).
    #[arg(value_name = "FILE")]
    backup: PathBuf,
}

pub fn run(data_dir: &Path, args: Args) -> Result<(), CliError> {
    let into = paths::register_path(data_dir);
    let register = Register::restore(&args.backup, &into, Arc::new(SystemClock))
        .map_err(|e| CliError::register("backup", e))?;
    println!("register restored from {} into {}", args.backup.display(), into.display());
    if let Ok(stream) = register.current_stream() {
        println!("new work continues in stream epoch {}", stream.epoch);
    }
    Ok(())
}
