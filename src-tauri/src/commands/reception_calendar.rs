//! Lịch tiếp dân: the head's fixed reception days and the desk's hours, and the leader reception
//! sessions — planned, then closed as held (unattended when nobody came) or cancelled. The register
//! decides "unattended" from the visits it holds; nothing here counts.

use crate::error::CommandError;
use crate::state::Desk;
use chrono::NaiveDate;
use serde::Deserialize;
use tauri::State;
use tiepdan_domain::sessions::{ReceptionSchedule, ReceptionSession, SessionId};
use tiepdan_register::{Closing, SessionEntry};

/// How the clerk closes a session: it was held, or it was not (with why).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionClosing {
    Held,
    Cancelled,
}

impl From<SessionClosing> for Closing {
    fn from(c: SessionClosing) -> Closing {
        match c {
            SessionClosing::Held => Closing::Held,
            SessionClosing::Cancelled => Closing::Cancelled,
        }
    }
}

#[tauri::command(rename_all = "snake_case")]
pub async fn reception_schedule(desk: State<'_, Desk>) -> Result<ReceptionSchedule, CommandError> {
    desk.acting(|r, _actor| r.reception_schedule())
}

#[tauri::command(rename_all = "snake_case")]
pub async fn set_reception_schedule(
    desk: State<'_, Desk>,
    schedule: ReceptionSchedule,
) -> Result<ReceptionSchedule, CommandError> {
    desk.acting(|r, actor| r.set_reception_schedule(actor, schedule))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn plan_session(
    desk: State<'_, Desk>,
    session: ReceptionSession,
) -> Result<SessionEntry, CommandError> {
    desk.acting(|r, actor| r.plan_session(actor, session))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn close_session(
    desk: State<'_, Desk>,
    session_id: SessionId,
    closing: SessionClosing,
    note: Option<String>,
) -> Result<SessionEntry, CommandError> {
    desk.acting(|r, actor| r.close_session(actor, session_id, closing.into(), note))
}

/// The sessions planned from `from` to `to` inclusive, with their visits and outcome.
#[tauri::command(rename_all = "snake_case")]
pub async fn sessions_between(
    desk: State<'_, Desk>,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<SessionEntry>, CommandError> {
    desk.acting(|r, actor| r.sessions_between(actor, from, to))
}
