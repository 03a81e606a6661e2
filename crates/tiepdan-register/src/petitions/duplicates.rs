//! Duplicate petitions (đơn trùng): the same person sending the same matter again, often a
//! photocopy, sometimes to several bodies at once. While a petition or visit is being entered, the
//! register proposes earlier records of the same person or with the same content, diacritics and
//! case ignored ([`tiepdan_domain::text::fold`]). Linking one is the clerk's decision, made with
//! [`Register::link_repeat`] (a `repeat_linked` event: the record counts as one more of that matter);
//! leaving the proposals alone registers a new matter.
//!
//! Two ways in, both through indexes so that a register of a few hundred thousand petitions answers
//! while the clerk types:
//! - the same person: an equal ID number, or an equal folded name (with an equal address when both
//!   records have one);
//! - the same content: the full-text index's `content` column, queried for any two of the draft's
//!   rarest words (counted in the index up to a cap), newest first, rarest pairs first; a word that
//!   is in almost every petition ("đất") says nothing about the matter.
//!
//! Every candidate is then scored by the share of content words in common. Names are shown masked
//! where the sender is sealed, and a sealed sender is never matched by name (the register does not
//! hold it in clear), so a proposal cannot re-identify a denouncer. Links travel upstream with the
//! protection the journal already gives them (`tiepdan_domain::upstream`, `repeat_linked`).

use crate::access::actor::Actor;
use crate::error::Result;
use crate::petitions::follow_up::names_of;
use crate::store::columns::{from_word, parse_date, parse_id};
use crate::visits::repeat_matters::{content_words, matter_of};
use crate::Register;
use chrono::NaiveDate;
use rusqlite::{params, Connection};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use tiepdan_domain::acts::Act;
use tiepdan_domain::clock::vietnam_offset;
use tiepdan_domain::intake::{PetitionDraft, PetitionSource};
use tiepdan_domain::text::fold;
use tiepdan_domain::visit::VisitDraft;
use tiepdan_domain::VisitId;

/// A record of the same person is proposed when this share of content words (percent) is shared…
const PERSON_MIN_SIMILARITY: u32 = 25;
/// …and a stranger's record only when the contents mostly agree, on at least three words.
const CONTENT_MIN_SIMILARITY: u32 = 60;
const CONTENT_MIN_COMMON: usize = 3;
/// Records a word is counted in, at most: past this it is common, whatever its real count.
const RARE_ENOUGH: i64 = 500;
/// The draft's rarest words the content query pairs up.
const RAREST_WORDS: usize = 6;
/// Newest records of the same name or ID number read per sender.
const CANDIDATES: i64 = 100;
/// Records of the same content read in all, over the pairs of rare words.
const CONTENT_CANDIDATES: i64 = 50;
const MAX_PROPOSALS: usize = 8;

/// Why an earlier record is proposed.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Likeness {
    IdNumber,
    NameAndAddress,
    Name,
    Content,
}

impl Likeness {
    pub fn label_vi(self) -> &'static str {
        match self {
            Likeness::IdNumber => "Cùng số giấy tờ",
            Likeness::NameAndAddress => "Cùng họ tên và địa chỉ",
            Likeness::Name => "Cùng họ tên",
            Likeness::Content => "Cùng nội dung",
        }
    }

    /// How much the way of recognising says on its own, added to the content similarity.
    fn weight(self) -> u32 {
        match self {
            Likeness::IdNumber => 100,
            Likeness::NameAndAddress => 60,
            Likeness::Name => 30,
            Likeness::Content => 0,
        }
    }
}

/// An earlier petition or visit the one being entered may duplicate.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DuplicateCandidate {
    pub visit_id: VisitId,
    pub receipt_no: String,
    pub received_on: NaiveDate,
    pub source: PetitionSource,
    pub source_vi: String,
    /// Names as the register shows them (sealed senders masked).
    pub names: Vec<String>,
    pub summary: String,
    pub likeness: Likeness,
    pub likeness_vi: String,
    /// Content words in common as a share of the shorter content's words, in percent.
    pub similarity: u32,
    pub common_words: Vec<String>,
    /// The first record of its matter and how many the matter has.
    pub first_visit_id: VisitId,
    pub in_matter: u32,
}

