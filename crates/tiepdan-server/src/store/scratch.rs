//! A fresh, empty store for tests and benchmarks, on the engine the run asks for.
//!
//! Without [`POSTGRES_ENV`] a store is a file in the caller's directory. With it (set by
//! `scripts/postgres-test.sh` to a superuser URL of a throwaway cluster) each store is a new
//! database created on that server, so every server test and sync scenario runs unchanged on
//! PostgreSQL. [`REQUIRE_POSTGRES_ENV`] makes a PostgreSQL-only test fail instead of skipping when
//! no server is named: `make test` sets it, so a missing cluster cannot pass silently.

use super::Location;
use crate::error::{Error, Result};
use std::path::Path;

/// A superuser URL (`postgres://user@127.0.0.1:PORT/postgres`) of the cluster tests may use.
pub const POSTGRES_ENV: &str = "TIEPDAN_TEST_POSTGRES";
/// `1`: PostgreSQL-only tests must run (set by `scripts/postgres-test.sh`).
pub const REQUIRE_POSTGRES_ENV: &str = "TIEPDAN_TEST_REQUIRE_POSTGRES";

/// The cluster named by [`POSTGRES_ENV`], if any.
pub fn postgres_server() -> Option<String> {
    std::env::var(POSTGRES_ENV).ok().filter(|url| !url.trim().is_empty())
}

/// For a PostgreSQL-only test: the cluster's URL, or `None` (the test returns early, saying so)
/// when none is named and none is required. Panics when one is required but not named.
pub fn postgres_or_skip(test: &str) -> Option<String> {
    match postgres_server() {
        Some(url) => Some(url),
        None if std::env::var(REQUIRE_POSTGRES_ENV).is_ok_and(|v| v == "1") => {
            panic!("{test} needs PostgreSQL, and {REQUIRE_POSTGRES_ENV}=1 but {POSTGRES_ENV} is not set")
        }
        None => {
            eprintln!("{test}: skipped here, it needs PostgreSQL (scripts/postgres-test.sh runs it)");
            None
        }
    }
}

/// A new, empty store: `dir/server.db`, or a new database on the cluster of [`POSTGRES_ENV`].
pub fn location(dir: &Path) -> Location {
    match postgres_server() {
        Some(server) => {
            fresh_database(&server).unwrap_or_else(|e| panic!("a fresh PostgreSQL database: {e}"))
        }
        None => Location::Sqlite(dir.join("server.db")),
    }
}

/// Creates a database with a unique name on the cluster at `server` (a superuser URL) and returns
/// its location.
pub fn fresh_database(server: &str) -> Result<Location> {
    let name = format!("tiepdan_{}", uuid::Uuid::now_v7().simple());
    let mut admin = postgres::Client::connect(server, postgres::NoTls)
        .map_err(|e| Error::Internal(format!("cannot reach {server}: {e}")))?;
    admin
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .map_err(|e| Error::Internal(format!("create database: {e}")))?;
    let (base, _) =
        server.rsplit_once('/').ok_or_else(|| Error::BadRequest(format!("{server} has no database")))?;
    Ok(Location::Postgres(format!("{base}/{name}")))
}

impl Location {
    /// The `--db` argument that names this store.
    pub fn as_arg(&self) -> String {
        match self {
            Location::Sqlite(path) => path.display().to_string(),
            Location::Postgres(url) => url.clone(),
        }
    }
}
