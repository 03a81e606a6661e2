//! `tiepdan calendar override add|remove|list`: the register's calendar overrides — days the ward
//! administrator declares off (a storm) or working (a make-up Saturday). Every open petition's due
//! dates follow at once; each change is an event of the register.

use crate::context::Context;
use crate::error::CliError;
use crate::{location, table};
use chrono::NaiveDate;
use clap::Subcommand;
use tiepdan_domain::calendar::{CalendarOverride, OverrideChange};

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Overridden days of the working-day calendar.
    #[command(subcommand)]
    Override(OverrideCommand),
}

#[derive(Debug, Subcommand)]
pub enum OverrideCommand {
    /// Declare a day off (--off) or a working day (--working), with the reason the clerk reads.
    Add {
        #[arg(long)]
        date: NaiveDate,
        /// The day is not a working day.
        #[arg(long, conflicts_with = "working", required_unless_present = "working")]
        off: bool,
        /// The day is a working day (e.g. a make-up Saturday).
        #[arg(long)]
        working: bool,
        /// Why, e.g. "Nghỉ do bão số 3 theo công văn của UBND tỉnh".
        #[arg(long)]
        note: String,
    },
    /// Withdraw the override of a day: it is again what the official calendar says.
    Remove {
        #[arg(long)]
        date: NaiveDate,
    },
    /// List the overrides by date.
    List {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
}

pub fn run(cx: &Context, command: Command) -> Result<(), CliError> {
    let Command::Override(command) = command;
    let (mut register, session) = location::open_signed_in(cx)?;
    match command {
        OverrideCommand::Add { date, off, working: _, note } => {
            let o = if off {
                CalendarOverride::day_off(date, note)
            } else {
                CalendarOverride::working_day(date, note)
            };
            let actor = location::actor(cx, &register, session.as_ref())?;
            let o =
                register.set_calendar_override(&actor, o).map_err(|e| CliError::register("override", e))?;
            println!("override of {} stored", table::date(&o.date));
            Ok(())
        }
        OverrideCommand::Remove { date } => {
            let actor = location::actor(cx, &register, session.as_ref())?;
            register.remove_calendar_override(&actor, date)?;
            println!("override of {} removed", table::date(&date));
            Ok(())
        }
        OverrideCommand::List { json } => {
            let overrides = register.calendar_overrides()?;
            if json {
                return super::print_json(&overrides);
            }
            let rows: Vec<Vec<String>> = overrides
                .iter()
                .map(|o| {
                    let change = match o.change {
                        OverrideChange::DayOff => "Nghỉ",
                        OverrideChange::WorkingDay => "Làm việc",
                    };
                    vec![table::date(&o.date), change.to_string(), o.note.clone()]
                })
                .collect();
            table::print(&["Ngày", "Điều chỉnh", "Lý do"], &rows);
            Ok(())
        }
    }
}
