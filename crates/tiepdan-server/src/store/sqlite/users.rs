//! Dashboard accounts (Argon2 hashes made by the caller) and their sessions (token hashes).

use super::Sqlite;
use crate::error::Result;
use crate::store::time_text;
use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};

pub(super) fn upsert_user(db: &Sqlite, name: &str, hash: &str, now: DateTime<Utc>) -> Result<usize> {
    let now = time_text(&now);
    let mut conn = db.writer();
    let tx = conn.transaction()?;
    tx.execute(
        "INSERT INTO users (name, password_hash, created_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (name) DO UPDATE SET password_hash = excluded.password_hash, removed_at = NULL",
        params![name, hash, now],
    )?;
    let ended = end_sessions(&tx, name, &now)?;
    tx.commit()?;
    Ok(ended)
}

pub(super) fn remove_user(db: &Sqlite, name: &str, now: DateTime<Utc>) -> Result<Option<usize>> {
    let now = time_text(&now);
    let mut conn = db.writer();
    let tx = conn.transaction()?;
    let removed = tx.execute(
        "UPDATE users SET removed_at = ?2 WHERE name = ?1 AND removed_at IS NULL",
        params![name, now],
    )?;
    if removed == 0 {
        return Ok(None);
    }
    let ended = end_sessions(&tx, name, &now)?;
    tx.commit()?;
    Ok(Some(ended))
}

pub(super) fn password_hash(db: &Sqlite, name: &str) -> Result<Option<String>> {
    Ok(db
        .reader()?
        .query_row("SELECT password_hash FROM users WHERE name = ?1 AND removed_at IS NULL", [name], |r| {
            r.get(0)
        })
        .optional()?)
}

pub(super) fn open_session(
    db: &Sqlite,
    name: &str,
    token_hash: &str,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<bool> {
    let opened = db.writer().execute(
        "INSERT INTO sessions (token_hash, user_name, created_at, expires_at)
         SELECT ?1, name, ?3, ?4 FROM users WHERE name = ?2 AND removed_at IS NULL",
        params![token_hash, name, time_text(&now), time_text(&expires_at)],
    )?;
    Ok(opened == 1)
}

pub(super) fn session_user(db: &Sqlite, token_hash: &str, now: DateTime<Utc>) -> Result<Option<String>> {
    Ok(db
        .reader()?
        .query_row(
            "SELECT s.user_name FROM sessions s JOIN users u ON u.name = s.user_name
             WHERE s.token_hash = ?1 AND s.expires_at > ?2 AND u.removed_at IS NULL",
            params![token_hash, time_text(&now)],
            |r| r.get(0),
        )
        .optional()?)
}

pub(super) fn end_session(db: &Sqlite, token_hash: &str, now: DateTime<Utc>) -> Result<()> {
    db.writer().execute(
        "UPDATE sessions SET expires_at = ?2 WHERE token_hash = ?1",
        params![token_hash, time_text(&now)],
    )?;
    Ok(())
}

fn end_sessions(tx: &rusqlite::Transaction<'_>, name: &str, now: &str) -> Result<usize> {
    Ok(tx.execute(
        "UPDATE sessions SET expires_at = ?2 WHERE user_name = ?1 AND expires_at > ?2",
        params![name, now],
    )?)
}
