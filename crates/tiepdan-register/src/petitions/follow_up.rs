//! Follow-up of petitions, computed on read: each petition's statutory deadlines, their status on a
//! given day (on time, due within N working days, overdue, done), and the "Việc cần làm" list.
//!
//! Nothing here is stored. The deadlines come from the rule set in force and the register's calendar
//! (official table + overrides) applied to the facts the register holds: the day of reception, the
//! handling chosen at reception, and the recorded results (`results`). Which steps a petition has:
//! - `process` (every kind), from receipt; done at reception when the petition was guided, returned
//!   or filed there, otherwise by the first acceptance decision, transfer or resolution;
//! - `accept` (complaints) and `check` (denunciations), from receipt, unless the petition is handled
//!   at reception or goes to another body; done by the acceptance decision (or a transfer/resolution);
//! - `transfer` (denunciations), from receipt, when a transfer is recorded or was the handling chosen;
//! - `resolve`, from the acceptance day, once accepted; each extension moves it on; done by the
//!   resolution.
//!
//! A visit linked as a repeat of an earlier matter has no deadlines of its own: its matter is followed
//! on the first visit. Cancelled visits are not followed.

use crate::access::actor::Actor;
use crate::error::Result;
use crate::petitions::results::{load_acceptance, load_extensions, load_resolution, load_transfer};
use crate::{store::columns, visits::repeat_matters, Register};
use chrono::NaiveDate;
use rusqlite::{Connection, Row};
use serde::Serialize;
use tiepdan_domain::acts::Act;
use tiepdan_domain::calendar::WorkCalendar;
use tiepdan_domain::deadlines::{
    self, Complexity, DeadlineExplained, DeadlineRules, FollowUp, Step, Variant,
};
use tiepdan_domain::petition::{Handling, PetitionKind};
use tiepdan_domain::results::{Acceptance, Extension, Resolution, Transfer, TransferAnswer};
use tiepdan_domain::VisitId;

/// One deadline of a petition, with its status on the day asked.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DueDate {
    pub step: Step,
    /// What the deadline is for ("Giải quyết tố cáo"), from the rule.
    pub label_vi: String,
    /// The legal basis of the rule.
    pub basis: String,
    /// The day of the start event (receipt, acceptance); not itself counted.
    pub from: NaiveDate,
    /// The due date before any extension.
    pub initial_due: NaiveDate,
    /// The due date in force (after the extensions).
    pub due: NaiveDate,
    /// Extensions applied to this deadline.
    pub extensions: u32,
    /// When the step was done, if it was.
    pub done_on: Option<NaiveDate>,
    pub status: FollowUp,
    pub status_vi: String,
    /// How `due` was counted: the days counted and skipped, with why (the last extension's count
    /// when extended).
    pub explained: DeadlineExplained,
}

/// Everything the petition's detail view shows about its follow-up.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PetitionFollowUp {
    pub visit_id: VisitId,
    pub receipt_no: String,
    pub kind: PetitionKind,
    pub received_on: NaiveDate,
    pub deadlines: Vec<DueDate>,
    /// The petition as a whole: the most urgent open deadline, or done when every one is done;
    /// `None` when it has no deadline (a repeat visit, or no rule applies).
    pub status: Option<FollowUp>,
    pub status_vi: Option<String>,
    /// The deadline `status` is counted to (the most urgent open step), with what it is for: the
    /// detail's headline shows this date beside `status_vi`, so the two cannot disagree. `None`
    /// when every step is done or there is none.
    pub due: Option<NaiveDate>,
    pub due_label_vi: Option<String>,
    pub acceptance: Option<Acceptance>,
    pub transfer: Option<Transfer>,
    pub transfer_answer: Option<TransferAnswer>,
    pub extensions: Vec<Extension>,
    pub resolution: Option<Resolution>,
    /// "Lần tiếp": this visit's place among the visits of its matter (1 for a first visit).
    pub visit_count: u32,
    /// For a repeat visit: the first visit of the matter, where the deadlines are followed.
    pub repeat_of: Option<VisitId>,
}

