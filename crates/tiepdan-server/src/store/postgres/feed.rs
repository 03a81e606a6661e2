//! The ward feed of reference data (`tiepdan_protocol::feed`) on PostgreSQL, and how its numbers
//! keep I7: a reader that has seen number n never later finds a new row below n.
//!
//! A sequence cannot give that: numbers are taken before commit and transactions commit in any
//! order, so a reader could see 8 while 7 is still uncommitted and page past it forever. Instead
//! [`append_reference`] takes a transaction-scoped advisory lock ([`FEED_LOCK`]) and only then reads
//! `max(number) + 1`, inserts and commits. The lock is released after the commit has become visible
//! (PostgreSQL marks a transaction committed before it releases its locks), so:
//! - the next writer, which waits for the lock, reads a max that includes the previous number
//!   (READ COMMITTED takes a fresh snapshot per statement, after the lock was granted), and numbers
//!   are dense and increasing;
//! - number n+1 is committed only after n became visible, so any snapshot that sees n+1 sees n too.
//!
//! Writers of the feed are therefore serialised until their commit (they are rare: district staff
//! publishing reference data); readers take no lock and are never blocked. [`feed`] reads the max
//! and the page in one REPEATABLE READ READ ONLY transaction, so both come from one snapshot and the
//! cursor it hands out never runs ahead of the rows it returned. A cursor above the largest number
//! (a server restored from an older backup) gets 410 and a snapshot: the latest version of every
//! kind that applies to its ward.

use super::{Postgres, Sql};
use crate::error::{Error, Result};
use crate::store::time_text;
use chrono::{DateTime, Utc};
use tiepdan_protocol::{FeedEntry, FeedPage, ReferenceKind};

/// The advisory lock key serialising feed writers ("tiepfeed"); distinct from the migration lock.
const FEED_LOCK: i64 = 0x7469_6570_6665_6564;

pub(super) fn append_reference(
    db: &Postgres,
    kind: ReferenceKind,
    ward: Option<&str>,
    data: &str,
    now: DateTime<Utc>,
) -> Result<u64> {
    let mut conn = db.conn()?;
    let mut tx = conn.begin()?;
    if let Some(code) = ward {
        super::admin::ward_name(&mut tx, code)?;
    }
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&FEED_LOCK])?;
    let number: i64 = tx.query_one("SELECT coalesce(max(number), 0) + 1 FROM feed", &[])?.get(0);
    tx.execute(
        "INSERT INTO feed (number, ward_code, kind, data, created_at) VALUES ($1, $2, $3, $4, $5)",
        &[&number, &ward, &kind.as_str(), &data, &time_text(&now)],
    )?;
    tx.commit()?;
    Ok(number as u64)
}

pub(super) fn feed(db: &Postgres, ward: &str, after: u64, limit: u64) -> Result<FeedPage> {
    let mut conn = db.conn()?;
    let mut tx = conn.snapshot()?;
    let max: i64 = tx.query_one("SELECT coalesce(max(number), 0) FROM feed", &[])?.get(0);
    if after > max as u64 {
        let rows = tx.query(
            "SELECT number, kind, ward_code IS NULL, data FROM feed f
             WHERE number = (SELECT max(number) FROM feed g
                             WHERE g.kind = f.kind AND (g.ward_code IS NULL OR g.ward_code = $1))
             ORDER BY number",
            &[&ward],
        )?;
        let entries = read_entries(rows)?;
        return Err(Error::CursorExpired(Box::new(FeedPage { entries, cursor: max as u64, more: false })));
    }
    let rows = tx.query(
        "SELECT number, kind, ward_code IS NULL, data FROM feed
         WHERE number > $2 AND (ward_code IS NULL OR ward_code = $1) ORDER BY number LIMIT $3",
        &[&ward, &(after as i64), &((limit + 1) as i64)],
    )?;
    let entries = read_entries(rows)?;
    tx.commit()?;
    Ok(crate::store::rules::feed_page(entries, after, limit, max as u64))
}

fn read_entries(rows: Vec<postgres::Row>) -> Result<Vec<FeedEntry>> {
    rows.iter()
        .map(|r| {
            let kind: String = r.get(1);
            let data: String = r.get(3);
            Ok(FeedEntry {
                number: r.get::<_, i64>(0) as u64,
                kind: ReferenceKind::parse(&kind)
                    .ok_or_else(|| Error::Internal(format!("feed kind {kind}")))?,
                all_wards: r.get(2),
                data: serde_json::from_str(&data).map_err(|e| Error::Internal(format!("feed data: {e}")))?,
            })
        })
        .collect()
}
