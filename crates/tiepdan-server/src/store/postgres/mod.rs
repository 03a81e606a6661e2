//! The PostgreSQL back end (issue 15), for a province of a hundred wards or the country: the same
//! tables, columns and answers as [`super::sqlite`], on a pool of connections that write in
//! parallel.
//!
//! - Pool: r2d2 with at most `--db-pool` connections, a 10 s checkout timeout, and every connection
//!   tested on checkout, so one broken by a PostgreSQL restart or a killed backend is replaced
//!   instead of failing a request. While the database is away every call answers
//!   [`Error::Busy`](crate::error::Error::Busy) (503, which desks retry), never a half-done write.
//! - Transport: `NoTls`. The connection is NOT encrypted: PostgreSQL must sit on loopback or a
//!   private network the operator trusts (`docs/server.md`). A password missing from the URL is
//!   taken from `PGPASSWORD`.
//! - Durability (I6): every session sets `synchronous_commit = on` when it connects, whatever the
//!   database or role defaults say, so a COMMIT returns only once it is flushed to disk and an
//!   acknowledged push survives a crash. Nothing in this back end turns it off.
//! - Concurrency: writes run in READ COMMITTED transactions that lock exactly the rows they change
//!   (a push locks its stream's row, see [`push`]); no table lock is taken on the push path, so
//!   pushes to different streams run in parallel. The one serialised writer is the ward feed
//!   ([`feed`], I7). Reads needing one consistent view run in REPEATABLE READ READ ONLY.
//! - Statements: each connection keeps the statements it prepared ([`Conn`]), so the hot path
//!   (a push of 50 events) costs one round trip per statement, not a parse each time.
//! - Migrations: `migrations/postgres/`, append-only, each in its own transaction under an advisory
//!   lock so two servers starting together do not race; a database newer than this binary is
//!   refused.

mod admin;
mod batch;
mod export;
mod feed;
mod overview;
mod projection;
mod push;
mod redaction;
mod reports;
mod users;

use crate::error::{Error, Result};
use crate::store::{
    Backend, Calendar, ChainRow, Credential, FactRow, QuarantineCheck, QuarantineReport, Row, RowSink,
    SessionRow, StreamSummary, Table, WardReport,
};
use chrono::{DateTime, Utc};
use postgres::types::ToSql;
use postgres::{Client, GenericClient, IsolationLevel, NoTls, Statement, Transaction};
use r2d2_postgres::PostgresConnectionManager;
use std::collections::HashMap;
use std::str::FromStr;
use std::time::Duration;
use tiepdan_protocol::{FeedPage, PushRequest, PushResponse, ReferenceKind, StreamState, WireEvent};

const MIGRATIONS: &[&str] = &[
    include_str!("../../../migrations/postgres/0001_init.sql"),
    include_str!("../../../migrations/postgres/0002_petition_sources.sql"),
    include_str!("../../../migrations/postgres/0003_report_facts.sql"),
    include_str!("../../../migrations/postgres/0004_decision_events.sql"),
];

/// The advisory lock key under which migrations run (any constant no other code uses; "tiepdan1").
const MIGRATION_LOCK: i64 = 0x7469_6570_6461_6e31;

/// How long a request waits for a free connection (or for PostgreSQL to accept one) before it is
/// answered 503.
const CHECKOUT_TIMEOUT: Duration = Duration::from_secs(10);

/// Connects to and migrates the database at `url`, with a pool of at most `pool` connections.
pub fn open(url: &str, pool: u32, _now: DateTime<Utc>) -> Result<Box<dyn Backend>> {
    let mut config = postgres::Config::from_str(url)
        .map_err(|e| Error::BadRequest(format!("chuỗi kết nối PostgreSQL không hợp lệ: {e}")))?;
    if config.get_password().is_none() {
        if let Ok(password) = std::env::var("PGPASSWORD") {
            config.password(password);
        }
    }
    let manager = Manager(PostgresConnectionManager::new(config, NoTls));
    // The first connection is made here, not through the pool, so a wrong address or password
    // stops the server with PostgreSQL's own words instead of a checkout timeout.
    let mut first = r2d2::ManageConnection::connect(&manager)
        .map_err(|e| Error::Internal(format!("cannot connect to PostgreSQL: {e}")))?;
    migrate(&mut first)?;
    drop(first);
    let pool = r2d2::Pool::builder()
        .max_size(pool)
        // Connections are opened on demand: a server must start, and a test open a store, without
        // holding `pool` idle backends of a shared cluster.
        .min_idle(Some(0))
        .connection_timeout(CHECKOUT_TIMEOUT)
        .test_on_check_out(true)
        .build(manager)?;
    Ok(Box::new(Postgres { pool: Some(pool) }))
}

