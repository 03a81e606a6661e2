//! `tiepdan opening declare|correct|list`: the opening balances a ward that starts using the
//! software mid-year declares once per report form (`docs/reports.md`, "Opening balances"): the
//! counts carried into the first period the register covers. A correction is a new event with its
//! reason; the journal keeps the first declaration.

use crate::context::Context;
use crate::error::{CliError, Exit};
use crate::location;
use chrono::NaiveDate;
use clap::Subcommand;
use std::collections::BTreeMap;
use tiepdan_domain::reports::{FormKey, Opening};

#[derive(Debug, clap::Args)]
pub struct Balance {
    /// tcd01, xld01, …: the form the balances belong to.
    #[arg(value_parser = |s: &str| s.parse::<FormKey>())]
    form: FormKey,
    /// The first day the register covers: the first day of the period the balances are carried into.
    #[arg(long)]
    from: NaiveDate,
    /// A carried-over column and its count, as N=COUNT (repeat for each column): --column 2=7.
    #[arg(long = "column", value_name = "N=COUNT", value_parser = parse_column, required = true)]
    columns: Vec<(u16, u64)>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Declare a form's opening balances (once per form).
    Declare(Balance),
    /// Replace a form's declared balances, saying why.
    Correct {
        #[command(flatten)]
        balance: Balance,
        #[arg(long)]
        reason: String,
    },
    /// List the declared balances.
    List {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
}

fn parse_column(s: &str) -> Result<(u16, u64), String> {
    let bad = || format!("expected N=COUNT, like 2=7 (got {s:?})");
    let (n, count) = s.split_once('=').ok_or_else(bad)?;
    Ok((n.trim().parse().map_err(|_| bad())?, count.trim().parse().map_err(|_| bad())?))
}

fn opening_of(balance: Balance) -> Result<Opening, CliError> {
    let mut columns = BTreeMap::new();
    for (n, count) in balance.columns {
        if columns.insert(n, count).is_some() {
            return Err(CliError::new(Exit::Invalid, format!("column ({n}) is given twice")));
        }
    }
    Ok(Opening { form: balance.form, from: balance.from, columns })
}

pub fn run(cx: &Context, command: Command) -> Result<(), CliError> {
    let (mut register, signed_in) = location::open_signed_in(cx)?;
    let actor = location::actor(cx, &register, signed_in.as_ref())?;
    match command {
        Command::Declare(balance) => {
            let stored = register.declare_opening(&actor, opening_of(balance)?)?;
            super::print_json(&stored)
        }
        Command::Correct { balance, reason } => {
            let stored = register.correct_opening(&actor, opening_of(balance)?, &reason)?;
            super::print_json(&stored)
        }
        Command::List { json } => {
            let openings = register.openings(&actor)?;
            if json {
                return super::print_json(&openings);
            }
            if openings.is_empty() {
                println!("Chưa khai báo số liệu kỳ trước chuyển sang.");
            }
            for o in &openings {
                let form = o.form.definition().map_or(o.form.as_str(), |d| d.form.as_str());
                let cells: Vec<String> = o.columns.iter().map(|(n, c)| format!("({n}) = {c}")).collect();
                println!("Biểu {form}, từ ngày {}: {}", o.from.format("%d/%m/%Y"), cells.join(", "));
            }
            Ok(())
        }
    }
}
