//! Who sits at the desk (issue 7): signing in and out, locking the screen, passwords, roles, and the
//! access audit for the administrator. The rules (waits after wrong passwords, what each role may do,
//! what is audited) are the register's (`tiepdan_register::sessions`, `access_log`); this file only
//! keeps the session between commands.

use crate::commands::print::forget_preview;
use crate::commands::setup::{status, AppStatus, SetupDone};
use crate::commands::sync::DeskSync;
use crate::error::CommandError;
use crate::state::{Desk, SignedIn};
use tauri::Manager;
use tauri::State;
use tiepdan_domain::access::Role;
use tiepdan_domain::{OfficerId, VisitId};
use tiepdan_keys::KdfParams;
use tiepdan_register::{AccessEntry, AccessQuery, Credentials, RegisterError};

/// Signs an officer in (also unlocking a locked screen, for the same or another officer). The
/// password check takes about half a second on purpose (argon2id).
#[tauri::command(rename_all = "snake_case")]
pub async fn sign_in<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    desk: State<'_, Desk>,
    officer_id: OfficerId,
    password: String,
) -> Result<AppStatus, CommandError> {
    let opened = desk.sign_in(Credentials::Password { officer: officer_id, password: &password })?;
    forget_preview(&app);
    start_sync_if(opened, &app, &desk);
    status(&desk)
}

/// The first sign-in opened an encrypted register: the background sync starts on it now.
fn start_sync_if<R: tauri::Runtime>(opened: bool, app: &tauri::AppHandle<R>, desk: &Desk) {
    if let (true, Some(sync)) = (opened, app.try_state::<DeskSync>()) {
        sync.attach(desk);
    }
}

/// Locks the screen (Ctrl+L, or after the idle time): the session stays for the background sync,
/// but the denouncers' identities it typed (for their slips) are forgotten.
#[tauri::command(rename_all = "snake_case")]
pub async fn lock_screen<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    desk: State<'_, Desk>,
) -> Result<AppStatus, CommandError> {
    desk.session_and_register(|signed_in, r| {
        // Under the sign-in guard, which a preview being drawn holds too: none is stored after this.
        forget_preview(&app);
        if let Some(session) = &signed_in.session {
            // Locked once: the identities it typed are already forgotten, and none are typed since.
            if !signed_in.locked {
                r.lock_screen(session)?;
            }
            signed_in.locked = true;
        }
        Ok(())
    })?;
    status(&desk)
}

/// Ends the session: the keys it unlocked are forgotten.
#[tauri::command(rename_all = "snake_case")]
pub async fn sign_out<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    desk: State<'_, Desk>,
) -> Result<AppStatus, CommandError> {
    desk.session_and_register(|signed_in, r| {
        forget_preview(&app);
        match std::mem::take(signed_in).session {
            Some(session) => r.sign_out(session),
            None => Ok(()),
        }
    })?;
    status(&desk)
}

/// A register from before passwords (or made by the CLI without one): its administrator sets the
/// first password, and the recovery key is shown once.
#[tauri::command(rename_all = "snake_case")]
pub async fn set_first_password(
    desk: State<'_, Desk>,
    officer_id: OfficerId,
    password: String,
) -> Result<SetupDone, CommandError> {
    let recovery_key = desk.session_and_register(|signed_in, r| {
        let (session, recovery) = r.create_keys(officer_id, &password, KdfParams::recommended())?;
        *signed_in = SignedIn { session: Some(session), locked: false };
        Ok(recovery.to_printable().to_string())
    })?;
    Ok(SetupDone { status: status(&desk)?, recovery_key })
}

/// An administrator who forgot their password (and every other administrator theirs) gets a new
/// one with the recovery key from the ward's safe; the register audits the key's use.
#[tauri::command(rename_all = "snake_case")]
pub async fn recover_access<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    desk: State<'_, Desk>,
    officer_id: OfficerId,
    recovery_key: String,
    new_password: String,
) -> Result<AppStatus, CommandError> {
    let recovery = tiepdan_keys::RecoveryKey::parse(&recovery_key).map_err(RegisterError::from)?;
    let credentials =
        Credentials::RecoveryKey { key: &recovery, administrator: officer_id, new_password: &new_password };
    let opened = desk.sign_in(credentials)?;
    forget_preview(&app);
    start_sync_if(opened, &app, &desk);
    status(&desk)
}

/// The signed-in officer sets (or replaces) the PIN that unlocks their locked screen, confirming
/// with their password.
#[tauri::command(rename_all = "snake_case")]
pub async fn set_unlock_pin(
    desk: State<'_, Desk>,
    password: String,
    pin: String,
) -> Result<AppStatus, CommandError> {
    desk.as_signed_in(|r, session| r.set_unlock_pin(session, &password, &pin))?;
    status(&desk)
}

/// The signed-in officer gives up their PIN.
#[tauri::command(rename_all = "snake_case")]
pub async fn remove_unlock_pin(desk: State<'_, Desk>) -> Result<AppStatus, CommandError> {
    desk.as_signed_in(|r, session| r.remove_unlock_pin(session))?;
    status(&desk)
}

/// Unlocks the locked screen with the PIN of the officer whose session it holds. Three wrong PINs,
/// and only the password signs in (`sign_in`, which starts a new session).
#[tauri::command(rename_all = "snake_case")]
pub async fn unlock_with_pin(desk: State<'_, Desk>, pin: String) -> Result<AppStatus, CommandError> {
    desk.session_and_register(|signed_in, r| {
        let session = match &signed_in.session {
            Some(session) if signed_in.locked => session,
            // Nothing locked (another window of the app unlocked it first): nothing to check.
            Some(_) => return Ok(()),
            None => return Err(RegisterError::PinUnavailable),
        };
        r.unlock_with_pin(session, &pin)?;
        signed_in.locked = false;
        Ok(())
    })?;
    status(&desk)
}

/// The signed-in officer's own new password.
#[tauri::command(rename_all = "snake_case")]
pub async fn change_password(desk: State<'_, Desk>, new_password: String) -> Result<(), CommandError> {
    desk.as_signed_in(|r, session| r.change_password(session, &new_password))
}

/// An administrator gives an officer a password: the first one, or a new one when it was forgotten.
#[tauri::command(rename_all = "snake_case")]
pub async fn give_password(
    desk: State<'_, Desk>,
    officer_id: OfficerId,
    password: String,
) -> Result<AppStatus, CommandError> {
    desk.acting(|r, actor| r.give_password(actor, officer_id, &password))?;
    status(&desk)
}

/// An administrator changes an officer's roles; the change is journaled and audited.
#[tauri::command(rename_all = "snake_case")]
pub async fn set_officer_roles(
    desk: State<'_, Desk>,
    officer_id: OfficerId,
    roles: Vec<Role>,
) -> Result<AppStatus, CommandError> {
    desk.acting(|r, actor| r.set_officer_roles(actor, officer_id, roles).map(drop))?;
    status(&desk)
}

/// The access audit, newest first, for the administrator's review.
#[tauri::command(rename_all = "snake_case")]
pub async fn access_log(
    desk: State<'_, Desk>,
    officer_id: Option<OfficerId>,
    visit_id: Option<VisitId>,
    before: Option<i64>,
) -> Result<Vec<AccessEntry>, CommandError> {
    desk.acting(|r, actor| {
        r.access_log(actor, &AccessQuery { officer: officer_id, visit: visit_id, before, limit: 200 })
    })
}
