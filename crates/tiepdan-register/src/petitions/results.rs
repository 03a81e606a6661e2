//! Recording what happened to a petition after reception: the acceptance decision, the transfer and
//! the receiving body's answer, extensions, and the resolution with its outcome.
//!
//! Each is one transaction that checks the step, appends its event (`tiepdan_domain::results`) and
//! applies it to its projection row with the `apply_*` function of its kind — the same function that
//! applies an event taken back from the district (`import`). Only active visits with a petition take
//! results; dates may not precede the day of reception nor be later than today. A later acceptance,
//! transfer or resolution replaces the earlier one in the projection; the journal keeps both. Due dates
//! are not written here: `follow_up` computes them on read.

use crate::access::actor::Actor;
use crate::error::{FollowUpRefusal, RegisterError, Result};
use crate::store::columns::{from_word, parse_date, word};
use crate::{journal, visits::visit_rows, Register};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use tiepdan_domain::acts::Act;
use tiepdan_domain::deadlines::{self, Level, Variant};
use tiepdan_domain::event::EventBody;
use tiepdan_domain::petition::PetitionKind;
use tiepdan_domain::results::{Acceptance, Extension, Resolution, Transfer, TransferAnswer};
use tiepdan_domain::validation::{Checks, Problem};
use tiepdan_domain::visit::VisitStatus;
use tiepdan_domain::VisitId;

/// The facts about a petition that follow-up needs, read in the recording transaction.
pub(crate) struct Subject {
    pub(crate) no: i64,
    pub(crate) receipt_no: String,
    pub(crate) kind: PetitionKind,
}

/// The visit as a petition that can take a result dated `on`.
pub(crate) fn subject(conn: &Connection, id: VisitId, on: NaiveDate, today: NaiveDate) -> Result<Subject> {
    let (no, visit) = visit_rows::visit_with_no(conn, id)?;
    let receipt_no = visit.receipt_no.to_string();
    if visit.status == VisitStatus::Cancelled {
        return Err(FollowUpRefusal::Cancelled { receipt_no }.into());
    }
    let Some(petition) = visit.details.petition else {
        return Err(FollowUpRefusal::NoPetition { receipt_no }.into());
    };
    let received_on = visit.details.received_at.with_timezone(&tiepdan_domain::clock::vietnam_offset());
    let received_on = received_on.date_naive();
    if on < received_on {
        return Err(FollowUpRefusal::BeforeReception { on, received_on }.into());
    }
    if on > today {
        return Err(FollowUpRefusal::InFuture { on, today }.into());
    }
    Ok(Subject { no, receipt_no, kind: petition.kind })
}

pub(crate) fn load_acceptance(conn: &Connection, no: i64, visit_id: VisitId) -> Result<Option<Acceptance>> {
    let row = conn
        .prepare_cached(
            "SELECT decided_on, accepted, reason, level, complexity, remote_area
             FROM petition_acceptances WHERE visit_no = ?1",
        )?
        .query_row([no], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get(5)?,
            ))
        })
        .optional()?;
    let Some((on, accepted, reason, level, complexity, remote_area)) = row else { return Ok(None) };
    Ok(Some(Acceptance {
        visit_id,
        on: parse_date("decided_on", &on)?,
        accepted,
        reason,
        variant: Variant {
            level: from_word("level", &level)?,
            complexity: from_word("complexity", &complexity)?,
            remote_area,
        },
    }))
}

pub(crate) fn load_transfer(
    conn: &Connection,
    no: i64,
    visit_id: VisitId,
) -> Result<Option<(Transfer, Option<TransferAnswer>)>> {
    let row = conn
        .prepare_cached(
            "SELECT transferred_on, receiver, note, answered_on, answer FROM petition_transfers WHERE visit_no = ?1",
        )?
        .query_row([no], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, Option<String>>(4)?,
            ))
        })
        .optional()?;
    let Some((on, to, note, answered_on, answer)) = row else { return Ok(None) };
    let transfer = Transfer { visit_id, on: parse_date("transferred_on", &on)?, to, note };
    let answer = match (answered_on, answer) {
        (Some(on), Some(answer)) => {
            Some(TransferAnswer { visit_id, on: parse_date("answered_on", &on)?, answer })
        }
        _ => None,
    };
    Ok(Some((transfer, answer)))
}