pub struct Postgres {
    /// Always `Some` until dropped (see the `Drop` below).
    pool: Option<r2d2::Pool<Manager>>,
}

impl Postgres {
    fn conn(&self) -> Result<r2d2::PooledConnection<Manager>> {
        let pool = self.pool.as_ref().ok_or_else(|| Error::Internal("the pool is closed".into()))?;
        Ok(pool.get()?)
    }
}

impl Drop for Postgres {
    /// The synchronous client closes its connection with a blocking call, which panics on a thread
    /// that drives async tasks; and the last handle of a store is often dropped on one (the
    /// server's state, when its runtime stops). So the pool, and with it every idle connection, is
    /// closed on a thread of its own there.
    fn drop(&mut self) {
        let Some(pool) = self.pool.take() else { return };
        if tokio::runtime::Handle::try_current().is_ok() {
            std::thread::spawn(move || drop(pool));
        }
    }
}

/// The statements a connection has prepared, by their SQL text.
type Statements = HashMap<&'static str, Statement>;

/// A pooled connection and the statements it has prepared (they live and die with it).
pub(super) struct Conn {
    client: Client,
    statements: Statements,
}

/// r2d2_postgres's manager, with the session settings this store relies on and a statement cache.
struct Manager(PostgresConnectionManager<NoTls>);

impl r2d2::ManageConnection for Manager {
    type Connection = Conn;
    type Error = postgres::Error;

    fn connect(&self) -> std::result::Result<Conn, postgres::Error> {
        let mut client = self.0.connect()?;
        // I6 whatever `ALTER DATABASE/ROLE ... SET` says; and the push's row locking is written for
        // READ COMMITTED (its re-select after ON CONFLICT must see the other's committed row).
        client.batch_execute(
            "SET synchronous_commit = on; SET default_transaction_isolation = 'read committed'",
        )?;
        Ok(Conn { client, statements: HashMap::new() })
    }

    fn is_valid(&self, conn: &mut Conn) -> std::result::Result<(), postgres::Error> {
        conn.client.simple_query("").map(|_| ())
    }

    fn has_broken(&self, conn: &mut Conn) -> bool {
        conn.client.is_closed()
    }
}

impl Conn {
    /// A READ COMMITTED read-write transaction.
    pub(super) fn begin(&mut self) -> Result<Tx<'_>> {
        Ok(Tx { tx: self.client.transaction()?, statements: &mut self.statements })
    }

    /// A REPEATABLE READ READ ONLY transaction: every statement sees one snapshot.
    pub(super) fn snapshot(&mut self) -> Result<Tx<'_>> {
        let tx = self
            .client
            .build_transaction()
            .isolation_level(IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()?;
        Ok(Tx { tx, statements: &mut self.statements })
    }
}

/// A transaction on a pooled connection, preparing each statement once per connection.
pub(super) struct Tx<'a> {
    tx: Transaction<'a>,
    statements: &'a mut Statements,
}

impl<'a> Tx<'a> {
    pub(super) fn commit(self) -> Result<()> {
        Ok(self.tx.commit()?)
    }

    /// The underlying transaction, for statements whose text is built at run time (table names).
    pub(super) fn raw(&mut self) -> &mut Transaction<'a> {
        &mut self.tx
    }
}

type Params<'p> = [&'p (dyn ToSql + Sync)];

/// Runs cached statements on a connection (autocommit) or a transaction alike.
pub(super) trait Sql {
    type Client: GenericClient;
    fn parts(&mut self) -> (&mut Self::Client, &mut Statements);

