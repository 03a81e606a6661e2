//! Opening balances ("kỳ trước chuyển sang" declared once): a ward that starts using the register
//! mid-year declares, per form, the balances of the form's carried-over columns on the first day
//! the register covers (`reports.md`, "Legal frame and periods"). Later periods carry over by
//! computation.
//!
//! The register is a legal record, so a declaration is a journal event (`opening_declared`) and a
//! second declaration of the same form is refused; a mistaken one is corrected by a new event
//! (`opening_corrected`, with its reason) that replaces it in `report_openings` while the journal
//! keeps both. Both are checked by [`Opening::checked`]: only the form's `opening` columns, and no
//! balance that breaks the form's equations on its own. Declaring is a leader's act
//! (`Act::DeclareOpening`); the events carry counts only, so they travel upstream as they are.

use crate::access::actor::Actor;
use crate::error::{RegisterError, Result};
use crate::store::columns::{from_word, word};
use crate::{journal, Register};
use rusqlite::{params, Connection, OptionalExtension};
use tiepdan_domain::acts::Act;
use tiepdan_domain::event::EventBody;
use tiepdan_domain::reports::{FormKey, Opening};
use tiepdan_domain::validation::{FieldProblem, Problem};
use tiepdan_domain::Invalid;

/// Applies a declaration or a correction: the form's balances are now these.
pub(crate) fn apply_opening(conn: &Connection, o: &Opening) -> Result<()> {
    let columns = serde_json::to_string(&o.columns).map_err(|e| RegisterError::Decode(e.to_string()))?;
    conn.execute(
        "INSERT INTO report_openings (form, from_day, columns) VALUES (?1, ?2, ?3)
         ON CONFLICT (form) DO UPDATE SET from_day = excluded.from_day, columns = excluded.columns",
        params![word(&o.form), o.from.to_string(), columns],
    )?;
    Ok(())
}

fn declared(conn: &Connection, form: FormKey) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM report_openings WHERE form = ?1")?
        .query_row([word(&form)], |_| Ok(()))
        .optional()?
        .is_some())
}

impl Register {
    /// Declares `opening` for its form, for `actor` (a leader). Refused when the form already has
    /// declared balances (correct them with [`Register::correct_opening`]) or when the form refuses
    /// the balances; nothing is changed then.
    pub fn declare_opening(&mut self, actor: &Actor<'_>, opening: Opening) -> Result<Opening> {
        self.permit(actor, Act::DeclareOpening)?;
        let opening = opening.checked().map_err(RegisterError::ReportRefused)?;
        let officer = Some(actor.officer_id());
        let (tx, clock) = self.write()?;
        if declared(&tx, opening.form)? {
            let form =
                opening.form.definition().map_or(opening.form.as_str().to_string(), |d| d.form.clone());
            return Err(RegisterError::OpeningDeclared { form });
        }
        journal::append(&tx, clock, &EventBody::OpeningDeclared(opening.clone()), officer)?;
        apply_opening(&tx, &opening)?;
        tx.commit()?;
        Ok(opening)
    }

    /// Replaces the declared balances of `opening`'s form, saying why, for `actor` (a leader). The
    /// earlier declaration stays in the journal. Refused when nothing was declared for the form.
    pub fn correct_opening(&mut self, actor: &Actor<'_>, opening: Opening, reason: &str) -> Result<Opening> {
        self.permit(actor, Act::DeclareOpening)?;
        let reason = tiepdan_domain::text::as_nfc(reason.trim()).into_owned();
        if reason.is_empty() {
            let problem = FieldProblem::new("reason", Problem::Required);
            return Err(Invalid { problems: vec![problem] }.into());
        }
        let opening = opening.checked().map_err(RegisterError::ReportRefused)?;
        let officer = Some(actor.officer_id());
        let (tx, clock) = self.write()?;
        if !declared(&tx, opening.form)? {
            return Err(RegisterError::NotFound {
                what: "opening balance",
                id: opening.form.as_str().into(),
            });
        }
        let body = EventBody::OpeningCorrected { opening: opening.clone(), reason };
        journal::append(&tx, clock, &body, officer)?;
        apply_opening(&tx, &opening)?;
        tx.commit()?;
        Ok(opening)
    }

    /// The opening balances in force, one per form that has any, for `actor`.
    pub fn openings(&self, actor: &Actor<'_>) -> Result<Vec<Opening>> {
        self.permit(actor, Act::ComputeReport)?;
        self.stored_openings()
    }

    pub(crate) fn stored_openings(&self) -> Result<Vec<Opening>> {
        let mut stmt =
            self.conn.prepare_cached("SELECT form, from_day, columns FROM report_openings ORDER BY form")?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let columns: String = r.get(2)?;
            out.push(Opening {
                form: from_word("form", &r.get::<_, String>(0)?)?,
                from: crate::store::columns::parse_date("from_day", &r.get::<_, String>(1)?)?,
                columns: serde_json::from_str(&columns)
                    .map_err(|e| RegisterError::Decode(format!("report_openings.columns: {e}")))?,
            });
        }
        Ok(out)
    }
}
