//! Wards, desks, one-time enrollment codes and device credentials (hashed, revoked never deleted).
//!
//! A code is spent by one conditional UPDATE: under READ COMMITTED a second redemption racing the
//! first waits for its row lock, re-checks `used_at IS NULL` and finds it spent, so a code makes at
//! most one credential without any wider lock.

use super::{Postgres, Sql};
use crate::error::{Error, Result};
use crate::store::{time_text, Credential};
use chrono::{DateTime, Utc};

pub(super) fn ward_name(db: &mut impl Sql, code: &str) -> Result<String> {
    db.query_opt("SELECT name FROM wards WHERE code = $1", &[&code])?
        .map(|r| r.get(0))
        .ok_or_else(|| Error::NotFound(format!("không có phường {code}")))
}

pub(super) fn insert_ward(db: &Postgres, code: &str, name: &str, now: DateTime<Utc>) -> Result<bool> {
    let added = db.conn()?.execute(
        "INSERT INTO wards (code, name, created_at) VALUES ($1, $2, $3) ON CONFLICT (code) DO NOTHING",
        &[&code, &name, &time_text(&now)],
    )?;
    Ok(added == 1)
}

pub(super) fn insert_enrollment_code(
    db: &Postgres,
    ward: &str,
    desk: char,
    code_hash: &str,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<()> {
    let (desk, now) = (desk.to_string(), time_text(&now));
    let mut conn = db.conn()?;
    let mut tx = conn.begin()?;
    ward_name(&mut tx, ward)?;
    tx.execute(
        "INSERT INTO desks (ward_code, desk, added_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
        &[&ward, &desk, &now],
    )?;
    tx.execute(
        "INSERT INTO enrollment_codes (code_hash, ward_code, desk, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5)",
        &[&code_hash, &ward, &desk, &now, &time_text(&expires_at)],
    )?;
    tx.commit()
}

pub(super) fn redeem_enrollment_code(
    db: &Postgres,
    code_hash: &str,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<Credential>> {
    let now = time_text(&now);
    let mut conn = db.conn()?;
    let mut tx = conn.begin()?;
    let Some(code) = tx.query_opt(
        "UPDATE enrollment_codes SET used_at = $2
         WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING ward_code, desk",
        &[&code_hash, &now],
    )?
    else {
        return Ok(None);
    };
    let (ward_code, desk): (String, String) = (code.get(0), code.get(1));
    tx.execute(
        "INSERT INTO credentials (token_hash, ward_code, desk, created_at) VALUES ($1, $2, $3, $4)",
        &[&token_hash, &ward_code, &desk, &now],
    )?;
    let ward_name = ward_name(&mut tx, &ward_code)?;
    tx.commit()?;
    Ok(Some(Credential { ward_code, ward_name, desk: desk.chars().next().unwrap_or('A') }))
}

pub(super) fn credential(db: &Postgres, token_hash: &str) -> Result<Option<Credential>> {
    let row = db.conn()?.query_opt(
        "SELECT c.ward_code, w.name, c.desk FROM credentials c JOIN wards w ON w.code = c.ward_code
         WHERE c.token_hash = $1 AND c.revoked_at IS NULL",
        &[&token_hash],
    )?;
    Ok(row.map(|r| Credential {
        ward_code: r.get(0),
        ward_name: r.get(1),
        desk: r.get::<_, String>(2).chars().next().unwrap_or('A'),
    }))
}

pub(super) fn revoke_desk(
    db: &Postgres,
    ward: &str,
    desk: char,
    now: DateTime<Utc>,
) -> Result<Option<usize>> {
    let (desk, now) = (desk.to_string(), time_text(&now));
    let mut conn = db.conn()?;
    let mut tx = conn.begin()?;
    let known: bool = tx
        .query_one("SELECT EXISTS (SELECT 1 FROM desks WHERE ward_code = $1 AND desk = $2)", &[&ward, &desk])?
        .get(0);
    if !known {
        return Ok(None);
    }
    let n = tx.execute(
        "UPDATE credentials SET revoked_at = $3 WHERE ward_code = $1 AND desk = $2 AND revoked_at IS NULL",
        &[&ward, &desk, &now],
    )?;
    tx.execute(
        "UPDATE enrollment_codes SET used_at = $3 WHERE ward_code = $1 AND desk = $2 AND used_at IS NULL",
        &[&ward, &desk, &now],
    )?;
    tx.commit()?;
    Ok(Some(n as usize))
}
