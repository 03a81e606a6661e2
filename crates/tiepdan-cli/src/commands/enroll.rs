//! `tiepdan enroll --server URL --code CODE`: exchanges the district's one-time code for this desk's
//! credential (`tiepdan_sync::enroll`); the credential is kept in `sync-state.json` beside the
//! register, encrypted under the register key when the register is encrypted. Enrolling again (a new
//! code) replaces the credential and keeps every unsent event; each enrollment is written to the
//! access audit.

use crate::context::Context;
use crate::error::CliError;
use crate::location;
use std::sync::Mutex;
use tiepdan_domain::clock::SystemClock;
use tiepdan_sync::SyncState;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The district server, e.g. https://tiepdan.quan-ha-dong.vn (http:// only
    /// for a server on this computer, e.g. http://127.0.0.1:8080).
    #[arg(long, value_name = "URL")]
    server: String,
    /// The one-time code the district administrator issued for this ward and desk.
    #[arg(long)]
    code: String,
    /// Print the enrollment (without the credential) as JSON.
    #[arg(long)]
    json: bool,
}

pub fn run(cx: &Context, args: Args) -> Result<(), CliError> {
    // Enrolling is the ward's decision: the register says whether this actor may make it.
    let (register, session) = location::open_signed_in(cx)?;
    let actor = location::actor(cx, &register, session.as_ref())?;
    register.may_change_sync(&actor)?;
    let state_path = SyncState::path_in(cx.data_dir());
    let previous = SyncState::load(&state_path).ok().and_then(|s| s.enrollment).map(|e| e.server_url);
    // The credential is saved encrypted under the key of the register just opened.
    let register = Mutex::new(register);
    let enrollment = tiepdan_sync::enroll(&register, &state_path, &args.server, &args.code, &SystemClock)
        .map_err(CliError::sync)?;
    // Where the register goes is audited, a move to another server naming the one left.
    let mut register = register.into_inner().unwrap_or_else(|poisoned| poisoned.into_inner());
    register.record_enrollment(&actor, &enrollment.server_url, previous.as_deref())?;
    if args.json {
        super::print_json(&serde_json::json!({
            "server_url": enrollment.server_url,
            "ward_code": enrollment.ward_code,
            "ward_name": enrollment.ward_name,
            "desk": enrollment.desk,
            "enrolled_at": enrollment.enrolled_at,
            "upstream_name": enrollment.upstream_name,
        }))
    } else {
        println!(
            "enrolled: ward {} {}, desk {}, server {} ({})",
            enrollment.ward_code,
            enrollment.ward_name,
            enrollment.desk,
            enrollment.server_url,
            enrollment.upstream_name.as_deref().unwrap_or("no upstream name configured")
        );
        Ok(())
    }
}
