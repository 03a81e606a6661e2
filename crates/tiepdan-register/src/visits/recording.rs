//! Recording, amending and cancelling visits: each is one transaction that checks the input, builds
//! the journal event, appends it, and applies it to the projection tables (visits, visitors,
//! petitions, documents, the search index) with [`apply_recorded`], [`apply_amended`] or
//! [`apply_cancelled`] — the same functions that apply events taken back from the district
//! (`import`), so a replayed event and a live one can never write different rows.
//!
//! Receipt numbers are assigned inside that transaction: the next number for this desk, stream epoch
//! and reception year (the year of `received_at` in Vietnam, UTC+7). Because the register has one
//! writer (see `lock`) and the visits table has a unique key on (desk, epoch, year, number), a number
//! can never be handed out twice, even after a crash between two registrations.

use crate::access::actor::{load_officer, Actor};
use crate::error::{RegisterError, Result};
use crate::store::columns::{opt_word, time_text, word};
use crate::visits::{history, reception_calendar, search, visit_rows};
use crate::{journal, Register};
use chrono::Datelike;
use rusqlite::{params, Connection};
use tiepdan_domain::acts::Act;
use tiepdan_domain::clock::vietnam_offset;
use tiepdan_domain::event::EventBody;
use tiepdan_domain::receipt::{ReceiptNo, Series};
use tiepdan_domain::text::{char_len, fold, one_line};
use tiepdan_domain::validation::{FieldProblem, Problem};
use tiepdan_domain::visit::{Visit, VisitDetails, VisitDraft, VisitStatus};
use tiepdan_domain::{Invalid, OfficerId, StreamId, VisitId};

/// Longest reason accepted for an amendment or a cancellation.
pub const MAX_REASON: usize = tiepdan_domain::petition::MAX_TEXT;

fn checked_reason(reason: &str) -> Result<String> {
    let reason = one_line(reason);
    let problem = if reason.is_empty() {
        Some(Problem::Required)
    } else if char_len(&reason) > MAX_REASON {
        Some(Problem::TooLong { max: MAX_REASON })
    } else {
        None
    };
    match problem {
        Some(p) => Err(Invalid { problems: vec![FieldProblem::new("reason", p)] }.into()),
        None => Ok(reason),
    }
}

fn check_officer(conn: &Connection, officer: Option<OfficerId>) -> Result<()> {
    if let Some(id) = officer {
        load_officer(conn, id)?;
    }
    Ok(())
}

/// The day of reception in Vietnam, `YYYY-MM-DD`: what the register book and `visits_on` go by.
fn reception_day(d: &VisitDetails) -> String {
    d.received_at.with_timezone(&vietnam_offset()).date_naive().to_string()
}

/// Writes the columns of `visits` that come from the details.
fn update_details(conn: &Connection, no: i64, d: &VisitDetails) -> Result<()> {
    conn.prepare_cached(
        "UPDATE visits SET received_at = ?2, received_on = ?3, reception = ?4, visitor_kind = ?5,
             people_count = ?6, organisation = ?7, summary = ?8, refusal_ground = ?9, refusal_detail = ?10,
             officer_id = ?11, notes = ?12
         WHERE no = ?1",
    )?
    .execute(params![
        no,
        time_text(&d.received_at),
        reception_day(d),
        word(&d.reception),
        word(&d.visitor_kind),
        d.people_count,
        d.organisation,
        d.summary,
        d.refusal.as_ref().map(|r| word(&r.ground)),
        d.refusal.as_ref().map(|r| r.detail.clone()),
        d.officer_id.map(|o| o.to_string()),
        d.notes,
    ])?;
    update_source(conn, no, d)
}

/// Writes the columns of `visits` that say where the record came from (source, letter, session,
/// online link). The series of its number never changes: it is the record's from the start.
fn update_source(conn: &Connection, no: i64, d: &VisitDetails) -> Result<()> {
    conn.prepare_cached(
        "UPDATE visits SET source = ?2, from_body = ?3, letter_no = ?4, letter_date = ?5, session_id = ?6,
             online_site = ?7, recording_ref = ?8
         WHERE no = ?1",
    )?
    .execute(params![
        no,
        d.source.word(),
        d.from_body,
        d.letter_no,
        d.letter_date.map(|d| d.to_string()),
        d.session_id.map(|s| s.to_string()),
        d.online_site,
        d.recording_ref,
    ])?;
    Ok(())
}

/// The series a record is numbered in: visits, or petitions received without one.
pub(crate) fn series_of(d: &VisitDetails) -> Series {
    if d.source.is_desk() {
        Series::Visit
    } else {
        Series::Petition
    }
}

