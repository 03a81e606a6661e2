//! `tiepdan deadline`: one statutory deadline worked out for a person to check — the due date and
//! every day counted or skipped, with why. With a register in the data folder its calendar overrides
//! and rule set count; without one (or with `--official`), the shipped calendar and national rules.

use crate::context::Context;
use crate::error::{CliError, Exit};
use crate::location;
use chrono::NaiveDate;
use tiepdan_domain::calendar::WorkCalendar;
use tiepdan_domain::deadlines::{self, Complexity, DeadlineExplained, DeadlineRules, Level, Step, Variant};
use tiepdan_domain::petition::PetitionKind;

/// A petition kind from its JSON word (complaint, denunciation, proposal, reflection, mixed).
pub fn kind(text: &str) -> Result<PetitionKind, String> {
    serde_json::from_value(serde_json::Value::String(text.to_string()))
        .map_err(|_| format!("unknown kind {text:?} (complaint, denunciation, proposal, reflection, mixed)"))
}

fn level(text: &str) -> Result<Level, String> {
    serde_json::from_value(serde_json::Value::String(text.to_string()))
        .map_err(|_| format!("unknown level {text:?} (first, second)"))
}

/// What about the case changes its deadlines, as options.
#[derive(Debug, Clone, clap::Args)]
pub struct VariantArgs {
    /// A complex case (vụ việc phức tạp; for a denunciation check: verification at several places).
    #[arg(long, conflicts_with = "especially_complex")]
    complex: bool,
    /// An especially complex case (vụ việc đặc biệt phức tạp).
    #[arg(long)]
    especially_complex: bool,
    /// A remote area where travel is difficult (vùng sâu, vùng xa).
    #[arg(long)]
    remote_area: bool,
    /// Complaints: first or second resolution.
    #[arg(long, value_parser = level, default_value = "first")]
    level: Level,
}

impl VariantArgs {
    pub fn variant(&self) -> Variant {
        let complexity = match (self.complex, self.especially_complex) {
            (_, true) => Complexity::EspeciallyComplex,
            (true, false) => Complexity::Complex,
            (false, false) => Complexity::Normal,
        };
        Variant { level: self.level, complexity, remote_area: self.remote_area }
    }
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// complaint, denunciation, proposal or reflection (or mixed).
    #[arg(long, value_parser = kind)]
    kind: PetitionKind,
    /// process (after receipt), accept, resolve (from acceptance), check or transfer (denunciations,
    /// from receipt), extend (from the deadline being extended).
    #[arg(long, value_parser = clap::value_parser!(Step))]
    step: Step,
    /// The day of the start event (receipt, acceptance…), YYYY-MM-DD; counting starts the day after.
    #[arg(long)]
    from: NaiveDate,
    #[command(flatten)]
    variant: VariantArgs,
    /// Use the shipped calendar and national rules even when a register is present.
    #[arg(long)]
    official: bool,
    /// Print JSON (`"due": "YYYY-MM-DD"` and every day counted or skipped).
    #[arg(long)]
    json: bool,
}

pub fn run(cx: &Context, args: Args) -> Result<(), CliError> {
    let variant = args.variant.variant();
    let registered = !args.official && tiepdan_register::paths::register_path(cx.data_dir()).exists();
    let explained: DeadlineExplained = if registered {
        let register = location::open(cx)?;
        register
            .deadline(args.kind, args.step, variant, args.from)
            .map_err(|e| CliError::register("deadline", e))?
    } else {
        let (rules, calendar) = (DeadlineRules::shipped(), WorkCalendar::official());
        deadlines::compute(&rules, &calendar, args.kind, args.step, variant, args.from)
            .map_err(|e| CliError::new(Exit::Invalid, format!("{e} ({})", e.message_vi())))?
    };
    if args.json {
        return super::print_json(&explained);
    }
    let lines = explained.lines_vi();
    println!("{}", lines[0]);
    let counted: Vec<String> = explained
        .days
        .iter()
        .filter_map(|d| d.ordinal.map(|n| format!("{} ({n})", d.date.format("%d/%m"))))
        .collect();
    println!("Ngày được tính: {}", counted.join(", "));
    if lines.len() > 1 {
        println!("Ngày không tính hoặc cần lưu ý:");
    }
    for line in &lines[1..] {
        println!("  {line}");
    }
    println!("Hạn: {}", explained.due.format("%d/%m/%Y"));
    Ok(())
}
