//! Repeat matters: a citizen who comes back about the same matter is a second visit of that matter
//! ("tiếp lần 2"), not a new case.
//!
//! When a visit is being entered, the register suggests earlier visits of the same citizen (the same
//! ID number, or the same name and address once folded) whose content shares enough words with the
//! new one. Linking is the clerk's decision and an event; the visits of a matter are its first visit
//! and every visit linked to it (`repeat_links.matter_no`), and a visit's "lần tiếp" is its place
//! among them by reception time. Only the first visit of a matter carries deadlines (`follow_up`).

use crate::access::actor::Actor;
use crate::error::FollowUpRefusal;
use crate::error::{RegisterError, Result};
use crate::store::columns::{parse_id, parse_time};
use crate::{journal, visits::visit_rows, Register};
use chrono::{DateTime, FixedOffset};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use tiepdan_domain::acts::Act;
use tiepdan_domain::event::EventBody;
use tiepdan_domain::results::RepeatLink;
use tiepdan_domain::text::fold;
use tiepdan_domain::visit::{VisitDraft, VisitStatus};
use tiepdan_domain::VisitId;

/// Least share of the shorter content's words the two contents must have in common, in percent.
const MIN_SIMILARITY: u32 = 40;
/// Least number of words in common, so two one-word contents never match by chance.
const MIN_COMMON_WORDS: usize = 2;
/// At most this many suggestions.
const MAX_CANDIDATES: usize = 5;

/// Folded syllables too common in petitions to say anything about the matter.
const STOP_WORDS: &[&str] = &[
    "va", "cua", "ve", "cho", "la", "co", "khong", "cac", "nhung", "da", "duoc", "tai", "o", "voi", "de",
    "theo", "trong", "mot", "nay", "do", "thi", "ma", "nguoi", "ong", "ba", "don", "viec", "noi", "dung",
];

/// How the earlier visit's citizen was recognised.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SameCitizen {
    IdNumber,
    NameAndAddress,
}

/// An earlier visit the new one may repeat.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RepeatCandidate {
    pub visit_id: VisitId,
    pub receipt_no: String,
    pub received_at: DateTime<FixedOffset>,
    pub names: Vec<String>,
    pub summary: String,
    pub matched_by: SameCitizen,
    /// Words in common as a share of the shorter content's words, in percent.
    pub similarity: u32,
    /// The folded words both contents have.
    pub common_words: Vec<String>,
    /// The first visit of that visit's matter, and how many visits the matter has had.
    pub first_visit_id: VisitId,
    pub visits_in_matter: u32,
}

/// A visit linked into a matter.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MatterLink {
    pub visit_id: VisitId,
    pub earlier_visit_id: VisitId,
    pub first_visit_id: VisitId,
    /// "Lần tiếp" of the linked visit.
    pub visit_count: u32,
}

/// One visit of a matter.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MatterVisit {
    pub visit_id: VisitId,
    pub receipt_no: String,
    pub received_at: DateTime<FixedOffset>,
    /// Its "lần tiếp" (1 for the first visit).
    pub visit_count: u32,
}

/// The visits of one matter, in reception order.
pub(crate) struct Matter {
    pub first_no: i64,
    pub first_id: VisitId,
    /// (no, id, receipt, received_at), sorted by reception time.
    members: Vec<(i64, VisitId, String, DateTime<FixedOffset>)>,
}

impl Matter {
    /// The "lần tiếp" of visit `no` in this matter.
    pub fn count_up_to(&self, no: i64) -> u32 {
        self.members.iter().position(|m| m.0 == no).map_or(1, |p| p as u32 + 1)
    }

    /// How many visits the matter has had.
    pub fn size(&self) -> u32 {
        self.members.len() as u32
    }
}