    fn statement(&mut self, sql: &'static str) -> Result<Statement> {
        let (client, statements) = self.parts();
        if let Some(statement) = statements.get(sql) {
            return Ok(statement.clone());
        }
        let statement = client.prepare(sql)?;
        statements.insert(sql, statement.clone());
        Ok(statement)
    }
    fn query(&mut self, sql: &'static str, params: &Params<'_>) -> Result<Vec<postgres::Row>> {
        let statement = self.statement(sql)?;
        Ok(self.parts().0.query(&statement, params)?)
    }
    fn query_opt(&mut self, sql: &'static str, params: &Params<'_>) -> Result<Option<postgres::Row>> {
        let statement = self.statement(sql)?;
        Ok(self.parts().0.query_opt(&statement, params)?)
    }
    fn query_one(&mut self, sql: &'static str, params: &Params<'_>) -> Result<postgres::Row> {
        let statement = self.statement(sql)?;
        Ok(self.parts().0.query_one(&statement, params)?)
    }
    fn execute(&mut self, sql: &'static str, params: &Params<'_>) -> Result<u64> {
        let statement = self.statement(sql)?;
        Ok(self.parts().0.execute(&statement, params)?)
    }
}

impl Sql for Conn {
    type Client = Client;
    fn parts(&mut self) -> (&mut Client, &mut Statements) {
        (&mut self.client, &mut self.statements)
    }
}

impl<'a> Sql for Tx<'a> {
    type Client = Transaction<'a>;
    fn parts(&mut self) -> (&mut Transaction<'a>, &mut Statements) {
        (&mut self.tx, self.statements)
    }
}

/// Applies the migrations this database lacks, each in its own transaction under an advisory lock
/// (a second server starting at the same time waits, then finds them applied).
fn migrate(conn: &mut Conn) -> Result<()> {
    for (i, sql) in MIGRATIONS.iter().enumerate() {
        let version = (i + 1) as i32;
        let mut tx = conn.client.transaction()?;
        // Everything, the bookkeeping table included, under the lock: a second server waits here
        // and then finds the work done.
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])?;
        tx.batch_execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INT PRIMARY KEY, applied_at TEXT NOT NULL)",
        )?;
        let current: i32 =
            tx.query_one("SELECT coalesce(max(version), 0) FROM schema_migrations", &[])?.get(0);
        if current as usize > MIGRATIONS.len() {
            return Err(Error::Internal(format!(
                "the store is at schema version {current}, newer than this server ({})",
                MIGRATIONS.len()
            )));
        }
        if current >= version {
            continue;
        }
        tx.batch_execute(sql)?;
        tx.execute(
            "INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)",
            &[&version, &crate::store::time_text(&Utc::now())],
        )?;
        tx.commit()?;
        tracing::info!(version, "PostgreSQL store migrated");
    }
    Ok(())
}

