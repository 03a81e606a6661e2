//! The print log: every print job of a form of a visit and every attempt to send it to a printer,
//! and the printer chosen for this desk.
//!
//! Invariants: a job is written in its own transaction, after the visit it prints committed, so a
//! print never shares the fate of a registration; rows are only ever inserted (triggers refuse
//! UPDATE and DELETE) — a job is recorded once and each attempt's outcome is another row; a job's
//! copy number is fixed when it is recorded: 1 for the original, n + 1 for the n-th reprint. Only
//! jobs that reached a printer count as printed paper, so a job that never printed does not turn the
//! next one into a reprint. This module records; rendering and the spooler are the print workflow's.
//! The log is a record of this desk's paper, not a fact of the register: it is not journaled.

use crate::access::actor::Actor;
use crate::error::{RegisterError, Result};
use crate::store::columns::{from_word, parse_id, parse_utc, word};
use crate::Register;
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use tiepdan_domain::acts::Act;
use tiepdan_domain::event::canonical_time;
use tiepdan_domain::receipt::ReceiptNo;
use tiepdan_domain::validation::{FieldProblem, Problem};
use tiepdan_domain::{Invalid, VisitId};

/// The desk setting naming the printer jobs go to (none: the computer's default printer).
const PRINTER_SETTING: &str = "printer";

/// A form the desk prints for a visit.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PrintForm {
    Receipt,
    Appointment,
    Guidance,
    Transfer,
    Record,
    Refusal,
}

impl PrintForm {
    pub const ALL: [PrintForm; 6] = [
        PrintForm::Receipt,
        PrintForm::Appointment,
        PrintForm::Guidance,
        PrintForm::Transfer,
        PrintForm::Record,
        PrintForm::Refusal,
    ];

    /// The form's title as the clerk knows it.
    pub fn label_vi(self) -> &'static str {
        match self {
            PrintForm::Receipt => "Giấy biên nhận",
            PrintForm::Appointment => "Phiếu hẹn",
            PrintForm::Guidance => "Phiếu hướng dẫn",
            PrintForm::Transfer => "Phiếu chuyển đơn",
            PrintForm::Record => "Văn bản ghi nội dung",
            PrintForm::Refusal => "Thông báo từ chối tiếp công dân",
        }
    }

    /// Whether the form is handed to the citizen it is about (the receipt, the appointment and
    /// guidance slips, the refusal notice), so it may name a denouncer to the denouncer (issue 7
    /// §2). The transfer slip and the record go into files that travel: never.
    pub fn handed_to_citizen(self) -> bool {
        matches!(self, PrintForm::Receipt | PrintForm::Appointment | PrintForm::Guidance | PrintForm::Refusal)
    }

    /// The kind of outgoing document this form is, numbered in the ward's outgoing register; `None`
    /// for the papers that carry the visit's receipt number.
    pub fn outgoing(self) -> Option<tiepdan_domain::outgoing::OutgoingKind> {
        use tiepdan_domain::outgoing::OutgoingKind;
        match self {
            PrintForm::Transfer => Some(OutgoingKind::TransferSlip),
            PrintForm::Refusal => Some(OutgoingKind::RefusalNotice),
            PrintForm::Guidance => Some(OutgoingKind::GuidanceSlip),
            PrintForm::Receipt | PrintForm::Appointment | PrintForm::Record => None,
        }
    }

    /// The word used in file names, the CLI and the log ("receipt").
    pub fn word(self) -> String {
        word(&self)
    }
}

/// What came of one attempt to hand a job to the spooler.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PrintOutcome {
    /// The spooler accepted the job.
    Sent,
    /// The printer was missing or stopped, or the spooler refused: nothing was printed.
    Failed,
}

/// Where a job stands: printed, failed on every attempt so far, or not yet sent.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PrintStatus {
    Sent,
    Failed,
    Pending,
}

/// A job about to be recorded: the PDF is rendered and archived already.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPrintJob {
    pub visit_id: VisitId,
    pub form: PrintForm,
    /// Must be [`Register::next_print_copy`]: the copy mark is already on the PDF.
    pub copy: u32,
    /// The archived PDF, relative to the data folder.
    pub archive: String,
    /// The form's options as the workflow wrote them (JSON), for a reprint of the same form.
    pub options: String,
    /// The fingerprint of the sealed identities the paper names (`None`: it names nobody sealed).
    pub named_identities: Option<String>,
}

/// One attempt's result, as the workflow reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPrintAttempt {
    /// The printer the job was sent to; `None` when no printer could be named at all.
    pub printer: Option<String>,
    pub outcome: PrintOutcome,
    /// The spooler's job id when it was sent.
    pub spool_job: Option<String>,
    /// The spooler error's code and the clerk's message when it failed.
    pub error_code: Option<String>,
    pub message: Option<String>,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PrintAttempt {
    pub attempt: u32,
    pub printer: Option<String>,
    pub outcome: PrintOutcome,
    pub spool_job: Option<String>,
    pub error_code: Option<String>,
    pub message: Option<String>,
    pub at: DateTime<Utc>,
    /// The officer who sent it.
    pub officer: Option<String>,
}

