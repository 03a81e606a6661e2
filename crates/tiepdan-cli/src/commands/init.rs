//! `tiepdan init`: the ward profile of a new desk register.

use crate::context::Context;
use crate::error::CliError;
use crate::location;
use tiepdan_domain::officer::WardProfile;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The ward's 5-digit unit code (QĐ 19/2025/QĐ-TTg).
    #[arg(long)]
    ward_code: String,
    /// The ward's name as printed on forms, e.g. "Phường Hà Đông".
    #[arg(long)]
    ward_name: String,
    /// This desk's letter, A–Z; it ends every receipt number.
    #[arg(long)]
    desk: char,
    /// Place name of the date line on forms. Default: the ward name without "Phường ", "Xã ",
    /// "Thị trấn " or "Đặc khu ".
    #[arg(long)]
    place: Option<String>,
    /// The governing body printed above the ward's name, e.g. "UBND THÀNH PHỐ HÀ NỘI".
    #[arg(long, default_value = "")]
    upstream: String,
}

/// Unit-type prefixes a place name drops ("Phường Hà Đông" → "Hà Đông").
const UNIT_PREFIXES: [&str; 4] = ["Phường ", "Xã ", "Thị trấn ", "Đặc khu "];

pub fn run(cx: &Context, args: Args) -> Result<(), CliError> {
    let name = args.ward_name.trim();
    let place = args.place.unwrap_or_else(|| {
        UNIT_PREFIXES.iter().find_map(|p| name.strip_prefix(p)).unwrap_or(name).trim().to_string()
    });
    let profile = WardProfile {
        ward_code: args.ward_code,
        ward_name: args.ward_name,
        place,
        upstream: args.upstream,
        desk: args.desk,
    };
    // Checked before the register file is created, so a refused profile leaves nothing behind.
    let profile = profile.checked().map_err(|e| CliError::invalid("ward profile", &e))?;
    let mut register = location::create(cx)?;
    // The desk's first run makes the same call (with its first officer and password).
    register
        .set_up(profile, None, None, tiepdan_keys::KdfParams::recommended())
        .map_err(|e| CliError::register("ward profile", e))?;
    println!("register initialised in {}", cx.data_dir().display());
    Ok(())
}