impl Backend for Postgres {
    fn engine(&self) -> &'static str {
        "postgres"
    }
    fn insert_ward(&self, code: &str, name: &str, now: DateTime<Utc>) -> Result<bool> {
        admin::insert_ward(self, code, name, now)
    }
    fn insert_enrollment_code(
        &self,
        ward: &str,
        desk: char,
        code_hash: &str,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> Result<()> {
        admin::insert_enrollment_code(self, ward, desk, code_hash, now, expires_at)
    }
    fn redeem_enrollment_code(
        &self,
        code_hash: &str,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<Credential>> {
        admin::redeem_enrollment_code(self, code_hash, token_hash, now)
    }
    fn credential(&self, token_hash: &str) -> Result<Option<Credential>> {
        admin::credential(self, token_hash)
    }
    fn revoke_desk(&self, ward: &str, desk: char, now: DateTime<Utc>) -> Result<Option<usize>> {
        admin::revoke_desk(self, ward, desk, now)
    }
    fn append_reference(
        &self,
        kind: ReferenceKind,
        ward: Option<&str>,
        data: &str,
        now: DateTime<Utc>,
    ) -> Result<u64> {
        feed::append_reference(self, kind, ward, data, now)
    }
    fn feed(&self, ward: &str, after: u64, limit: u64) -> Result<FeedPage> {
        feed::feed(self, ward, after, limit)
    }
    fn push(
        &self,
        cred: &Credential,
        stream: &str,
        req: &PushRequest,
        now: DateTime<Utc>,
    ) -> Result<PushResponse> {
        push::push(self, cred, stream, req, now)
    }
    fn release_stream(&self, stream: &str, note: &str, now: DateTime<Utc>) -> Result<u64> {
        push::release_stream(self, stream, note, now)
    }
    fn desk_streams(&self, cred: &Credential) -> Result<Vec<StreamState>> {
        push::desk_streams(self, cred)
    }
    fn stream_events(
        &self,
        cred: &Credential,
        stream: &str,
        after: u64,
        limit: u64,
    ) -> Result<(Vec<WireEvent>, u64)> {
        push::stream_events(self, cred, stream, after, limit)
    }
    fn wards(&self, calendar: &Calendar) -> Result<Vec<WardReport>> {
        overview::wards(self, calendar)
    }
    fn latest_reference(&self, kind: ReferenceKind) -> Result<Option<String>> {
        reports::latest_reference(self, kind)
    }
    fn ward_names(&self) -> Result<Vec<(String, String)>> {
        reports::ward_names(self)
    }
    fn latest_references(&self, kind: ReferenceKind) -> Result<Vec<(Option<String>, i64, String)>> {
        reports::latest_references(self, kind)
    }
    fn ward_versions(&self) -> Result<std::collections::HashMap<String, i64>> {
        reports::ward_versions(self)
    }
    fn report_visits(&self, ward: Option<&str>, up_to: &str, sink: RowSink<'_, FactRow>) -> Result<()> {
        reports::visits(self, ward, up_to, sink)
    }
    fn report_sessions(&self, ward: Option<&str>, up_to: &str, sink: RowSink<'_, SessionRow>) -> Result<()> {
        reports::sessions(self, ward, up_to, sink)
    }
    fn report_events(
        &self,
        ward: Option<&str>,
        kinds: &[&str],
        sink: RowSink<'_, (String, String)>,
    ) -> Result<()> {
        reports::events(self, ward, kinds, sink)
    }
    fn quarantine(&self) -> Result<Vec<QuarantineReport>> {
        overview::quarantine(self)
    }
    fn upsert_user(&self, name: &str, password_hash: &str, now: DateTime<Utc>) -> Result<usize> {
        users::upsert_user(self, name, password_hash, now)
    }
    fn remove_user(&self, name: &str, now: DateTime<Utc>) -> Result<Option<usize>> {
        users::remove_user(self, name, now)
    }
    fn password_hash(&self, name: &str) -> Result<Option<String>> {
        users::password_hash(self, name)
    }
    fn open_session(
        &self,
        name: &str,
        token_hash: &str,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> Result<bool> {
        users::open_session(self, name, token_hash, now, expires_at)
    }
    fn session_user(&self, token_hash: &str, now: DateTime<Utc>) -> Result<Option<String>> {
        users::session_user(self, token_hash, now)
    }
    fn end_session(&self, token_hash: &str, now: DateTime<Utc>) -> Result<()> {
        users::end_session(self, token_hash, now)
    }
    fn stream_summaries(&self) -> Result<Vec<(String, StreamSummary)>> {
        export::stream_summaries(self)
    }
    fn chain_rows(&self, stream: &str, after: u64, up_to: u64, limit: u64) -> Result<Vec<ChainRow>> {
        export::chain_rows(self, stream, after, up_to, limit)
    }
    fn repeated_event_ids(&self) -> Result<u64> {
        export::repeated_event_ids(self)
    }
    fn quarantine_checks(&self) -> Result<Vec<QuarantineCheck>> {
        export::quarantine_checks(self)
    }
    fn export(&self, table: &Table, sink: &mut dyn FnMut(Row) -> Result<()>) -> Result<()> {
        export::export(self, table, sink)
    }
    fn import(&self, table: &Table, rows: &[Row]) -> Result<()> {
        export::import(self, table, rows)
    }
    fn finish_import(&self) -> Result<()> {
        export::finish_import(self)
    }
    fn is_empty(&self) -> Result<bool> {
        export::is_empty(self)
    }
    fn holds_text(&self, needle: &str) -> Result<bool> {
        export::holds_text(self, needle)
    }
}
