//! `tiepdan backup`: a consistent copy of the register, checked before it is put under its name, and
//! its key file beside it as `FILE.keys` when the register has one (without it nobody could sign in
//! to the copy nor open a sealed identity in it).

use crate::context::Context;
use crate::error::CliError;
use crate::location;
use std::path::PathBuf;
use tiepdan_register::backup_keys_path;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The backup file to write (replaced if it exists); the key file goes to FILE.keys.
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
}

pub fn run(cx: &Context, args: Args) -> Result<(), CliError> {
    let (mut register, session) = location::open_signed_in(cx)?;
    let actor = location::actor(cx, &register, session.as_ref())?;
    // The register audits the backup itself, naming the actor and the file.
    let with_keys = register.backup(&actor, &args.out)?;
    println!("backup written to {}", args.out.display());
    if with_keys {
        println!(
            "key file written to {} (keep it with the backup: the backup cannot be opened without it)",
            backup_keys_path(&args.out).display()
        );
    }
    Ok(())
}
