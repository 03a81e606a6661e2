//! Cài đặt: the ward profile and the officers (added and retired, never deleted). There is no
//! command to put another officer on duty: at the desk the officer on duty is whoever signed in,
//! so every event records the signed-in officer (issue 7).

use crate::commands::setup::{status, AppStatus};
use crate::error::CommandError;
use crate::state::Desk;
use tauri::State;
use tiepdan_domain::access::{Permission, Role};
use tiepdan_domain::officer::{Officer, WardProfile};
use tiepdan_domain::OfficerId;

#[tauri::command(rename_all = "snake_case")]
pub async fn update_ward(desk: State<'_, Desk>, ward: WardProfile) -> Result<AppStatus, CommandError> {
    desk.as_officer(Permission::ManageWard, |r, _| r.update_ward(ward))?;
    status(&desk)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn add_officer(
    desk: State<'_, Desk>,
    full_name: String,
    position: String,
    roles: Vec<Role>,
) -> Result<Officer, CommandError> {
    desk.as_officer(Permission::ManageOfficers, |r, _| r.add_officer(&full_name, &position, &roles))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn retire_officer(desk: State<'_, Desk>, officer_id: OfficerId) -> Result<AppStatus, CommandError> {
    desk.as_officer(Permission::ManageOfficers, |r, session| r.retire_officer_as(session, officer_id))?;
    status(&desk)
}
