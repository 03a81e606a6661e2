//! The district store: one interface ([`Backend`]) over two engines, chosen by `--db`:
//! [`sqlite`] (a file, the default for a district or a small province) and [`postgres`] (a
//! connection string, for a province of a hundred wards or the country).
//!
//! [`Store`] is what the API, the dashboard and the command line hold. It checks and normalises
//! every input, reads the clock and hashes every secret once, then hands a back end values it only
//! has to store; so a rule (a ward code's shape, a password's length, a batch's contiguity) is
//! written once and holds on both engines. SQL stays in the back ends; callers get protocol or
//! report types.

mod backend;
pub mod copy;
mod overview;
pub mod postgres;
mod projection;
mod reports;
pub mod rules;
pub mod scratch;
pub mod sqlite;

pub use backend::{
    Backend, Calendar, Cell, ChainRow, FactRow, QuarantineCheck, Row, RowSink, SessionRow, StreamSummary,
    Table,
};
pub use reports::{DeskReport, QuarantineReport, StreamReport, WardReport};
pub use rules::MAX_STREAMS_PER_DESK;

use crate::error::{Error, Result};
use argon2::password_hash::{PasswordHasher, SaltString};
use argon2::Argon2;
use chrono::{DateTime, Duration, SecondsFormat, Utc};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tiepdan_domain::clock::{vietnam_offset, Clock};
use tiepdan_domain::ids::StreamId;
use tiepdan_protocol::{
    FeedPage, PushRequest, PushResponse, ReferenceKind, StreamState, WireEvent, MAX_FEED_PAGE,
};

pub const MAX_USER_NAME: usize = 64;
pub const MAX_PASSWORD: usize = 256;
/// The most a reference document may weigh.
const MAX_REFERENCE_BYTES: usize = 1024 * 1024;

/// The device credential behind a bearer token: the ward and desk it speaks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credential {
    pub ward_code: String,
    pub ward_name: String,
    pub desk: char,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct EnrollmentCode {
    pub code: String,
    pub ward_code: String,
    pub desk: char,
    pub expires_at: DateTime<Utc>,
}

/// Where a store lives, as `--db` names it: a file path (or `sqlite:PATH`), or a
/// `postgres://` / `postgresql://` connection string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    Sqlite(PathBuf),
    Postgres(String),
}

impl Location {
    pub fn parse(text: &str) -> Location {
        if text.starts_with("postgres://") || text.starts_with("postgresql://") {
            Location::Postgres(text.to_string())
        } else {
            Location::Sqlite(PathBuf::from(text.strip_prefix("sqlite:").unwrap_or(text)))
        }
    }
}

impl From<&Path> for Location {
    fn from(path: &Path) -> Location {
        Location::Sqlite(path.to_path_buf())
    }
}

impl From<PathBuf> for Location {
    fn from(path: PathBuf) -> Location {
        Location::Sqlite(path)
    }
}

impl From<&PathBuf> for Location {
    fn from(path: &PathBuf) -> Location {
        Location::Sqlite(path.clone())
    }
}

impl From<&Location> for Location {
    fn from(location: &Location) -> Location {
        location.clone()
    }
}

/// How many connections a store may hold open (`--db-pool`): PostgreSQL's pool, SQLite's readers.
pub const DEFAULT_POOL: u32 = 16;

pub struct Store {
    backend: Box<dyn Backend>,
    clock: Arc<dyn Clock>,
    overview: overview::SharedOverview,
}

impl Store {
    /// Opens (creating if needed) and migrates the SQLite store at `path`.
    pub fn open(path: &Path, clock: Arc<dyn Clock>) -> Result<Store> {
        Store::connect(&Location::from(path), DEFAULT_POOL, clock)
    }

    /// Opens and migrates the store at `location`, holding at most `pool` connections.
    pub fn connect(location: &Location, pool: u32, clock: Arc<dyn Clock>) -> Result<Store> {
        if pool == 0 {
            return Err(Error::BadRequest("--db-pool phải lớn hơn 0".into()));
        }
        let backend: Box<dyn Backend> = match location {
            Location::Sqlite(path) => Box::new(sqlite::Sqlite::open(path, pool, clock.now())?),
            Location::Postgres(url) => postgres::open(url, pool, clock.now())?,
        };
        Ok(Store { backend, clock, overview: Default::default() })
    }

    /// The engine behind this store, for the rare caller that needs more than the interface
    /// (`copy`, the invariant checker).
    pub fn backend(&self) -> &dyn Backend {
        &*self.backend
    }

    fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// The store's clock, for pages that show "today".
    pub fn clock_now(&self) -> DateTime<Utc> {
        self.now()
    }

