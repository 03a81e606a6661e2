//! `tiepdan petition`: the follow-up of a petition — its deadlines and status, and the results
//! recorded after reception (acceptance or refusal, transfer and answer, extension, resolution with
//! the figures of a complaint decision, and its implementation), plus
//! linking a repeat visit to the earlier visit of its matter. Each recording is one event of the
//! register; the printed JSON is what was stored. Petitions received without a visit (`receive`,
//! `process`, `list`) are in `petition_intake.rs`.

use super::deadline::VariantArgs;
use super::decision_args::{DoneArgs, FiguresArgs};
use super::petition_intake;
use super::visit::resolve;
use crate::context::Context;
use crate::error::CliError;
use crate::location;
use chrono::NaiveDate;
use clap::Subcommand;
use tiepdan_domain::clock::{Clock, SystemClock};
use tiepdan_domain::deadlines::Complexity;
use tiepdan_domain::decisions::Implementation;
use tiepdan_domain::results::{Acceptance, Extension, Outcome, Resolution, Transfer, TransferAnswer};

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Register a petition received without a visit (post, one-stop office, transferred in, forwarded
    /// by an elected body, online, other) from JSON (docs/cli.md); prints its id and number.
    Receive {
        /// JSON file of the petition, or - for standard input.
        #[arg(long = "json", value_name = "FILE|-")]
        source: std::path::PathBuf,
    },
    /// Earlier petitions and visits a petition being registered may duplicate (the same person or
    /// the same content, diacritics optional), from the petition JSON of `receive`; prints JSON and
    /// links nothing.
    Duplicates {
        /// JSON file of the petition, or - for standard input.
        #[arg(long = "json", value_name = "FILE|-")]
        source: std::path::PathBuf,
    },
    /// Record the processing of a petition (eligibility, competence, handling, day) from JSON.
    Process {
        /// Visit id, or number like ĐT-0001/2026/A (DT- also reads) or 0042/2026/A.
        id: String,
        /// JSON file of the processing, or - for standard input.
        #[arg(long = "json", value_name = "FILE|-")]
        source: std::path::PathBuf,
    },
    /// List petitions of every source, newest first, by source, processing state and day received.
    List(petition_intake::ListArgs),
    /// The petition's deadlines, their status and the recorded results.
    Show {
        /// Visit id, or receipt number like 0042/2026/A.
        id: String,
        /// The day to look from, YYYY-MM-DD (default: today in Vietnam).
        #[arg(long)]
        today: Option<NaiveDate>,
        /// "Due soon" means at most this many working days left.
        #[arg(long, default_value_t = 5)]
        within: u32,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Record the acceptance for resolution (thụ lý) on a day; the resolution period runs from it.
    Accept {
        id: String,
        #[arg(long)]
        on: NaiveDate,
        #[command(flatten)]
        variant: VariantArgs,
        #[arg(long)]
        note: Option<String>,
    },
    /// Record the decision not to accept it, with the reason.
    Reject {
        id: String,
        #[arg(long)]
        on: NaiveDate,
        #[arg(long)]
        reason: String,
    },
    /// Record the transfer to the competent body.
    Transfer {
        id: String,
        #[arg(long)]
        on: NaiveDate,
        /// The receiving body.
        #[arg(long)]
        to: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Record the receiving body's answer to the transfer.
    Answer {
        id: String,
        #[arg(long)]
        on: NaiveDate,
        #[arg(long)]
        answer: String,
    },
    /// Extend the resolution period of a complex case.
    Extend {
        id: String,
        #[arg(long)]
        on: NaiveDate,
        /// The case is especially complex (otherwise: complex).
        #[arg(long)]
        especially_complex: bool,
        #[arg(long)]
        reason: String,
    },
    /// Record the resolution with its outcome.
    Resolve {
        id: String,
        #[arg(long)]
        on: NaiveDate,
        /// correct, partly_correct, wrong, withdrawn, dismissed or answered.
        #[arg(long, value_parser = clap::value_parser!(Outcome))]
        outcome: Outcome,
        /// Number of the decision, conclusion or answer.
        #[arg(long)]
        document_no: Option<String>,
        #[arg(long, default_value = "")]
        note: String,
        #[command(flatten)]
        figures: FiguresArgs,
    },
    /// Record how far the decision on a resolved complaint has been carried out (thi hành), as
    /// totals to date; a later record replaces an earlier one in the reports.
    Implementation {
        id: String,
        #[arg(long)]
        on: NaiveDate,
        /// The decision is carried out in full (đã thực hiện xong).
        #[arg(long)]
        completed: bool,
        #[command(flatten)]
        done: DoneArgs,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Earlier visits a visit being entered may repeat (same citizen, similar content), from the
    /// visit JSON of `visit add`; links nothing.
    Suggest {
        /// JSON file of the visit, or - for standard input.
        #[arg(long = "json", value_name = "FILE|-")]
        source: std::path::PathBuf,
    },
    /// Link a visit to the earlier visit of the same matter: it counts as the next "lần tiếp".
    Link {
        id: String,
        /// The earlier visit (id or receipt number).
        #[arg(long)]
        earlier: String,
    },
}

pub fn run(cx: &Context, command: Command) -> Result<(), CliError> {
    let (mut register, session) = location::open_signed_in(cx)?;
    let actor = location::actor(cx, &register, session.as_ref())?;
    let refused = |e| CliError::register("petition result", e);
    match command {
        Command::Receive { source } => petition_intake::receive(&mut register, &actor, &source),
        Command::Duplicates { source } => petition_intake::duplicates(&register, &actor, &source),
        Command::Process { id, source } => petition_intake::process(&mut register, &actor, &id, &source),
        Command::List(args) => petition_intake::list(&register, &actor, args),
        Command::Show { id, today, within, json } => {
            let id = resolve(&register, &id)?;
            let today = today.unwrap_or_else(|| SystemClock.today());
            let follow = register.petition_follow_up(&actor, id, today, within).map_err(refused)?;
            if json {
                return super::print_json(&follow);
            }
            println!("Đơn {} — lần tiếp {}", follow.receipt_no, follow.visit_count);
            if let Some(status) = &follow.status_vi {
                println!("Tình trạng: {status}");
            }
            for d in &follow.deadlines {
                println!("{}: hạn {} — {}", d.label_vi, d.due.format("%d/%m/%Y"), d.status_vi);
            }
            Ok(())
        }
        Command::Accept { id, on, variant, note } => {
            let visit_id = resolve(&register, &id)?;
            let decision =
                Acceptance { visit_id, on, accepted: true, reason: note, variant: variant.variant() };
            super::print_json(&register.record_acceptance(&actor, decision).map_err(refused)?)
        }
        Command::Reject { id, on, reason } => {
            let visit_id = resolve(&register, &id)?;
            let decision = Acceptance {
                visit_id,
                on,
                accepted: false,
                reason: Some(reason),
                variant: Default::default(),
            };
            super::print_json(&register.record_acceptance(&actor, decision).map_err(refused)?)
        }
        Command::Transfer { id, on, to, note } => {
            let visit_id = resolve(&register, &id)?;
            super::print_json(
                &register.record_transfer(&actor, Transfer { visit_id, on, to, note }).map_err(refused)?,
            )
        }
        Command::Answer { id, on, answer } => {
            let visit_id = resolve(&register, &id)?;
            let answer = TransferAnswer { visit_id, on, answer };
            super::print_json(&register.record_transfer_answer(&actor, answer).map_err(refused)?)
        }
        Command::Extend { id, on, especially_complex, reason } => {
            let visit_id = resolve(&register, &id)?;
            let complexity =
                if especially_complex { Complexity::EspeciallyComplex } else { Complexity::Complex };
            let extension = Extension { visit_id, on, complexity, reason };
            super::print_json(&register.record_extension(&actor, extension).map_err(refused)?)
        }
        Command::Resolve { id, on, outcome, document_no, note, figures } => {
            let visit_id = resolve(&register, &id)?;
            let resolution =
                Resolution { visit_id, on, outcome, document_no, note, figures: figures.figures() };
            super::print_json(&register.record_resolution(&actor, resolution).map_err(refused)?)
        }
        Command::Implementation { id, on, completed, done, note } => {
            let visit_id = resolve(&register, &id)?;
            let record = Implementation { visit_id, on, completed, done: done.done(), note };
            super::print_json(&register.record_implementation(&actor, record).map_err(refused)?)
        }
        Command::Suggest { source } => {
            let draft = crate::visit_input::new_visit(&source)?;
            super::print_json(&register.suggest_repeat_matters(&actor, &draft).map_err(refused)?)
        }
        Command::Link { id, earlier } => {
            let (id, earlier) = (resolve(&register, &id)?, resolve(&register, &earlier)?);
            super::print_json(&register.link_repeat(&actor, id, earlier).map_err(refused)?)
        }
    }
}
