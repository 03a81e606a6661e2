//! The outgoing register: the number each transfer slip, refusal notice and guidance slip carries
//! ("15/PC-UBND"), the ward's abbreviations that make its symbol, and who signs each kind.
//!
//! Invariants: a visit's document of a kind is numbered once, the first time it is printed, inside one
//! write transaction that reads the year's last number and inserts the next, so two prints never get
//! the same number; every reprint finds the row and keeps the number, the symbol and the date it was
//! issued with. Rows are only inserted (migration 0010's triggers). The abbreviations and the default
//! signers are settings of this desk; a signer in a leader's capacity must be an active leader.

use crate::access::actor::{load_officer, Actor};
use crate::error::{RegisterError, Result};
use crate::store::columns::{parse_date, parse_id, parse_utc};
use crate::Register;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use tiepdan_domain::access::Role;
use tiepdan_domain::acts::Act;
use tiepdan_domain::event::canonical_time;
use tiepdan_domain::officer::Officer;
use tiepdan_domain::outgoing::{document_number, OutgoingKind, OutgoingStyle, SignerChoice, Signers};
use tiepdan_domain::receipt::ReceiptNo;
use tiepdan_domain::validation::{FieldProblem, Problem};
use tiepdan_domain::{Invalid, OfficerId, VisitId};

/// Desk settings holding the abbreviations and the default signers (JSON).
const STYLE_SETTING: &str = "outgoing_style";
const SIGNERS_SETTING: &str = "signers";

/// One numbered document of the outgoing register.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutgoingDocument {
    pub kind: OutgoingKind,
    /// "15/PC-UBND", as printed after "Số:".
    pub number: String,
    pub year: i32,
    pub seq: u32,
    /// The date written on the document: the day its number was issued.
    pub issued_on: NaiveDate,
    pub issued_at: DateTime<Utc>,
    pub visit_id: VisitId,
    pub receipt_no: ReceiptNo,
    pub officer_id: Option<OfficerId>,
}

const COLUMNS: &str =
    "o.kind, o.seq, o.symbol, o.year, o.issued_on, o.issued_at, v.id, v.receipt_no, o.officer_id";

/// The row as read, before parsing: (kind, seq, symbol, year, issued_on, issued_at, visit, receipt, officer).
type Row = (String, u32, String, i32, String, String, String, String, Option<String>);

fn document(r: &rusqlite::Row<'_>) -> rusqlite::Result<Row> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?))
}

fn parse(row: Row) -> Result<OutgoingDocument> {
    let (kind, seq, symbol, year, issued_on, issued_at, visit, receipt, officer) = row;
    Ok(OutgoingDocument {
        kind: OutgoingKind::parse(&kind)
            .ok_or(RegisterError::Decode(format!("outgoing_documents.kind = {kind:?}")))?,
        number: document_number(seq, &symbol),
        year,
        seq,
        issued_on: parse_date("outgoing_documents.issued_on", &issued_on)?,
        issued_at: parse_utc("outgoing_documents.issued_at", &issued_at)?,
        visit_id: parse_id("visits.id", &visit)?,
        receipt_no: parse_id("visits.receipt_no", &receipt)?,
        officer_id: officer.as_deref().map(|o| parse_id("outgoing_documents.officer_id", o)).transpose()?,
    })
}

fn find(conn: &Connection, visit: VisitId, kind: OutgoingKind) -> Result<Option<OutgoingDocument>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM outgoing_documents o JOIN visits v ON v.no = o.visit_no
         WHERE v.id = ?1 AND o.kind = ?2"
    );
    let row = conn
        .prepare_cached(&sql)?
        .query_row(params![visit.to_string(), kind.as_str()], document)
        .optional()?;
    row.map(parse).transpose()
}

