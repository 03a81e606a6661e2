//! Tra cứu: search by name, ID number, receipt number or words of the content, without diacritics.

use crate::error::CommandError;
use crate::state::Desk;
use tauri::State;
use tiepdan_register::SearchHit;

/// The window searches as the clerk types, so searches are not audited (a row and a flush per
/// keystroke); opening a hit is (`visit_record`).
#[tauri::command(rename_all = "snake_case")]
pub async fn search_visits(
    desk: State<'_, Desk>,
    query: String,
    limit: u32,
) -> Result<Vec<SearchHit>, CommandError> {
    if query.trim().is_empty() {
        return Ok(Vec::new());
    }
    desk.acting(|r, actor| r.search(actor, &query, limit.min(200) as usize))
}
