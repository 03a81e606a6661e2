//! Denunciations recorded before the register had passwords (issue 14 §4): without a key file
//! nothing is sealed (`sealing`), so the first password seals them in bulk.
//!
//! When [`Register::create_keys`] has made the key file, every visit that some step of its history
//! protects (a denunciation or a mixed petition) and that still has a visitor in clear gets a
//! `visit_amended` event with the reason [`SEALED_LATER`]: the same details with those visitors
//! sealed, exactly as an amendment of a protected visit seals them. The register is append-only, so
//! the events recorded before keep their identity in clear inside the (now encrypted) journal; the
//! history shows them masked (`sealing::masked_history`) and sync never sent them upstream (their
//! protection is decided per visit, keys or not). All amendments are one transaction; each sealed
//! visit is then in the access audit as `identity_sealed`, naming the administrator who set the
//! first password.

use crate::access::access_log::AccessRecord;
use crate::error::Result;
use crate::store::columns::parse_id;
use crate::visits::{history, recording, visit_rows};
use crate::{journal, Register};
use tiepdan_domain::access::AccessAction;
use tiepdan_domain::event::EventBody;
use tiepdan_domain::visit::VisitDetails;
use tiepdan_domain::{OfficerId, VisitId};

/// The reason journaled on each of these amendments, as the visit's history shows it.
pub const SEALED_LATER: &str = "Bảo mật danh tính người tố cáo đã ghi trước khi sổ có mật khẩu";

impl Register {
    /// Seals every protected visit still holding a visitor in clear, for `administrator` (who set
    /// the first password). Returns how many visits were sealed; nothing on a register without keys.
    pub(crate) fn seal_earlier_denunciations(&mut self, administrator: OfficerId) -> Result<usize> {
        if !self.seals_identities() {
            return Ok(0);
        }
        let mut sealed: Vec<(VisitId, String, VisitDetails)> = Vec::new();
        for id in self.visits_with_clear_visitors()? {
            let (_, visit) = visit_rows::visit_with_no(&self.conn, id)?;
            let mut details = visit.details.clone();
            // The amendment's own rule: sealed if this step or any earlier one of the visit protects.
            if !self
                .seal_amendment(&visit, &mut details, || history::ever_protected(&self.conn, id))?
                .is_empty()
            {
                sealed.push((id, visit.receipt_no.to_string(), details));
            }
        }
        if sealed.is_empty() {
            return Ok(0);
        }
        let (tx, clock) = self.write()?;
        for (id, _, details) in &sealed {
            let body = EventBody::VisitAmended {
                visit_id: *id,
                details: details.clone(),
                reason: SEALED_LATER.into(),
            };
            journal::append(&tx, clock, &body, Some(administrator))?;
            recording::apply_amended(&tx, *id, details)?;
        }
        tx.commit()?;
        for (id, receipt_no, _) in &sealed {
            let record = AccessRecord::new(Some(administrator), AccessAction::IdentitySealed)
                .visit(*id)
                .detail(format!("lượt tiếp {receipt_no} ghi trước khi sổ có mật khẩu"));
            self.record_access(record)?;
        }
        Ok(sealed.len())
    }

    /// Visits with at least one visitor not sealed, in register order.
    fn visits_with_clear_visitors(&self) -> Result<Vec<VisitId>> {
        let mut stmt = self.conn.prepare(
            "SELECT v.id FROM visits v WHERE EXISTS
                 (SELECT 1 FROM visitors p WHERE p.visit_no = v.no AND p.sealed IS NULL)
             ORDER BY v.no",
        )?;
        let ids = stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
        ids.iter().map(|id| parse_id("visits.id", id)).collect()
    }
}
