//! Audit entries for the administrator's changes to where the register goes (issue 14): enrolling
//! with an upstream server, moving to another one, letting a stopped stream through again. The
//! sync state lives beside the register (`sync-state.json`, owned by `tiepdan-sync`), so both shells
//! write these entries here once the change succeeded, and the permission is the register's.

use crate::access::access_log::AccessRecord;
use crate::access::actor::Actor;
use crate::error::Result;
use crate::Register;
use tiepdan_domain::access::AccessAction;
use tiepdan_domain::acts::Act;

impl Register {
    /// Refuses `actor` unless they may change the desk's enrollment; called before the change, so a
    /// refused officer changes nothing.
    pub fn may_change_sync(&self, actor: &Actor<'_>) -> Result<()> {
        self.permit(actor, Act::EnrollDesk)
    }

    /// Records that `actor` enrolled the desk with `server_url`, naming the server it left when it
    /// was enrolled elsewhere before (a move is what an audit reader looks for).
    pub fn record_enrollment(
        &mut self,
        actor: &Actor<'_>,
        server_url: &str,
        previous: Option<&str>,
    ) -> Result<()> {
        self.permit(actor, Act::EnrollDesk)?;
        let detail = match previous {
            Some(before) if before != server_url => format!("{server_url} (trước đó: {before})"),
            _ => server_url.to_string(),
        };
        self.record_access(
            AccessRecord::new(Some(actor.officer_id()), AccessAction::SyncEnrolled).detail(detail),
        )
    }

    /// Records that `actor` lifted the stop of `stream`, which had stopped for `reason` (its code).
    pub fn record_stream_resumed(&mut self, actor: &Actor<'_>, stream: &str, reason: &str) -> Result<()> {
        self.permit(actor, Act::EnrollDesk)?;
        let record = AccessRecord::new(Some(actor.officer_id()), AccessAction::SyncStreamResumed);
        self.record_access(record.detail(format!("{stream} ({reason})")))
    }
}
