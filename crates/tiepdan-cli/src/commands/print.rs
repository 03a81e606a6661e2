//! `tiepdan print`: the reception forms of a visit and the register book as PDF files (the book
//! also as XLSX), printing
//! through the desk's print workflow (`tiepdan-print-jobs`), and the print log.
//!
//! `--out` alone writes the form as it would print now (marked "Bản in lại lần n" once an original
//! printed) and logs nothing; `--printer` makes a job: archived in the data folder, sent through the
//! OS spooler and recorded in the print log, like the desk app's print key. A printer that fails
//! leaves the job in the log as failed, exits with code 6, and `tiepdan print retry JOB` sends it again.

use super::visit_reveal::{self, Reveal};
use super::{print_json, visit::resolve};
use crate::context::Context;
use crate::error::{CliError, Exit};
use crate::{location, table};
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeZone};
use clap::{Subcommand, ValueEnum};
use std::path::PathBuf;
use tiepdan_domain::clock::vietnam_offset;
use tiepdan_domain::outgoing::{SignerChoice, SigningCapacity};
use tiepdan_domain::VisitId;
use tiepdan_print_jobs::{FormRequest, OsSpooler, PaperSize, PrintJobError, PrintOptions};
use tiepdan_register::{Actor, PrintJobEntry, PrintStatus, Register};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Paper {
    A4,
    A5,
}

/// Where a form goes and on what paper.
#[derive(Debug, clap::Args)]
pub struct Target {
    /// Visit id, or receipt number like 0042/2026/A.
    visit: String,
    /// Write the PDF to this file.
    #[arg(long, value_name = "FILE.pdf", required_unless_present = "printer")]
    out: Option<PathBuf>,
    /// Send it to this printer too, recording the job in the print log.
    #[arg(long, value_name = "NAME")]
    printer: Option<String>,
    /// Paper size (default: A4; A5 is the compact option).
    #[arg(long, value_enum)]
    paper: Option<Paper>,
    /// A leader names the denouncer on a paper handed to them (receipt, appointment, guidance,
    /// refusal); the transfer slip and the record never name them.
    #[command(flatten)]
    reveal: Reveal,
}

/// Who signs a document the ward issues (transfer slip, refusal notice, guidance slip); default: the
/// ward's choice for that kind (`tiepdan outgoing signer`).
#[derive(Debug, clap::Args)]
pub struct Signing {
    /// The capacity signed in: chair, vice_chair, vice_chair_for_committee or reception_officer.
    #[arg(long, value_name = "CAPACITY", value_parser = super::outgoing::parse_capacity)]
    capacity: Option<SigningCapacity>,
    /// The signing leader's officer id (leave out with --capacity to sign by hand).
    #[arg(long, value_name = "OFFICER_ID")]
    signer: Option<String>,
}