    pub fn add_ward(&self, code: &str, name: &str) -> Result<()> {
        rules::check_ward_code(code)?;
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() || name.chars().count() > 300 {
            return Err(Error::BadRequest("tên phường không được trống và tối đa 300 ký tự".into()));
        }
        if !self.backend.insert_ward(code, &name, self.now())? {
            return Err(Error::BadRequest(format!("phường {code} đã có")));
        }
        Ok(())
    }

    pub fn issue_enrollment_code(
        &self,
        ward: &str,
        desk: &str,
        valid_for: Duration,
    ) -> Result<EnrollmentCode> {
        rules::check_ward_code(ward)?;
        let desk = rules::check_desk(desk)?;
        let raw = rules::new_enrollment_code()?;
        let now = self.now();
        let expires_at = now + valid_for;
        self.backend.insert_enrollment_code(ward, desk, &sha256_hex(&raw), now, expires_at)?;
        let code = format!("{}-{}-{}", &raw[0..4], &raw[4..8], &raw[8..12]);
        Ok(EnrollmentCode { code, ward_code: ward.to_string(), desk, expires_at })
    }

    /// Spends a one-time code and returns the new device credential's token (shown once).
    pub fn enroll(&self, code: &str) -> Result<(String, Credential)> {
        let code = rules::normalise_code(code);
        if !rules::is_code_shaped(&code) {
            return Err(Error::EnrollmentRefused);
        }
        let token = format!("tdc_{}", random_hex(32)?);
        let cred =
            self.backend.redeem_enrollment_code(&sha256_hex(&code), &sha256_hex(&token), self.now())?;
        Ok((token, cred.ok_or(Error::EnrollmentRefused)?))
    }

    pub fn authenticate(&self, token: &str) -> Result<Credential> {
        self.backend.credential(&sha256_hex(token))?.ok_or(Error::Unauthorized)
    }

    pub fn revoke_desk(&self, ward: &str, desk: &str) -> Result<usize> {
        rules::check_ward_code(ward)?;
        let desk = rules::check_desk(desk)?;
        self.backend
            .revoke_desk(ward, desk, self.now())?
            .ok_or_else(|| Error::NotFound(format!("phường {ward} không có bàn {desk}")))
    }

    /// Publishes a new version of `kind` for one ward, or for all wards when `ward` is `None`.
    pub fn set_reference(
        &self,
        kind: ReferenceKind,
        ward: Option<&str>,
        data: &serde_json::Value,
    ) -> Result<u64> {
        if !(data.is_array() || data.is_object()) {
            return Err(Error::BadRequest("dữ liệu danh mục phải là một mảng hoặc đối tượng JSON".into()));
        }
        let text = serde_json::to_string(data).map_err(|e| Error::Internal(e.to_string()))?;
        if text.len() > MAX_REFERENCE_BYTES {
            return Err(Error::TooLarge);
        }
        if let Some(code) = ward {
            rules::check_ward_code(code)?;
        }
        if kind == ReferenceKind::ReportCalendar {
            crate::reports::period::check_calendar(data)?;
        }
        self.backend.append_reference(kind, ward, &text, self.now())
    }

    /// The page after `after` for `ward`, or `Err(CursorExpired)` with a snapshot.
    pub fn feed(&self, ward: &str, after: u64, limit: u64) -> Result<FeedPage> {
        self.backend.feed(ward, after, limit.clamp(1, MAX_FEED_PAGE))
    }

    /// Applies one batch from the desk of `cred` to `stream`.
    pub fn push(&self, cred: &Credential, stream: StreamId, req: &PushRequest) -> Result<PushResponse> {
        rules::validate_batch(req)?;
        self.backend.push(cred, &stream.to_string(), req, self.now())
    }

    /// Releases a quarantined stream: the desk that holds the stored version may push again.
    /// Returns how many quarantined versions were marked released (they stay on record).
    pub fn release_stream(&self, stream: &str, note: &str) -> Result<u64> {
        let note = note.trim();
        if note.is_empty() || note.chars().count() > 1000 {
            return Err(Error::BadRequest("cần ghi lý do (tối đa 1000 ký tự)".into()));
        }
        let released = self.backend.release_stream(stream, note, self.now())?;
        tracing::info!(stream, "quarantine released");
        Ok(released)
    }

    /// The server's state of every stream of the credential's desk.
    pub fn desk_streams(&self, cred: &Credential) -> Result<Vec<StreamState>> {
        self.backend.desk_streams(cred)
    }

    /// Stored events of a stream of the credential's ward, after `after`, for a desk restoring a backup.
    pub fn stream_events(
        &self,
        cred: &Credential,
        stream: StreamId,
        after: u64,
        limit: u64,
    ) -> Result<(Vec<WireEvent>, u64)> {
        self.backend.stream_events(cred, &stream.to_string(), after, limit)
    }

