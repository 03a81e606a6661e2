//! Tiếp công dân: recording a visit, looking one up with its history, amending and cancelling it,
//! and offering returning citizens while the clerk types.

use crate::error::CommandError;
use crate::state::Desk;
use serde::Serialize;
use tauri::State;
use tiepdan_domain::visit::{Visit, VisitDraft, Visitor};
use tiepdan_domain::VisitId;
use tiepdan_register::HistoryEntry;

/// A visit as the detail view shows it: the current state and every event that shaped it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct VisitRecord {
    pub visit: Visit,
    pub history: Vec<HistoryEntry>,
}

#[tauri::command(rename_all = "snake_case")]
pub async fn record_visit(desk: State<'_, Desk>, draft: VisitDraft) -> Result<Visit, CommandError> {
    desk.acting(|r, actor| r.record_visit(actor, draft))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn visit_record(desk: State<'_, Desk>, visit_id: VisitId) -> Result<VisitRecord, CommandError> {
    desk.acting(|r, actor| {
        let (visit, history) = r.open_visit(actor, visit_id)?;
        Ok(VisitRecord { visit, history })
    })
}

/// A denunciation's sealed identities opened for a leader: the register checks the role and the
/// seal secret and audits the viewing before anything is returned.
#[tauri::command(rename_all = "snake_case")]
pub async fn reveal_visit(desk: State<'_, Desk>, visit_id: VisitId) -> Result<VisitRecord, CommandError> {
    desk.acting(|r, actor| {
        let visit = r.visit(visit_id)?;
        let visit = r.reveal_visit(actor, visit)?;
        let history = r.reveal_history(actor, visit_id)?;
        Ok(VisitRecord { visit, history })
    })
}

#[tauri::command(rename_all = "snake_case")]
pub async fn amend_visit(
    desk: State<'_, Desk>,
    visit_id: VisitId,
    draft: VisitDraft,
    reason: String,
) -> Result<Visit, CommandError> {
    desk.acting(|r, actor| r.amend_visit(actor, visit_id, draft, &reason))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn cancel_visit(
    desk: State<'_, Desk>,
    visit_id: VisitId,
    reason: String,
) -> Result<Visit, CommandError> {
    desk.acting(|r, actor| r.cancel_visit(actor, visit_id, &reason))
}

/// People received before whose name or ID number matches what the clerk is typing.
#[tauri::command(rename_all = "snake_case")]
pub async fn returning_citizens(
    desk: State<'_, Desk>,
    query: String,
    limit: u32,
) -> Result<Vec<Visitor>, CommandError> {
    desk.acting(|r, actor| r.returning_citizens(actor, &query, limit.min(20) as usize))
}
