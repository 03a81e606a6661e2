//! The storage interface every back end implements ([`sqlite`](super::sqlite), the embedded default,
//! and [`postgres`](super::postgres), for a province or the country), after atuin's split of
//! `atuin-server-database` from its engines.
//!
//! [`Store`](super::Store) checks and normalises what callers send, reads the clock and hashes
//! secrets once, so a back end receives only valid values and stores them. What a back end owes,
//! whatever its engine (`shared/sync-design.md`):
//! - a push is one transaction committed before it returns (I6); a stream is a gapless prefix
//!   whose chain verifies (I5); each (stream, seq) and event id is stored once (I3); a differing
//!   resend is quarantined and freezes its stream, never overwrites (I4); a credential reaches only
//!   its own ward's streams and feed (I10);
//! - feed numbers become visible in number order: a reader that has seen number n never later
//!   finds a new row below n (I7), whatever the concurrency of writers;
//! - events are never deleted, and changed only by redaction, which keeps every hash;
//! - a read never waits for a push to finish: dashboards and look-ups run beside the writers.

use super::{Credential, QuarantineReport, WardReport};
use crate::error::Result;
use chrono::{DateTime, Utc};
use tiepdan_protocol::{FeedPage, PushRequest, PushResponse, ReferenceKind, StreamState, WireEvent};

/// The ward's calendar (UTC+7) as the dashboard counts it: today and this month, as the
/// `YYYY-MM-DD` text the visits projection stores.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    pub today: String,
    /// The first day of this month, inclusive.
    pub month_start: String,
    /// The first day of next month, exclusive.
    pub next_month_start: String,
}

/// One stream as the invariant checker reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StreamSummary {
    pub ward_code: String,
    pub desk: String,
    pub hwm: u64,
    pub head: String,
    pub quarantined: bool,
}

/// One stored event's hashes, for the invariant checker.
#[derive(Debug, Clone)]
pub struct ChainRow {
    pub seq: u64,
    pub payload: String,
    pub payload_hash: String,
    pub chain_hash: String,
    /// Some values were withheld (at the desk or by redaction): the payload no longer hashes to
    /// its payload hash, by design.
    pub withheld: bool,
}

/// One quarantined version, for the invariant checker.
#[derive(Debug, Clone)]
pub struct QuarantineCheck {
    pub stream: String,
    pub seq: u64,
    /// Its stream is frozen (shown on the dashboard), or district staff released it.
    pub shown_or_released: bool,
    /// The stored version it conflicts with is still the one it was compared against.
    pub stored_unchanged: bool,
}

/// A value of a copied row: the stores hold only integers, text and nulls.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Null,
    Int(i64),
    Text(String),
}

pub type Row = Vec<Cell>;

/// A table as `copy` moves it: its name, its columns in order, and its key (the export order).
#[derive(Debug, Clone, Copy)]
pub struct Table {
    pub name: &'static str,
    pub columns: &'static [&'static str],
    pub key: &'static str,
}

/// One visit or petition of the projection as the periodic reports read it (issue 17): the
/// projection's own texts, turned into [`tiepdan_domain::reports::Facts`] by
/// [`crate::reports::facts`] the same way whichever engine read them.
#[derive(Debug, Clone, Default)]
pub struct FactRow {
    pub ward_code: String,
    pub visit_id: String,
    pub status: String,
    pub received_at: Option<String>,
    pub received_on: Option<String>,
    pub people_count: Option<i64>,
    pub petition_kind: Option<String>,
    pub handling: Option<String>,
    pub source: String,
    pub petition_field: Option<String>,
    pub stage: Option<String>,
    pub eligible: Option<i64>,
    pub competent: Option<i64>,
    pub processed_on: Option<String>,
    pub session_id: Option<String>,
    pub reception: Option<String>,
    pub level: Option<String>,
    pub accepted_on: Option<String>,
    pub answered_on: Option<String>,
    pub resolved_on: Option<String>,
    pub outcome: Option<String>,
    /// Linked as a repeat of an earlier visit (`repeat_links`).
    pub linked: bool,
    /// That earlier visit; `None` when unlinked or when the other end was withheld (a protected
    /// visit).
    pub earlier: Option<String>,
}

/// A leader reception session as the reports read it.
#[derive(Debug, Clone, Default)]
pub struct SessionRow {
    pub ward_code: String,
    pub session_id: String,
    pub planned_on: Option<String>,
    pub kind: Option<String>,
    pub sat: Option<String>,
    pub outcome: Option<String>,
}

/// Where `sink` receives report rows one by one, in ward-code order.
pub type RowSink<'a, T> = &'a mut dyn FnMut(T) -> Result<()>;

pub trait Backend: Send + Sync {
    /// "sqlite" or "postgres", for logs and reports.
    fn engine(&self) -> &'static str;

