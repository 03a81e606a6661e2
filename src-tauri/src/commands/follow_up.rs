//! Theo dõi đơn: the "Việc cần làm" list, one petition's deadlines with their working, the appointment
//! date the rules propose, and recording what happened to a petition (acceptance, transfer and its
//! answer, extension, resolution with a complaint decision's figures, and the decision's
//! implementation).
//!
//! Due dates are computed by the register on read from today's date at the ward (UTC+7); nothing here
//! counts days. Every recording returns the petition's follow-up as it now stands, so the detail view
//! shows the moved deadlines without a second call.

use crate::error::CommandError;
use crate::state::Desk;
use chrono::NaiveDate;
use serde::Serialize;
use tauri::State;
use tiepdan_domain::clock::{vietnam_offset, Clock, SystemClock};
use tiepdan_domain::deadlines::{DeadlineExplained, Step, Variant};
use tiepdan_domain::decisions::Implementation;
use tiepdan_domain::results::{Acceptance, Extension, Resolution, Transfer, TransferAnswer};
use tiepdan_domain::VisitId;
use tiepdan_register::{Actor, DueItem, FollowUpRefusal, PetitionFollowUp, Register, RegisterError};

/// The warning window is clamped so a stray number cannot make every petition "due soon".
const MAX_WITHIN: u32 = 60;

fn today() -> NaiveDate {
    SystemClock.today()
}

/// The open petitions, most urgent first (overdue first). With `all` false only those overdue or due
/// within `within` working days; with `all` true every open petition, on time too.
#[tauri::command(rename_all = "snake_case")]
pub async fn due_petitions(
    desk: State<'_, Desk>,
    within: u32,
    all: bool,
) -> Result<Vec<DueItem>, CommandError> {
    let within = within.min(MAX_WITHIN);
    if all {
        desk.acting(|r, actor| r.open_petitions(actor, today(), within))
    } else {
        desk.acting(|r, actor| r.due(actor, today(), within))
    }
}

/// One petition's deadlines, status and recorded results, seen today.
#[tauri::command(rename_all = "snake_case")]
pub async fn petition_follow_up(
    desk: State<'_, Desk>,
    visit_id: VisitId,
    within: u32,
) -> Result<PetitionFollowUp, CommandError> {
    desk.acting(|r, actor| r.petition_follow_up(actor, visit_id, today(), within.min(MAX_WITHIN)))
}

/// "Ngày hẹn đề xuất": when the petition should have been processed, counted by the rules in force from
/// the day of reception — the date the appointment slip proposes to the citizen.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize)]
pub struct AppointmentProposal {
    pub visit_id: VisitId,
    pub date: NaiveDate,
    pub explained: DeadlineExplained,
}

/// The proposal for a visit's petition; `None` for a visit without a petition or a kind the rules give
/// no processing period.
#[tauri::command(rename_all = "snake_case")]
pub async fn proposed_appointment(
    desk: State<'_, Desk>,
    visit_id: VisitId,
) -> Result<Option<AppointmentProposal>, CommandError> {
    desk.acting(|r, actor| appointment(r, actor, visit_id))
}

fn appointment(
    r: &Register,
    actor: &Actor<'_>,
    visit_id: VisitId,
) -> Result<Option<AppointmentProposal>, RegisterError> {
    let visit = r.read_visit(actor, visit_id)?;
    let Some(petition) = visit.details.petition.as_ref() else { return Ok(None) };
    let received_on = visit.details.received_at.with_timezone(&vietnam_offset()).date_naive();
    match r.deadline(petition.kind, Step::Process, Variant::default(), received_on) {
        Ok(explained) => Ok(Some(AppointmentProposal { visit_id, date: explained.due, explained })),
        Err(RegisterError::FollowUpRefused(FollowUpRefusal::Deadline(_))) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Records one result, then reads the petition's follow-up as it now stands. Who may record which
/// result is the register's permission matrix (`tiepdan_domain::acts`).
fn recorded(
    desk: &Desk,
    visit_id: VisitId,
    within: u32,
    record: impl FnOnce(&mut Register, &Actor<'_>) -> Result<(), RegisterError>,
) -> Result<PetitionFollowUp, CommandError> {
    desk.acting(|r, actor| {
        record(r, actor)?;
        r.petition_follow_up(actor, visit_id, today(), within.min(MAX_WITHIN))
    })
}

#[tauri::command(rename_all = "snake_case")]
pub async fn record_acceptance(
    desk: State<'_, Desk>,
    decision: Acceptance,
    within: u32,
) -> Result<PetitionFollowUp, CommandError> {
    let id = decision.visit_id;
    recorded(&desk, id, within, |r, actor| r.record_acceptance(actor, decision).map(drop))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn record_transfer(
    desk: State<'_, Desk>,
    transfer: Transfer,
    within: u32,
) -> Result<PetitionFollowUp, CommandError> {
    let id = transfer.visit_id;
    recorded(&desk, id, within, |r, actor| r.record_transfer(actor, transfer).map(drop))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn record_transfer_answer(
    desk: State<'_, Desk>,
    answer: TransferAnswer,
    within: u32,
) -> Result<PetitionFollowUp, CommandError> {
    let id = answer.visit_id;
    recorded(&desk, id, within, |r, actor| r.record_transfer_answer(actor, answer).map(drop))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn record_extension(
    desk: State<'_, Desk>,
    extension: Extension,
    within: u32,
) -> Result<PetitionFollowUp, CommandError> {
    let id = extension.visit_id;
    recorded(&desk, id, within, |r, actor| r.record_extension(actor, extension).map(drop))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn record_resolution(
    desk: State<'_, Desk>,
    resolution: Resolution,
    within: u32,
) -> Result<PetitionFollowUp, CommandError> {
    let id = resolution.visit_id;
    recorded(&desk, id, within, |r, actor| r.record_resolution(actor, resolution).map(drop))
}

/// Records how far a complaint decision has been carried out (thi hành, 02/KQGQ).
#[tauri::command(rename_all = "snake_case")]
pub async fn record_implementation(
    desk: State<'_, Desk>,
    record: Implementation,
    within: u32,
) -> Result<PetitionFollowUp, CommandError> {
    let id = record.visit_id;
    recorded(&desk, id, within, |r, actor| r.record_implementation(actor, record).map(drop))
}

/// The implementation records of a decision, oldest first (the latest stands).
#[tauri::command(rename_all = "snake_case")]
pub async fn decision_implementations(
    desk: State<'_, Desk>,
    visit_id: VisitId,
) -> Result<Vec<Implementation>, CommandError> {
    desk.acting(|r, actor| r.implementations(actor, visit_id))
}
