//! Cài đặt: the ward profile and the officers (added and retired, never deleted). Whoever signed
//! in acts: the register checks their roles and stamps them on every event (issue 12).

use crate::commands::setup::{status, AppStatus};
use crate::error::CommandError;
use crate::state::Desk;
use tauri::State;
use tiepdan_domain::access::Role;
use tiepdan_domain::officer::{Officer, WardProfile};
use tiepdan_domain::OfficerId;

#[tauri::command(rename_all = "snake_case")]
pub async fn update_ward(desk: State<'_, Desk>, ward: WardProfile) -> Result<AppStatus, CommandError> {
    desk.acting(|r, actor| r.update_ward(actor, ward))?;
    status(&desk)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn add_officer(
    desk: State<'_, Desk>,
    full_name: String,
    position: String,
    roles: Vec<Role>,
) -> Result<Officer, CommandError> {
    desk.acting(|r, actor| r.add_officer(actor, &full_name, &position, &roles))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn retire_officer(desk: State<'_, Desk>, officer_id: OfficerId) -> Result<AppStatus, CommandError> {
    desk.acting(|r, actor| r.retire_officer(actor, officer_id))?;
    status(&desk)
}