    // ---- wards, desks and enrollment ----
    /// Adds a ward; false when the code is taken.
    fn insert_ward(&self, code: &str, name: &str, now: DateTime<Utc>) -> Result<bool>;
    /// Registers the desk (if new) and stores the hash of a one-time code;
    /// `Err(NotFound)` when there is no such ward.
    fn insert_enrollment_code(
        &self,
        ward: &str,
        desk: char,
        code_hash: &str,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> Result<()>;
    /// Spends a live code once and stores the new credential's hash; `None` when the code is not
    /// live (unknown, used or expired).
    fn redeem_enrollment_code(
        &self,
        code_hash: &str,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<Credential>>;
    /// The unrevoked credential with this hash.
    fn credential(&self, token_hash: &str) -> Result<Option<Credential>>;
    /// Revokes every credential and unused code of a desk; `None` when the desk is unknown.
    fn revoke_desk(&self, ward: &str, desk: char, now: DateTime<Utc>) -> Result<Option<usize>>;

    // ---- the ward feed ----
    /// Appends a reference document (checked JSON text) with the next feed number;
    /// `Err(NotFound)` when `ward` names no ward.
    fn append_reference(
        &self,
        kind: ReferenceKind,
        ward: Option<&str>,
        data: &str,
        now: DateTime<Utc>,
    ) -> Result<u64>;
    /// The page after `after` (limit already clamped), or `Err(CursorExpired)` with a snapshot
    /// when `after` is above the largest number.
    fn feed(&self, ward: &str, after: u64, limit: u64) -> Result<FeedPage>;

    // ---- streams ----
    /// Applies one batch (already checked by [`super::rules::validate_batch`]) in one transaction.
    fn push(
        &self,
        cred: &Credential,
        stream: &str,
        req: &PushRequest,
        now: DateTime<Utc>,
    ) -> Result<PushResponse>;
    /// Marks a frozen stream's quarantined versions released (they stay on record).
    fn release_stream(&self, stream: &str, note: &str, now: DateTime<Utc>) -> Result<u64>;
    fn desk_streams(&self, cred: &Credential) -> Result<Vec<StreamState>>;
    /// Stored events of a stream of the credential's ward after `after`, and the stream's hwm.
    fn stream_events(
        &self,
        cred: &Credential,
        stream: &str,
        after: u64,
        limit: u64,
    ) -> Result<(Vec<WireEvent>, u64)>;

    // ---- what district staff see ----
    fn wards(&self, calendar: &Calendar) -> Result<Vec<WardReport>>;
    fn quarantine(&self) -> Result<Vec<QuarantineReport>>;

    // ---- periodic reports (issue 17) ----
    /// The data of the latest version of `kind` published for every ward, if any.
    fn latest_reference(&self, kind: ReferenceKind) -> Result<Option<String>>;
    /// The latest version of `kind` published for every ward (ward `None`) and the latest published
    /// for each ward alone, as (ward, feed number, data).
    fn latest_references(&self, kind: ReferenceKind) -> Result<Vec<(Option<String>, i64, String)>>;
    /// Every ward's (code, name), by code.
    fn ward_names(&self) -> Result<Vec<(String, String)>>;
    /// How far each ward's stored history has come, by ward code (wards that never pushed are
    /// absent): a number that changes whenever anything a ward's reports count changes, so figures
    /// counted at one version stay right while the version stays the same.
    fn ward_versions(&self) -> Result<std::collections::HashMap<String, i64>>;
    /// The visits and petitions received on or before `up_to` (`YYYY-MM-DD`) of `ward` (every
    /// ward when `None`), each with its repeat link, in ward-code order, cancelled ones included
    /// (they keep their place in their matter's numbering, as at the desk).
    fn report_visits(&self, ward: Option<&str>, up_to: &str, sink: RowSink<'_, FactRow>) -> Result<()>;
    /// The leader reception sessions planned on or before `up_to`, in ward-code order.
    fn report_sessions(&self, ward: Option<&str>, up_to: &str, sink: RowSink<'_, SessionRow>) -> Result<()>;
    /// The stored events of `kinds` of `ward` (every ward when `None`) as (ward code, payload), in
    /// ward-code order and, within a ward, in the order they arrived.
    fn report_events(
        &self,
        ward: Option<&str>,
        kinds: &[&str],
        sink: RowSink<'_, (String, String)>,
    ) -> Result<()>;

    // ---- dashboard accounts ----
    /// Adds the account or gives it a new password (restoring a removed one); ends its sessions.
    fn upsert_user(&self, name: &str, password_hash: &str, now: DateTime<Utc>) -> Result<usize>;
    /// Marks the account removed and ends its sessions; `None` when there is no such account.
    fn remove_user(&self, name: &str, now: DateTime<Utc>) -> Result<Option<usize>>;
    fn password_hash(&self, name: &str) -> Result<Option<String>>;
    fn open_session(
        &self,
        name: &str,
        token_hash: &str,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> Result<bool>;
    fn session_user(&self, token_hash: &str, now: DateTime<Utc>) -> Result<Option<String>>;
    fn end_session(&self, token_hash: &str, now: DateTime<Utc>) -> Result<()>;

    // ---- checking and copying a whole store ----
    fn stream_summaries(&self) -> Result<Vec<(String, StreamSummary)>>;
    /// Events `after < seq ≤ up_to` of a stream, in seq order, at most `limit`.
    fn chain_rows(&self, stream: &str, after: u64, up_to: u64, limit: u64) -> Result<Vec<ChainRow>>;
    /// How many stored rows repeat an event id already stored (I3 says none).
    fn repeated_event_ids(&self) -> Result<u64>;
    fn quarantine_checks(&self) -> Result<Vec<QuarantineCheck>>;
    /// Every row of `table`, in key order.
    fn export(&self, table: &Table, sink: &mut dyn FnMut(Row) -> Result<()>) -> Result<()>;
    /// Inserts rows as they are (one transaction per call).
    fn import(&self, table: &Table, rows: &[Row]) -> Result<()>;
    /// After an import: generated keys continue above the imported ones.
    fn finish_import(&self) -> Result<()>;
    /// Holds no ward, account, stream or feed entry (a copy goes only into an empty store).
    fn is_empty(&self) -> Result<bool>;
    /// Whether `needle` occurs anywhere in what the store keeps (its files, or every table's rows):
    /// how the tests, and an auditor, show that an identity is not there.
    fn holds_text(&self, needle: &str) -> Result<bool>;
}
