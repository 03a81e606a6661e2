//! `tiepdan visit`: recording and correcting visits. Reading them is in `visit_view.rs`.
//!
//! A visit is named on the command line by its id or by its receipt number (`0042/2026/A`, or
//! `ĐT-0001/2026/A` for a petition received without a visit).
//! Corrections and cancellations are new events of the register; nothing is edited in place.

use super::{visit_reveal, visit_view};
use crate::context::Context;
use crate::error::{CliError, Exit};
use crate::{location, visit_input};
use chrono::NaiveDate;
use clap::Subcommand;
use std::path::PathBuf;
use tiepdan_domain::receipt::ReceiptNo;
use tiepdan_domain::VisitId;
use tiepdan_register::Register;

/// The reason recorded for an amendment when none is given.
pub const DEFAULT_AMEND_REASON: &str = "Sửa thông tin";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Record a visit from JSON (docs/cli.md); prints the stored visit as JSON.
    Add {
        /// JSON file of the visit, or - for standard input.
        #[arg(long = "json", value_name = "FILE|-")]
        source: PathBuf,
    },
    /// Show one visit.
    Show {
        /// Visit id, or receipt number like 0042/2026/A.
        id: String,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        reveal: visit_reveal::Reveal,
    },
    /// List the visits received on a day or between two days (default: today).
    List {
        /// One day, YYYY-MM-DD.
        #[arg(long, conflicts_with_all = ["from", "to"])]
        date: Option<NaiveDate>,
        /// First day, YYYY-MM-DD.
        #[arg(long)]
        from: Option<NaiveDate>,
        /// Last day, YYYY-MM-DD (default: today).
        #[arg(long, requires = "from")]
        to: Option<NaiveDate>,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Correct a visit: the JSON holds the details as they should now stand; prints the visit.
    Amend {
        /// Visit id, or receipt number like 0042/2026/A.
        id: String,
        /// JSON file of the corrected visit (a draft or `visit show --json` output), or -.
        #[arg(long = "json", value_name = "FILE|-")]
        source: PathBuf,
        /// Why it is corrected; kept in the visit's history.
        #[arg(long, default_value = DEFAULT_AMEND_REASON)]
        reason: String,
    },
    /// Show every recorded change of a visit, oldest first.
    History {
        /// Visit id, or receipt number like 0042/2026/A.
        id: String,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Cancel a visit recorded by mistake; it stays in the register, marked cancelled.
    Cancel {
        /// Visit id, or receipt number like 0042/2026/A.
        id: String,
        /// Why it is cancelled; kept in the visit's history.
        #[arg(long)]
        reason: String,
    },
}

pub fn run(cx: &Context, command: Command) -> Result<(), CliError> {
    let (mut register, session) = location::open_signed_in(cx)?;
    let actor = location::actor(cx, &register, session.as_ref())?;
    match command {
        Command::Add { source } => {
            let draft = visit_input::new_visit(&source)?;
            let visit = register.record_visit(&actor, draft).map_err(|e| CliError::register("visit", e))?;
            super::print_json(&visit)
        }
        Command::Amend { id, source, reason } => {
            let id = resolve(&register, &id)?;
            let draft = visit_input::amendment(&source, id)?;
            let visit = register
                .amend_visit(&actor, id, draft, &reason)
                .map_err(|e| CliError::register("visit", e))?;
            super::print_json(&visit)
        }
        Command::Cancel { id, reason } => {
            let id = resolve(&register, &id)?;
            let visit = register
                .cancel_visit(&actor, id, &reason)
                .map_err(|e| CliError::register("cancellation", e))?;
            println!("visit {} cancelled", visit.receipt_no);
            Ok(())
        }
        Command::Show { id, json, reveal } => {
            let id = resolve(&register, &id)?;
            let (visit, _) = register.open_visit(&actor, id)?;
            let session = visit_reveal::session(cx, &mut register, &reveal)?;
            let shown = visit_view::show(&mut register, visit, json, session.as_ref());
            visit_reveal::finish(&mut register, session)?;
            shown
        }
        Command::List { date, from, to, json } => visit_view::list(&register, &actor, date, from, to, json),
        Command::History { id, json } => {
            let (_, history) = register.open_visit(&actor, resolve(&register, &id)?)?;
            visit_view::history(&register, &history, json)
        }
    }
}

/// The visit named by an id or a receipt number.
pub fn resolve(register: &Register, text: &str) -> Result<VisitId, CliError> {
    if let Ok(id) = text.parse::<VisitId>() {
        return Ok(id);
    }
    let receipt: ReceiptNo = text.parse().map_err(|_| {
        CliError::new(
            Exit::Invalid,
            format!(
                "\"{text}\" is neither a visit id nor a receipt number like 0042/2026/A or ĐT-0001/2026/A"
            ),
        )
    })?;
    Ok(register.visit_by_receipt(&receipt)?.id)
}