/// One line of the "Việc cần làm" view: a petition and its most urgent open deadline.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DueItem {
    pub visit_id: VisitId,
    pub receipt_no: String,
    pub received_on: NaiveDate,
    pub kind: PetitionKind,
    pub kind_vi: String,
    /// Visitors' names (or the organisation), as received.
    pub names: Vec<String>,
    pub summary: String,
    pub step: Step,
    pub step_vi: String,
    pub due: NaiveDate,
    pub status: FollowUp,
    pub status_vi: String,
    /// How many visits the matter has had so far ("lần tiếp").
    pub visits_in_matter: u32,
}

/// The facts of one petition that its deadlines depend on.
struct Facts {
    no: i64,
    visit_id: VisitId,
    receipt_no: String,
    received_on: NaiveDate,
    kind: PetitionKind,
    handling: Option<Handling>,
    /// The day the petition was processed, when that was recorded (a petition received without a
    /// visit is processed after it arrives; one at the desk usually at reception).
    processed_on: Option<NaiveDate>,
    summary: String,
    acceptance: Option<Acceptance>,
    transfer: Option<Transfer>,
    answer: Option<TransferAnswer>,
    extensions: Vec<Extension>,
    resolution: Option<Resolution>,
}

const FACT_COLUMNS: &str =
    "v.no, v.id, v.receipt_no, v.received_on, p.kind, p.handling, v.summary, p.processed_on";

fn facts_from_row(conn: &Connection, r: &Row<'_>) -> Result<Facts> {
    let no: i64 = r.get(0)?;
    let visit_id: VisitId = columns::parse_id("visits.id", &r.get::<_, String>(1)?)?;
    let transfer = load_transfer(conn, no, visit_id)?;
    let (transfer, answer) = match transfer {
        Some((t, a)) => (Some(t), a),
        None => (None, None),
    };
    Ok(Facts {
        no,
        visit_id,
        receipt_no: r.get(2)?,
        received_on: columns::parse_date("received_on", &r.get::<_, String>(3)?)?,
        kind: columns::from_word("kind", &r.get::<_, String>(4)?)?,
        handling: columns::from_opt_word("handling", r.get(5)?)?,
        summary: r.get(6)?,
        processed_on: r
            .get::<_, Option<String>>(7)?
            .map(|d| columns::parse_date("processed_on", &d))
            .transpose()?,
        acceptance: load_acceptance(conn, no, visit_id)?,
        transfer,
        answer,
        extensions: load_extensions(conn, no, visit_id)?,
        resolution: load_resolution(conn, no, visit_id)?,
    })
}

/// The counting context: rules, calendar, the day asked and the warning window.
struct Ctx<'a> {
    rules: &'a DeadlineRules,
    calendar: &'a WorkCalendar,
    today: NaiveDate,
    warn_within: u32,
}

impl Ctx<'_> {
    fn due_date(
        &self,
        f: &Facts,
        step: Step,
        variant: Variant,
        from: NaiveDate,
        done_on: Option<NaiveDate>,
    ) -> Option<DueDate> {
        let granted: Vec<Complexity> = f.extensions.iter().map(|e| e.complexity).collect();
        let (explained, extensions) =
            deadlines::compute_extended(self.rules, self.calendar, f.kind, step, variant, from, &granted)
                .ok()?;
        let initial_due =
            deadlines::compute(self.rules, self.calendar, f.kind, step, variant, from).ok()?.due;
        let status =
            deadlines::follow_up(self.calendar, explained.due, self.today, done_on, self.warn_within);
        Some(DueDate {
            step,
            label_vi: explained.rule.label_vi.clone(),
            basis: explained.rule.basis.clone(),
            from,
            initial_due,
            due: explained.due,
            extensions,
            done_on,
            status,
            status_vi: status.label_vi(),
            explained,
        })
    }

    fn deadlines(&self, f: &Facts) -> Vec<DueDate> {
        let variant = f.acceptance.as_ref().map(|a| a.variant).unwrap_or_default();
        let resolved_on = f.resolution.as_ref().map(|r| r.on);
        let transferred_on = f.transfer.as_ref().map(|t| t.on);
        let decided_on =
            [f.acceptance.as_ref().map(|a| a.on), transferred_on, resolved_on].into_iter().flatten().min();
        // Guided, returned, filed or reminded: nothing more for the ward to accept or check. Done the
        // day it was processed, which is the day of reception unless recorded otherwise.
        let handled_at_reception = matches!(
            f.handling,
            Some(Handling::Guide | Handling::Return | Handling::File | Handling::Remind)
        );
        let processed = f.processed_on.unwrap_or(f.received_on);
        let to_transfer =
            f.transfer.is_some() || (f.handling == Some(Handling::Transfer) && f.acceptance.is_none());
        let mut out = Vec::new();
        let process_done = if handled_at_reception {
            Some(processed)
        } else {
            [f.processed_on.filter(|_| f.handling.is_some()), decided_on].into_iter().flatten().min()
        };
        out.extend(self.due_date(f, Step::Process, variant, f.received_on, process_done));
        if !handled_at_reception && !to_transfer {
            for step in [Step::Accept, Step::Check] {
                out.extend(self.due_date(f, step, variant, f.received_on, decided_on));
            }
        }
        if to_transfer {
            let done = [transferred_on, resolved_on].into_iter().flatten().min();
            out.extend(self.due_date(f, Step::Transfer, variant, f.received_on, done));
        }
        if let Some(a) = f.acceptance.as_ref().filter(|a| a.accepted) {
            out.extend(self.due_date(f, Step::Resolve, variant, a.on, resolved_on));
        }
        out
    }
}