pub(crate) fn load_extensions(conn: &Connection, no: i64, visit_id: VisitId) -> Result<Vec<Extension>> {
    let mut stmt = conn.prepare_cached(
        "SELECT decided_on, complexity, reason FROM petition_extensions WHERE visit_no = ?1 ORDER BY position",
    )?;
    let rows = stmt
        .query_map([no], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|(on, complexity, reason)| {
            Ok(Extension {
                visit_id,
                on: parse_date("decided_on", &on)?,
                complexity: from_word("complexity", &complexity)?,
                reason,
            })
        })
        .collect()
}

pub(crate) fn load_resolution(conn: &Connection, no: i64, visit_id: VisitId) -> Result<Option<Resolution>> {
    let row = conn
        .prepare_cached(
            "SELECT resolved_on, outcome, document_no, note, figures FROM petition_resolutions
             WHERE visit_no = ?1",
        )?
        .query_row([no], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get(3)?,
                r.get::<_, Option<String>>(4)?,
            ))
        })
        .optional()?;
    let Some((on, outcome, document_no, note, figures)) = row else { return Ok(None) };
    Ok(Some(Resolution {
        visit_id,
        on: parse_date("resolved_on", &on)?,
        outcome: from_word("outcome", &outcome)?,
        document_no,
        note,
        figures: figures.map(|f| from_json("petition_resolutions.figures", &f)).transpose()?,
    }))
}

/// Reads a value the projection keeps as JSON (the figures of a decision and of its implementation).
pub(crate) fn from_json<T: serde::de::DeserializeOwned>(column: &str, text: &str) -> Result<T> {
    serde_json::from_str(text).map_err(|e| RegisterError::Decode(format!("{column} = {text:?}: {e}")))
}

/// The JSON a projection column keeps of `value`.
pub(crate) fn to_json<T: serde::Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| RegisterError::Decode(e.to_string()))
}

/// Figures belong to a complaint accepted for resolution, and a verdict on the first decision to a
/// second-level one: anything else would be counted in a KQGQ column it does not belong to.
fn check_figures(conn: &Connection, s: &Subject, resolution: &Resolution) -> Result<()> {
    let Some(figures) = &resolution.figures else { return Ok(()) };
    let mut checks = Checks::default();
    let level =
        load_acceptance(conn, s.no, resolution.visit_id)?.filter(|a| a.accepted).map(|a| a.variant.level);
    if s.kind != PetitionKind::Complaint {
        let reason = "chỉ khiếu nại thuộc thẩm quyền mới có số liệu kết quả giải quyết".into();
        checks.push("figures", Problem::NotForThisPetition { reason });
    } else if level.is_none() {
        let reason = "đơn chưa được thụ lý giải quyết".into();
        checks.push("figures", Problem::NotForThisPetition { reason });
    } else if figures.second_level.is_some() && level != Some(Level::Second) {
        let reason = "chỉ khiếu nại lần hai mới công nhận hoặc hủy, sửa quyết định lần đầu".into();
        checks.push("figures.second_level", Problem::NotForThisPetition { reason });
    }
    checks.finish().map_err(Into::into)
}

/// The row number of a visit, for the projection tables keyed by it.
pub(crate) fn visit_no(conn: &Connection, id: VisitId) -> Result<i64> {
    conn.prepare_cached("SELECT no FROM visits WHERE id = ?1")?
        .query_row([id.to_string()], |r| r.get(0))
        .optional()?
        .ok_or(RegisterError::NotFound { what: "visit", id: id.to_string() })
}