/// A job of the print log with every attempt, oldest first.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PrintJobEntry {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    pub visit_id: VisitId,
    pub receipt_no: ReceiptNo,
    pub form: PrintForm,
    /// 1: the original; n + 1: the n-th reprint.
    pub copy: u32,
    /// "Bản in lại lần n" for a reprint, as printed on the paper.
    pub copy_mark: Option<String>,
    pub archive: String,
    #[serde(skip)]
    pub options: String,
    pub created_at: DateTime<Utc>,
    pub officer: Option<String>,
    /// The paper names a denouncer sealed in the register (the slip handed to them): its archive is
    /// sealed, and sending it again needs a session that may name them.
    pub names_denouncer: bool,
    /// Which sealed identities it names (a fingerprint of their sealed values).
    #[serde(skip)]
    pub named_identities: Option<String>,
    pub status: PrintStatus,
    pub attempts: Vec<PrintAttempt>,
}

impl PrintJobEntry {
    /// The n of "Bản in lại lần n", for the renderer.
    pub fn reprint(&self) -> Option<u32> {
        reprint_of(self.copy)
    }

    /// The printer of the latest attempt.
    pub fn printer(&self) -> Option<&str> {
        self.attempts.last().and_then(|a| a.printer.as_deref())
    }
}

/// The reprint number a copy number carries: none for the original.
pub fn reprint_of(copy: u32) -> Option<u32> {
    (copy > 1).then(|| copy - 1)
}

/// "Bản in lại lần 1" for copy 2.
pub fn copy_mark(copy: u32) -> Option<String> {
    reprint_of(copy).map(|n| format!("Bản in lại lần {n}"))
}

fn visit_no(conn: &Connection, id: VisitId) -> Result<i64> {
    conn.prepare_cached("SELECT no FROM visits WHERE id = ?1")?
        .query_row([id.to_string()], |r| r.get(0))
        .optional()?
        .ok_or(RegisterError::NotFound { what: "visit", id: id.to_string() })
}

/// Jobs of (visit, form) that reached a printer, plus one.
fn next_copy(conn: &Connection, no: i64, form: PrintForm) -> Result<u32> {
    let printed: u32 = conn
        .prepare_cached(
            "SELECT COUNT(*) FROM print_jobs j WHERE j.visit_no = ?1 AND j.form = ?2
             AND EXISTS (SELECT 1 FROM print_attempts a WHERE a.job_id = j.id AND a.outcome = 'sent')",
        )?
        .query_row(params![no, form.word()], |r| r.get(0))?;
    Ok(printed + 1)
}

const JOB_COLUMNS: &str = "j.id, v.id, v.receipt_no, j.form, j.copy, j.archive, j.options, j.created_at, \
     o.full_name, j.named_identities";

type JobRow = (i64, [String; 6], u32, Option<String>, Option<String>);

fn job_from_row(r: &Row) -> rusqlite::Result<JobRow> {
    let texts = [r.get(1)?, r.get(2)?, r.get(3)?, r.get(5)?, r.get(6)?, r.get(7)?];
    Ok((r.get(0)?, texts, r.get(4)?, r.get(8)?, r.get(9)?))
}

fn attempts_of(conn: &Connection, job: i64) -> Result<Vec<PrintAttempt>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.attempt, a.printer, a.outcome, a.spool_job, a.error_code, a.message, a.at, o.full_name
         FROM print_attempts a LEFT JOIN officers o ON o.id = a.officer_id
         WHERE a.job_id = ?1 ORDER BY a.attempt",
    )?;
    let rows = stmt
        .query_map([job], |r| {
            Ok((
                r.get::<_, u32>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, Option<String>>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, Option<String>>(7)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|(attempt, printer, outcome, spool_job, error_code, message, at, officer)| {
            Ok(PrintAttempt {
                attempt,
                printer,
                outcome: from_word("print_attempts.outcome", &outcome)?,
                spool_job,
                error_code,
                message,
                at: parse_utc("print_attempts.at", &at)?,
                officer,
            })
        })
        .collect()
}

fn load_jobs(conn: &Connection, condition: &str, key: &dyn rusqlite::ToSql) -> Result<Vec<PrintJobEntry>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {JOB_COLUMNS} FROM print_jobs j JOIN visits v ON v.no = j.visit_no
         LEFT JOIN officers o ON o.id = j.officer_id WHERE {condition} ORDER BY j.id DESC"
    ))?;
    let rows = stmt.query_map([key], job_from_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|(id, [visit, receipt, form, archive, options, created], copy, officer, named_identities)| {
            let attempts = attempts_of(conn, id)?;
            let status = if attempts.iter().any(|a| a.outcome == PrintOutcome::Sent) {
                PrintStatus::Sent
            } else if attempts.is_empty() {
                PrintStatus::Pending
            } else {
                PrintStatus::Failed
            };
            Ok(PrintJobEntry {
                id,
                visit_id: parse_id("visits.id", &visit)?,
                receipt_no: parse_id("visits.receipt_no", &receipt)?,
                form: from_word("print_jobs.form", &form)?,
                copy,
                copy_mark: copy_mark(copy),
                archive,
                options,
                created_at: parse_utc("print_jobs.created_at", &created)?,
                officer,
                names_denouncer: named_identities.is_some(),
                named_identities,
                status,
                attempts,
            })
        })
        .collect()
}