    /// Every ward, desk and stream with its progress and the ward's visit counts for today and this
    /// month (UTC+7); `wards --json` and the dashboard both read this, so they always agree.
    pub fn wards(&self) -> Result<Vec<WardReport>> {
        self.overview.get(calendar(self.now()), |calendar| self.backend.wards(calendar))
    }

    /// Forks waiting for district staff (not yet released), newest first.
    pub fn quarantine(&self) -> Result<Vec<QuarantineReport>> {
        self.backend.quarantine()
    }

    /// Adds a dashboard account, or gives an existing one a new password; returns how many of its
    /// sessions were ended.
    pub fn add_user(&self, name: &str, password: &str) -> Result<usize> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > MAX_USER_NAME {
            return Err(Error::BadRequest(format!(
                "tên đăng nhập không được trống, tối đa {MAX_USER_NAME} ký tự"
            )));
        }
        let length = password.chars().count();
        if !(10..=MAX_PASSWORD).contains(&length) {
            return Err(Error::BadRequest(format!("mật khẩu phải có từ 10 đến {MAX_PASSWORD} ký tự")));
        }
        self.backend.upsert_user(name, &hash_password(password)?, self.now())
    }

    /// Removes a dashboard account (the row stays for the record); returns how many sessions ended.
    pub fn remove_user(&self, name: &str) -> Result<usize> {
        let name = name.trim();
        self.backend
            .remove_user(name, self.now())?
            .ok_or_else(|| Error::NotFound(format!("không có người dùng {name}")))
    }

    pub fn password_hash(&self, name: &str) -> Result<Option<String>> {
        self.backend.password_hash(name.trim())
    }

    pub fn open_session(&self, name: &str, valid_for: Duration) -> Result<Option<String>> {
        let token = random_hex(32)?;
        let now = self.now();
        let opened = self.backend.open_session(name.trim(), &sha256_hex(&token), now, now + valid_for)?;
        Ok(opened.then_some(token))
    }

    pub fn session_user(&self, token: &str) -> Result<Option<String>> {
        self.backend.session_user(&sha256_hex(token), self.now())
    }

    pub fn logout(&self, token: &str) -> Result<()> {
        self.backend.end_session(&sha256_hex(token), self.now())
    }
}

/// Hashes a dashboard password with Argon2id and a fresh salt.
pub fn hash_password(password: &str) -> Result<String> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| Error::Internal(format!("random: {e}")))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| Error::Internal(format!("salt: {e}")))?;
    Ok(Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map_err(|e| Error::Internal(format!("argon2: {e}")))?
        .to_string())
}

/// Today and this month in the wards' time zone (UTC+7).
fn calendar(now: DateTime<Utc>) -> Calendar {
    use chrono::Datelike;
    let today = now.with_timezone(&vietnam_offset()).date_naive();
    let month_start = today.with_day(1).unwrap_or(today);
    let next_month_start = month_start.checked_add_months(chrono::Months::new(1)).unwrap_or(month_start);
    Calendar {
        today: today.to_string(),
        month_start: month_start.to_string(),
        next_month_start: next_month_start.to_string(),
    }
}

/// RFC 3339 UTC with microseconds: text order is time order (both engines store times as text).
pub(crate) fn time_text(t: &DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Micros, true)
}

pub(crate) fn parse_time(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text).ok().map(|t| t.with_timezone(&Utc))
}

pub(crate) fn sha256_hex(text: &str) -> String {
    hex::encode(Sha256::digest(text.as_bytes()))
}

/// `n` random bytes from the OS, as lower-case hex.
pub(crate) fn random_hex(n: usize) -> Result<String> {
    let mut bytes = vec![0u8; n];
    getrandom::fill(&mut bytes).map_err(|e| Error::Internal(format!("random: {e}")))?;
    Ok(hex::encode(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_db_argument_names_its_engine() {
        assert_eq!(Location::parse("/var/lib/t/server.db"), Location::Sqlite("/var/lib/t/server.db".into()));
        assert_eq!(Location::parse("sqlite:server.db"), Location::Sqlite("server.db".into()));
        assert!(matches!(Location::parse("postgres://u@h/db"), Location::Postgres(_)));
        assert!(matches!(Location::parse("postgresql://u@h/db"), Location::Postgres(_)));
    }

    #[test]
    fn the_month_ends_where_the_next_begins() {
        let now = DateTime::parse_from_rfc3339("2026-12-31T18:00:00Z").unwrap().with_timezone(&Utc);
        let c = calendar(now);
        assert_eq!(c.today, "2027-01-01", "18:00 UTC is already the next day in Vietnam");
        assert_eq!((c.month_start.as_str(), c.next_month_start.as_str()), ("2027-01-01", "2027-02-01"));
    }
}
