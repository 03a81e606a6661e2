//! `tiepdan search`: visits by a visitor's name, ID number, receipt number or words of the content.
//! Diacritics and case are optional ("nguyen van an" finds "Nguyễn Văn An"); best match first.

use crate::context::Context;
use crate::error::CliError;
use crate::{location, table};
use tiepdan_register::Actor;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A name, an ID number, a receipt number like 0042/2026/A, or words of the content.
    query: String,
    /// At most this many visits.
    #[arg(long, default_value_t = 20)]
    limit: usize,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    reveal: super::visit_reveal::Reveal,
}

pub fn run(cx: &Context, args: Args) -> Result<(), CliError> {
    let (mut register, opened_by) = location::open_signed_in(cx)?;
    let actor = location::actor(cx, &register, opened_by.as_ref())?;
    let mut hits = register.search(&actor, &args.query, args.limit)?;
    // Matching never uses a sealed identity; revealing only fills in the names of the hits found.
    let session = super::visit_reveal::session(cx, &mut register, &args.reveal)?;
    if let Some(session) = &session {
        for hit in &mut hits {
            let visit = register.reveal_visit(&Actor::signed_in(session), register.visit(hit.visit_id)?)?;
            hit.names = visit.details.visitors.iter().map(|v| v.shown_name().to_string()).collect();
        }
    }
    super::visit_reveal::finish(&mut register, session)?;
    if args.json {
        return super::print_json(&hits);
    }
    let rows: Vec<Vec<String>> = hits
        .iter()
        .map(|h| {
            vec![
                h.receipt_no.to_string(),
                table::date_time(&h.received_at),
                h.names.join(", "),
                table::clip(&h.summary, 40),
                h.visit_id.to_string(),
            ]
        })
        .collect();
    table::print(&["Số biên nhận", "Ngày tiếp", "Họ tên", "Nội dung", "ID"], &rows);
    println!("{} kết quả", hits.len());
    Ok(())
}
