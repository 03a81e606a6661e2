//! Reading visits back from the projection tables into domain types (a visit's history, read from
//! the journal, is in `history`). SQL rows never leave this crate.

use crate::access::actor::Actor;
use crate::error::{RegisterError, Result};
use crate::store::columns::{from_opt_word, from_word, parse_date, parse_id, parse_time};
use crate::visits::history::HistoryEntry;
use crate::Register;
use chrono::NaiveDate;
use rusqlite::{params, Connection, Row};
use tiepdan_domain::acts::Act;
use tiepdan_domain::petition::{Document, Petition, Refusal};
use tiepdan_domain::receipt::ReceiptNo;
use tiepdan_domain::visit::{SealedIdentity, Visit, VisitDetails, Visitor};
use tiepdan_domain::VisitId;

const VISIT_COLUMNS: &str = "no, id, receipt_no, status, received_at, reception, visitor_kind, people_count,
    organisation, summary, refusal_ground, refusal_detail, officer_id, notes, source, from_body, letter_no,
    letter_date, session_id, online_site, recording_ref";

fn visit_from_row(conn: &Connection, r: &Row<'_>) -> Result<(i64, Visit)> {
    let no: i64 = r.get(0)?;
    let text = |i: usize| r.get::<_, String>(i);
    let receipt: String = text(2)?;
    let refusal = match r.get::<_, Option<String>>(10)? {
        Some(ground) => Some(Refusal { ground: from_word("refusal_ground", &ground)?, detail: r.get(11)? }),
        None => None,
    };
    let officer: Option<String> = r.get(12)?;
    let details = VisitDetails {
        received_at: parse_time("received_at", &text(4)?)?,
        reception: from_word("reception", &text(5)?)?,
        visitor_kind: from_word("visitor_kind", &text(6)?)?,
        people_count: r.get(7)?,
        organisation: r.get(8)?,
        visitors: visitors_of(conn, no)?,
        summary: text(9)?,
        petition: petition_of(conn, no)?,
        documents: documents_of(conn, no)?,
        refusal,
        officer_id: officer.map(|o| parse_id("officer_id", &o)).transpose()?,
        notes: text(13)?,
        source: from_word("source", &text(14)?)?,
        from_body: r.get(15)?,
        letter_no: r.get(16)?,
        letter_date: r.get::<_, Option<String>>(17)?.map(|d| parse_date("letter_date", &d)).transpose()?,
        session_id: r.get::<_, Option<String>>(18)?.map(|s| parse_id("session_id", &s)).transpose()?,
        online_site: r.get(19)?,
        recording_ref: r.get(20)?,
    };
    let visit = Visit {
        id: parse_id("visits.id", &text(1)?)?,
        receipt_no: receipt
            .parse::<ReceiptNo>()
            .map_err(|e| RegisterError::Decode(format!("receipt_no: {e}")))?,
        status: from_word("status", &text(3)?)?,
        details,
    };
    Ok((no, visit))
}

fn visitors_of(conn: &Connection, no: i64) -> Result<Vec<Visitor>> {
    let mut stmt = conn.prepare_cached(
        "SELECT full_name, id_kind, id_number, id_issued_on, id_issued_by, birth_year, sex, address, phone,
             sealed
         FROM visitors WHERE visit_no = ?1 ORDER BY position",
    )?;
    let mut rows = stmt.query([no])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(visitor_from_row(r, 0)?);
    }
    Ok(out)
}

/// A visitor from ten columns starting at `at`: full_name, id_kind, id_number, id_issued_on,
/// id_issued_by, birth_year, sex, address, phone, sealed.
pub(crate) fn visitor_from_row(r: &Row<'_>, at: usize) -> Result<Visitor> {
    let issued: Option<String> = r.get(at + 3)?;
    Ok(Visitor {
        full_name: r.get(at)?,
        id_kind: from_opt_word("id_kind", r.get(at + 1)?)?,
        id_number: r.get(at + 2)?,
        id_issued_on: issued.map(|d| parse_date("id_issued_on", &d)).transpose()?,
        id_issued_by: r.get(at + 4)?,
        birth_year: r.get(at + 5)?,
        sex: from_opt_word("sex", r.get(at + 6)?)?,
        address: r.get(at + 7)?,
        phone: r.get(at + 8)?,
        sealed: r.get::<_, Option<String>>(at + 9)?.map(SealedIdentity::new),
    })
}

