//! The TypeScript declarations the UI compiles against, generated from the Rust types so the two
//! cannot drift apart silently (`ui/scripts/bindings.sh --check`, run by `make test`, regenerates
//! and diffs them). The types the commands take and give back must be exported here: the command
//! table (`crate::surface`) refuses a type that has no generated file.

use std::path::Path;
use ts_rs::{ExportError, TS};

/// Writes one `.ts` file per type, with its dependencies, into `dir`.
pub fn export_all(dir: &Path) -> Result<(), ExportError> {
    use tiepdan_domain::{officer, visit};
    crate::commands::setup::AppStatus::export_all_to(dir)?;
    crate::commands::visits::VisitRecord::export_all_to(dir)?;
    crate::error::CommandError::export_all_to(dir)?;
    crate::commands::sync::SyncView::export_all_to(dir)?;
    crate::commands::sync::SendOutcome::export_all_to(dir)?;
    crate::commands::sync::ResumeOutcome::export_all_to(dir)?;
    tiepdan_sync::DayReport::export_all_to(dir)?;
    tiepdan_register::SearchHit::export_all_to(dir)?;
    tiepdan_register::DueItem::export_all_to(dir)?;
    tiepdan_register::PetitionFollowUp::export_all_to(dir)?;
    crate::commands::follow_up::AppointmentProposal::export_all_to(dir)?;
    tiepdan_domain::results::Outcome::export_all_to(dir)?;
    tiepdan_domain::decisions::Implementation::export_all_to(dir)?;
    tiepdan_register::PrintJobEntry::export_all_to(dir)?;
    tiepdan_print_jobs::PrintOptions::export_all_to(dir)?;
    tiepdan_print_jobs::DocumentSent::export_all_to(dir)?;
    crate::commands::print::PrinterSettings::export_all_to(dir)?;
    crate::commands::outgoing::OutgoingSettings::export_all_to(dir)?;
    tiepdan_register::OutgoingDocument::export_all_to(dir)?;
    tiepdan_domain::outgoing::OutgoingKind::export_all_to(dir)?;
    visit::VisitDraft::export_all_to(dir)?;
    visit::Visit::export_all_to(dir)?;
    officer::Officer::export_all_to(dir)?;
    officer::WardProfile::export_all_to(dir)?;
    crate::commands::setup::SetupDone::export_all_to(dir)?;
    tiepdan_domain::access::Role::export_all_to(dir)?;
    tiepdan_domain::access::AccessAction::export_all_to(dir)?;
    tiepdan_register::AccessEntry::export_all_to(dir)?;
    tiepdan_domain::intake::PetitionDraft::export_all_to(dir)?;
    tiepdan_domain::processing::Processing::export_all_to(dir)?;
    tiepdan_register::PetitionQuery::export_all_to(dir)?;
    tiepdan_register::PetitionEntry::export_all_to(dir)?;
    tiepdan_register::DuplicateCandidate::export_all_to(dir)?;
    tiepdan_register::MatterLink::export_all_to(dir)?;
    tiepdan_domain::sessions::ReceptionSchedule::export_all_to(dir)?;
    tiepdan_domain::sessions::ReceptionSession::export_all_to(dir)?;
    tiepdan_domain::sessions::SessionId::export_all_to(dir)?;
    tiepdan_register::SessionEntry::export_all_to(dir)?;
    crate::commands::reception_calendar::SessionClosing::export_all_to(dir)?;
    crate::commands::reports::ReportForm::export_all_to(dir)?;
    crate::commands::reports::ReportView::export_all_to(dir)?;
    crate::commands::openings::OpeningForm::export_all_to(dir)?;
    crate::commands::openings::OpeningColumn::export_all_to(dir)?;
    tiepdan_domain::reports::Opening::export_all_to(dir)?;
    tiepdan_register::ReportDrill::export_all_to(dir)?;
    tiepdan_domain::reports::PeriodChoice::export_all_to(dir)?;
    Ok(())
}
