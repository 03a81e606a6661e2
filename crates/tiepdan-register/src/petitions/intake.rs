//! Petitions received without a visit (by post, at the one-stop office, transferred in, forwarded
//! by an elected body, online): registering one, processing it, and the list the "Đơn thư" screen
//! and `tiepdan petition list` show.
//!
//! A received petition is a row of `visits` like any visit ([`tiepdan_domain::intake`]), recorded by
//! the same path (`recording`), so numbering (its own `ĐT-` series), sealing a denouncer, search,
//! the due list, amendment with history, printing and sync treat it exactly as a visit's petition.
//! Processing is its own event ([`Processing`]), applied to the petition's row: it carries no
//! identity, so it travels upstream as it is.

use crate::access::actor::Actor;
use crate::error::{RegisterError, Result};
use crate::petitions::follow_up::names_of;
use crate::store::columns::{from_opt_word, from_word, opt_word, parse_date, parse_id};
use crate::{journal, visits::visit_rows, Register};
use chrono::NaiveDate;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use tiepdan_domain::acts::Act;
use tiepdan_domain::clock::vietnam_offset;
use tiepdan_domain::event::EventBody;
use tiepdan_domain::intake::{PetitionDraft, PetitionSource};
use tiepdan_domain::petition::{Handling, PetitionKind};
use tiepdan_domain::processing::Processing;
use tiepdan_domain::validation::{FieldProblem, Problem};
use tiepdan_domain::visit::{Visit, VisitStatus};
use tiepdan_domain::{Invalid, VisitId};

/// Which petitions a list shows by their processing.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProcessingState {
    /// No handling decided yet (chưa xử lý).
    Unprocessed,
    /// A handling was decided (đã xử lý).
    Processed,
}

/// What the petition list is asked for; every part is optional.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PetitionQuery {
    /// One source; `None` lists every source, the desk's petitions included.
    #[serde(default)]
    pub source: Option<PetitionSource>,
    #[serde(default)]
    pub state: Option<ProcessingState>,
    #[serde(default)]
    pub from: Option<NaiveDate>,
    #[serde(default)]
    pub to: Option<NaiveDate>,
}

/// One petition as the list shows it. Names of sealed senders are masked.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PetitionEntry {
    pub visit_id: VisitId,
    pub receipt_no: String,
    pub source: PetitionSource,
    pub source_vi: String,
    pub received_on: NaiveDate,
    pub from_body: Option<String>,
    pub letter_no: Option<String>,
    pub letter_date: Option<NaiveDate>,
    pub names: Vec<String>,
    pub summary: String,
    pub kind: PetitionKind,
    pub kind_vi: String,
    pub anonymous: bool,
    pub handling: Option<Handling>,
    pub handling_vi: Option<String>,
    pub transfer_to: Option<String>,
    pub processed_on: Option<NaiveDate>,
    pub cancelled: bool,
}

/// Applies a `petition_processed` event to the petition's row.
pub(crate) fn apply_processing(conn: &Connection, p: &Processing) -> Result<()> {
    let changed = conn
        .prepare_cached(
            "UPDATE petitions SET eligible = ?2, ineligible_reason = ?3, competent = ?4, handling = ?5,
                 transfer_to = ?6, guidance = ?7, processed_on = ?8
             WHERE visit_no = (SELECT no FROM visits WHERE id = ?1)",
        )?
        .execute(params![
            p.visit_id.to_string(),
            p.eligible,
            p.ineligible_reason,
            p.competent,
            opt_word(&Some(p.handling)),
            p.transfer_to,
            p.guidance,
            p.processed_on.to_string(),
        ])?;
    if changed == 0 {
        return Err(RegisterError::NotFound { what: "petition", id: p.visit_id.to_string() });
    }
    Ok(())
}

fn not_processable(reason: &str) -> RegisterError {
    Invalid {
        problems: vec![FieldProblem::new("visit_id", Problem::NotProcessable { reason: reason.into() })],
    }
    .into()
}

impl Register {
    /// Registers a petition received without a visit, for `actor`: it is checked by the rules of
    /// its source, numbered in the petitions' series and journalled as a recorded visit, in one
    /// transaction. A denunciation's named sender is sealed as a denouncer met at the desk.
    pub fn receive_petition(&mut self, actor: &Actor<'_>, draft: PetitionDraft) -> Result<Visit> {
        self.permit(actor, Act::ReceivePetition)?;
        if draft.source.is_desk() {
            // A petition handed in by a citizen who came is part of that visit, with its details.
            let source = "đơn nhận khi tiếp công dân trực tiếp (ghi ở màn hình Tiếp công dân)".to_string();
            let problem = FieldProblem::new("source", Problem::NotForSource { source });
            return Err(Invalid { problems: vec![problem] }.into());
        }
        let now = self.clock.now().with_timezone(&vietnam_offset());
        self.record(actor, draft.into_visit_draft(now))
    }

