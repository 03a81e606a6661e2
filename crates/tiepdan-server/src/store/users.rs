//! District staff accounts for the dashboard and their sessions.
//!
//! Passwords are chosen by people and stored with argon2id; checking one is the dashboard's job
//! ([`crate::dashboard::password`]), outside the store's lock. Session tokens are random and stored
//! as SHA-256 hashes. Invariants: setting a password or removing an account ends every session of
//! that account in the same transaction; a removed account (`removed_at`) neither logs in nor keeps
//! a session. Rows are kept as the sign-in record.

use super::{random_hex, sha256_hex, time_text, Store};
use crate::error::{Error, Result};
use argon2::password_hash::{PasswordHasher, SaltString};
use argon2::Argon2;
use chrono::Duration;
use rusqlite::{params, OptionalExtension};

/// The longest account name; the login refuses longer ones before any work.
pub const MAX_USER_NAME: usize = 64;
/// The longest password checked; argon2 takes any length, but nobody types more.
pub const MAX_PASSWORD: usize = 256;

/// An argon2id PHC string of `password` with a fresh salt and the default parameters.
pub fn hash_password(password: &str) -> Result<String> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| Error::Internal(format!("random: {e}")))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| Error::Internal(format!("salt: {e}")))?;
    Ok(Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map_err(|e| Error::Internal(format!("argon2: {e}")))?
        .to_string())
}

impl Store {
    /// Adds an account, or sets the password of an existing (or removed) one. Returns how many
    /// sessions of that account were ended.
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
        let hash = hash_password(password)?;
        let now = time_text(&self.now());
        let mut conn = self.conn();
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

    /// Removes an account: it can no longer log in and its sessions end now. Returns how many
    /// sessions were ended.
    pub fn remove_user(&self, name: &str) -> Result<usize> {
        let name = name.trim();
        let now = time_text(&self.now());
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let removed = tx.execute(
            "UPDATE users SET removed_at = ?2 WHERE name = ?1 AND removed_at IS NULL",
            params![name, now],
        )?;
        if removed == 0 {
            return Err(Error::NotFound(format!("không có người dùng {name}")));
        }
        let ended = end_sessions(&tx, name, &now)?;
        tx.commit()?;
        Ok(ended)
    }

    /// The stored password hash of an account that may log in.
    pub fn password_hash(&self, name: &str) -> Result<Option<String>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT password_hash FROM users WHERE name = ?1 AND removed_at IS NULL",
                [name.trim()],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Opens a session for an account whose password was just checked; `None` if the account was
    /// removed in the meantime. Returns the token for the cookie.
    pub fn open_session(&self, name: &str, valid_for: Duration) -> Result<Option<String>> {
        let token = random_hex(32)?;
        let now = self.now();
        let opened = self.conn().execute(
            "INSERT INTO sessions (token_hash, user_name, created_at, expires_at)
             SELECT ?1, name, ?3, ?4 FROM users WHERE name = ?2 AND removed_at IS NULL",
            params![sha256_hex(&token), name.trim(), time_text(&now), time_text(&(now + valid_for))],
        )?;
        Ok((opened == 1).then_some(token))
    }

    /// The user of a live session.
    pub fn session_user(&self, token: &str) -> Result<Option<String>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT s.user_name FROM sessions s JOIN users u ON u.name = s.user_name
                 WHERE s.token_hash = ?1 AND s.expires_at > ?2 AND u.removed_at IS NULL",
                params![sha256_hex(token), time_text(&self.now())],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Ends a session by making it expire now (rows are kept as a sign-in record).
    pub fn logout(&self, token: &str) -> Result<()> {
        self.conn().execute(
            "UPDATE sessions SET expires_at = ?2 WHERE token_hash = ?1",
            params![sha256_hex(token), time_text(&self.now())],
        )?;
        Ok(())
    }
}

fn end_sessions(tx: &rusqlite::Transaction<'_>, name: &str, now: &str) -> Result<usize> {
    Ok(tx.execute(
        "UPDATE sessions SET expires_at = ?2 WHERE user_name = ?1 AND expires_at > ?2",
        params![name, now],
    )?)
}