fn petition_of(conn: &Connection, no: i64) -> Result<Option<Petition>> {
    let mut stmt = conn.prepare_cached(
        "SELECT kind, field, anonymous, signatories, previous_handler, previous_result, stage, eligible,
             ineligible_reason, handling, transfer_to, guidance, competent, processed_on
         FROM petitions WHERE visit_no = ?1",
    )?;
    let mut rows = stmt.query([no])?;
    let Some(r) = rows.next()? else { return Ok(None) };
    Ok(Some(Petition {
        kind: from_word("kind", &r.get::<_, String>(0)?)?,
        field: from_word("field", &r.get::<_, String>(1)?)?,
        anonymous: r.get(2)?,
        signatories: r.get(3)?,
        previous_handler: r.get(4)?,
        previous_result: r.get(5)?,
        stage: from_word("stage", &r.get::<_, String>(6)?)?,
        eligible: r.get(7)?,
        ineligible_reason: r.get(8)?,
        handling: from_opt_word("handling", r.get(9)?)?,
        transfer_to: r.get(10)?,
        guidance: r.get(11)?,
        competent: r.get(12)?,
        processed_on: r.get::<_, Option<String>>(13)?.map(|d| parse_date("processed_on", &d)).transpose()?,
    }))
}

fn documents_of(conn: &Connection, no: i64) -> Result<Vec<Document>> {
    let mut stmt = conn.prepare_cached(
        "SELECT title, original, pages FROM documents WHERE visit_no = ?1 ORDER BY position",
    )?;
    let rows =
        stmt.query_map([no], |r| Ok(Document { title: r.get(0)?, original: r.get(1)?, pages: r.get(2)? }))?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

fn one_visit(conn: &Connection, condition: &str, key: &str, what: &'static str) -> Result<(i64, Visit)> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {VISIT_COLUMNS} FROM visits WHERE {condition}"))?;
    let mut rows = stmt.query([key])?;
    match rows.next()? {
        Some(r) => visit_from_row(conn, r),
        None => Err(RegisterError::NotFound { what, id: key.to_string() }),
    }
}

pub(crate) fn visit_with_no(conn: &Connection, id: VisitId) -> Result<(i64, Visit)> {
    one_visit(conn, "id = ?1", &id.to_string(), "visit")
}

impl Register {
    /// One visit as stored (sealed identities masked), read for `actor`.
    pub fn read_visit(&self, actor: &Actor<'_>, id: VisitId) -> Result<Visit> {
        self.permit(actor, Act::ReadRegister)?;
        self.visit(id)
    }

    pub fn visit(&self, id: VisitId) -> Result<Visit> {
        visit_with_no(&self.conn, id).map(|(_, v)| v)
    }

    pub fn visit_by_receipt(&self, receipt: &ReceiptNo) -> Result<Visit> {
        one_visit(&self.conn, "receipt_no = ?1", &receipt.to_string(), "receipt").map(|(_, v)| v)
    }

    /// Visits received between two dates (in Vietnam, UTC+7), both included, in register order.
    /// Cancelled visits are included: the register book shows them, marked.
    pub fn visits_on(&self, actor: &Actor<'_>, from: NaiveDate, to: NaiveDate) -> Result<Vec<Visit>> {
        self.permit(actor, Act::ReadRegister)?;
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {VISIT_COLUMNS} FROM visits WHERE received_on BETWEEN ?1 AND ?2 ORDER BY no"
        ))?;
        let mut rows = stmt.query(params![from.to_string(), to.to_string()])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(visit_from_row(&self.conn, r)?.1);
        }
        Ok(out)
    }

    /// A visit and its history as someone opens it to read, put in the access audit
    /// (`opened_visit`) before they are returned: naming `session`'s officer, or, with none (a
    /// command line), whom the register's audit source names.
    pub fn open_visit(&mut self, actor: &Actor<'_>, id: VisitId) -> Result<(Visit, Vec<HistoryEntry>)> {
        self.permit(actor, Act::OpenVisit)?;
        let visit = self.visit(id)?;
        let history = self.history(id)?;
        let officer = Some(actor.officer_id());
        let record = crate::AccessRecord::new(officer, tiepdan_domain::access::AccessAction::OpenedVisit);
        self.record_access(record.visit(id))?;
        Ok((visit, history))
    }
}
