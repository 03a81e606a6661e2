//! The access audit (issue 7): who signed in, who failed to, who opened which visit, who saw a sealed
//! identity, who printed, exported or backed up, who changed a password or a role.
//!
//! Invariants: rows are only inserted (triggers refuse UPDATE and DELETE), each row's `chain` is
//! SHA-256 over the previous row's chain and this row's canonical text, so a row removed or edited
//! with other tools breaks [`Register::verify_access_log`]. An entry is written in its own
//! transaction, after (never inside) the change it describes, so a full disk at audit time never
//! undoes a registration; reading acts are logged before their data is returned.

use crate::access::actor::Actor;
use crate::error::Result;
use crate::store::columns::parse_utc;
use crate::Register;
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use std::time::Duration;
use tiepdan_domain::access::{sign_in_wait, AccessAction};
use tiepdan_domain::acts::Act;
use tiepdan_domain::event::{canonical_time, sha256, Hash, GENESIS};
use tiepdan_domain::text::one_line;
use tiepdan_domain::{OfficerId, VisitId};

/// Longest detail kept for one entry (a search query, a file name, a form name).
const MAX_DETAIL: usize = 300;

/// One act to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessRecord {
    pub officer: Option<OfficerId>,
    pub action: AccessAction,
    pub visit: Option<VisitId>,
    /// What exactly: the form printed, the file exported to, the officer whose password was reset.
    pub detail: String,
}

impl AccessRecord {
    pub fn new(officer: Option<OfficerId>, action: AccessAction) -> AccessRecord {
        AccessRecord { officer, action, visit: None, detail: String::new() }
    }

    pub fn visit(mut self, visit: VisitId) -> AccessRecord {
        self.visit = Some(visit);
        self
    }

    pub fn detail(mut self, detail: impl Into<String>) -> AccessRecord {
        self.detail = detail.into();
        self
    }
}

/// One recorded act, as an administrator reviews it.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AccessEntry {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub no: i64,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub at: DateTime<Utc>,
    pub officer: Option<OfficerId>,
    /// The officer's name as the register knows it now (empty if none).
    pub officer_name: String,
    pub action: AccessAction,
    /// The action in Vietnamese, for the review screen and the CLI.
    pub action_vi: String,
    pub visit: Option<VisitId>,
    /// The receipt number of that visit, so the reviewer reads which visit was opened.
    pub receipt_no: Option<String>,
    pub detail: String,
}

/// Which entries to review.
#[derive(Debug, Clone, Default)]
pub struct AccessQuery {
    pub officer: Option<OfficerId>,
    pub visit: Option<VisitId>,
    /// Only entries with `no` below this (paging backwards from the newest).
    pub before: Option<i64>,
    pub limit: usize,
}

/// Where the audit chain first fails to match what was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AccessLogReport {
    pub entries: u64,
    /// The `no` of the first entry whose chain does not verify, if any.
    pub broken_at: Option<i64>,
}

/// The text the chain hashes: every column but `no` and `chain`, unambiguously joined.
fn canonical(
    at: &str,
    officer: &Option<String>,
    action: &str,
    visit: &Option<String>,
    detail: &str,
) -> Vec<u8> {
    serde_json::to_vec(&(at, officer, action, visit, detail)).unwrap_or_default()
}

fn next_chain(previous: &Hash, row: &[u8]) -> Hash {
    let mut bytes = previous.to_vec();
    bytes.extend_from_slice(row);
    sha256(&bytes)
}

fn last_chain(conn: &Connection) -> Result<Hash> {
    let chain: Option<Vec<u8>> = conn
        .prepare_cached("SELECT chain FROM access_log ORDER BY no DESC LIMIT 1")?
        .query_row([], |r| r.get(0))
        .optional()?;
    Ok(chain.and_then(|c| c.try_into().ok()).unwrap_or(GENESIS))
}

impl Register {
    /// Says which program this process is, for every access-audit entry it writes from now on:
    /// `label` is added to the entry (the command line: `tiepdan, người dùng máy X`). It names the
    /// program, never an officer: who acted is the actor each call names (issue 12).
    pub fn set_audit_channel(&mut self, label: impl Into<String>) {
        self.audit_channel = Some(label.into());
    }

    /// Appends one entry to the access audit.
    pub fn record_access(&mut self, record: AccessRecord) -> Result<()> {
        let now = self.clock.now();
        self.record_access_at(record, now)
    }