/// Applies a `petition_accepted` event: it replaces any earlier decision in the projection.
pub(crate) fn apply_acceptance(conn: &Connection, decision: &Acceptance) -> Result<()> {
    let v = &decision.variant;
    conn.execute(
        "INSERT OR REPLACE INTO petition_acceptances
             (visit_no, decided_on, accepted, reason, level, complexity, remote_area)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            visit_no(conn, decision.visit_id)?,
            decision.on.to_string(),
            decision.accepted,
            decision.reason,
            word(&v.level),
            word(&v.complexity),
            v.remote_area
        ],
    )?;
    Ok(())
}

/// Applies a `petition_transferred` event.
pub(crate) fn apply_transfer(conn: &Connection, transfer: &Transfer) -> Result<()> {
    conn.execute(
        "INSERT OR REPLACE INTO petition_transfers (visit_no, transferred_on, receiver, note)
         VALUES (?1, ?2, ?3, ?4)",
        params![visit_no(conn, transfer.visit_id)?, transfer.on.to_string(), transfer.to, transfer.note],
    )?;
    Ok(())
}

/// Applies a `transfer_answered` event; the transfer it answers must be in the projection.
pub(crate) fn apply_transfer_answer(conn: &Connection, answer: &TransferAnswer) -> Result<()> {
    let no = visit_no(conn, answer.visit_id)?;
    let changed = conn.execute(
        "UPDATE petition_transfers SET answered_on = ?2, answer = ?3 WHERE visit_no = ?1",
        params![no, answer.on.to_string(), answer.answer],
    )?;
    if changed == 0 {
        return Err(RegisterError::NotFound { what: "transfer of visit", id: answer.visit_id.to_string() });
    }
    Ok(())
}

/// Applies a `deadline_extended` event: one more extension after the earlier ones.
pub(crate) fn apply_extension(conn: &Connection, extension: &Extension) -> Result<()> {
    conn.execute(
        "INSERT INTO petition_extensions (visit_no, position, decided_on, complexity, reason)
         VALUES (?1, (SELECT COUNT(*) FROM petition_extensions WHERE visit_no = ?1), ?2, ?3, ?4)",
        params![
            visit_no(conn, extension.visit_id)?,
            extension.on.to_string(),
            word(&extension.complexity),
            extension.reason
        ],
    )?;
    Ok(())
}

/// Applies a `petition_resolved` event: it replaces any earlier resolution in the projection.
pub(crate) fn apply_resolution(conn: &Connection, resolution: &Resolution) -> Result<()> {
    conn.execute(
        "INSERT OR REPLACE INTO petition_resolutions
             (visit_no, resolved_on, outcome, document_no, note, figures)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            visit_no(conn, resolution.visit_id)?,
            resolution.on.to_string(),
            word(&resolution.outcome),
            resolution.document_no,
            resolution.note,
            resolution.figures.as_ref().map(to_json).transpose()?
        ],
    )?;
    Ok(())
}

impl Register {
    /// Records the decision to accept a petition for resolution (thụ lý) or not. The resolution
    /// period runs from `decision.on`, with the deadlines `decision.variant` sets.
    pub fn record_acceptance(&mut self, actor: &Actor<'_>, decision: Acceptance) -> Result<Acceptance> {
        self.permit(actor, Act::RecordAcceptance)?;
        let decision = decision.checked()?;
        let today = self.today();
        let officer = Some(actor.officer_id());
        let (tx, clock) = self.write()?;
        subject(&tx, decision.visit_id, decision.on, today)?;
        journal::append(&tx, clock, &EventBody::PetitionAccepted(decision.clone()), officer)?;
        apply_acceptance(&tx, &decision)?;
        tx.commit()?;
        Ok(decision)
    }

    /// Records that the petition was sent to the competent body `transfer.to`.
    pub fn record_transfer(&mut self, actor: &Actor<'_>, transfer: Transfer) -> Result<Transfer> {
        self.permit(actor, Act::RecordTransfer)?;
        let transfer = transfer.checked()?;
        let today = self.today();
        let officer = Some(actor.officer_id());
        let (tx, clock) = self.write()?;
        subject(&tx, transfer.visit_id, transfer.on, today)?;
        journal::append(&tx, clock, &EventBody::PetitionTransferred(transfer.clone()), officer)?;
        apply_transfer(&tx, &transfer)?;
        tx.commit()?;
        Ok(transfer)
    }

