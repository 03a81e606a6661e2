//! Số dư đầu kỳ: a ward that starts using the desk mid-year declares, once per form, what its paper
//! register carried over into the first period; a later correction says why. The rule (which
//! columns carry over, that the balances keep the form's equations) and the permission (leaders)
//! are the register's and the domain's; this only shows the form's carry-over columns and passes
//! the leader's figures on.

use crate::error::CommandError;
use crate::state::Desk;
use serde::Serialize;
use tauri::State;
use tiepdan_domain::acts::Act;
use tiepdan_domain::reports::sheet::leaf_labels;
use tiepdan_domain::reports::{FormKey, Opening};

/// A column a balance can be declared for.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OpeningColumn {
    pub n: u16,
    /// Its full heading, groups joined ("Kỳ trước chuyển sang › Khiếu nại").
    pub label: String,
}

/// What the opening-balance panel of a form shows.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OpeningForm {
    pub form: FormKey,
    /// "01/XLD".
    pub form_no: String,
    /// The columns that carry over, left to right; empty when the form carries nothing over.
    pub columns: Vec<OpeningColumn>,
    /// The balances in force, when declared.
    pub declared: Option<Opening>,
}

/// The form's carry-over columns and the balances declared for it.
#[tauri::command(rename_all = "snake_case")]
pub async fn opening_form(desk: State<'_, Desk>, form: FormKey) -> Result<OpeningForm, CommandError> {
    desk.acting(|r, actor| r.permit(actor, Act::ComputeReport))?;
    let def = form
        .definition()
        .ok_or_else(|| crate::commands::reports::refused("Bản này chưa có mẫu biểu đó.".into()))?;
    let labels = leaf_labels(def);
    let columns = def
        .leaf_columns()
        .into_iter()
        .filter(|n| def.column(*n).is_some_and(|c| c.opening))
        .map(|n| OpeningColumn { n, label: labels.get(&n).cloned().unwrap_or_default() })
        .collect();
    let declared = desk.acting(|r, actor| Ok(r.openings(actor)?.into_iter().find(|o| o.form == form)))?;
    Ok(OpeningForm { form, form_no: def.form.clone(), columns, declared })
}

/// Declares the balances of `opening.form` (once; leaders).
#[tauri::command(rename_all = "snake_case")]
pub async fn declare_opening(desk: State<'_, Desk>, opening: Opening) -> Result<Opening, CommandError> {
    desk.acting(|r, actor| r.declare_opening(actor, opening))
}

/// Replaces the declared balances, saying why (leaders); the earlier declaration stays in the
/// journal.
#[tauri::command(rename_all = "snake_case")]
pub async fn correct_opening(
    desk: State<'_, Desk>,
    opening: Opening,
    reason: String,
) -> Result<Opening, CommandError> {
    desk.acting(|r, actor| r.correct_opening(actor, opening, &reason))
}