    /// Appends one entry that happened at `at` (a failed sign-in recorded while the register was
    /// closed, copied in when it opens).
    pub(crate) fn record_access_at(&mut self, record: AccessRecord, at: DateTime<Utc>) -> Result<()> {
        let officer = record.officer;
        let detail = match (&self.audit_channel, record.detail.is_empty()) {
            (Some(label), true) => format!("[{label}]"),
            (Some(label), false) => format!("{} [{label}]", record.detail),
            (None, _) => record.detail,
        };
        let (tx, _) = self.write()?;
        let at = canonical_time(&at);
        let officer = officer.map(|o| o.to_string());
        let visit = record.visit.map(|v| v.to_string());
        let detail: String = one_line(&detail).chars().take(MAX_DETAIL).collect();
        let action = record.action.word();
        let chain = next_chain(&last_chain(&tx)?, &canonical(&at, &officer, &action, &visit, &detail));
        tx.execute(
            "INSERT INTO access_log (at, officer_id, action, visit_id, detail, chain)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![at, officer, action, visit, detail, chain.to_vec()],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Entries newest first, filtered by officer and visit.
    pub fn access_log(&self, actor: &Actor<'_>, query: &AccessQuery) -> Result<Vec<AccessEntry>> {
        self.permit(actor, Act::ReviewAudit)?;
        let mut stmt = self.conn.prepare(
            "SELECT a.no, a.at, a.officer_id, COALESCE(o.full_name, ''), a.action, a.visit_id, a.detail,
                    v.receipt_no
               FROM access_log a LEFT JOIN officers o ON o.id = a.officer_id
               LEFT JOIN visits v ON v.id = a.visit_id
              WHERE (?1 IS NULL OR a.officer_id = ?1) AND (?2 IS NULL OR a.visit_id = ?2)
                AND (?3 IS NULL OR a.no < ?3)
              ORDER BY a.no DESC LIMIT ?4",
        )?;
        let limit = if query.limit == 0 { 200 } else { query.limit } as i64;
        let rows = stmt
            .query_map(
                params![
                    query.officer.map(|o| o.to_string()),
                    query.visit.map(|v| v.to_string()),
                    query.before,
                    limit
                ],
                |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, Option<String>>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, String>(4)?,
                        r.get::<_, Option<String>>(5)?,
                        r.get::<_, String>(6)?,
                        r.get::<_, Option<String>>(7)?,
                    ))
                },
            )?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows.into_iter()
            .map(|(no, at, officer, officer_name, action, visit, detail, receipt_no)| {
                let action = AccessAction::from_word(&action).ok_or_else(|| {
                    crate::error::RegisterError::Corrupt(format!("access_log.action {action:?} unknown"))
                })?;
                Ok(AccessEntry {
                    no,
                    at: parse_utc("access_log.at", &at)?,
                    officer: officer
                        .map(|o| crate::store::columns::parse_id("access_log.officer_id", &o))
                        .transpose()?,
                    officer_name,
                    action,
                    action_vi: action.label_vi().to_string(),
                    visit: visit
                        .map(|v| crate::store::columns::parse_id("access_log.visit_id", &v))
                        .transpose()?,
                    receipt_no,
                    detail,
                })
            })
            .collect()
    }

    /// Wrong passwords given for this officer since their last successful sign-in, and when the last
    /// one was.
    pub fn sign_in_failures(&self, officer: OfficerId) -> Result<(u32, Option<DateTime<Utc>>)> {
        let (count, last): (u32, Option<String>) = self.conn.query_row(
            "SELECT COUNT(*), MAX(at) FROM access_log
              WHERE officer_id = ?1 AND action = 'sign_in_failed'
                AND no > COALESCE((SELECT MAX(no) FROM access_log
                                    WHERE officer_id = ?1 AND action = 'signed_in'), 0)",
            [officer.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok((count, last.map(|t| parse_utc("access_log.at", &t)).transpose()?))
    }

    /// How many failed sign-ins of `officer` at exactly `at` the audit holds.
    pub(crate) fn sign_in_failures_at(&self, officer: OfficerId, at: DateTime<Utc>) -> Result<u32> {
        Ok(self.conn.query_row(
            "SELECT COUNT(*) FROM access_log
              WHERE officer_id = ?1 AND action = 'sign_in_failed' AND at = ?2",
            params![officer.to_string(), canonical_time(&at)],
            |r| r.get(0),
        )?)
    }

    /// How long this officer must still wait before a password is even checked (zero if not at all),
    /// from the failures and [`sign_in_wait`]: those in the audit for a plain register, those kept
    /// beside an encrypted one (`register.signins`, readable before it is opened). Either survives a
    /// restart of the app.
    pub fn sign_in_wait_remaining(&self, officer: OfficerId) -> Result<Duration> {
        if self.has_keys() {
            return crate::access::signins::wait_remaining(&self.path, officer, self.clock.now());
        }
        let (failures, last) = self.sign_in_failures(officer)?;
        let Some(last) = last else { return Ok(Duration::ZERO) };
        let wait = sign_in_wait(failures);
        let elapsed = (self.clock.now() - last).to_std().unwrap_or(Duration::ZERO);
        Ok(wait.saturating_sub(elapsed))
    }

    /// Walks the audit chain from the first entry.
    pub fn verify_access_log(&self) -> Result<AccessLogReport> {
        let mut stmt = self.conn.prepare(
            "SELECT no, at, officer_id, action, visit_id, detail, chain FROM access_log ORDER BY no",
        )?;
        let mut rows = stmt.query([])?;
        let mut previous = GENESIS;
        let mut entries = 0;
        while let Some(r) = rows.next()? {
            entries += 1;
            let no: i64 = r.get(0)?;
            let row = canonical(
                &r.get::<_, String>(1)?,
                &r.get(2)?,
                &r.get::<_, String>(3)?,
                &r.get(4)?,
                &r.get::<_, String>(5)?,
            );
            let stored: Vec<u8> = r.get(6)?;
            let expected = next_chain(&previous, &row);
            if stored != expected {
                return Ok(AccessLogReport { entries, broken_at: Some(no) });
            }
            previous = expected;
        }
        Ok(AccessLogReport { entries, broken_at: None })
    }
}