    /// Records the receiving body's answer to a recorded transfer.
    pub fn record_transfer_answer(
        &mut self,
        actor: &Actor<'_>,
        answer: TransferAnswer,
    ) -> Result<TransferAnswer> {
        self.permit(actor, Act::RecordTransferAnswer)?;
        let answer = answer.checked()?;
        let today = self.today();
        let officer = Some(actor.officer_id());
        let (tx, clock) = self.write()?;
        let s = subject(&tx, answer.visit_id, answer.on, today)?;
        if load_transfer(&tx, s.no, answer.visit_id)?.is_none() {
            return Err(FollowUpRefusal::NoTransfer { receipt_no: s.receipt_no }.into());
        }
        journal::append(&tx, clock, &EventBody::TransferAnswered(answer.clone()), officer)?;
        apply_transfer_answer(&tx, &answer)?;
        tx.commit()?;
        Ok(answer)
    }

    /// Extends the resolution period of an accepted, unresolved petition. Refused when the rules
    /// allow no (more) extension for this kind and complexity.
    pub fn record_extension(&mut self, actor: &Actor<'_>, extension: Extension) -> Result<Extension> {
        self.permit(actor, Act::RecordExtension)?;
        let extension = extension.checked()?;
        let today = self.today();
        let rules = self.deadline_rules()?;
        let calendar = self.calendar()?;
        let officer = Some(actor.officer_id());
        let (tx, clock) = self.write()?;
        let s = subject(&tx, extension.visit_id, extension.on, today)?;
        let accepted = load_acceptance(&tx, s.no, extension.visit_id)?.filter(|a| a.accepted);
        let Some(acceptance) = accepted else {
            return Err(FollowUpRefusal::NotAccepted { receipt_no: s.receipt_no }.into());
        };
        if load_resolution(&tx, s.no, extension.visit_id)?.is_some() {
            return Err(FollowUpRefusal::AlreadyResolved { receipt_no: s.receipt_no }.into());
        }
        let earlier = load_extensions(&tx, s.no, extension.visit_id)?;
        // The same counting `follow_up` uses, so a refused extension is exactly one it could not show.
        let mut variant = acceptance.variant;
        variant.complexity = extension.complexity;
        let resolve =
            deadlines::compute(&rules, &calendar, s.kind, deadlines::Step::Resolve, variant, acceptance.on)
                .map_err(FollowUpRefusal::Deadline)?;
        let mut due = resolve.due;
        for (times, _) in earlier.iter().enumerate() {
            due = deadlines::extend(&rules, &calendar, s.kind, variant, due, times as u32)
                .map_err(FollowUpRefusal::Deadline)?
                .due;
        }
        deadlines::extend(&rules, &calendar, s.kind, variant, due, earlier.len() as u32)
            .map_err(FollowUpRefusal::Deadline)?;
        journal::append(&tx, clock, &EventBody::DeadlineExtended(extension.clone()), officer)?;
        apply_extension(&tx, &extension)?;
        tx.commit()?;
        Ok(extension)
    }

    /// Records the resolution of a petition with its outcome; it closes every open deadline. Its
    /// figures (01/KQGQ) are taken for an accepted complaint only.
    pub fn record_resolution(&mut self, actor: &Actor<'_>, resolution: Resolution) -> Result<Resolution> {
        self.permit(actor, Act::RecordResolution)?;
        let resolution = resolution.checked()?;
        let today = self.today();
        let officer = Some(actor.officer_id());
        let (tx, clock) = self.write()?;
        let s = subject(&tx, resolution.visit_id, resolution.on, today)?;
        check_figures(&tx, &s, &resolution)?;
        journal::append(&tx, clock, &EventBody::PetitionResolved(resolution.clone()), officer)?;
        apply_resolution(&tx, &resolution)?;
        tx.commit()?;
        Ok(resolution)
    }
}
