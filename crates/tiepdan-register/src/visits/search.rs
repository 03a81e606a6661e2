//! Finding visits and returning citizens as the clerk types.
//!
//! Every indexed text and every query go through `tiepdan_domain::text::fold` (tones, case and the
//! bar of đ removed; NFC and NFD alike), so "nguyen van an" finds "Nguyễn Văn An" and "Đặng" is found
//! by "dang". The FTS5 index (`visit_search`, rowid = −visits.no) holds four columns: visitor and
//! organisation names, ID numbers, the receipt number and the words of the content. Every query word
//! must appear; the last one is matched as a prefix, so results appear while typing.
//!
//! Ranking (higher `rank` is better; ties go to the newest visit):
//! - 1000 the exact receipt number, 900 an exact ID number, 500 an exact full name (index lookups
//!   over the whole register);
//! - 300 a name that begins with the typed words, 200 a name containing every typed word,
//!   100 anything else the index matched (ID prefix, receipt, content), scored over the newest
//!   full-text matches (`CANDIDATES` per requested hit). Ranking every match of a common name
//!   ("nguyen") by BM25 would read a third of the index per keystroke; clerks look for a person,
//!   so name shape and recency order the rest.

use crate::access::actor::Actor;
use crate::error::{RegisterError, Result};
use crate::store::columns::{from_word, parse_time};
use crate::visits::visit_rows::visitor_from_row;
use crate::Register;
use chrono::{DateTime, FixedOffset};
use rusqlite::{params, Connection};
use serde::Serialize;
use std::collections::HashSet;
use tiepdan_domain::acts::Act;
use tiepdan_domain::receipt::ReceiptNo;
use tiepdan_domain::text::fold;
use tiepdan_domain::visit::{Visit, VisitStatus, Visitor};
use tiepdan_domain::VisitId;

const EXACT_RECEIPT: f64 = 1000.0;
const EXACT_ID_NUMBER: f64 = 900.0;
const EXACT_NAME: f64 = 500.0;
const NAME_STARTS: f64 = 300.0;
const NAME_WORDS: f64 = 200.0;
const OTHER_MATCH: f64 = 100.0;
/// Full-text matches scored per requested hit (at least `MIN_CANDIDATES`), newest first.
const CANDIDATES: usize = 10;
const MIN_CANDIDATES: usize = 200;

/// One visit found by [`Register::search`].
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchHit {
    pub visit_id: VisitId,
    pub receipt_no: ReceiptNo,
    pub received_at: DateTime<FixedOffset>,
    pub status: VisitStatus,
    /// Names of the persons received, as entered.
    pub names: Vec<String>,
    pub summary: String,
    /// Higher is a better match; see the module documentation for the scale.
    pub rank: f64,
}

/// Rewrites the search row of a visit: `replace` for an amended visit, whose old row goes first.
pub(crate) fn index_visit(conn: &Connection, no: i64, visit: &Visit, replace: bool) -> Result<()> {
    let d = &visit.details;
    let mut names: Vec<String> = d.visitors.iter().map(|v| fold(&v.full_name)).collect();
    names.extend(d.organisation.as_deref().map(fold));
    let ids: Vec<String> = d.visitors.iter().filter_map(|v| v.id_number.as_deref().map(fold)).collect();
    let mut content: Vec<String> = vec![fold(&d.summary), fold(&d.notes)];
    content.extend(d.visitors.iter().filter_map(|v| v.address.as_deref().map(fold)));
    content.extend(d.documents.iter().map(|doc| fold(&doc.title)));
    if let Some(p) = &d.petition {
        for text in
            [&p.previous_handler, &p.previous_result, &p.transfer_to, &p.guidance].into_iter().flatten()
        {
            content.push(fold(text));
        }
    }
    if let Some(r) = &d.refusal {
        content.push(fold(&r.detail));
    }
    if replace {
        conn.prepare_cached("DELETE FROM visit_search WHERE rowid = ?1")?.execute([-no])?;
    }
    conn.prepare_cached(
        "INSERT INTO visit_search (rowid, names, id_numbers, receipt, content) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        -no,
        names.join(" "),
        ids.join(" "),
        fold(&visit.receipt_no.to_string()),
        content.join(" ")
    ])?;
    Ok(())
}