/// Writes the child rows of a visit (visitors, petition, documents). Callers remove old ones first.
fn insert_children(conn: &Connection, no: i64, d: &VisitDetails) -> Result<()> {
    let mut visitor = conn.prepare_cached(
        "INSERT INTO visitors (visit_no, position, full_name, full_name_folded, id_kind, id_number,
             id_issued_on, id_issued_by, birth_year, sex, address, phone, sealed)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?;
    for (i, v) in d.visitors.iter().enumerate() {
        visitor.execute(params![
            no,
            i as i64,
            v.full_name,
            fold(&v.full_name),
            opt_word(&v.id_kind),
            v.id_number,
            v.id_issued_on.map(|d| d.to_string()),
            v.id_issued_by,
            v.birth_year,
            opt_word(&v.sex),
            v.address,
            v.phone,
            v.sealed.as_ref().map(|s| s.as_str()),
        ])?;
    }
    if let Some(p) = &d.petition {
        conn.prepare_cached(
            "INSERT INTO petitions (visit_no, kind, field, anonymous, signatories, previous_handler,
                 previous_result, stage, eligible, ineligible_reason, handling, transfer_to, guidance,
                 competent, processed_on)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        )?
        .execute(params![
            no,
            word(&p.kind),
            word(&p.field),
            p.anonymous,
            p.signatories,
            p.previous_handler,
            p.previous_result,
            word(&p.stage),
            p.eligible,
            p.ineligible_reason,
            opt_word(&p.handling),
            p.transfer_to,
            p.guidance,
            p.competent,
            p.processed_on.map(|d| d.to_string()),
        ])?;
    }
    let mut document = conn.prepare_cached(
        "INSERT INTO documents (visit_no, position, title, original, pages) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (i, doc) in d.documents.iter().enumerate() {
        document.execute(params![no, i as i64, doc.title, doc.original, doc.pages])?;
    }
    Ok(())
}

fn delete_children(conn: &Connection, no: i64) -> Result<()> {
    for table in ["visitors", "petitions", "documents"] {
        conn.execute(&format!("DELETE FROM {table} WHERE visit_no = ?1"), [no])?;
    }
    Ok(())
}

/// Applies a `visit_recorded` event of `stream`: the visit row, its children and its search entry.
/// The receipt number is the event's own (desk, epoch and number are read from it).
pub(crate) fn apply_recorded(conn: &Connection, stream: StreamId, visit: &Visit) -> Result<()> {
    let d = &visit.details;
    let r = &visit.receipt_no;
    conn.prepare_cached(
        "INSERT INTO visits (id, receipt_no, desk, epoch, receipt_year, receipt_number, stream, status,
             received_at, received_on, reception, visitor_kind, people_count, organisation, summary,
             refusal_ground, refusal_detail, officer_id, notes, series)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)",
    )?
    .execute(params![
        visit.id.to_string(),
        r.to_string(),
        r.desk.to_string(),
        r.epoch,
        r.year,
        r.number,
        stream.to_string(),
        word(&visit.status),
        time_text(&d.received_at),
        reception_day(d),
        word(&d.reception),
        word(&d.visitor_kind),
        d.people_count,
        d.organisation,
        d.summary,
        d.refusal.as_ref().map(|r| word(&r.ground)),
        d.refusal.as_ref().map(|r| r.detail.clone()),
        d.officer_id.map(|o| o.to_string()),
        d.notes,
        r.series.word(),
    ])?;
    let no = conn.last_insert_rowid();
    update_source(conn, no, d)?;
    insert_children(conn, no, d)?;
    search::index_visit(conn, no, visit, false)
}

/// Applies a `visit_amended` event: the details replace the visit's, children and search entry too.
pub(crate) fn apply_amended(conn: &Connection, id: VisitId, details: &VisitDetails) -> Result<Visit> {
    let (no, old) = visit_rows::visit_with_no(conn, id)?;
    let visit = Visit { details: details.clone(), ..old };
    update_details(conn, no, &visit.details)?;
    delete_children(conn, no)?;
    insert_children(conn, no, &visit.details)?;
    search::index_visit(conn, no, &visit, true)?;
    Ok(visit)
}

/// Applies a `visit_cancelled` event: the visit stays, marked cancelled with the reason.
pub(crate) fn apply_cancelled(conn: &Connection, id: VisitId, reason: &str) -> Result<()> {
    let changed = conn.execute(
        "UPDATE visits SET status = 'cancelled', cancel_reason = ?2 WHERE id = ?1",
        params![id.to_string(), reason],
    )?;
    if changed == 0 {
        return Err(RegisterError::NotFound { what: "visit", id: id.to_string() });
    }
    Ok(())
}

impl Register {
    /// Registers a visit for `actor`: checks the draft, assigns the receipt number, stores it and
    /// journals it, all in one transaction. Invalid input changes nothing. A draft naming no
    /// receiving officer is received by the actor. A signed-in session remembers the denouncers'
    /// identities it typed, for the slips handed to them (`typed`).
    pub fn record_visit(&mut self, actor: &Actor<'_>, draft: VisitDraft) -> Result<Visit> {
        self.permit(actor, Act::RecordVisit)?;
        self.record(actor, draft)
    }