    /// Records the processing of a petition (eligibility, competence, handling, day), for `actor`.
    /// It replaces earlier processing in the register; the journal keeps every decision.
    pub fn process_petition(&mut self, actor: &Actor<'_>, processing: Processing) -> Result<Visit> {
        self.permit(actor, Act::ProcessPetition)?;
        let (_, visit) = visit_rows::visit_with_no(&self.conn, processing.visit_id)?;
        if visit.status == VisitStatus::Cancelled {
            return Err(not_processable(&format!("{} đã bị hủy", visit.receipt_no)));
        }
        let Some(petition) = &visit.details.petition else {
            return Err(not_processable(&format!("{} không có đơn", visit.receipt_no)));
        };
        let received_on = visit.details.received_at.with_timezone(&vietnam_offset()).date_naive();
        let today = self.clock.now().with_timezone(&vietnam_offset()).date_naive();
        let processing = processing.checked(petition, received_on, today)?;
        let (tx, clock) = self.write()?;
        journal::append(
            &tx,
            clock,
            &EventBody::PetitionProcessed(processing.clone()),
            Some(actor.officer_id()),
        )?;
        apply_processing(&tx, &processing)?;
        tx.commit()?;
        visit_rows::visit_with_no(&self.conn, processing.visit_id).map(|(_, v)| v)
    }

    /// The petitions matching `query`, newest first, for `actor`. Sealed senders are masked.
    pub fn petitions(&self, actor: &Actor<'_>, query: &PetitionQuery) -> Result<Vec<PetitionEntry>> {
        self.permit(actor, Act::ReadRegister)?;
        let from = query.from.map_or_else(|| "0000-01-01".to_string(), |d| d.to_string());
        let to = query.to.map_or_else(|| "9999-12-31".to_string(), |d| d.to_string());
        let state = query.state.map(|s| match s {
            ProcessingState::Unprocessed => 0,
            ProcessingState::Processed => 1,
        });
        let mut stmt = self.conn.prepare_cached(
            "SELECT v.no, v.id, v.receipt_no, v.source, v.received_on, v.from_body, v.letter_no, v.letter_date,
                    v.summary, p.kind, p.anonymous, p.handling, p.transfer_to, p.processed_on, v.status
               FROM visits v JOIN petitions p ON p.visit_no = v.no
              WHERE v.received_on BETWEEN ?1 AND ?2
                AND (?3 IS NULL OR v.source = ?3)
                AND (?4 IS NULL OR (p.handling IS NOT NULL) = ?4)
              ORDER BY v.received_on DESC, v.no DESC",
        )?;
        let mut rows = stmt.query(params![from, to, query.source.map(|s| s.word()), state])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let source: PetitionSource = from_word("source", &r.get::<_, String>(3)?)?;
            let kind: PetitionKind = from_word("kind", &r.get::<_, String>(9)?)?;
            let handling: Option<Handling> = from_opt_word("handling", r.get(11)?)?;
            out.push(PetitionEntry {
                visit_id: parse_id("visits.id", &r.get::<_, String>(1)?)?,
                receipt_no: r.get(2)?,
                source,
                source_vi: source.label_vi().to_string(),
                received_on: parse_date("received_on", &r.get::<_, String>(4)?)?,
                from_body: r.get(5)?,
                letter_no: r.get(6)?,
                letter_date: r
                    .get::<_, Option<String>>(7)?
                    .map(|d| parse_date("letter_date", &d))
                    .transpose()?,
                names: names_of(&self.conn, r.get(0)?)?,
                summary: r.get(8)?,
                kind,
                kind_vi: kind.label_vi().to_string(),
                anonymous: r.get(10)?,
                handling,
                handling_vi: handling.map(|h| h.label_vi().to_string()),
                transfer_to: r.get(12)?,
                processed_on: r
                    .get::<_, Option<String>>(13)?
                    .map(|d| parse_date("processed_on", &d))
                    .transpose()?,
                cancelled: r.get::<_, String>(14)? == "cancelled",
            });
        }
        Ok(out)
    }
}
