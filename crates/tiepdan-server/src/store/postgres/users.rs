//! Dashboard accounts (Argon2 hashes made by the caller) and their sessions (token hashes). A removed
//! account keeps its row, so the sign-in record in `sessions` keeps pointing at it.

use super::{Postgres, Sql};
use crate::error::Result;
use crate::store::time_text;
use chrono::{DateTime, Utc};

pub(super) fn upsert_user(db: &Postgres, name: &str, hash: &str, now: DateTime<Utc>) -> Result<usize> {
    let now = time_text(&now);
    let mut conn = db.conn()?;
    let mut tx = conn.begin()?;
    tx.execute(
        "INSERT INTO users (name, password_hash, created_at) VALUES ($1, $2, $3)
         ON CONFLICT (name) DO UPDATE SET password_hash = excluded.password_hash, removed_at = NULL",
        &[&name, &hash, &now],
    )?;
    let ended = end_sessions(&mut tx, name, &now)?;
    tx.commit()?;
    Ok(ended)
}

pub(super) fn remove_user(db: &Postgres, name: &str, now: DateTime<Utc>) -> Result<Option<usize>> {
    let now = time_text(&now);
    let mut conn = db.conn()?;
    let mut tx = conn.begin()?;
    let removed = tx
        .execute("UPDATE users SET removed_at = $2 WHERE name = $1 AND removed_at IS NULL", &[&name, &now])?;
    if removed == 0 {
        return Ok(None);
    }
    let ended = end_sessions(&mut tx, name, &now)?;
    tx.commit()?;
    Ok(Some(ended))
}

pub(super) fn password_hash(db: &Postgres, name: &str) -> Result<Option<String>> {
    Ok(db
        .conn()?
        .query_opt("SELECT password_hash FROM users WHERE name = $1 AND removed_at IS NULL", &[&name])?
        .map(|r| r.get(0)))
}

pub(super) fn open_session(
    db: &Postgres,
    name: &str,
    token_hash: &str,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<bool> {
    let opened = db.conn()?.execute(
        "INSERT INTO sessions (token_hash, user_name, created_at, expires_at)
         SELECT $1::text, name, $3::text, $4::text FROM users WHERE name = $2 AND removed_at IS NULL",
        &[&token_hash, &name, &time_text(&now), &time_text(&expires_at)],
    )?;
    Ok(opened == 1)
}

pub(super) fn session_user(db: &Postgres, token_hash: &str, now: DateTime<Utc>) -> Result<Option<String>> {
    Ok(db
        .conn()?
        .query_opt(
            "SELECT s.user_name FROM sessions s JOIN users u ON u.name = s.user_name
             WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.removed_at IS NULL",
            &[&token_hash, &time_text(&now)],
        )?
        .map(|r| r.get(0)))
}

pub(super) fn end_session(db: &Postgres, token_hash: &str, now: DateTime<Utc>) -> Result<()> {
    db.conn()?.execute(
        "UPDATE sessions SET expires_at = $2 WHERE token_hash = $1",
        &[&token_hash, &time_text(&now)],
    )?;
    Ok(())
}

fn end_sessions(tx: &mut impl Sql, name: &str, now: &str) -> Result<usize> {
    Ok(tx.execute(
        "UPDATE sessions SET expires_at = $2 WHERE user_name = $1 AND expires_at > $2",
        &[&name, &now],
    )? as usize)
}
