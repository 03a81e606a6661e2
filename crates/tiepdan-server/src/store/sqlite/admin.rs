//! Wards, desks, one-time enrollment codes and device credentials (hashed, revoked never deleted).

use super::Sqlite;
use crate::error::{Error, Result};
use crate::store::{time_text, Credential};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};

pub(super) fn ward_name(conn: &Connection, code: &str) -> Result<String> {
    conn.query_row("SELECT name FROM wards WHERE code = ?1", [code], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("không có phường {code}")))
}

pub(super) fn insert_ward(db: &Sqlite, code: &str, name: &str, now: DateTime<Utc>) -> Result<bool> {
    let added = db.writer().execute(
        "INSERT INTO wards (code, name, created_at) VALUES (?1, ?2, ?3) ON CONFLICT (code) DO NOTHING",
        params![code, name, time_text(&now)],
    )?;
    Ok(added == 1)
}

pub(super) fn insert_enrollment_code(
    db: &Sqlite,
    ward: &str,
    desk: char,
    code_hash: &str,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<()> {
    let mut conn = db.writer();
    let tx = conn.transaction()?;
    ward_name(&tx, ward)?;
    tx.execute(
        "INSERT INTO desks (ward_code, desk, added_at) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
        params![ward, desk.to_string(), time_text(&now)],
    )?;
    tx.execute(
        "INSERT INTO enrollment_codes (code_hash, ward_code, desk, created_at, expires_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![code_hash, ward, desk.to_string(), time_text(&now), time_text(&expires_at)],
    )?;
    tx.commit()?;
    Ok(())
}

const LIVE_CODE: &str = "SELECT ward_code, desk FROM enrollment_codes
                         WHERE code_hash = ?1 AND used_at IS NULL AND expires_at > ?2";

pub(super) fn redeem_enrollment_code(
    db: &Sqlite,
    code_hash: &str,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<Credential>> {
    let now = time_text(&now);
    let lookup = |conn: &Connection| -> Result<Option<(String, String)>> {
        Ok(conn.query_row(LIVE_CODE, params![code_hash, now], |r| Ok((r.get(0)?, r.get(1)?))).optional()?)
    };
    // Guessed codes are refused on a reader, without taking the write lock.
    if lookup(&*db.reader()?)?.is_none() {
        return Ok(None);
    }
    let mut conn = db.writer();
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let Some((ward_code, desk)) = lookup(&tx)? else { return Ok(None) };
    tx.execute("UPDATE enrollment_codes SET used_at = ?2 WHERE code_hash = ?1", params![code_hash, now])?;
    tx.execute(
        "INSERT INTO credentials (token_hash, ward_code, desk, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![token_hash, ward_code, desk, now],
    )?;
    let ward_name = ward_name(&tx, &ward_code)?;
    tx.commit()?;
    Ok(Some(Credential { ward_code, ward_name, desk: desk.chars().next().unwrap_or('A') }))
}

pub(super) fn credential(db: &Sqlite, token_hash: &str) -> Result<Option<Credential>> {
    let row: Option<(String, String, String)> = db
        .reader()?
        .query_row(
            "SELECT c.ward_code, w.name, c.desk FROM credentials c JOIN wards w ON w.code = c.ward_code
             WHERE c.token_hash = ?1 AND c.revoked_at IS NULL",
            [token_hash],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    Ok(row.map(|(ward_code, ward_name, desk)| Credential {
        ward_code,
        ward_name,
        desk: desk.chars().next().unwrap_or('A'),
    }))
}

pub(super) fn revoke_desk(db: &Sqlite, ward: &str, desk: char, now: DateTime<Utc>) -> Result<Option<usize>> {
    let (desk, now) = (desk.to_string(), time_text(&now));
    let mut conn = db.writer();
    let tx = conn.transaction()?;
    let known: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM desks WHERE ward_code = ?1 AND desk = ?2)",
        params![ward, desk],
        |r| r.get(0),
    )?;
    if !known {
        return Ok(None);
    }
    let n = tx.execute(
        "UPDATE credentials SET revoked_at = ?3 WHERE ward_code = ?1 AND desk = ?2 AND revoked_at IS NULL",
        params![ward, desk, now],
    )?;
    tx.execute(
        "UPDATE enrollment_codes SET used_at = ?3 WHERE ward_code = ?1 AND desk = ?2 AND used_at IS NULL",
        params![ward, desk, now],
    )?;
    tx.commit()?;
    Ok(Some(n))
}