/// The matter visit `no` belongs to (its own, if it was never linked).
pub(crate) fn matter_of(conn: &Connection, no: i64) -> Result<Matter> {
    let first_no: i64 = conn
        .prepare_cached("SELECT matter_no FROM repeat_links WHERE visit_no = ?1")?
        .query_row([no], |r| r.get(0))
        .optional()?
        .unwrap_or(no);
    let mut stmt = conn.prepare_cached(
        "SELECT no, id, receipt_no, received_at FROM visits
         WHERE no = ?1 OR no IN (SELECT visit_no FROM repeat_links WHERE matter_no = ?1)",
    )?;
    let rows = stmt
        .query_map([first_no], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut members = rows
        .into_iter()
        .map(|(no, id, receipt, at)| {
            Ok((no, parse_id("visits.id", &id)?, receipt, parse_time("received_at", &at)?))
        })
        .collect::<Result<Vec<_>>>()?;
    members.sort_by_key(|m| (m.3, m.0));
    let first_id = members.iter().find(|m| m.0 == first_no).map(|m| m.1).ok_or_else(|| {
        RegisterError::Decode(format!("repeat_links names visit {first_no}, which is missing"))
    })?;
    Ok(Matter { first_no, first_id, members })
}

/// How many visits the matter of visit `no` has had.
pub(crate) fn matter_size(conn: &Connection, no: i64) -> Result<u32> {
    Ok(matter_of(conn, no)?.members.len() as u32)
}

/// The folded words of a content that can tell one matter from another.
pub(crate) fn content_words(text: &str) -> BTreeSet<String> {
    fold(text).split(' ').filter(|w| w.len() >= 2 && !STOP_WORDS.contains(w)).map(str::to_string).collect()
}

fn id_key(id: &str) -> String {
    id.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Earlier visits of the draft's citizens: visit no → how the citizen was recognised.
pub(crate) fn same_citizen_visits(
    conn: &Connection,
    draft: &VisitDraft,
) -> Result<BTreeMap<i64, SameCitizen>> {
    let mut found = BTreeMap::new();
    for v in &draft.visitors {
        if let Some(id) = v.id_number.as_deref().map(id_key).filter(|id| !id.is_empty()) {
            let mut stmt = conn.prepare_cached("SELECT visit_no FROM visitors WHERE id_number = ?1")?;
            for no in stmt.query_map([id], |r| r.get::<_, i64>(0))? {
                found.insert(no?, SameCitizen::IdNumber);
            }
        }
        let address = v.address.as_deref().map(fold).unwrap_or_default();
        if address.is_empty() {
            continue;
        }
        let mut stmt =
            conn.prepare_cached("SELECT visit_no, address FROM visitors WHERE full_name_folded = ?1")?;
        let rows = stmt
            .query_map([fold(&v.full_name)], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, Option<String>>(1)?)))?;
        for row in rows {
            let (no, other) = row?;
            if other.as_deref().map(fold).as_deref() == Some(address.as_str()) {
                found.entry(no).or_insert(SameCitizen::NameAndAddress);
            }
        }
    }
    Ok(found)
}

/// Applies a `repeat_linked` event: the visit joins the earlier visit's matter, and visits that were
/// linked to it follow. Commands and `import` both go through here.
pub(crate) fn apply_repeat_link(conn: &Connection, link: &RepeatLink) -> Result<()> {
    let (no, _) = visit_rows::visit_with_no(conn, link.visit_id)?;
    let (earlier_no, _) = visit_rows::visit_with_no(conn, link.earlier_visit_id)?;
    let matter = matter_of(conn, earlier_no)?;
    conn.execute(
        "UPDATE repeat_links SET matter_no = ?2 WHERE matter_no = ?1",
        params![no, matter.first_no],
    )?;
    conn.execute(
        "INSERT INTO repeat_links (visit_no, earlier_no, matter_no) VALUES (?1, ?2, ?3)",
        params![no, earlier_no, matter.first_no],
    )?;
    Ok(())
}

