//! `tiepdan due`: "Việc cần làm" — the petitions overdue or due within N working days, most urgent
//! first (overdue first), as the register computes them today from its rules and calendar.

use crate::context::Context;
use crate::error::CliError;
use crate::{location, table};
use chrono::NaiveDate;
use tiepdan_domain::clock::{Clock, SystemClock};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// "Due soon" means at most this many working days left.
    #[arg(long, default_value_t = 5)]
    within: u32,
    /// List every open petition, not only those overdue or due soon.
    #[arg(long)]
    all: bool,
    /// The day to look from, YYYY-MM-DD (default: today in Vietnam).
    #[arg(long)]
    today: Option<NaiveDate>,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
}

pub fn run(cx: &Context, args: Args) -> Result<(), CliError> {
    let (register, session) = location::open_signed_in(cx)?;
    let actor = location::actor(cx, &register, session.as_ref())?;
    let today = args.today.unwrap_or_else(|| SystemClock.today());
    let items = if args.all {
        register.open_petitions(&actor, today, args.within)?
    } else {
        register.due(&actor, today, args.within)?
    };
    if args.json {
        return super::print_json(&items);
    }
    let rows: Vec<Vec<String>> = items
        .iter()
        .map(|i| {
            vec![
                i.receipt_no.clone(),
                i.kind_vi.clone(),
                table::clip(&i.names.join(", "), 30),
                table::clip(&i.step_vi, 40),
                table::date(&i.due),
                i.status_vi.clone(),
                i.visits_in_matter.to_string(),
            ]
        })
        .collect();
    table::print(&["Số biên nhận", "Loại đơn", "Họ tên", "Việc", "Hạn", "Tình trạng", "Lần tiếp"], &rows);
    println!("{} việc (tính đến ngày {})", items.len(), table::date(&today));
    Ok(())
}
