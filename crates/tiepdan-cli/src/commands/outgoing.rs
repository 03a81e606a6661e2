//! `tiepdan outgoing`: the documents the ward issues in its name (transfer slip, refusal notice,
//! guidance slip) — the year's outgoing register, the abbreviations their numbers carry
//! ("15/PC-UBND"), and who signs each kind by default. The rules (numbering, who may sign) are the
//! register's; this file parses and prints.

use super::print_json;
use crate::context::{parse_officer, Context};
use crate::error::{CliError, Exit};
use crate::location;
use chrono::Datelike;
use clap::Subcommand;
use tiepdan_domain::outgoing::{OutgoingKind, OutgoingStyle, SignerChoice, SigningCapacity};

#[derive(Debug, Subcommand)]
pub enum Command {
    /// The abbreviations and the default signers.
    Show {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// The outgoing register of a year (default: this year), in the order numbers were issued.
    List {
        #[arg(long)]
        year: Option<i32>,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Change abbreviations of documents numbered from now on (numbers already issued keep theirs).
    Style {
        /// The issuing body, e.g. UBND.
        #[arg(long)]
        body: Option<String>,
        /// The transfer slip's type, e.g. PC.
        #[arg(long)]
        transfer_slip: Option<String>,
        /// The refusal notice's type, e.g. TB.
        #[arg(long)]
        refusal_notice: Option<String>,
        /// The guidance slip's type, e.g. HD.
        #[arg(long)]
        guidance_slip: Option<String>,
    },
    /// Choose who signs a kind of document by default.
    Signer {
        /// transfer_slip, refusal_notice or guidance_slip.
        #[arg(value_parser = parse_kind)]
        kind: OutgoingKind,
        /// chair, vice_chair, vice_chair_for_committee or reception_officer.
        #[arg(long, value_parser = parse_capacity)]
        capacity: SigningCapacity,
        /// The signing leader's officer id; leave out to print the capacity and sign by hand.
        #[arg(long = "officer", value_name = "OFFICER_ID")]
        officer: Option<String>,
    },
}

pub(crate) fn parse_capacity(text: &str) -> Result<SigningCapacity, String> {
    // Scripts may write either `vice_chair` (the JSON spelling) or `vice-chair` (the usual flag spelling).
    SigningCapacity::parse(&text.replace('-', "_")).ok_or_else(|| {
        format!("\"{text}\" is not a capacity: use chair, vice_chair, vice_chair_for_committee or reception_officer")
    })
}

fn parse_kind(text: &str) -> Result<OutgoingKind, String> {
    OutgoingKind::parse(&text.replace('-', "_")).ok_or_else(|| {
        format!("\"{text}\" is not a document kind: use transfer_slip, refusal_notice or guidance_slip")
    })
}

pub fn run(cx: &Context, command: Command) -> Result<(), CliError> {
    let (mut register, session) = location::open_signed_in(cx)?;
    let actor = location::actor(cx, &register, session.as_ref())?;
    match command {
        Command::Show { json } => {
            let (style, signers) = (register.outgoing_style()?, register.signers()?);
            if json {
                return print_json(&serde_json::json!({ "style": style, "signers": signers }));
            }
            let officers = register.officers()?;
            for kind in OutgoingKind::ALL {
                let choice = signers.of(kind);
                let name = choice
                    .officer_id
                    .and_then(|id| officers.iter().find(|o| o.id == id))
                    .map_or("(ký tay)", |o| o.full_name.as_str());
                println!(
                    "{}: số …/{} — {}: {name}",
                    kind.label_vi(),
                    style.symbol(kind),
                    choice.capacity.lines(None).join(" / ")
                );
            }
        }
        Command::List { year, json } => {
            let year = year.unwrap_or_else(|| register.today().year());
            let documents = register.issued_documents(&actor, year)?;
            if json {
                return print_json(&documents);
            }
            for d in &documents {
                println!(
                    "{}\t{}\t{}\t{}",
                    d.number,
                    d.issued_on.format("%d/%m/%Y"),
                    d.kind.label_vi(),
                    d.receipt_no
                );
            }
            println!("{} văn bản đi năm {year}", documents.len());
        }
        Command::Style { body, transfer_slip, refusal_notice, guidance_slip } => {
            let mut style: OutgoingStyle = register.outgoing_style()?;
            for (new, old) in [
                (body, &mut style.body),
                (transfer_slip, &mut style.transfer_slip),
                (refusal_notice, &mut style.refusal_notice),
                (guidance_slip, &mut style.guidance_slip),
            ] {
                if let Some(new) = new {
                    *old = new;
                }
            }
            let style =
                register.set_outgoing_style(&actor, style).map_err(|e| CliError::register("outgoing", e))?;
            for kind in OutgoingKind::ALL {
                println!("{}: …/{}", kind.label_vi(), style.symbol(kind));
            }
        }
        Command::Signer { kind, capacity, officer } => {
            let officer_id = officer.as_deref().map(parse_officer).transpose()?;
            if officer_id.is_some() && !capacity.needs_leader() {
                return Err(CliError::new(
                    Exit::Invalid,
                    "reception_officer is always the visit's own officer: leave out --officer".to_string(),
                ));
            }
            let choice = SignerChoice { capacity, officer_id };
            register.set_signer(&actor, kind, choice).map_err(|e| CliError::register("signer", e))?;
            println!("{}: {}", kind.label_vi(), capacity.lines(None).join(" / "));
        }
    }
    Ok(())
}
