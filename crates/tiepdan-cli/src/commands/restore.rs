//! `tiepdan restore`: put a backup in place of this desk's register, and `FILE.keys` in place of its
//! key file when the backup has one.
//!
//! The register replaced is kept beside it (`register.sqlite3.replaced-<time>`, and its key file as
//! `register.keys.replaced-<time>`), and work after the restore goes to a new stream epoch, so receipt
//! numbers issued after it carry the epoch (`0001/2026/A2`) and never repeat numbers issued after the
//! backup was taken. A backup holding sealed identities without its key file is refused (exit 3).

use crate::context::Context;
use crate::error::CliError;
use std::path::PathBuf;
use std::sync::Arc;
use tiepdan_domain::clock::SystemClock;
use tiepdan_keys::KdfFloor;
use tiepdan_register::{backup_keys_path, paths, Credentials, Register, RegisterError};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The backup file written by `tiepdan backup` (or the desk app); FILE.keys beside it is its key file.
    #[arg(value_name = "FILE")]
    backup: PathBuf,
}

pub fn run(cx: &Context, args: Args) -> Result<(), CliError> {
    let into = paths::register_path(cx.data_dir());
    let register = match Register::restore(&args.backup, &into, Arc::new(SystemClock)) {
        // An encrypted backup, or one with a key file: the officer's password as at the backup opens it.
        Err(RegisterError::SignInRequired) => {
            let (officer, password) = cx.officer_and_password()?;
            let credentials = Credentials::Password { officer, password: &password };
            let (register, _session) = Register::restore_signed_in(
                &args.backup,
                &into,
                Arc::new(SystemClock),
                KdfFloor::standard(),
                credentials,
            )
            .map_err(|e| CliError::register("backup", e))?;
            register
        }
        other => other.map_err(|e| CliError::register("backup", e))?,
    };
    println!("register restored from {} into {}", args.backup.display(), into.display());
    if register.has_keys() && backup_keys_path(&args.backup).is_file() {
        println!("key file restored from {}", backup_keys_path(&args.backup).display());
    }
    if let Ok(stream) = register.current_stream() {
        println!("new work continues in stream epoch {}", stream.epoch);
    }
    Ok(())
}
