//! `tiepdan close-day [--date YYYY-MM-DD] [--json]`: end of day (`tiepdan_sync::close_day`): the
//! day-close event, a sync round, and the day's summary with what reached the district. Exit 0 when
//! the district acknowledged the close (or the desk is not enrolled: there is no district to reach);
//! exit 7 when the close is recorded but not yet acknowledged (it goes with the next `sync`).

use crate::context::Context;
use crate::error::{CliError, Exit};
use crate::location;
use chrono::NaiveDate;
use std::sync::Mutex;
use tiepdan_domain::clock::{Clock, SystemClock};
use tiepdan_sync::{StatusKind, SyncState};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The reception day to close. Default: today in Vietnam (UTC+7).
    #[arg(long, value_name = "YYYY-MM-DD")]
    date: Option<NaiveDate>,
    /// Print the day report as JSON.
    #[arg(long)]
    json: bool,
}

pub fn run(cx: &Context, args: Args) -> Result<(), CliError> {
    let (register, session) = location::open_signed_in(cx)?;
    let actor = location::actor(cx, &register, session.as_ref())?;
    let register = Mutex::new(register);
    let date = args.date.unwrap_or_else(|| SystemClock.today());
    let state = SyncState::path_in(cx.data_dir());
    let report = tiepdan_sync::close_day_with_round(&register, &actor, &state, &SystemClock, date)
        .map_err(|e| CliError::sync_as("day close", e))?;
    if args.json {
        super::print_json(&report)?;
    } else {
        let (c, p) = (&report.summary.close, &report.summary.close.petitions);
        println!("day {} closed (event {})", c.date.format("%d/%m/%Y"), report.summary.close_seq);
        if report.summary.earlier_closes > 0 {
            println!(
                "note: this day was closed {} time(s) before; this close replaces them",
                report.summary.earlier_closes
            );
        }
        println!("visits: {} ({} cancelled)", c.visits, c.cancelled);
        println!(
            "petitions: {} (accept {}, guide {}, transfer {}, return {}, file {}, undecided {})",
            p.total(),
            p.accept,
            p.guide,
            p.transfer,
            p.returned,
            p.file,
            p.undecided
        );
        let reached = if report.reached_district { "yes" } else { "not yet" };
        println!("reached the district: {reached} (acknowledged seq {})", report.acknowledged_seq);
    }
    match report.sync_error {
        _ if report.reached_district || report.status == StatusKind::NotEnrolled => Ok(()),
        Some(error) => Err(CliError::new(
            Exit::Sync,
            format!("the day is closed here but the district has not acknowledged it: {error}"),
        )),
        None => Err(CliError::new(
            Exit::Sync,
            format!("the day is closed here; {} events still wait for the district", report.pending),
        )),
    }
}
