//! Văn bản đi: the documents the ward issues in its name (transfer slip, refusal notice, guidance
//! slip) — the abbreviations of their numbers, who signs each kind, and the year's outgoing register.
//! Numbering and who may sign are the register's rules (`Register::issue_number`, `set_signer`).

use crate::error::CommandError;
use crate::state::Desk;
use serde::Serialize;
use tauri::State;
use tiepdan_domain::outgoing::{OutgoingKind, OutgoingStyle, SignerChoice, Signers};
use tiepdan_register::OutgoingDocument;

/// The ward's abbreviations and default signers, as Settings shows them.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OutgoingSettings {
    pub style: OutgoingStyle,
    pub signers: Signers,
}

fn settings(desk: &Desk) -> Result<OutgoingSettings, CommandError> {
    desk.acting(|r, _| Ok(OutgoingSettings { style: r.outgoing_style()?, signers: r.signers()? }))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn outgoing_settings(desk: State<'_, Desk>) -> Result<OutgoingSettings, CommandError> {
    settings(&desk)
}

/// Changes the abbreviations of documents numbered from now on.
#[tauri::command(rename_all = "snake_case")]
pub async fn set_outgoing_style(
    desk: State<'_, Desk>,
    style: OutgoingStyle,
) -> Result<OutgoingSettings, CommandError> {
    desk.acting(|r, actor| r.set_outgoing_style(actor, style))?;
    settings(&desk)
}

/// Chooses who signs a kind of document by default (a leader, or the receiving officer).
#[tauri::command(rename_all = "snake_case")]
pub async fn set_signer(
    desk: State<'_, Desk>,
    kind: OutgoingKind,
    choice: SignerChoice,
) -> Result<OutgoingSettings, CommandError> {
    desk.acting(|r, actor| r.set_signer(actor, kind, choice))?;
    settings(&desk)
}

/// The year's outgoing register, in the order numbers were issued.
#[tauri::command(rename_all = "snake_case")]
pub async fn issued_documents(
    desk: State<'_, Desk>,
    year: i32,
) -> Result<Vec<OutgoingDocument>, CommandError> {
    desk.acting(|r, actor| r.issued_documents(actor, year))
}
