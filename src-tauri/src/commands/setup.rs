//! First run: what the desk knows about itself, and setting up the ward and its first officer.

use crate::error::CommandError;
use crate::state::Desk;
use serde::Serialize;
use tauri::State;
use tiepdan_domain::access::Role;
use tiepdan_domain::officer::{Officer, WardProfile};
use tiepdan_domain::validation::FieldProblem;
use tiepdan_domain::{Invalid, OfficerId};

/// Everything the window needs to decide between the setup screen and the desk.
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
}

pub(crate) fn status(desk: &Desk) -> Result<AppStatus, CommandError> {
    desk.with(|r| {
        Ok(AppStatus {
            data_dir: desk.data_dir.display().to_string(),
            ward: r.ward()?,
            officers: r.officers()?,
            current_officer: r.current_officer()?.map(|o| o.id),
        })
    })
}

const FIRST_OFFICER: &[Role] = &[Role::Clerk, Role::Administrator];

#[tauri::command(rename_all = "snake_case")]
pub async fn app_status(desk: State<'_, Desk>) -> Result<AppStatus, CommandError> {
    status(&desk)
}

/// Sets up the ward and its first officer, who becomes the desk's current officer and its
/// administrator (someone must hand out the other roles; the leader role, which reads denouncers'
/// identities, is given deliberately later). Both parts are checked before anything is written, so a
/// mistake in either leaves the register untouched.
#[tauri::command(rename_all = "snake_case")]
pub async fn setup_ward(
    desk: State<'_, Desk>,
    ward: WardProfile,
    officer_name: String,
    officer_position: String,
) -> Result<AppStatus, CommandError> {
    let ward = match (ward.checked(), Officer::new(&officer_name, &officer_position, FIRST_OFFICER)) {
        (Ok(ward), Ok(_)) => ward,
        (ward, officer) => {
            let mut problems: Vec<FieldProblem> = ward.err().map(|e| e.problems).unwrap_or_default();
            for mut p in officer.err().map(|e| e.problems).unwrap_or_default() {
                p.field = format!("officer.{}", p.field);
                problems.push(p);
            }
            return Err(CommandError::invalid(Invalid { problems }));
        }
    };
    desk.with(|r| {
        r.init_ward(ward)?;
        let officer = r.add_officer(&officer_name, &officer_position, FIRST_OFFICER)?;
        r.set_current_officer(officer.id)
    })?;
    status(&desk)
}