/// The petition's status as a whole: the most urgent open deadline, else done.
/// The open deadline the petition is followed by: the most urgent, then the earliest.
fn most_urgent(deadlines: &[DueDate]) -> Option<&DueDate> {
    deadlines.iter().filter(|d| d.done_on.is_none()).min_by_key(|d| (d.status.urgency(), d.due))
}

fn overall(deadlines: &[DueDate]) -> Option<FollowUp> {
    if let Some(d) = most_urgent(deadlines) {
        return Some(d.status);
    }
    let on = deadlines.iter().filter_map(|d| d.done_on).max()?;
    let on_time = deadlines.iter().all(|d| d.done_on.is_some_and(|done| done <= d.due));
    Some(FollowUp::Done { on, on_time })
}

pub(crate) fn names_of(conn: &Connection, no: i64) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT CASE WHEN sealed IS NULL AND full_name <> '' THEN full_name ELSE ?2 END
           FROM visitors WHERE visit_no = ?1
         UNION ALL SELECT organisation FROM visits WHERE no = ?1 AND organisation IS NOT NULL",
    )?;
    let sealed = tiepdan_domain::visit::SEALED_VISITOR_NAME;
    let names = stmt
        .query_map(rusqlite::params![no, sealed], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(names)
}

impl Register {
    /// The follow-up of one visit's petition on `today`: its deadlines (due within `warn_within`
    /// working days counts as "due soon"), the recorded results and its place in its matter.
    pub fn petition_follow_up(
        &self,
        actor: &Actor<'_>,
        visit_id: VisitId,
        today: NaiveDate,
        warn_within: u32,
    ) -> Result<PetitionFollowUp> {
        self.permit(actor, Act::ReadRegister)?;
        self.follow_up_of(visit_id, today, warn_within)
    }