impl Register {
    /// The copy number the next job of `form` for the visit gets: 1 until one reached a printer.
    pub fn next_print_copy(&self, visit_id: VisitId, form: PrintForm) -> Result<u32> {
        next_copy(&self.conn, visit_no(&self.conn, visit_id)?, form)
    }

    /// Records a rendered, archived job (before it is sent), by `actor`.
    pub fn record_print_job(&mut self, actor: &Actor<'_>, job: NewPrintJob) -> Result<PrintJobEntry> {
        self.permit(actor, Act::PrintForm)?;
        let officer = Some(actor.officer_id());
        let (tx, clock) = self.write()?;
        let no = visit_no(&tx, job.visit_id)?;
        let expected = next_copy(&tx, no, job.form)?;
        if job.copy != expected {
            let problem = Problem::OutOfRange { min: expected.into(), max: expected.into() };
            return Err(Invalid { problems: vec![FieldProblem::new("copy", problem)] }.into());
        }
        tx.execute(
            "INSERT INTO print_jobs (visit_no, form, copy, archive, options, created_at, officer_id,
                 named_identities)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                no,
                job.form.word(),
                job.copy,
                job.archive,
                job.options,
                canonical_time(&clock.now()),
                officer.map(|o| o.to_string()),
                job.named_identities
            ],
        )?;
        let id = tx.last_insert_rowid();
        tx.commit()?;
        self.print_job(id)
    }

    /// Appends the outcome of one attempt to send job `id`.
    pub fn record_print_attempt(
        &mut self,
        actor: &Actor<'_>,
        id: i64,
        attempt: NewPrintAttempt,
    ) -> Result<PrintJobEntry> {
        self.permit(actor, Act::PrintForm)?;
        let officer = Some(actor.officer_id());
        let (tx, clock) = self.write()?;
        let exists: Option<i64> =
            tx.query_row("SELECT id FROM print_jobs WHERE id = ?1", [id], |r| r.get(0)).optional()?;
        exists.ok_or(RegisterError::NotFound { what: "print job", id: id.to_string() })?;
        tx.execute(
            "INSERT INTO print_attempts (job_id, attempt, printer, outcome, spool_job, error_code, message,
                 at, officer_id)
             SELECT ?1, COALESCE(MAX(attempt), 0) + 1, ?2, ?3, ?4, ?5, ?6, ?7, ?8
             FROM print_attempts WHERE job_id = ?1",
            params![
                id,
                attempt.printer,
                word(&attempt.outcome),
                attempt.spool_job,
                attempt.error_code,
                attempt.message,
                canonical_time(&clock.now()),
                officer.map(|o| o.to_string())
            ],
        )?;
        tx.commit()?;
        self.print_job(id)
    }

    pub fn print_job(&self, id: i64) -> Result<PrintJobEntry> {
        load_jobs(&self.conn, "j.id = ?1", &id)?
            .pop()
            .ok_or(RegisterError::NotFound { what: "print job", id: id.to_string() })
    }

    /// The print log, newest job first: of one visit, or every job of the desk.
    pub fn print_log(&self, actor: &Actor<'_>, visit_id: Option<VisitId>) -> Result<Vec<PrintJobEntry>> {
        self.permit(actor, Act::PrintForm)?;
        match visit_id {
            Some(id) => load_jobs(&self.conn, "j.visit_no = ?1", &visit_no(&self.conn, id)?),
            None => load_jobs(&self.conn, "?1", &1),
        }
    }

    /// The printer chosen for this desk, if one was (a desk setting, not journaled).
    pub fn printer_setting(&self) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT value FROM desk_settings WHERE key = ?1")?
            .query_row([PRINTER_SETTING], |r| r.get(0))
            .optional()?)
    }

    /// Chooses the printer of this desk; `None` or a blank name goes back to the default printer.
    pub fn set_printer_setting(
        &mut self,
        actor: &Actor<'_>,
        printer: Option<&str>,
    ) -> Result<Option<String>> {
        self.permit(actor, Act::ChoosePrinter)?;
        match printer.map(str::trim).filter(|p| !p.is_empty()) {
            Some(name) => self.conn.execute(
                "INSERT INTO desk_settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = ?2",
                params![PRINTER_SETTING, name],
            )?,
            None => self.conn.execute("DELETE FROM desk_settings WHERE key = ?1", [PRINTER_SETTING])?,
        };
        self.printer_setting()
    }
}