/// The FTS5 query for folded words: all must appear, the last as a prefix (it may be half typed).
/// Folded words hold only letters and digits, so quoting them keeps FTS5 syntax out.
fn match_expression(words: &[&str]) -> String {
    let last = words.len() - 1;
    let quoted: Vec<String> = words
        .iter()
        .enumerate()
        .map(|(i, w)| format!("\"{w}\"{}", if i == last { "*" } else { "" }))
        .collect();
    quoted.join(" ")
}

/// How well one folded name matches the typed words (see the module documentation).
fn name_score(name: &str, words: &[&str]) -> f64 {
    let parts: Vec<&str> = name.split(' ').collect();
    let last = words.len() - 1;
    let begins = |part: &str, word: &str| part.starts_with(word);
    if parts == words {
        EXACT_NAME
    } else if parts.len() >= words.len() && parts[..last] == words[..last] && begins(parts[last], words[last])
    {
        NAME_STARTS
    } else if words.iter().all(|w| parts.iter().any(|p| begins(p, w))) {
        NAME_WORDS
    } else {
        OTHER_MATCH
    }
}

/// An ID number as stored: no spaces, upper case (passport numbers have letters).
fn compact_id(query: &str) -> String {
    query.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_uppercase()
}

fn collect_nos(conn: &Connection, sql: &str, key: &str, limit: usize) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(params![key, limit as i64], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<Vec<i64>>>()?)
}

