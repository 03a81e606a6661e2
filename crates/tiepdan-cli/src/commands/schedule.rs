//! `tiepdan schedule set|show`: the ward's published reception calendar — the head's fixed
//! reception days (every Thursday morning…) and the desk's regular hours. Setting it is one event of
//! the register that replaces the last schedule; the journal keeps every earlier one.

use crate::context::Context;
use crate::error::CliError;
use crate::{location, visit_input};
use clap::Subcommand;
use std::path::PathBuf;
use tiepdan_domain::sessions::{weekday_vi, ReceptionSchedule};

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Replace the schedule with the JSON (docs/cli.md); prints the stored schedule as JSON.
    Set {
        /// JSON file of the schedule, or - for standard input.
        #[arg(long = "json", value_name = "FILE|-")]
        source: PathBuf,
    },
    /// Show the schedule.
    Show {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
}

pub fn run(cx: &Context, command: Command) -> Result<(), CliError> {
    let (mut register, signed_in) = location::open_signed_in(cx)?;
    match command {
        Command::Set { source } => {
            let schedule: ReceptionSchedule = visit_input::read("schedule", &source)?;
            let actor = location::actor(cx, &register, signed_in.as_ref())?;
            let stored = register
                .set_reception_schedule(&actor, schedule)
                .map_err(|e| CliError::register("schedule", e))?;
            super::print_json(&stored)
        }
        Command::Show { json } => {
            let schedule = register.reception_schedule()?;
            if json {
                return super::print_json(&schedule);
            }
            print_text(&schedule);
            Ok(())
        }
    }
}

fn print_text(schedule: &ReceptionSchedule) {
    println!("Lịch tiếp công dân định kỳ của Chủ tịch UBND:");
    if schedule.head_days.is_empty() {
        println!("  (chưa đặt)");
    }
    for day in &schedule.head_days {
        println!("  {}, {}", weekday_vi(day.weekday), day.part.label_vi().to_lowercase());
    }
    println!("Giờ tiếp công dân thường xuyên:");
    if schedule.desk_hours.is_empty() {
        println!("  (chưa đặt)");
    }
    for hours in &schedule.desk_hours {
        println!(
            "  {}: {}–{}",
            weekday_vi(hours.weekday),
            hours.opens.format("%H:%M"),
            hours.closes.format("%H:%M")
        );
    }
}
