//! `tiepdan backup`: a consistent copy of the register, checked before it is put under its name, and
//! its key file beside it as `FILE.keys` when the register has one (without it nobody could sign in
//! to the copy nor open a sealed identity in it).

use crate::error::CliError;
use crate::location;
use std::path::{Path, PathBuf};
use tiepdan_register::backup_keys_path;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The backup file to write (replaced if it exists); the key file goes to FILE.keys.
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
}

pub fn run(data_dir: &Path, args: Args) -> Result<(), CliError> {
    let mut register = location::open(data_dir)?;
    let with_keys = register.backup(&args.out)?;
    let detail = args.out.display().to_string();
    super::audit::record(&mut register, tiepdan_domain::access::AccessAction::BackedUp, None, &detail)?;
    println!("backup written to {}", args.out.display());
    if with_keys {
        println!(
            "key file written to {} (keep it with the backup: the backup cannot be opened without it)",
            backup_keys_path(&args.out).display()
        );
    }
    Ok(())
}