fn setting<T: serde::de::DeserializeOwned>(conn: &Connection, key: &str) -> Result<Option<T>> {
    let text: Option<String> = conn
        .prepare_cached("SELECT value FROM desk_settings WHERE key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?;
    text.map(|t| {
        serde_json::from_str(&t).map_err(|e| RegisterError::Decode(format!("desk_settings.{key}: {e}")))
    })
    .transpose()
}

fn store_setting<T: Serialize>(conn: &Connection, key: &str, value: &T) -> Result<()> {
    let text = serde_json::to_string(value).map_err(|e| RegisterError::Decode(format!("{key}: {e}")))?;
    conn.execute(
        "INSERT INTO desk_settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = ?2",
        params![key, text],
    )?;
    Ok(())
}

impl Register {
    /// The ward's abbreviations ("UBND", "PC", "TB", "HD" until changed).
    pub fn outgoing_style(&self) -> Result<OutgoingStyle> {
        Ok(setting(&self.conn, STYLE_SETTING)?.unwrap_or_default())
    }

    /// Changes the abbreviations of documents numbered from now on; numbers already issued keep theirs.
    pub fn set_outgoing_style(&mut self, actor: &Actor<'_>, style: OutgoingStyle) -> Result<OutgoingStyle> {
        self.permit(actor, Act::ConfigureOutgoing)?;
        let style = style.checked()?;
        store_setting(&self.conn, STYLE_SETTING, &style)?;
        Ok(style)
    }

    /// Who signs each kind by default.
    pub fn signers(&self) -> Result<Signers> {
        Ok(setting(&self.conn, SIGNERS_SETTING)?.unwrap_or_default())
    }

    /// Chooses who signs `kind` by default; refused (nothing changed) when the signer may not sign so.
    pub fn set_signer(
        &mut self,
        actor: &Actor<'_>,
        kind: OutgoingKind,
        choice: SignerChoice,
    ) -> Result<Signers> {
        self.permit(actor, Act::ConfigureOutgoing)?;
        self.signing_officer(choice)?;
        let mut signers = self.signers()?;
        signers.set(kind, choice);
        store_setting(&self.conn, SIGNERS_SETTING, &signers)?;
        Ok(signers)
    }

    /// The officer a choice names, checked: an active officer, and a leader for a leader's capacity.
    /// `None` when the choice names nobody (the name is left blank for a hand signature).
    pub fn signing_officer(&self, choice: SignerChoice) -> Result<Option<Officer>> {
        let Some(id) = choice.officer_id.filter(|_| choice.capacity.needs_leader()) else {
            return Ok(None);
        };
        let officer = load_officer(&self.conn, id)?;
        let refused = |message: &str| -> Result<Option<Officer>> {
            let problem = FieldProblem {
                field: "signer".into(),
                problem: Problem::BadFormat { expected: "lãnh đạo đang làm việc".into() },
                message: message.into(),
            };
            Err(Invalid { problems: vec![problem] }.into())
        };
        if !officer.active {
            return refused(&format!("{} đã thôi làm việc, không ký văn bản được.", officer.full_name));
        }
        if !officer.has_role(Role::Leader) {
            return refused(&format!(
                "{} không phải lãnh đạo: văn bản ký thay mặt Ủy ban do lãnh đạo ký.",
                officer.full_name
            ));
        }
        Ok(Some(officer))
    }

    /// The number a visit's document of `kind` was issued with, if it was printed already.
    pub fn issued_number(&self, visit: VisitId, kind: OutgoingKind) -> Result<Option<OutgoingDocument>> {
        find(&self.conn, visit, kind)
    }

    /// The number of a visit's document of `kind`: the one it was issued with, or the next of this
    /// year's series, issued now by `actor` (who must be allowed to print).
    pub fn issue_number(
        &mut self,
        actor: &Actor<'_>,
        visit: VisitId,
        kind: OutgoingKind,
    ) -> Result<OutgoingDocument> {
        self.permit(actor, Act::PrintForm)?;
        let symbol = self.outgoing_style()?.symbol(kind);
        let (tx, clock) = self.write()?;
        if let Some(issued) = find(&tx, visit, kind)? {
            return Ok(issued);
        }
        let now = clock.now();
        let today = clock.today();
        let no: i64 = tx
            .prepare_cached("SELECT no FROM visits WHERE id = ?1")?
            .query_row([visit.to_string()], |r| r.get(0))
            .optional()?
            .ok_or(RegisterError::NotFound { what: "visit", id: visit.to_string() })?;
        let last: u32 = tx.query_row(
            "SELECT COALESCE(MAX(seq), 0) FROM outgoing_documents WHERE year = ?1 AND kind = ?2",
            params![today.year(), kind.as_str()],
            |r| r.get(0),
        )?;
        tx.execute(
            "INSERT INTO outgoing_documents (year, kind, seq, symbol, visit_no, issued_on, issued_at, officer_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                today.year(),
                kind.as_str(),
                last + 1,
                symbol,
                no,
                today.to_string(),
                canonical_time(&now),
                actor.officer_id().to_string()
            ],
        )?;
        let issued = find(&tx, visit, kind)?
            .ok_or(RegisterError::Decode("outgoing_documents: the number just issued is missing".into()))?;
        tx.commit()?;
        Ok(issued)
    }

    /// The year's outgoing register, in the order the numbers were issued.
    pub fn issued_documents(&self, actor: &Actor<'_>, year: i32) -> Result<Vec<OutgoingDocument>> {
        self.permit(actor, Act::ReadRegister)?;
        let sql = format!(
            "SELECT {COLUMNS} FROM outgoing_documents o JOIN visits v ON v.no = o.visit_no
             WHERE o.year = ?1 ORDER BY o.issued_at, o.rowid"
        );
        let rows = self
            .conn
            .prepare_cached(&sql)?
            .query_map([year], document)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows.into_iter().map(parse).collect()
    }
}
