//! Sổ tiếp dân: the visits of a day or a range of days, in the order of the paper register, and the
//! book of that range printed (Mẫu số 03, A4 landscape) through the print workflow.

use crate::commands::print::with_jobs;
use crate::error::CommandError;
use crate::state::Desk;
use chrono::NaiveDate;
use tauri::State;
use tiepdan_domain::visit::Visit;
use tiepdan_print_jobs::{DocumentSent, OsSpooler};

/// Visits received from `from` to `to` inclusive (dates at the ward, UTC+7).
#[tauri::command(rename_all = "snake_case")]
pub async fn visits_between(
    desk: State<'_, Desk>,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<Visit>, CommandError> {
    desk.acting(|r, actor| r.visits_on(actor, from, to))
}

/// Prints the register book of `from`–`to` on the desk's printer. Denouncers are masked: the paper
/// may be seen by people not cleared to know them. A printer that is missing or stopped is in the
/// outcome (with the spooler's Vietnamese message), not an error.
#[tauri::command(rename_all = "snake_case")]
pub async fn print_register_book(
    desk: State<'_, Desk>,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<DocumentSent, CommandError> {
    let data_dir = desk.data_dir.clone();
    with_jobs(&desk, |r, actor| {
        tiepdan_print_jobs::print_register_book(r, &data_dir, &OsSpooler, (from, to), true, None, actor)
    })
}
