//! `tiepdan backup`: a consistent copy of the register, checked before it is put under its name.

use crate::error::CliError;
use crate::location;
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The backup file to write (replaced if it exists).
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
}

pub fn run(data_dir: &Path, args: Args) -> Result<(), CliError> {
    let register = location::open(data_dir)?;
    register.backup(&args.out)?;
    println!("backup written to {}", args.out.display());
    Ok(())
}
