//! The ward feed of reference data (`tiepdan_protocol::feed`).
//!
//! A new version of a kind is appended, never edited; its number is `max + 1` taken inside an
//! IMMEDIATE transaction, i.e. under SQLite's write lock, so numbers commit in order (I7). A reader's
//! cursor above the largest number (a server restored from an older backup) gets 410 and a
//! snapshot: the latest version of every kind that applies to its ward.

use super::Sqlite;
use crate::error::{Error, Result};
use crate::store::time_text;
use chrono::{DateTime, Utc};
use rusqlite::{params, TransactionBehavior};
use tiepdan_protocol::{FeedEntry, FeedPage, ReferenceKind};

pub(super) fn append_reference(
    db: &Sqlite,
    kind: ReferenceKind,
    ward: Option<&str>,
    data: &str,
    now: DateTime<Utc>,
) -> Result<u64> {
    let mut conn = db.writer();
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    if let Some(code) = ward {
        super::admin::ward_name(&tx, code)?;
    }
    let number: i64 = tx.query_row("SELECT coalesce(max(number), 0) + 1 FROM feed", [], |r| r.get(0))?;
    tx.execute(
        "INSERT INTO feed (number, ward_code, kind, data, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![number, ward, kind.as_str(), data, time_text(&now)],
    )?;
    tx.commit()?;
    Ok(number as u64)
}

pub(super) fn feed(db: &Sqlite, ward: &str, after: u64, limit: u64) -> Result<FeedPage> {
    let conn = db.reader()?;
    // One read transaction: the max and the page come from the same snapshot.
    let tx = conn.unchecked_transaction()?;
    let max: i64 = tx.query_row("SELECT coalesce(max(number), 0) FROM feed", [], |r| r.get(0))?;
    if after > max as u64 {
        let mut stmt = tx.prepare(
            "SELECT number, kind, ward_code IS NULL, data FROM feed f
             WHERE number = (SELECT max(number) FROM feed g
                             WHERE g.kind = f.kind AND (g.ward_code IS NULL OR g.ward_code = ?1))
             ORDER BY number",
        )?;
        let entries = read_entries(stmt.query(params![ward])?)?;
        return Err(Error::CursorExpired(Box::new(FeedPage { entries, cursor: max as u64, more: false })));
    }
    let mut stmt = tx.prepare(
        "SELECT number, kind, ward_code IS NULL, data FROM feed
         WHERE number > ?2 AND (ward_code IS NULL OR ward_code = ?1) ORDER BY number LIMIT ?3",
    )?;
    let entries = read_entries(stmt.query(params![ward, after as i64, (limit + 1) as i64])?)?;
    Ok(crate::store::rules::feed_page(entries, after, limit, max as u64))
}

fn read_entries(mut rows: rusqlite::Rows<'_>) -> Result<Vec<FeedEntry>> {
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let kind: String = r.get(1)?;
        let data: String = r.get(3)?;
        out.push(FeedEntry {
            number: r.get::<_, i64>(0)? as u64,
            kind: ReferenceKind::parse(&kind).ok_or_else(|| Error::Internal(format!("feed kind {kind}")))?,
            all_wards: r.get(2)?,
            data: serde_json::from_str(&data).map_err(|e| Error::Internal(format!("feed data: {e}")))?,
        });
    }
    Ok(out)
}