/// A candidate scored from its row, before its names and matter are read.
struct Scored {
    score: u32,
    received_on: String,
    no: i64,
    id: String,
    receipt_no: String,
    source: String,
    summary: String,
    likeness: Likeness,
    similarity: u32,
    common: Vec<String>,
}

fn id_key(id: &str) -> String {
    id.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_uppercase()
}

/// Earlier records of the draft's senders, with the strongest way each was recognised.
fn same_person(conn: &Connection, draft: &VisitDraft, found: &mut BTreeMap<i64, Likeness>) -> Result<()> {
    let mut by_id = conn.prepare_cached(
        "SELECT visit_no FROM visitors WHERE id_number = ?1 ORDER BY visit_no DESC LIMIT ?2",
    )?;
    let mut by_name = conn.prepare_cached(
        "SELECT visit_no, address FROM visitors WHERE full_name_folded = ?1 ORDER BY visit_no DESC LIMIT ?2",
    )?;
    for v in &draft.visitors {
        if let Some(id) = v.id_number.as_deref().map(id_key).filter(|id| !id.is_empty()) {
            for no in by_id.query_map(params![id, CANDIDATES], |r| r.get::<_, i64>(0))? {
                found.insert(no?, Likeness::IdNumber);
            }
        }
        let name = fold(&v.full_name);
        if name.is_empty() {
            continue;
        }
        let address = v.address.as_deref().map(fold).filter(|a| !a.is_empty());
        let rows = by_name.query_map(params![name, CANDIDATES], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, Option<String>>(1)?))
        })?;
        for row in rows {
            let (no, theirs) = row?;
            let theirs = theirs.as_deref().map(fold).filter(|a| !a.is_empty());
            let likeness = match (&address, &theirs) {
                (Some(a), Some(b)) if a == b => Likeness::NameAndAddress,
                (Some(_), Some(_)) => continue,
                _ => Likeness::Name,
            };
            let entry = found.entry(no).or_insert(likeness);
            *entry = (*entry).min(likeness);
        }
    }
    Ok(())
}

/// Records whose content has two of the draft's rarest words, newest first. Pairs are tried from the
/// rarest (the smallest product of document counts, so the fewest records to walk) and the search
/// stops once enough are found: a photocopy shares the rarest words of its original (a parcel
/// number, a decision number), while a pair of common words only says what kind of matter it is.
fn same_content(
    conn: &Connection,
    words: &BTreeSet<String>,
    found: &mut BTreeMap<i64, Likeness>,
) -> Result<()> {
    // How many records hold a word, counted up to RARE_ENOUGH: FTS5 walks a doclist only that far,
    // so a word in every other petition costs no more than a rare one (an fts5vocab table would
    // walk the whole doclist, which measured 50 ms among 200,000 petitions).
    let mut counts = conn.prepare_cached(
        "SELECT count(*) FROM (SELECT rowid FROM visit_search WHERE visit_search MATCH ?1 LIMIT ?2)",
    )?;
    let mut rare: Vec<(i64, &str)> = Vec::new();
    for w in words {
        // Folded words hold only letters and digits: safe to quote into the FTS5 expression.
        if !w.chars().all(char::is_alphanumeric) {
            continue;
        }
        let docs: i64 = counts.query_row(params![format!("content : \"{w}\""), RARE_ENOUGH], |r| r.get(0))?;
        if docs > 0 {
            rare.push((docs, w));
        }
    }
    rare.sort();
    rare.truncate(RAREST_WORDS);
    let mut pairs = Vec::new();
    for (i, (da, a)) in rare.iter().enumerate() {
        for (db, b) in &rare[i + 1..] {
            pairs.push((da.saturating_mul(*db), *a, *b));
        }
    }
    pairs.sort();
    let mut stmt = conn.prepare_cached(
        "SELECT -rowid FROM visit_search WHERE visit_search MATCH ?1 ORDER BY rowid LIMIT ?2",
    )?;
    let mut by_content = BTreeSet::new();
    for (_, a, b) in pairs {
        let expression = format!("content : (\"{a}\" \"{b}\")");
        for no in stmt.query_map(params![expression, CONTENT_CANDIDATES], |r| r.get::<_, i64>(0))? {
            by_content.insert(no?);
        }
        if by_content.len() >= CONTENT_CANDIDATES as usize {
            break;
        }
    }
    for no in by_content {
        found.entry(no).or_insert(Likeness::Content);
    }
    Ok(())
}

