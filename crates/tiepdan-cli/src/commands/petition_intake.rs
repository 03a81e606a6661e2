//! `tiepdan petition receive|duplicates|process|list`: petitions received without a visit (by post,
//! at the one-stop office, transferred in, forwarded by an elected body, online), the earlier records
//! one may duplicate, their processing, and the list of every petition by source and state. The rules of each source live in
//! `tiepdan_domain::intake`; here the JSON is read, the register called and the result printed.

use super::visit::resolve;
use crate::error::CliError;
use crate::{table, visit_input, words};
use chrono::NaiveDate;
use serde::Deserialize;
use std::path::Path;
use tiepdan_domain::clock::{Clock, SystemClock};
use tiepdan_domain::intake::{PetitionDraft, PetitionSource};
use tiepdan_domain::petition::Handling;
use tiepdan_domain::processing::Processing;
use tiepdan_register::{Actor, PetitionEntry, PetitionQuery, ProcessingState, Register, RegisterError};

/// The filters of `petition list`.
#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// Only this source: desk, post, one_stop, transferred_in, forwarded_by_elected, online, other.
    #[arg(long, value_parser = words::parse::<PetitionSource>)]
    source: Option<PetitionSource>,
    /// Only the petitions not yet processed (unprocessed) or already processed (processed).
    #[arg(long, value_parser = words::parse::<ProcessingState>)]
    state: Option<ProcessingState>,
    /// Received on or after this day, YYYY-MM-DD.
    #[arg(long)]
    from: Option<NaiveDate>,
    /// Received on or before this day, YYYY-MM-DD.
    #[arg(long)]
    to: Option<NaiveDate>,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
}

/// The JSON of `petition process`: a [`Processing`] without the visit (named on the command line),
/// whose day defaults to today.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProcessInput {
    #[serde(default)]
    processed_on: Option<NaiveDate>,
    #[serde(default = "yes")]
    eligible: bool,
    #[serde(default)]
    ineligible_reason: Option<String>,
    competent: bool,
    handling: Handling,
    #[serde(default)]
    transfer_to: Option<String>,
    #[serde(default)]
    guidance: Option<String>,
}

fn yes() -> bool {
    true
}

/// Registers the petition of the JSON at `source`; prints its id and number (`ĐT-0001/2026/A`).
pub fn receive(register: &mut Register, actor: &Actor<'_>, source: &Path) -> Result<(), CliError> {
    let draft: PetitionDraft = visit_input::read("petition", source)?;
    let visit = register.receive_petition(actor, draft).map_err(refused_petition)?;
    super::print_json(&serde_json::json!({ "id": visit.id, "number": visit.receipt_no.to_string() }))
}

/// Earlier petitions and visits the petition of the JSON at `source` may duplicate (the same
/// person or the same content), most likely first, as JSON like `petition suggest`; links nothing
/// (`petition link` does).
pub fn duplicates(register: &Register, actor: &Actor<'_>, source: &Path) -> Result<(), CliError> {
    let draft: PetitionDraft = visit_input::read("petition", source)?;
    super::print_json(&register.suggest_petition_duplicates(actor, &draft)?)
}

/// A refused petition, its problems named by the keys of the petition JSON: the register checks the
/// record the petition becomes (`visitors[0]…`, `petition.kind`), which is not what the file says.
fn refused_petition(err: RegisterError) -> CliError {
    let RegisterError::Invalid(mut invalid) = err else { return CliError::register("petition", err) };
    for problem in &mut invalid.problems {
        problem.field = petition_key(&problem.field);
    }
    CliError::invalid("petition", &invalid)
}

/// The key of the petition JSON for a field of the record it becomes.
fn petition_key(field: &str) -> String {
    const RENAMED: [(&str, &str); 6] = [
        ("received_at", "received_on"),
        ("visitors", "senders"),
        ("visitor_kind", "sender_kind"),
        ("people_count", "signatories"),
        ("petition.signatories", "signatories"),
        ("petition.", ""),
    ];
    for (record, draft) in RENAMED {
        if let Some(rest) = field.strip_prefix(record) {
            return format!("{draft}{rest}");
        }
    }
    field.to_string()
}

/// Records the processing of the JSON at `source` for the petition `id`; prints the stored record.
pub fn process(register: &mut Register, actor: &Actor<'_>, id: &str, source: &Path) -> Result<(), CliError> {
    let visit_id = resolve(register, id)?;
    let input: ProcessInput = visit_input::read("processing", source)?;
    let processing = Processing {
        visit_id,
        processed_on: input.processed_on.unwrap_or_else(|| SystemClock.today()),
        eligible: input.eligible,
        ineligible_reason: input.ineligible_reason,
        competent: input.competent,
        handling: input.handling,
        transfer_to: input.transfer_to,
        guidance: input.guidance,
    };
    let visit =
        register.process_petition(actor, processing).map_err(|e| CliError::register("processing", e))?;
    super::print_json(&visit)
}

/// The petitions matching the filters, newest first: a table, or JSON.
pub fn list(register: &Register, actor: &Actor<'_>, args: ListArgs) -> Result<(), CliError> {
    let query = PetitionQuery { source: args.source, state: args.state, from: args.from, to: args.to };
    let entries = register.petitions(actor, &query)?;
    if args.json {
        return super::print_json(&entries);
    }
    let rows: Vec<Vec<String>> = entries.iter().map(row).collect();
    table::print(
        &["Số", "Ngày nhận", "Nguồn", "Người gửi", "Nội dung", "Loại đơn", "Xử lý", "Ngày xử lý"],
        &rows,
    );
    println!("{} đơn", entries.len());
    Ok(())
}

fn row(e: &PetitionEntry) -> Vec<String> {
    let source = match &e.from_body {
        Some(body) => format!("{} ({})", e.source_vi, table::clip(body, 30)),
        None => e.source_vi.clone(),
    };
    let names =
        if e.names.is_empty() && e.anonymous { "(nặc danh)".to_string() } else { e.names.join(", ") };
    let handling = if e.cancelled {
        "đã hủy".to_string()
    } else {
        e.handling_vi.clone().unwrap_or_else(|| "chưa xử lý".to_string())
    };
    vec![
        e.receipt_no.clone(),
        table::date(&e.received_on),
        source,
        table::clip(&names, 30),
        table::clip(&e.summary, 40),
        e.kind_vi.clone(),
        handling,
        e.processed_on.as_ref().map(table::date).unwrap_or_default(),
    ]
}