impl Signing {
    fn choice(self) -> Result<Option<SignerChoice>, CliError> {
        let officer_id = self.signer.as_deref().map(crate::context::parse_officer).transpose()?;
        Ok(match (self.capacity, officer_id) {
            (Some(capacity), officer_id) => Some(SignerChoice { capacity, officer_id }),
            (None, Some(officer_id)) => {
                Some(SignerChoice { capacity: SigningCapacity::Chair, officer_id: Some(officer_id) })
            }
            (None, None) => None,
        })
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Giấy biên nhận: the acknowledgement slip.
    Receipt {
        #[command(flatten)]
        target: Target,
        /// Copies made (one for the citizen, the rest kept).
        #[arg(long, default_value_t = 2)]
        copies: u32,
    },
    /// Phiếu hẹn: the appointment slip.
    Appointment {
        #[command(flatten)]
        target: Target,
        /// When to come back: "YYYY-MM-DD HH:MM" (Vietnam time) or RFC 3339.
        #[arg(long, value_parser = parse_at)]
        at: DateTime<FixedOffset>,
        /// Where to come back (default: the ward's reception place).
        #[arg(long)]
        place: Option<String>,
        /// What for (default: "nhận kết quả giải quyết").
        #[arg(long)]
        purpose: Option<String>,
        /// A phone number or person to call first.
        #[arg(long)]
        contact: Option<String>,
    },
    /// Phiếu hướng dẫn: written guidance to the competent body, or documents to add.
    Guidance {
        #[command(flatten)]
        target: Target,
        /// What to do and where (default: the petition's recorded guidance).
        #[arg(long)]
        instructions: Option<String>,
        /// A document the citizen must add (repeat for several).
        #[arg(long = "missing", value_name = "DOCUMENT")]
        missing_documents: Vec<String>,
        #[command(flatten)]
        signing: Signing,
    },
    /// Phiếu chuyển đơn: the transfer slip (a denouncer is never named on it).
    Transfer {
        #[command(flatten)]
        target: Target,
        /// The date written on the petition, YYYY-MM-DD.
        #[arg(long)]
        petition_dated: Option<NaiveDate>,
        /// The legal basis cited (default: per petition kind).
        #[arg(long)]
        legal_basis: Option<String>,
        #[command(flatten)]
        signing: Signing,
    },
    /// Văn bản ghi nội dung: the record of an oral petition.
    Record {
        #[command(flatten)]
        target: Target,
    },
    /// Thông báo từ chối tiếp công dân: the refusal notice.
    Refusal {
        #[command(flatten)]
        target: Target,
        #[command(flatten)]
        signing: Signing,
    },
    /// Sổ tiếp công dân: the register book of a date range, as PDF (A4 landscape) and/or XLSX.
    Register {
        /// First day, YYYY-MM-DD.
        #[arg(long)]
        from: NaiveDate,
        /// Last day, YYYY-MM-DD.
        #[arg(long)]
        to: NaiveDate,
        #[arg(long, value_name = "FILE.pdf", required_unless_present = "xlsx")]
        out: Option<PathBuf>,
        /// Write the book as a spreadsheet (Mẫu số 03's columns, numbers and dates as cells).
        #[arg(long, value_name = "FILE.xlsx")]
        xlsx: Option<PathBuf>,
        /// Print denouncers' names, addresses and ID numbers (hidden by default: domain §6).
        #[arg(long)]
        show_denouncers: bool,
    },
    /// The print log: every job, newest first, with each attempt's outcome.
    Log {
        /// Only the jobs of this visit (id or receipt number).
        #[arg(long)]
        visit: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Send a failed job again (same PDF, same copy number).
    Retry {
        job: i64,
        /// Another printer than the one chosen for the desk.
        #[arg(long)]
        printer: Option<String>,
        /// A slip that names a denouncer is sent again only by a leader.
        #[command(flatten)]
        reveal: Reveal,
    },
    /// The printers of this computer and the one chosen for this desk; --set or --clear changes it.
    Printer {
        #[arg(long, value_name = "NAME", conflicts_with = "clear")]
        set: Option<String>,
        /// Go back to the computer's default printer.
        #[arg(long)]
        clear: bool,
    },
}

fn parse_at(text: &str) -> Result<DateTime<FixedOffset>, String> {
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Ok(at);
    }
    NaiveDateTime::parse_from_str(text.trim(), "%Y-%m-%d %H:%M")
        .ok()
        .and_then(|t| vietnam_offset().from_local_datetime(&t).single())
        .ok_or_else(|| format!("\"{text}\" is not a time like \"2026-12-02 08:00\""))
}

fn job_error(err: PrintJobError) -> CliError {
    match err {
        PrintJobError::Register(e) => CliError::register("print", e),
        PrintJobError::Form(_) | PrintJobError::AlreadyPrinted { .. } | PrintJobError::Superseded { .. } => {
            CliError::new(Exit::Invalid, err.to_string())
        }
        PrintJobError::NamesDenouncer { job } => CliError::new(
            Exit::Invalid,
            format!(
                "print job {job} names a denouncer: only a leader may send it again (--reveal --officer ID) \
                 (lệnh in ghi tên người tố cáo: chỉ lãnh đạo mới gửi lại được)"
            ),
        ),
        PrintJobError::Options { .. } => CliError::new(Exit::Register, err.to_string()),
        PrintJobError::Archive { .. } | PrintJobError::Export { .. } => {
            CliError::new(Exit::Failure, err.to_string())
        }
    }
}

/// Reports a job; a job whose last attempt failed is exit code 6.
fn report(job: &PrintJobEntry) -> Result<(), CliError> {
    let mark = job.copy_mark.as_deref().map(|m| format!(", {m}")).unwrap_or_default();
    let last = job.attempts.last();
    match job.status {
        PrintStatus::Sent => {
            let spool = last.and_then(|a| a.spool_job.as_deref()).unwrap_or("");
            println!("print job {} sent: {} {}{mark} → {spool}", job.id, job.form.label_vi(), job.receipt_no);
            Ok(())
        }
        _ => {
            let why = last.and_then(|a| a.message.as_deref()).unwrap_or("chưa gửi");
            Err(CliError::new(
                Exit::Printer,
                format!(
                    "print job {} logged but not printed: {why} (retry: tiepdan print retry {})",
                    job.id, job.id
                ),
            ))
        }
    }
}

fn form(cx: &Context, target: Target, form: FormRequest) -> Result<(), CliError> {
    let (mut register, opened_by) = location::open_signed_in(cx)?;
    let visit = resolve(&register, &target.visit)?;
    let paper = target.paper.map(|p| match p {
        Paper::A4 => PaperSize::A4,
        Paper::A5 => PaperSize::A5,
    });
    let options = PrintOptions { form, paper };
    let reveal = visit_reveal::session(cx, &mut register, &target.reveal)?;
    // A paper names a sealed denouncer only when `--reveal` asks for it.
    let actor = match (&reveal, &opened_by) {
        (Some(session), _) => Ok(Actor::signed_in(session)),
        (None, Some(session)) => Ok(Actor::signed_in(session).masked()),
        (None, None) => location::actor(cx, &register, None),
    };
    let result = actor.and_then(|actor| form_as(&mut register, cx, visit, &options, target, &actor));
    // Signed out (audited) whatever came of the printing.
    visit_reveal::finish(&mut register, reveal)?;
    result
}

/// Prints or writes one form for `actor` (the leader of `--reveal`, else the officer who signed in or
/// is named); the print workflow audits the job and the export.
fn form_as(
    register: &mut Register,
    cx: &Context,
    visit: VisitId,
    options: &PrintOptions,
    target: Target,
    actor: &Actor<'_>,
) -> Result<(), CliError> {
    match target.printer {
        Some(printer) => {
            let job = tiepdan_print_jobs::print(
                register,
                cx.data_dir(),
                &OsSpooler,
                visit,
                options,
                Some(&printer),
                actor,
            )
            .map_err(job_error)?;
            if let Some(out) = &target.out {
                tiepdan_print_jobs::export_job(register, actor, cx.data_dir(), &job, out)
                    .map_err(job_error)?;
            }
            report(&job)
        }
        None => {
            // clap requires --out when no --printer is given.
            let out = target.out.unwrap_or_default();
            let preview =
                tiepdan_print_jobs::export_form(register, actor, visit, options, &out).map_err(job_error)?;
            println!("{} written ({} bytes)", out.display(), preview.pdf.len());
            Ok(())
        }
    }
}

fn log(cx: &Context, visit: Option<String>, json: bool) -> Result<(), CliError> {
    let (register, session) = location::open_signed_in(cx)?;
    let visit = visit.map(|v| resolve(&register, &v)).transpose()?;
    let jobs = register.print_log(&location::actor(cx, &register, session.as_ref())?, visit)?;
    if json {
        return print_json(&jobs);
    }
    let rows: Vec<Vec<String>> = jobs
        .iter()
        .map(|j| {
            let last = j.attempts.last();
            let outcome = match j.status {
                PrintStatus::Sent => "đã in".to_string(),
                PrintStatus::Pending => "chưa gửi".to_string(),
                PrintStatus::Failed => {
                    format!("lỗi: {}", last.and_then(|a| a.error_code.as_deref()).unwrap_or(""))
                }
            };
            vec![
                j.id.to_string(),
                table::date_time(&j.created_at.with_timezone(&vietnam_offset())),
                j.receipt_no.to_string(),
                j.form.label_vi().to_string(),
                j.copy_mark.clone().unwrap_or_else(|| "Bản gốc".into()),
                j.printer().unwrap_or("").to_string(),
                outcome,
                j.archive.clone(),
            ]
        })
        .collect();
    table::print(
        &["Lệnh", "Thời gian", "Số biên nhận", "Biểu mẫu", "Bản", "Máy in", "Kết quả", "Tệp lưu"],
        &rows,
    );
    Ok(())
}

fn printer(cx: &Context, set: Option<String>, clear: bool) -> Result<(), CliError> {
    let (mut register, session) = location::open_signed_in(cx)?;
    if set.is_some() || clear {
        let actor = location::actor(cx, &register, session.as_ref())?;
        register.set_printer_setting(&actor, set.as_deref())?;
    }
    let chosen = register.printer_setting()?;
    match tiepdan_spool::printers() {
        Ok(list) => {
            for p in list {
                let default = if p.is_default { " (mặc định của máy)" } else { "" };
                let desk = if chosen.as_deref() == Some(p.name.as_str()) { "* " } else { "  " };
                println!("{desk}{}{default} — {:?}", p.name, p.state);
            }
        }
        Err(e) => eprintln!("{e}"),
    }
    match chosen {
        Some(name) => println!("máy in của quầy: {name}"),
        None => println!("máy in của quầy: máy in mặc định"),
    }
    Ok(())
}

pub fn run(cx: &Context, command: Command) -> Result<(), CliError> {
    match command {
        Command::Receipt { target, copies } => form(cx, target, FormRequest::Receipt { copies }),
        Command::Appointment { target, at, place, purpose, contact } => {
            form(cx, target, FormRequest::Appointment { at, place, purpose, contact })
        }
        Command::Guidance { target, instructions, missing_documents, signing } => {
            let signer = signing.choice()?;
            form(cx, target, FormRequest::Guidance { instructions, missing_documents, signer })
        }
        Command::Transfer { target, petition_dated, legal_basis, signing } => {
            let signer = signing.choice()?;
            form(cx, target, FormRequest::Transfer { petition_dated, legal_basis, signer })
        }
        Command::Record { target } => form(cx, target, FormRequest::Record),
        Command::Refusal { target, signing } => {
            form(cx, target, FormRequest::Refusal { signer: signing.choice()? })
        }
        Command::Register { from, to, out, xlsx, show_denouncers } => {
            // Checked before the register opens, so a reversed range writes nothing anywhere.
            if to < from {
                return Err(CliError::new(
                    Exit::Invalid,
                    format!(
                        "--to {to} is before --from {from}: the range must end on or after its first day"
                    ),
                ));
            }
            let (mut register, session) = location::open_signed_in(cx)?;
            let actor = location::actor(cx, &register, session.as_ref())?;
            let protect = !show_denouncers;
            if let Some(out) = out {
                let bytes =
                    tiepdan_print_jobs::export_register_book(&mut register, &actor, from, to, protect, &out)
                        .map_err(job_error)?;
                println!("{} written ({bytes} bytes)", out.display());
            }
            if let Some(out) = xlsx {
                let bytes = tiepdan_print_jobs::export_register_book_xlsx(
                    &mut register,
                    &actor,
                    from,
                    to,
                    protect,
                    &out,
                )
                .map_err(job_error)?;
                println!("{} written ({bytes} bytes)", out.display());
            }
            Ok(())
        }
        Command::Log { visit, json } => log(cx, visit, json),
        Command::Retry { job, printer, reveal } => {
            let (mut register, opened_by) = location::open_signed_in(cx)?;
            let revealed = visit_reveal::session(cx, &mut register, &reveal)?;
            let actor = match (&revealed, &opened_by) {
                (Some(session), _) => Actor::signed_in(session),
                (None, Some(session)) => Actor::signed_in(session).masked(),
                (None, None) => location::actor(cx, &register, None)?,
            };
            let printer = printer.as_deref();
            let sent =
                tiepdan_print_jobs::retry(&mut register, cx.data_dir(), &OsSpooler, job, printer, &actor)
                    .map_err(job_error);
            visit_reveal::finish(&mut register, revealed)?;
            report(&sent?)
        }
        Command::Printer { set, clear } => printer(cx, set, clear),
    }
}