fn hit(conn: &Connection, no: i64, rank: f64) -> Result<SearchHit> {
    let (id, receipt, received_at, status, summary): (String, String, String, String, String) = conn
        .prepare_cached("SELECT id, receipt_no, received_at, status, summary FROM visits WHERE no = ?1")?
        .query_row([no], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?;
    let mut names_stmt =
        conn.prepare_cached("SELECT full_name, sealed FROM visitors WHERE visit_no = ?1 ORDER BY position")?;
    let names = names_stmt
        .query_map([no], |r| Ok(crate::access::sealing::shown_name(r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(SearchHit {
        visit_id: crate::store::columns::parse_id("visits.id", &id)?,
        receipt_no: receipt.parse().map_err(|e| RegisterError::Decode(format!("receipt_no: {e}")))?,
        received_at: parse_time("received_at", &received_at)?,
        status: from_word("status", &status)?,
        names,
        summary,
        rank,
    })
}

/// The newest full-text matches, each with the score of its best-matching name. Rowids are the
/// negated register numbers, so FTS5 walks its doclists forwards (with seeks) from the newest visit
/// and stops at the limit; walking backwards would load whole doclists of common names first.
fn text_matches(conn: &Connection, words: &[&str], limit: usize) -> Result<Vec<(i64, f64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT -rowid FROM visit_search WHERE visit_search MATCH ?1 ORDER BY rowid LIMIT ?2",
    )?;
    let wanted = (limit * CANDIDATES).max(MIN_CANDIDATES) as i64;
    let nos = stmt
        .query_map(params![match_expression(words), wanted], |r| r.get::<_, i64>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut names = conn.prepare_cached("SELECT full_name_folded FROM visitors WHERE visit_no = ?1")?;
    let mut scored = Vec::with_capacity(nos.len());
    for no in nos {
        let mut best = OTHER_MATCH;
        for name in names.query_map([no], |r| r.get::<_, String>(0))? {
            best = best.max(name_score(&name?, words));
        }
        scored.push((no, best));
    }
    Ok(scored)
}

/// Visits whose visitor's folded name begins with the folded query, through the name index, if
/// there are at most `MIN_CANDIDATES` of them; returns whether all were found. A query that begins
/// many names ("nguyen") finds plenty through the full-text pass quickly anyway.
fn names_starting_with(conn: &Connection, folded: &str, ranked: &mut Vec<(i64, f64)>) -> Result<bool> {
    let mut stmt = conn.prepare_cached(
        "SELECT visit_no, full_name_folded FROM visitors
         WHERE full_name_folded >= ?1 AND full_name_folded < ?2 LIMIT ?3",
    )?;
    let upper = format!("{folded}\u{10FFFF}");
    let rows = stmt
        .query_map(params![folded, upper, MIN_CANDIDATES as i64 + 1], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    if rows.len() > MIN_CANDIDATES {
        return Ok(false);
    }
    let words: Vec<&str> = folded.split(' ').collect();
    ranked.extend(rows.into_iter().map(|(no, name)| (no, name_score(&name, &words))));
    Ok(true)
}

impl Register {
    /// Visits matching a name, an ID number, a receipt number or words of the content, best first.
    pub fn search(&self, actor: &Actor<'_>, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        self.permit(actor, Act::ReadRegister)?;
        let folded = fold(query);
        let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
        if words.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        let conn = &self.conn;
        let mut ranked: Vec<(i64, f64)> = Vec::new();
        if let Ok(receipt) = query.trim().parse::<ReceiptNo>() {
            let sql = "SELECT no FROM visits WHERE receipt_no = ?1 LIMIT ?2";
            let nos = collect_nos(conn, sql, &receipt.to_string(), limit)?;
            ranked.extend(nos.into_iter().map(|n| (n, EXACT_RECEIPT)));
        }
        let id = compact_id(query);
        if id.chars().any(|c| c.is_ascii_digit()) {
            let sql = "SELECT visit_no FROM visitors WHERE id_number = ?1 ORDER BY visit_no DESC LIMIT ?2";
            ranked.extend(collect_nos(conn, sql, &id, limit)?.into_iter().map(|n| (n, EXACT_ID_NUMBER)));
        }
        let sql = "SELECT visit_no FROM visitors WHERE full_name_folded = ?1 ORDER BY visit_no DESC LIMIT ?2";
        ranked.extend(collect_nos(conn, sql, &folded, limit)?.into_iter().map(|n| (n, EXACT_NAME)));
        let complete_name_starts = names_starting_with(conn, &folded, &mut ranked)?;
        // Full-text matches score at most NAME_STARTS unless they are exact names, which are already
        // here. When every name beginning with the query is known too and the page is full, the
        // full-text pass could not change it; it is skipped, because a few matches of common words
        // ("nguyen thi …") are what make that pass walk long doclists.
        let distinct = ranked.iter().map(|(no, _)| no).collect::<HashSet<_>>().len();
        if distinct < limit || !complete_name_starts {
            ranked.extend(text_matches(conn, &words, limit)?);
        }
        // Best score first, newest first among equals.
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(b.0.cmp(&a.0)));

        let mut seen = HashSet::new();
        let mut hits = Vec::new();
        for (no, rank) in ranked {
            if hits.len() == limit {
                break;
            }
            if seen.insert(no) {
                hits.push(hit(conn, no, rank)?);
            }
        }
        Ok(hits)
    }

    /// People received before whose name or ID number starts with `query`, each once, with the
    /// details from their latest visit: the form pre-fills them for a returning citizen.
    pub fn returning_citizens(&self, actor: &Actor<'_>, query: &str, limit: usize) -> Result<Vec<Visitor>> {
        self.permit(actor, Act::ReadRegister)?;
        let folded = fold(query);
        if folded.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        let id = compact_id(query);
        let by_id = id.chars().next().is_some_and(|c| c.is_ascii_digit());
        let (column, key) = if by_id { ("id_number", id) } else { ("full_name_folded", folded) };
        // Rows come grouped by person key and newest first within it, so the first row of each
        // person is their latest visit. Scan a bounded number of rows to stay fast on common names.
        let sql = format!(
            "SELECT full_name, id_kind, id_number, id_issued_on, id_issued_by, birth_year, sex, address, phone,
                 sealed
             FROM visitors WHERE {column} >= ?1 AND {column} < ?2
             ORDER BY {column}, visit_no DESC LIMIT ?3"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let upper = format!("{key}\u{10FFFF}");
        let mut rows = stmt.query(params![key, upper, (limit * 50) as i64])?;
        let mut seen = HashSet::new();
        let mut people = Vec::new();
        while let Some(r) = rows.next()? {
            let visitor = visitor_from_row(r, 0)?;
            if visitor.is_sealed() {
                continue;
            }
            let person = match &visitor.id_number {
                Some(n) => n.clone(),
                None => format!("{}|{:?}", fold(&visitor.full_name), visitor.birth_year),
            };
            if seen.insert(person) {
                people.push(visitor);
                if people.len() == limit {
                    break;
                }
            }
        }
        Ok(people)
    }
}
