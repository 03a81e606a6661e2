//! `tiepdan init`: a new desk register — its ward profile and, unless the operator deliberately
//! chooses otherwise, its first administrator with a password, so the register is encrypted from
//! the start (issue 14 §5; the desk's first run makes the same `Register::set_up` call).
//!
//! The password comes from `TIEPDAN_PASSWORD`, else one line of standard input, never from an
//! argument (other users could read it in the process list). The recovery key is printed once, for
//! the ward's safe. `--no-encryption` makes a plain register as a choice that `doctor` and `status`
//! keep reporting; giving neither is refused, so no script makes a readable register by omission.

use crate::context::{Context, PASSWORD_VAR};
use crate::error::{CliError, Exit};
use crate::location;
use tiepdan_domain::officer::WardProfile;
use tiepdan_register::{FirstOfficer, RegisterError};

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
    /// The first administrator's full name: the register is encrypted from the start, and their
    /// password is read from TIEPDAN_PASSWORD, else one line of standard input.
    #[arg(long, value_name = "NAME", requires = "admin_position", conflicts_with = "no_encryption")]
    admin_name: Option<String>,
    /// The first administrator's position, e.g. "Công chức tiếp công dân".
    #[arg(long, value_name = "POSITION", requires = "admin_name")]
    admin_position: Option<String>,
    /// Make a register without passwords, not encrypted: whoever copies the data folder reads it.
    /// `doctor` and `status` warn about it.
    #[arg(long)]
    no_encryption: bool,
}

/// Unit-type prefixes a place name drops ("Phường Hà Đông" → "Hà Đông").
const UNIT_PREFIXES: [&str; 4] = ["Phường ", "Xã ", "Thị trấn ", "Đặc khu "];

/// Said by `init --no-encryption`, `doctor` and `status` about a register without a key.
pub const NOT_ENCRYPTED: &str = "the register is not encrypted (no passwords): whoever copies the data \
     folder reads every visit and the desk's sync credential; set the first administrator's password \
     (the desk's first run, or `tiepdan init --admin-name … --admin-position …` for a new register)";

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
    let first = match (args.admin_name, args.admin_position, args.no_encryption) {
        (Some(full_name), Some(position), _) => {
            Some(FirstOfficer { full_name, position, also_leader: false })
        }
        (_, _, true) => None,
        _ => return Err(choose()),
    };
    // The password too, read and checked against the policy before anything is written.
    let password = match &first {
        Some(first) => {
            let password = cx.typed_password("an encrypted register's first administrator")?;
            tiepdan_keys::check_password(&password, &[&first.full_name])
                .map_err(|e| CliError::register("administrator password", RegisterError::Keys(e)))?;
            Some(password)
        }
        None => None,
    };
    let mut register = location::create(cx)?;
    let set_up = register
        .set_up(
            profile,
            first,
            password.as_deref().map(String::as_str),
            tiepdan_keys::KdfParams::recommended(),
        )
        .map_err(|e| CliError::register("ward profile", e))?;
    match (set_up.officer, set_up.recovery_key) {
        (Some(officer), Some(recovery_key)) => {
            println!("register initialised in {} (encrypted)", cx.data_dir().display());
            println!("administrator: {}", officer.id);
            println!("recovery key: {}", recovery_key.to_printable().as_str());
            println!("print the recovery key and keep it in the ward's safe: it is not shown again");
        }
        _ => {
            println!("register initialised in {}", cx.data_dir().display());
            println!("warning: {NOT_ENCRYPTED}");
        }
    }
    if let Some(session) = set_up.session {
        register.sign_out(session)?;
    }
    Ok(())
}

fn choose() -> CliError {
    CliError::new(
        Exit::Invalid,
        format!(
            "choose how the register is kept: --admin-name NAME --admin-position POSITION makes it encrypted \
             with its first administrator (password from {PASSWORD_VAR} or standard input), or \
             --no-encryption makes a plain register that whoever copies the folder can read \
             (chọn: sổ mã hóa với quản trị viên đầu tiên, hoặc --no-encryption cho sổ không mã hóa)"
        ),
    )
}
