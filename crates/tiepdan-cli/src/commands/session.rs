//! `tiepdan session add|close|list|show`: leader reception sessions (kỳ tiếp) of the reception
//! calendar. A session is planned for a day, then closed as held — recorded as unattended when no
//! visit was received in it, since 01/TCD counts those — or cancelled with why. Visits join a session
//! through `session_id` in the visit JSON and take its reception mode; the register decides both.

use crate::context::{parse_officer, Context};
use crate::error::{CliError, Exit};
use crate::{location, table, words};
use chrono::{Datelike, Months, NaiveDate};
use clap::Subcommand;
use tiepdan_domain::clock::{Clock, SystemClock};
use tiepdan_domain::sessions::{DayPart, ReceptionSession, SessionId, SessionKind, Sitter};
use tiepdan_register::{Closing, SessionEntry};

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Plan a leader reception session; prints its id.
    Add {
        /// The day, YYYY-MM-DD.
        #[arg(long)]
        on: NaiveDate,
        /// Who sits: head (the chairman in person) or delegate (a deputy named with --officer).
        #[arg(long, value_parser = words::parse::<Sitter>)]
        sat: Sitter,
        /// The officer who sits (required for a delegate).
        #[arg(long, value_name = "OFFICER_ID")]
        officer: Option<String>,
        /// morning (default), afternoon or all_day.
        #[arg(long, value_parser = words::parse::<DayPart>)]
        part: Option<DayPart>,
        /// An ad hoc session (đột xuất) instead of a periodic one (định kỳ).
        #[arg(long)]
        ad_hoc: bool,
        /// The head's delegation the delegate sits under, e.g. "Giấy ủy quyền số 12/GUQ-UBND ngày 02/03/2026".
        #[arg(long)]
        delegation: Option<String>,
        /// Where it is held.
        #[arg(long)]
        place: Option<String>,
        /// Print the stored session as JSON instead of its id.
        #[arg(long)]
        json: bool,
    },
    /// Close a session as held (unattended when nobody was received) or cancelled (with --note).
    Close {
        /// The session's id.
        id: String,
        /// The session took place.
        #[arg(long, conflicts_with = "cancelled", required_unless_present = "cancelled")]
        held: bool,
        /// The session did not take place; --note says why.
        #[arg(long)]
        cancelled: bool,
        /// A note kept with the outcome (required for a cancellation).
        #[arg(long)]
        note: Option<String>,
        /// Print the closed session as JSON.
        #[arg(long)]
        json: bool,
    },
    /// One session with its outcome and the number of visits received in it.
    Show {
        /// The session's id.
        id: String,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// The sessions planned in a period, in date order (default: this month).
    List {
        /// First day, YYYY-MM-DD (default: the first day of this month).
        #[arg(long)]
        from: Option<NaiveDate>,
        /// Last day, YYYY-MM-DD (default: the last day of the month of --from).
        #[arg(long)]
        to: Option<NaiveDate>,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
}

pub fn run(cx: &Context, command: Command) -> Result<(), CliError> {
    let (mut register, signed_in) = location::open_signed_in(cx)?;
    let actor = location::actor(cx, &register, signed_in.as_ref())?;
    let refused = |e| CliError::register("session", e);
    match command {
        Command::Add { on, sat, officer, part, ad_hoc, delegation, place, json } => {
            let session = ReceptionSession {
                id: SessionId::new(),
                planned_on: on,
                part: part.unwrap_or_default(),
                kind: if ad_hoc { SessionKind::AdHoc } else { SessionKind::Periodic },
                sat,
                officer_id: officer.as_deref().map(parse_officer).transpose()?,
                delegation,
                place,
            };
            let entry = register.plan_session(&actor, session).map_err(refused)?;
            if json {
                return super::print_json(&entry);
            }
            println!("{}", entry.session.id);
            Ok(())
        }
        Command::Close { id, held, cancelled: _, note, json } => {
            let closing = if held { Closing::Held } else { Closing::Cancelled };
            let entry = register.close_session(&actor, parse_id(&id)?, closing, note).map_err(refused)?;
            if json {
                return super::print_json(&entry);
            }
            println!("{}", describe(&entry));
            Ok(())
        }
        Command::Show { id, json } => {
            let entry = register.session(&actor, parse_id(&id)?)?;
            if json {
                return super::print_json(&entry);
            }
            println!("{}", describe(&entry));
            Ok(())
        }
        Command::List { from, to, json } => {
            let today = SystemClock.today();
            let from = from.unwrap_or_else(|| today.with_day(1).unwrap_or(today));
            let to = to.unwrap_or_else(|| end_of_month(from));
            let entries = register.sessions_between(&actor, from, to)?;
            if json {
                return super::print_json(&entries);
            }
            let rows: Vec<Vec<String>> = entries.iter().map(row).collect();
            table::print(
                &["Ngày", "Buổi", "Loại", "Người tiếp", "Lượt tiếp", "Kết quả", "Ghi chú", "Mã kỳ tiếp"],
                &rows,
            );
            println!("{} kỳ tiếp từ {} đến {}", entries.len(), table::date(&from), table::date(&to));
            Ok(())
        }
    }
}

fn parse_id(text: &str) -> Result<SessionId, CliError> {
    text.parse().map_err(|_| CliError::new(Exit::Invalid, format!("\"{text}\" is not a session id")))
}

/// The last day of the month `day` is in.
fn end_of_month(day: NaiveDate) -> NaiveDate {
    let first = day.with_day(1).unwrap_or(day);
    first.checked_add_months(Months::new(1)).and_then(|d| d.pred_opt()).unwrap_or(day)
}

fn sitter(entry: &SessionEntry) -> String {
    let role = match entry.session.sat {
        Sitter::Head => "Chủ tịch",
        Sitter::Delegate => "Ủy quyền",
    };
    match &entry.officer_name {
        Some(name) => format!("{role}: {name}"),
        None => role.to_string(),
    }
}

fn kind_vi(kind: SessionKind) -> &'static str {
    match kind {
        SessionKind::Periodic => "Định kỳ",
        SessionKind::AdHoc => "Đột xuất",
    }
}

fn outcome_vi(entry: &SessionEntry) -> String {
    entry.outcome_vi.clone().unwrap_or_else(|| "Chưa kết thúc".to_string())
}

/// "Kỳ tiếp 05/03/2026, Buổi sáng (Định kỳ, Chủ tịch: …): Không có công dân đến, 0 lượt tiếp".
fn describe(entry: &SessionEntry) -> String {
    let s = &entry.session;
    let note = entry.note.as_deref().map(|n| format!(" — {n}")).unwrap_or_default();
    format!(
        "Kỳ tiếp {}, {} ({}, {}): {}, {} lượt tiếp{note}",
        table::date(&s.planned_on),
        s.part.label_vi(),
        kind_vi(s.kind),
        sitter(entry),
        outcome_vi(entry),
        entry.visits,
    )
}

fn row(entry: &SessionEntry) -> Vec<String> {
    let s = &entry.session;
    vec![
        table::date(&s.planned_on),
        s.part.label_vi().to_string(),
        kind_vi(s.kind).to_string(),
        table::clip(&sitter(entry), 30),
        entry.visits.to_string(),
        outcome_vi(entry),
        table::clip(entry.note.as_deref().unwrap_or_default(), 30),
        s.id.to_string(),
    ]
}
