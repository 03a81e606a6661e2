//! Wards, desks, enrollment codes and device credentials (staff accounts are in [`super::users`]).
//!
//! Codes and credentials are random, shown once, and stored only as SHA-256 hashes (they carry 60
//! and 256 bits of entropy, so a slow hash adds nothing). Nothing is deleted: a credential is
//! revoked, a code is marked used. Redeeming a code reads it first and takes the write lock only
//! for a code that exists, so guesses at `/enroll` never queue behind pushes or hold them up.

use super::{random_hex, sha256_hex, time_text, Store};
use crate::error::{Error, Result};
use chrono::{DateTime, Duration, Utc};
use rusqlite::{params, OptionalExtension};

/// Crockford base32 without I, L, O, U: easy to read aloud and type.
const CODE_ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// Who a valid credential belongs to.
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

pub(crate) fn check_ward_code(code: &str) -> Result<()> {
    if code.len() == 5 && code.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err(Error::BadRequest(format!("mã phường \"{code}\" phải gồm đúng 5 chữ số")))
    }
}

pub(crate) fn check_desk(desk: &str) -> Result<char> {
    let mut chars = desk.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if c.is_ascii_uppercase() => Ok(c),
        _ => Err(Error::BadRequest(format!("bàn \"{desk}\" phải là một chữ cái in hoa A–Z"))),
    }
}

/// What [`Store::issue_enrollment_code`] makes: 12 characters of [`CODE_ALPHABET`] once the
/// dashes and case are set aside.
pub(crate) fn is_code_shaped(normalised: &str) -> bool {
    normalised.len() == 12 && normalised.bytes().all(|b| CODE_ALPHABET.contains(&b))
}

fn normalise_code(code: &str) -> String {
    code.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_uppercase()).collect()
}

impl Store {
    pub fn add_ward(&self, code: &str, name: &str) -> Result<()> {
        check_ward_code(code)?;
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() || name.chars().count() > 300 {
            return Err(Error::BadRequest("tên phường không được trống và tối đa 300 ký tự".into()));
        }
        let conn = self.conn();
        let added = conn.execute(
            "INSERT INTO wards (code, name, created_at) VALUES (?1, ?2, ?3) ON CONFLICT (code) DO NOTHING",
            params![code, name, time_text(&self.now())],
        )?;
        if added == 0 {
            return Err(Error::BadRequest(format!("phường {code} đã có")));
        }
        Ok(())
    }

    pub(super) fn ward_name(conn: &rusqlite::Connection, code: &str) -> Result<String> {
        conn.query_row("SELECT name FROM wards WHERE code = ?1", [code], |r| r.get(0))
            .optional()?
            .ok_or_else(|| Error::NotFound(format!("không có phường {code}")))
    }

    /// Issues a one-time code for (ward, desk), valid for `valid_for`.
    pub fn issue_enrollment_code(
        &self,
        ward: &str,
        desk: &str,
        valid_for: Duration,
    ) -> Result<EnrollmentCode> {
        check_ward_code(ward)?;
        let desk = check_desk(desk)?;
        let mut bytes = [0u8; 12];
        getrandom::fill(&mut bytes).map_err(|e| Error::Internal(format!("random: {e}")))?;
        let raw: String = bytes.iter().map(|b| CODE_ALPHABET[(*b % 32) as usize] as char).collect();
        let code = format!("{}-{}-{}", &raw[0..4], &raw[4..8], &raw[8..12]);
        let now = self.now();
        let expires_at = now + valid_for;
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        Self::ward_name(&tx, ward)?;
        tx.execute(
            "INSERT INTO desks (ward_code, desk, added_at) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
            params![ward, desk.to_string(), time_text(&now)],
        )?;
        tx.execute(
            "INSERT INTO enrollment_codes (code_hash, ward_code, desk, created_at, expires_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![sha256_hex(&raw), ward, desk.to_string(), time_text(&now), time_text(&expires_at)],
        )?;
        tx.commit()?;
        Ok(EnrollmentCode { code, ward_code: ward.to_string(), desk, expires_at })
    }

    /// Exchanges a code for a new credential; the code is used up in the same transaction.
    pub fn enroll(&self, code: &str) -> Result<(String, Credential)> {
        let code = normalise_code(code);
        if !is_code_shaped(&code) {
            return Err(Error::EnrollmentRefused);
        }
        let hash = sha256_hex(&code);
        let now = time_text(&self.now());
        let live = "SELECT ward_code, desk FROM enrollment_codes
                    WHERE code_hash = ?1 AND used_at IS NULL AND expires_at > ?2";
        let lookup = |conn: &rusqlite::Connection| -> Result<Option<(String, String)>> {
            Ok(conn.query_row(live, params![hash, now], |r| Ok((r.get(0)?, r.get(1)?))).optional()?)
        };
        let mut conn = self.conn();
        // A read first: a wrong code never takes SQLite's write lock (WAL readers do not wait for
        // writers), so anyone may guess without holding back pushes or admin commands.
        if lookup(&conn)?.is_none() {
            return Err(Error::EnrollmentRefused);
        }
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        // Again under the lock: another process may have used the code in between.
        let Some((ward_code, desk)) = lookup(&tx)? else { return Err(Error::EnrollmentRefused) };
        tx.execute("UPDATE enrollment_codes SET used_at = ?2 WHERE code_hash = ?1", params![hash, now])?;
        let token = format!("tdc_{}", random_hex(32)?);
        tx.execute(
            "INSERT INTO credentials (token_hash, ward_code, desk, created_at) VALUES (?1, ?2, ?3, ?4)",
            params![sha256_hex(&token), ward_code, desk, now],
        )?;
        let ward_name = Self::ward_name(&tx, &ward_code)?;
        tx.commit()?;
        let desk = desk.chars().next().unwrap_or('A');
        Ok((token, Credential { ward_code, ward_name, desk }))
    }

    /// The ward and desk of a valid, unrevoked credential.
    pub fn authenticate(&self, token: &str) -> Result<Credential> {
        let conn = self.conn();
        let row: Option<(String, String, String)> = conn
            .query_row(
                "SELECT c.ward_code, w.name, c.desk FROM credentials c JOIN wards w ON w.code = c.ward_code
                 WHERE c.token_hash = ?1 AND c.revoked_at IS NULL",
                [sha256_hex(token)],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let (ward_code, ward_name, desk) = row.ok_or(Error::Unauthorized)?;
        Ok(Credential { ward_code, ward_name, desk: desk.chars().next().unwrap_or('A') })
    }

    /// Revokes every credential of the desk and any unused code; returns how many credentials.
    pub fn revoke_desk(&self, ward: &str, desk: &str) -> Result<usize> {
        check_ward_code(ward)?;
        let desk = check_desk(desk)?.to_string();
        let now = time_text(&self.now());
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let known: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM desks WHERE ward_code = ?1 AND desk = ?2)",
            params![ward, desk],
            |r| r.get(0),
        )?;
        if !known {
            return Err(Error::NotFound(format!("phường {ward} không có bàn {desk}")));
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
        Ok(n)
    }
}