    /// The recording both a visit and a petition received without one go through (the caller has
    /// checked the actor's permission for its act).
    pub(crate) fn record(&mut self, actor: &Actor<'_>, draft: VisitDraft) -> Result<Visit> {
        let ward = self.require_ward()?;
        let by = actor.officer_id();
        let mut details = draft.complete(&*self.clock, Some(by))?;
        reception_calendar::join_session(&self.conn, &mut details)?;
        let id = VisitId::new();
        let sealed_now = self.seal_new_visit(id, &mut details)?;
        let (tx, clock) = self.write()?;
        check_officer(&tx, details.officer_id)?;
        let head = journal::open_head(&tx)?;
        let year = details.received_at.with_timezone(&vietnam_offset()).year();
        let desk = ward.desk.to_string();
        // `+?N`, not `?N`: with a bare `column = ?N` the query planner ties its plan to the bound
        // value (it treats 0 and 1 specially), and since the statement cache clears bindings after
        // each use SQLite then re-prepares this statement on every registration (7 % of its
        // instructions, with the journal head's query). A unary plus keeps the same index search.
        let series = series_of(&details);
        let number: u32 = tx
            .prepare_cached(
                "SELECT COALESCE(MAX(receipt_number), 0) + 1 FROM visits
             WHERE series = +?4 AND desk = +?1 AND epoch = +?2 AND receipt_year = +?3",
            )?
            .query_row(params![desk, head.epoch, year, series.word()], |r| r.get(0))?;
        let receipt_no = ReceiptNo { series, number, year, desk: ward.desk, epoch: head.epoch };
        let visit = Visit { id, receipt_no, status: VisitStatus::Active, details };
        journal::append_to(&tx, clock, &head, &EventBody::VisitRecorded(visit.clone()), Some(by))?;
        apply_recorded(&tx, head.stream, &visit)?;
        tx.commit()?;
        self.remember_typed(actor, &visit, sealed_now);
        Ok(visit)
    }

    /// Corrects a visit for `actor`: the draft becomes its details, the old ones stay in its history.
    /// The receipt number never changes.
    pub fn amend_visit(
        &mut self,
        actor: &Actor<'_>,
        id: VisitId,
        mut draft: VisitDraft,
        reason: &str,
    ) -> Result<Visit> {
        self.permit(actor, Act::AmendVisit)?;
        let reason = checked_reason(reason);
        let (_, old) = visit_rows::visit_with_no(&self.conn, id)?;
        if old.status == VisitStatus::Cancelled {
            return Err(RegisterError::VisitCancelled { receipt_no: old.receipt_no.to_string() });
        }
        draft.received_at = draft.received_at.or(Some(old.details.received_at));
        // The source decides the number's series, which a record keeps for life.
        draft.source = old.details.source;
        let (mut details, reason) = match (draft.complete(&*self.clock, old.details.officer_id), reason) {
            (Ok(details), Ok(reason)) => (details, reason),
            // Report every problem at once, the draft's and the reason's.
            (Err(mut problems), Err(RegisterError::Invalid(more))) => {
                problems.problems.extend(more.problems);
                return Err(problems.into());
            }
            (Err(problems), _) => return Err(problems.into()),
            (_, Err(e)) => return Err(e),
        };
        if details.session_id != old.details.session_id {
            reception_calendar::join_session(&self.conn, &mut details)?;
        } else if details.session_id.is_some() {
            details.reception = old.details.reception;
        }
        let sealed_now =
            self.seal_amendment(&old, &mut details, || history::ever_protected(&self.conn, id))?;
        let (tx, clock) = self.write()?;
        check_officer(&tx, details.officer_id)?;
        let body = EventBody::VisitAmended { visit_id: id, details: details.clone(), reason };
        journal::append(&tx, clock, &body, Some(actor.officer_id()))?;
        let visit = apply_amended(&tx, id, &details)?;
        tx.commit()?;
        self.remember_typed(actor, &visit, sealed_now);
        Ok(visit)
    }

    /// Cancels a visit with its reason, for `actor`. It stays in the register, marked cancelled, with
    /// its number.
    pub fn cancel_visit(&mut self, actor: &Actor<'_>, id: VisitId, reason: &str) -> Result<Visit> {
        self.permit(actor, Act::CancelVisit)?;
        let reason = checked_reason(reason)?;
        let (_, mut visit) = visit_rows::visit_with_no(&self.conn, id)?;
        if visit.status == VisitStatus::Cancelled {
            return Err(RegisterError::VisitCancelled { receipt_no: visit.receipt_no.to_string() });
        }
        let (tx, clock) = self.write()?;
        journal::append(
            &tx,
            clock,
            &EventBody::VisitCancelled { visit_id: id, reason: reason.clone() },
            Some(actor.officer_id()),
        )?;
        apply_cancelled(&tx, id, &reason)?;
        tx.commit()?;
        visit.status = VisitStatus::Cancelled;
        Ok(visit)
    }
}
