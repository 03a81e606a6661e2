//! Đơn thư: petitions received without a visit (by post, at the one-stop office, transferred in,
//! forwarded by an elected body, online) — registering one, the earlier records it may duplicate and
//! linking it to one of them (đơn trùng), processing one, and the list by source and state that the
//! "Đơn thư" screen shows. Numbering, sealing a denouncer and every rule of a
//! source live in the register (`tiepdan_register::petitions::intake`).

use crate::error::CommandError;
use crate::state::Desk;
use tauri::State;
use tiepdan_domain::intake::PetitionDraft;
use tiepdan_domain::processing::Processing;
use tiepdan_domain::visit::Visit;
use tiepdan_domain::VisitId;
use tiepdan_register::{DuplicateCandidate, MatterLink, PetitionEntry, PetitionQuery};

/// Registers a petition from any source but the desk; the record comes back with its `ĐT-` number.
#[tauri::command(rename_all = "snake_case")]
pub async fn receive_petition(desk: State<'_, Desk>, draft: PetitionDraft) -> Result<Visit, CommandError> {
    desk.acting(|r, actor| r.receive_petition(actor, draft))
}

/// Records how a petition is processed: eligibility, competence, handling and the day.
#[tauri::command(rename_all = "snake_case")]
pub async fn process_petition(desk: State<'_, Desk>, processing: Processing) -> Result<Visit, CommandError> {
    desk.acting(|r, actor| r.process_petition(actor, processing))
}

/// The petitions of every source matching `query`, newest first; sealed senders masked.
#[tauri::command(rename_all = "snake_case")]
pub async fn petitions(
    desk: State<'_, Desk>,
    query: PetitionQuery,
) -> Result<Vec<PetitionEntry>, CommandError> {
    desk.acting(|r, actor| r.petitions(actor, &query))
}

/// Earlier petitions and visits the petition being typed may duplicate (same person or same
/// content, diacritics ignored; sealed senders masked). A proposal only: nothing is linked.
#[tauri::command(rename_all = "snake_case")]
pub async fn petition_duplicates(
    desk: State<'_, Desk>,
    draft: PetitionDraft,
) -> Result<Vec<DuplicateCandidate>, CommandError> {
    desk.acting(|r, actor| r.suggest_petition_duplicates(actor, &draft))
}

/// Links a registered petition to the matter of an earlier record the clerk recognised as the same
/// (đơn trùng): it is then counted as one more of that matter.
#[tauri::command(rename_all = "snake_case")]
pub async fn link_duplicate(
    desk: State<'_, Desk>,
    visit_id: VisitId,
    earlier_visit_id: VisitId,
) -> Result<MatterLink, CommandError> {
    desk.acting(|r, actor| r.link_repeat(actor, visit_id, earlier_visit_id))
}