    pub(crate) fn follow_up_of(
        &self,
        visit_id: VisitId,
        today: NaiveDate,
        warn_within: u32,
    ) -> Result<PetitionFollowUp> {
        let (no, visit) = crate::visits::visit_rows::visit_with_no(&self.conn, visit_id)?;
        let receipt_no = visit.receipt_no.to_string();
        let kind =
            visit.details.petition.as_ref().map(|p| p.kind).ok_or_else(|| {
                crate::error::FollowUpRefusal::NoPetition { receipt_no: receipt_no.clone() }
            })?;
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {FACT_COLUMNS} FROM visits v JOIN petitions p ON p.visit_no = v.no WHERE v.no = ?1"
        ))?;
        let mut rows = stmt.query([no])?;
        let row = rows
            .next()?
            .ok_or(crate::error::RegisterError::NotFound { what: "petition", id: receipt_no.clone() })?;
        let f = facts_from_row(&self.conn, row)?;
        let matter = repeat_matters::matter_of(&self.conn, no)?;
        let repeat_of = if matter.first_no == no { None } else { Some(matter.first_id) };
        let active = visit.status == tiepdan_domain::visit::VisitStatus::Active;
        let deadlines = if repeat_of.is_none() && active {
            let (rules, calendar) = (self.deadline_rules()?, self.calendar()?);
            Ctx { rules: &rules, calendar: &calendar, today, warn_within }.deadlines(&f)
        } else {
            Vec::new()
        };
        let status = overall(&deadlines);
        let next = most_urgent(&deadlines);
        Ok(PetitionFollowUp {
            due: next.map(|d| d.due),
            due_label_vi: next.map(|d| d.label_vi.clone()),
            visit_id,
            receipt_no,
            kind,
            received_on: f.received_on,
            status_vi: status.map(|s| s.label_vi()),
            status,
            deadlines,
            acceptance: f.acceptance,
            transfer: f.transfer,
            transfer_answer: f.answer,
            extensions: f.extensions,
            resolution: f.resolution,
            visit_count: matter.count_up_to(no),
            repeat_of,
        })
    }

    /// The deadlines of one visit's petition on `today` (see [`Register::petition_follow_up`]).
    pub fn petition_deadlines(
        &self,
        visit_id: VisitId,
        today: NaiveDate,
        warn_within: u32,
    ) -> Result<Vec<DueDate>> {
        Ok(self.follow_up_of(visit_id, today, warn_within)?.deadlines)
    }

    /// Every open petition (not done) with its most urgent deadline, most urgent first: overdue
    /// (most late first), then due within `warn_within` working days, then the rest on time.
    pub fn open_petitions(
        &self,
        actor: &Actor<'_>,
        today: NaiveDate,
        warn_within: u32,
    ) -> Result<Vec<DueItem>> {
        self.permit(actor, Act::ReadRegister)?;
        let (rules, calendar) = (self.deadline_rules()?, self.calendar()?);
        let ctx = Ctx { rules: &rules, calendar: &calendar, today, warn_within };
        // Resolved and refused petitions and repeat visits have nothing open; skip them in SQL.
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {FACT_COLUMNS} FROM visits v JOIN petitions p ON p.visit_no = v.no
             WHERE v.status = 'active'
               AND NOT EXISTS (SELECT 1 FROM petition_resolutions r WHERE r.visit_no = v.no)
               AND NOT EXISTS (SELECT 1 FROM petition_acceptances a WHERE a.visit_no = v.no AND a.accepted = 0)
               AND NOT EXISTS (SELECT 1 FROM repeat_links l WHERE l.visit_no = v.no)
             ORDER BY v.no"
        ))?;
        let mut rows = stmt.query([])?;
        let mut items = Vec::new();
        while let Some(row) = rows.next()? {
            let f = facts_from_row(&self.conn, row)?;
            let deadlines = ctx.deadlines(&f);
            let open =
                deadlines.iter().filter(|d| d.done_on.is_none()).min_by_key(|d| (d.status.urgency(), d.due));
            let Some(d) = open else { continue };
            items.push(DueItem {
                visit_id: f.visit_id,
                receipt_no: f.receipt_no.clone(),
                received_on: f.received_on,
                kind: f.kind,
                kind_vi: f.kind.label_vi().to_string(),
                names: names_of(&self.conn, f.no)?,
                summary: f.summary.clone(),
                step: d.step,
                step_vi: d.label_vi.clone(),
                due: d.due,
                status: d.status,
                status_vi: d.status_vi.clone(),
                visits_in_matter: repeat_matters::matter_size(&self.conn, f.no)?,
            });
        }
        items.sort_by_key(|i| (i.status.urgency(), i.due, i.received_on));
        Ok(items)
    }

    /// "Việc cần làm": the open petitions that are overdue or due within `within_working_days`
    /// working days of `today`, most urgent first (overdue first).
    pub fn due(&self, actor: &Actor<'_>, today: NaiveDate, within_working_days: u32) -> Result<Vec<DueItem>> {
        let mut items = self.open_petitions(actor, today, within_working_days)?;
        items.retain(|i| matches!(i.status, FollowUp::Overdue { .. } | FollowUp::DueSoon { .. }));
        Ok(items)
    }
}
