//! `tiepdan audit`: the access audit for an administrator's review — who signed in (or failed to),
//! opened a visit, saw a sealed identity, printed, exported, backed up, changed a password or a role.

use crate::context::Context;
use crate::error::{CliError, Exit};
use crate::{location, table};
use tiepdan_register::AccessQuery;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only what this officer did (officer id).
    #[arg(long)]
    officer: Option<String>,
    /// Only what concerns this visit (visit id).
    #[arg(long)]
    visit: Option<String>,
    /// At most this many entries, newest first.
    #[arg(long, default_value_t = 100)]
    limit: usize,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
    /// Walk the audit's hash chain instead; exit 0 only when no entry was removed or edited.
    #[arg(long, conflicts_with_all = ["officer", "visit", "json"])]
    verify: bool,
}

fn parse<T: std::str::FromStr>(what: &str, text: &Option<String>) -> Result<Option<T>, CliError> {
    text.as_deref()
        .map(|t| t.parse().map_err(|_| CliError::new(Exit::Invalid, format!("\"{t}\" is not a {what} id"))))
        .transpose()
}

pub fn run(cx: &Context, args: Args) -> Result<(), CliError> {
    let (register, session) = location::open_signed_in(cx)?;
    if args.verify {
        let report = register.verify_access_log()?;
        return match report.broken_at {
            None => {
                println!("access audit intact: {} entries", report.entries);
                Ok(())
            }
            Some(no) => Err(CliError::new(
                Exit::Register,
                format!("access audit broken at entry {no}: it was edited or an entry before it was removed"),
            )),
        };
    }
    let query = AccessQuery {
        officer: parse("officer", &args.officer)?,
        visit: parse("visit", &args.visit)?,
        before: None,
        limit: args.limit,
    };
    let entries = register.access_log(&location::actor(cx, &register, session.as_ref())?, &query)?;
    if args.json {
        return super::print_json(&entries);
    }
    let rows: Vec<Vec<String>> = entries
        .iter()
        .map(|e| {
            vec![
                e.no.to_string(),
                table::date_time(&e.at.fixed_offset()),
                e.officer_name.clone(),
                e.action_vi.clone(),
                // The receipt number the reviewer knows; the id only if the visit is not in this register.
                e.receipt_no.clone().or_else(|| e.visit.map(|v| v.to_string())).unwrap_or_default(),
                table::clip(&e.detail, 50),
            ]
        })
        .collect();
    table::print(&["STT", "Thời điểm", "Cán bộ", "Việc", "Lượt tiếp", "Chi tiết"], &rows);
    println!("{} mục", entries.len());
    Ok(())
}
