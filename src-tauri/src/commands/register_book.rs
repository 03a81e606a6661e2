//! Sổ tiếp dân: the visits of a day or a range of days, in the order of the paper register.

use crate::error::CommandError;
use crate::state::Desk;
use chrono::NaiveDate;
use tauri::State;
use tiepdan_domain::visit::Visit;

/// Visits received from `from` to `to` inclusive (dates at the ward, UTC+7).
#[tauri::command(rename_all = "snake_case")]
pub async fn visits_between(
    desk: State<'_, Desk>,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<Visit>, CommandError> {
    desk.acting(|r, actor| r.visits_on(actor, from, to))
}
