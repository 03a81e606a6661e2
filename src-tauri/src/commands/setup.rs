//! First run: what the desk knows about itself, and setting up the ward and its first officer.

use crate::error::CommandError;
use crate::state::{Desk, SignedIn};
use serde::Serialize;
use tauri::State;
use tiepdan_domain::access::Permission;
use tiepdan_domain::officer::{Officer, WardProfile};
use tiepdan_domain::OfficerId;
use tiepdan_keys::{KdfParams, KeySlots};
use tiepdan_register::sessions::keys_path;
use tiepdan_register::{DeskCard, FirstOfficer, RegisterError};

/// Everything the window needs to decide between the setup, sign-in and desk screens. Nothing here is
/// a citizen's data: it is shown before anyone signs in.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AppStatus {
    /// Where the register and the log files are, shown in Settings.
    pub data_dir: String,
    /// None until the first-run setup is done.
    pub ward: Option<WardProfile>,
    /// Active and retired officers; retired ones are kept because old rows name them.
    pub officers: Vec<Officer>,
    pub current_officer: Option<OfficerId>,
    /// Whether officers sign in with passwords (false only for a register made before issue 7 or by
    /// the CLI without one: the administrator must set the first password).
    pub has_passwords: bool,
    /// Officers who can sign in (they have a password).
    pub can_sign_in: Vec<OfficerId>,
    /// Who is signed in, if anyone.
    pub signed_in: Option<SignedInView>,
    /// The screen is locked: the session is kept for the background sync, nothing is shown.
    pub locked: bool,
    /// The locked screen may be unlocked with the officer's PIN (they have one, tries are left).
    pub pin_unlock: bool,
}

/// The signed-in officer and what they may do, for the window to offer only that.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SignedInView {
    pub officer_id: OfficerId,
    pub permissions: Vec<Permission>,
    /// The officer has a PIN to unlock their locked screen with.
    pub has_pin: bool,
}

pub(crate) fn status(desk: &Desk) -> Result<AppStatus, CommandError> {
    if desk.is_closed() {
        return closed_status(desk);
    }
    desk.session_and_register(|signed_in, r| {
        let signed_in_view = match signed_in.session.as_ref() {
            Some(session) => Some(SignedInView {
                officer_id: session.officer().id,
                permissions: Permission::ALL.into_iter().filter(|p| session.permits(*p)).collect(),
                has_pin: r.has_unlock_pin(session.officer().id)?,
            }),
            None => None,
        };
        let pin_unlock = match signed_in.session.as_ref() {
            Some(session) if signed_in.locked => r.can_unlock_with_pin(session)?,
            _ => false,
        };
        Ok(AppStatus {
            data_dir: desk.data_dir.display().to_string(),
            ward: r.ward()?,
            officers: r.officers()?,
            current_officer: signed_in.session.as_ref().map(|s| s.officer().id),
            has_passwords: r.has_keys(),
            can_sign_in: r.officers_with_passwords().into_iter().map(|(id, _)| id).collect(),
            signed_in: signed_in_view,
            locked: signed_in.locked,
            pin_unlock,
        })
    })
}

/// An encrypted register nobody has opened since the start: the sign-in screen from the clear card
/// beside it and the officer ids in its key file; nothing is decrypted.
fn closed_status(desk: &Desk) -> Result<AppStatus, CommandError> {
    let path = desk.register_path();
    let card = DeskCard::read(&path)?.unwrap_or(DeskCard { ward: None, officers: Vec::new() });
    let slots = KeySlots::load(&keys_path(&path)).map_err(RegisterError::from)?;
    let can_sign_in = slots.officers().into_iter().filter_map(|s| s.officer_id.parse().ok()).collect();
    Ok(AppStatus {
        data_dir: desk.data_dir.display().to_string(),
        ward: card.ward,
        officers: card.officers,
        current_officer: None,
        has_passwords: true,
        can_sign_in,
        signed_in: None,
        locked: false,
        pin_unlock: false,
    })
}

/// What the setup returns: the desk, signed in as the administrator, and the recovery key, shown
/// this once for the ward's safe and never stored in clear.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SetupDone {
    pub status: AppStatus,
    pub recovery_key: String,
}

#[tauri::command(rename_all = "snake_case")]
pub async fn app_status(desk: State<'_, Desk>) -> Result<AppStatus, CommandError> {
    status(&desk)
}

/// Sets up the ward and its first officer, who becomes its administrator, gets the first password and
/// is signed in: one register call (`Register::set_up`), which checks every part before it writes.
#[tauri::command(rename_all = "snake_case")]
pub async fn setup_ward(
    desk: State<'_, Desk>,
    ward: WardProfile,
    officer_name: String,
    officer_position: String,
    also_leader: bool,
    password: String,
) -> Result<SetupDone, CommandError> {
    let first = FirstOfficer { full_name: officer_name, position: officer_position, also_leader };
    let recovery_key = desk.session_and_register(|signed_in, r| {
        let set_up = r.set_up(ward, Some(first), Some(&password), KdfParams::recommended())?;
        *signed_in = SignedIn { session: set_up.session, locked: false };
        Ok(set_up.recovery_key.map(|k| k.to_printable().to_string()).unwrap_or_default())
    })?;
    Ok(SetupDone { status: status(&desk)?, recovery_key })
}