impl Register {
    /// Earlier visits the visit being entered may repeat: the same citizen (ID number, or name and
    /// address) and similar content, most similar first. A suggestion only: nothing is linked.
    pub fn suggest_repeat_matters(
        &self,
        actor: &Actor<'_>,
        draft: &VisitDraft,
    ) -> Result<Vec<RepeatCandidate>> {
        self.permit(actor, Act::ReadRegister)?;
        let words = content_words(&draft.summary);
        let mut out = Vec::new();
        for (no, matched_by) in same_citizen_visits(&self.conn, draft)? {
            let (summary, status): (String, String) = self
                .conn
                .prepare_cached("SELECT summary, status FROM visits WHERE no = ?1")?
                .query_row([no], |r| Ok((r.get(0)?, r.get(1)?)))?;
            if status != "active" {
                continue;
            }
            let theirs = content_words(&summary);
            let common: Vec<String> = words.intersection(&theirs).cloned().collect();
            let shorter = words.len().min(theirs.len()).max(1);
            let similarity = (common.len() * 100 / shorter) as u32;
            if common.len() < MIN_COMMON_WORDS || similarity < MIN_SIMILARITY {
                continue;
            }
            let matter = matter_of(&self.conn, no)?;
            let Some(me) = matter.members.iter().find(|m| m.0 == no) else { continue };
            let visit = self.visit(me.1)?;
            out.push(RepeatCandidate {
                visit_id: me.1,
                receipt_no: me.2.clone(),
                received_at: me.3,
                names: visit.details.visitors.iter().map(|v| v.shown_name().to_string()).collect(),
                summary,
                matched_by,
                similarity,
                common_words: common,
                first_visit_id: matter.first_id,
                visits_in_matter: matter.members.len() as u32,
            });
        }
        out.sort_by(|a, b| b.similarity.cmp(&a.similarity).then(b.received_at.cmp(&a.received_at)));
        out.truncate(MAX_CANDIDATES);
        Ok(out)
    }

    /// Links `visit_id` to the matter of the earlier visit `earlier_visit_id`: from now on it is
    /// counted as one more visit of that matter, and visits already linked to it follow it.
    pub fn link_repeat(
        &mut self,
        actor: &Actor<'_>,
        visit_id: VisitId,
        earlier_visit_id: VisitId,
    ) -> Result<MatterLink> {
        self.permit(actor, Act::LinkRepeat)?;
        let officer = Some(actor.officer_id());
        let (tx, clock) = self.write()?;
        let (no, visit) = visit_rows::visit_with_no(&tx, visit_id)?;
        let (earlier_no, earlier) = visit_rows::visit_with_no(&tx, earlier_visit_id)?;
        let refuse = |why: &str| Err(FollowUpRefusal::RepeatLink(why.to_string()).into());
        if visit.status == VisitStatus::Cancelled || earlier.status == VisitStatus::Cancelled {
            return refuse("lượt tiếp đã bị hủy");
        }
        if earlier.details.received_at > visit.details.received_at {
            return refuse("lượt tiếp trước phải được tiếp nhận trước lượt tiếp này");
        }
        let linked: bool =
            tx.query_row("SELECT EXISTS (SELECT 1 FROM repeat_links WHERE visit_no = ?1)", [no], |r| {
                r.get(0)
            })?;
        if linked {
            return refuse("lượt tiếp này đã được liên kết với một vụ việc");
        }
        let matter = matter_of(&tx, earlier_no)?;
        if matter.first_no == no || no == earlier_no {
            return refuse("hai lượt tiếp đã thuộc cùng một vụ việc");
        }
        let link = RepeatLink { visit_id, earlier_visit_id };
        journal::append(&tx, clock, &EventBody::RepeatLinked(link.clone()), officer)?;
        apply_repeat_link(&tx, &link)?;
        let visit_count = matter_of(&tx, no)?.count_up_to(no);
        tx.commit()?;
        Ok(MatterLink { visit_id, earlier_visit_id, first_visit_id: matter.first_id, visit_count })
    }

    /// The visits of the matter `visit_id` belongs to, in reception order, each with its "lần tiếp".
    pub fn matter(&self, visit_id: VisitId) -> Result<Vec<MatterVisit>> {
        let (no, _) = visit_rows::visit_with_no(&self.conn, visit_id)?;
        let matter = matter_of(&self.conn, no)?;
        Ok(matter
            .members
            .iter()
            .enumerate()
            .map(|(i, m)| MatterVisit {
                visit_id: m.1,
                receipt_no: m.2.clone(),
                received_at: m.3,
                visit_count: i as u32 + 1,
            })
            .collect())
    }

    /// "Lần tiếp" of a visit: 1 for the first visit of a matter, 2 for the next, and so on.
    pub fn visit_count(&self, visit_id: VisitId) -> Result<u32> {
        let (no, _) = visit_rows::visit_with_no(&self.conn, visit_id)?;
        Ok(matter_of(&self.conn, no)?.count_up_to(no))
    }
}
