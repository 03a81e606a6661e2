//! The register's schema: append-only SQL files in `migrations/`, embedded in the binary and applied
//! in order, each in its own transaction, with SQLite's `user_version` counting how many are applied.
//! A released file is never edited; a change is a new file. `schema.sql` at the repository root is the
//! readable result, kept equal to [`migrated_schema`] by a test.

use crate::error::{RegisterError, Result};
use rusqlite::Connection;

/// Every migration, in order. Index + 1 is the `user_version` after applying it.
const MIGRATIONS: &[&str] = &[
    include_str!("../../migrations/0001_register.sql"),
    include_str!("../../migrations/0002_follow_up.sql"),
    include_str!("../../migrations/0003_print_log.sql"),
    // 0004 was reserved for a change to the write path that was measured and not kept.
    include_str!("../../migrations/0005_access.sql"),
    include_str!("../../migrations/0006_withheld_fields.sql"),
    include_str!("../../migrations/0007_sealed_identities.sql"),
    include_str!("../../migrations/0008_named_prints.sql"),
    include_str!("../../migrations/0009_unlock_pins.sql"),
    include_str!("../../migrations/0010_outgoing_documents.sql"),
    include_str!("../../migrations/0011_upstream_calendar.sql"),
    include_str!("../../migrations/0012_petition_sources.sql"),
    include_str!("../../migrations/0013_report_openings.sql"),
    include_str!("../../migrations/0014_decision_figures.sql"),
];

/// The first line of a migration that rebuilds a table others refer to (SQLite's "making other
/// kinds of table schema changes"): it runs with foreign keys off, and commits only if
/// `foreign_key_check` then finds nothing.
const FOREIGN_KEYS_OFF: &str = "-- foreign_keys: off";

/// The schema version of a register; fails if it is newer than this build knows.
pub(crate) fn check_version(conn: &Connection) -> Result<u32> {
    let known = MIGRATIONS.len() as u32;
    let found: u32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found > known {
        return Err(RegisterError::TooNew { found, known });
    }
    Ok(found)
}

/// Brings a register up to the newest schema this build knows.
pub(crate) fn migrate(conn: &mut Connection) -> Result<()> {
    let found = check_version(conn)?;
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let rebuilds = sql.starts_with(FOREIGN_KEYS_OFF);
        let enforced: bool = conn.query_row("PRAGMA foreign_keys", [], |r| r.get(0))?;
        if rebuilds {
            // A no-op inside a transaction, so it is set before one starts.
            conn.pragma_update(None, "foreign_keys", false)?;
        }
        let applied = apply(conn, sql, index as u32 + 1, rebuilds);
        if rebuilds {
            conn.pragma_update(None, "foreign_keys", enforced)?;
        }
        applied?;
    }
    Ok(())
}

fn apply(conn: &mut Connection, sql: &str, version: u32, check_keys: bool) -> Result<()> {
    let tx = conn.transaction()?;
    tx.execute_batch(sql)?;
    if check_keys {
        let broken: i64 = tx.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0))?;
        if broken > 0 {
            return Err(RegisterError::Decode(format!(
                "migration {version} would leave {broken} rows referring to nothing; nothing was changed"
            )));
        }
    }
    tx.pragma_update(None, "user_version", version)?;
    tx.commit()?;
    Ok(())
}

/// The schema a fresh register has after all migrations, as `CREATE` statements in creation order
/// (FTS5's own shadow tables left out: SQLite makes them from the virtual table).
pub fn migrated_schema() -> Result<String> {
    let mut conn = Connection::open_in_memory()?;
    migrate(&mut conn)?;
    let mut stmt = conn.prepare(
        "SELECT sql FROM sqlite_schema
         WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE TABLE ''%'
         ORDER BY rowid",
    )?;
    let statements = stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
    let mut out = String::from(
        "-- The ward register's schema after all migrations (crates/tiepdan-register/migrations).\n\
         -- Generated: do not edit. Regenerate with\n\
         --   TIEPDAN_WRITE_SCHEMA=1 cargo test -p tiepdan-register schema\n\n",
    );
    for s in statements {
        out.push_str(&s);
        out.push_str(";\n\n");
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    Ok(out)
}