impl Register {
    /// Earlier petitions and visits the draft may duplicate, most likely first (see the module
    /// documentation). A proposal only: nothing is linked.
    pub fn suggest_duplicates(
        &self,
        actor: &Actor<'_>,
        draft: &VisitDraft,
    ) -> Result<Vec<DuplicateCandidate>> {
        self.permit(actor, Act::ReadRegister)?;
        let words = content_words(&draft.summary);
        let mut found = BTreeMap::new();
        same_person(&self.conn, draft, &mut found)?;
        same_content(&self.conn, &words, &mut found)?;
        let mut row = self.conn.prepare_cached(
            "SELECT id, receipt_no, received_on, source, summary FROM visits WHERE no = ?1 AND status = 'active'",
        )?;
        // Score every candidate from its row alone; names and matters only for those shown.
        let mut scored = Vec::new();
        for (no, likeness) in found {
            let Some(r) = row
                .query_map([no], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?
                .next()
                .transpose()?
            else {
                continue;
            };
            let (id, receipt_no, received_on, source, summary): (String, String, String, String, String) = r;
            let theirs = content_words(&summary);
            let common: Vec<String> = words.intersection(&theirs).cloned().collect();
            let similarity = (common.len() * 100 / words.len().min(theirs.len()).max(1)) as u32;
            let wanted = match likeness {
                Likeness::IdNumber => true,
                Likeness::NameAndAddress | Likeness::Name => similarity >= PERSON_MIN_SIMILARITY,
                Likeness::Content => {
                    similarity >= CONTENT_MIN_SIMILARITY && common.len() >= CONTENT_MIN_COMMON
                }
            };
            if wanted {
                let score = similarity + likeness.weight();
                let row = Scored {
                    score,
                    received_on,
                    no,
                    id,
                    receipt_no,
                    source,
                    summary,
                    likeness,
                    similarity,
                    common,
                };
                scored.push(row);
            }
        }
        scored.sort_by(|a, b| {
            b.score.cmp(&a.score).then(b.received_on.cmp(&a.received_on)).then(b.no.cmp(&a.no))
        });
        scored.truncate(MAX_PROPOSALS);
        let mut out = Vec::with_capacity(scored.len());
        for Scored {
            received_on, no, id, receipt_no, source, summary, likeness, similarity, common, ..
        } in scored
        {
            let source: PetitionSource = from_word("source", &source)?;
            let matter = matter_of(&self.conn, no)?;
            out.push(DuplicateCandidate {
                visit_id: parse_id("visits.id", &id)?,
                receipt_no,
                received_on: parse_date("received_on", &received_on)?,
                source,
                source_vi: source.label_vi().to_string(),
                names: names_of(&self.conn, no)?,
                summary,
                likeness,
                likeness_vi: likeness.label_vi().to_string(),
                similarity,
                common_words: common,
                first_visit_id: matter.first_id,
                in_matter: matter.size(),
            });
        }
        Ok(out)
    }

    /// [`Register::suggest_duplicates`] for a petition received without a visit.
    pub fn suggest_petition_duplicates(
        &self,
        actor: &Actor<'_>,
        draft: &PetitionDraft,
    ) -> Result<Vec<DuplicateCandidate>> {
        let now = self.clock.now().with_timezone(&vietnam_offset());
        self.suggest_duplicates(actor, &draft.clone().into_visit_draft(now))
    }
}
