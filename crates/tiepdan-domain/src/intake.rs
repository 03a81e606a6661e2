//! Where a petition came from (nguồn đơn) and the rules each source brings
//! (`shared/interconnection.md` §1, §4).
//!
//! A ward receives petitions at the desk, by post, at the one-stop office, transferred in by another
//! body, forwarded by an elected body, and online. Every one of them is the same kind of register
//! record as a visit ([`crate::visit::VisitDetails`]) with its [`PetitionSource`], so search, the due
//! list, the register book, printing, sync and redaction see them all. A record whose source is not
//! the desk is a petition received without a visit: it always carries a petition, never a refusal,
//! has its own number series ([`crate::receipt::Series::Petition`]), and may have no named sender
//! when the petition is anonymous. [`PetitionDraft`] is what the clerk or `tiepdan petition receive`
//! enters for one; it becomes a [`VisitDraft`] checked by the one set of rules.

use crate::clock::vietnam_offset;
use crate::ids::OfficerId;
use crate::petition::{Document, Field, Petition, PetitionKind, Stage};
use crate::text::one_line;
use crate::validation::{Checks, Problem};
use crate::visit::{ReceptionMode, VisitDraft, Visitor, VisitorKind};
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

/// Longest letter number (số văn bản), e.g. "125/UBND-TCD".
pub const MAX_LETTER_NO: usize = 50;

/// Nguồn đơn.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum PetitionSource {
    /// Taken in at the reception desk from a citizen who came (a visit).
    #[default]
    Desk,
    /// Qua dịch vụ bưu chính.
    Post,
    /// Nộp tại Bộ phận một cửa.
    OneStop,
    /// Do cơ quan, tổ chức, đơn vị khác chuyển đến (with their transfer letter).
    TransferredIn,
    /// Do Đại biểu Quốc hội, Hội đồng nhân dân, Mặt trận Tổ quốc chuyển đến.
    ForwardedByElected,
    /// Gửi qua cổng trực tuyến.
    Online,
    Other,
}

impl PetitionSource {
    pub const ALL: [PetitionSource; 7] = [
        PetitionSource::Desk,
        PetitionSource::Post,
        PetitionSource::OneStop,
        PetitionSource::TransferredIn,
        PetitionSource::ForwardedByElected,
        PetitionSource::Online,
        PetitionSource::Other,
    ];

    pub fn label_vi(self) -> &'static str {
        match self {
            PetitionSource::Desk => "Tiếp trực tiếp",
            PetitionSource::Post => "Qua bưu chính",
            PetitionSource::OneStop => "Bộ phận một cửa",
            PetitionSource::TransferredIn => "Cơ quan khác chuyển đến",
            PetitionSource::ForwardedByElected => "Đại biểu dân cử, MTTQ chuyển đến",
            PetitionSource::Online => "Gửi trực tuyến",
            PetitionSource::Other => "Nguồn khác",
        }
    }

    pub fn is_desk(&self) -> bool {
        *self == PetitionSource::Desk
    }

    /// Whether the record must name the body that sent it, with its letter.
    pub fn needs_sending_body(self) -> bool {
        matches!(self, PetitionSource::TransferredIn | PetitionSource::ForwardedByElected)
    }

    /// The `snake_case` word used in JSON and on the command line.
    pub fn word(self) -> &'static str {
        match self {
            PetitionSource::Desk => "desk",
            PetitionSource::Post => "post",
            PetitionSource::OneStop => "one_stop",
            PetitionSource::TransferredIn => "transferred_in",
            PetitionSource::ForwardedByElected => "forwarded_by_elected",
            PetitionSource::Online => "online",
            PetitionSource::Other => "other",
        }
    }

    pub fn from_word(word: &str) -> Option<PetitionSource> {
        PetitionSource::ALL.into_iter().find(|s| s.word() == word.trim())
    }
}

/// The source rules, checked with the rest of a draft by [`VisitDraft::complete`]. `received_on` is
/// the day the record says it was received (in Vietnam).
pub(crate) fn check_source(checks: &mut Checks, draft: &VisitDraft, received_on: NaiveDate) {
    let source = draft.source;
    let letter =
        [&draft.from_body, &draft.letter_no].into_iter().any(Option::is_some) || draft.letter_date.is_some();
    checks.optional_text("from_body", &draft.from_body, crate::petition::MAX_TEXT);
    checks.optional_text("letter_no", &draft.letter_no, MAX_LETTER_NO);
    if source.is_desk() {
        // A visit has no sending body; a letter a citizen brings is one of its documents.
        if letter {
            let field = if draft.from_body.is_some() { "from_body" } else { "letter_no" };
            checks.push(field, Problem::NotForSource { source: source.label_vi().into() });
        }
    } else {
        if draft.petition.is_none() {
            checks.push("petition.kind", Problem::Required);
        }
        if draft.refusal.is_some() {
            checks.push("refusal", Problem::NotForSource { source: source.label_vi().into() });
        }
        if draft.session_id.is_some() {
            checks.push("session_id", Problem::NotForSource { source: source.label_vi().into() });
        }
        if draft.reception != ReceptionMode::Regular {
            checks.push("reception", Problem::NotForSource { source: source.label_vi().into() });
        }
    }
    if source.needs_sending_body() && draft.from_body.is_none() {
        checks.push("from_body", Problem::Required);
    }
    if let Some(date) = draft.letter_date {
        if date > received_on {
            checks.push("letter_date", Problem::LetterAfterReceipt);
        }
    }
    let anonymous = draft.petition.as_ref().is_some_and(|p| p.anonymous);
    // Only a petition received without a visit may come from no one named (an anonymous letter).
    let may_be_unsigned = anonymous && !source.is_desk();
    if draft.visitors.is_empty() && !may_be_unsigned {
        checks.push("visitors[0].full_name", Problem::Required);
    }
    if anonymous
        && source.needs_sending_body()
        && draft.petition.as_ref().is_some_and(|p| p.kind == PetitionKind::Complaint)
    {
        // A complaint names its complainant (Luật Khiếu nại, Điều 8); a body transferring one
        // has that name, so an anonymous transfer of a complaint is a typing error.
        checks.push("petition.anonymous", Problem::AnonymousComplaintTransferred);
    }
    // A leader's session may also be held over a video link and keep its leader mode, so a linked
    // site is allowed with any mode; "online" itself needs one.
    if draft.online_site.is_none()
        && (draft.reception == ReceptionMode::Online || draft.recording_ref.is_some())
    {
        checks.push("online_site", Problem::Required);
    }
    checks.optional_text("online_site", &draft.online_site, crate::petition::MAX_TEXT);
    checks.optional_text("recording_ref", &draft.recording_ref, crate::petition::MAX_TEXT);
}

/// A petition received without a visit, as the clerk or `tiepdan petition receive` enters it.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PetitionDraft {
    pub source: PetitionSource,
    /// The day it arrived; defaults to today.
    #[serde(default)]
    pub received_on: Option<NaiveDate>,
    /// The body that transferred or forwarded it.
    #[serde(default)]
    pub from_body: Option<String>,
    #[serde(default)]
    pub letter_no: Option<String>,
    #[serde(default)]
    pub letter_date: Option<NaiveDate>,
    /// Người gửi đơn: none when the petition is anonymous.
    #[serde(default)]
    pub senders: Vec<Visitor>,
    #[serde(default)]
    pub sender_kind: VisitorKind,
    /// The organisation that sent it, when `sender_kind` is organisation.
    #[serde(default)]
    pub organisation: Option<String>,
    /// Số người đứng tên; defaults to the number of senders (1 when anonymous).
    #[serde(default)]
    pub signatories: Option<u32>,
    pub summary: String,
    pub kind: PetitionKind,
    #[serde(default)]
    pub field: Field,
    #[serde(default)]
    pub anonymous: bool,
    #[serde(default)]
    pub previous_handler: Option<String>,
    #[serde(default)]
    pub previous_result: Option<String>,
    #[serde(default)]
    pub stage: Stage,
    #[serde(default)]
    pub documents: Vec<Document>,
    #[serde(default)]
    pub notes: String,
    /// The officer who registers it; defaults to the actor.
    #[serde(default)]
    pub officer_id: Option<OfficerId>,
}

impl PetitionDraft {
    /// The register record this petition becomes. `now` is the desk's clock in Vietnam: a petition
    /// registered on the day it arrived keeps the registration time; one that arrived earlier has only
    /// its day (00:00), since the time it reached the office is not known.
    pub fn into_visit_draft(self, now: DateTime<FixedOffset>) -> VisitDraft {
        let today = now.with_timezone(&vietnam_offset()).date_naive();
        let received_at = match self.received_on {
            None => now,
            Some(day) if day == today => now,
            Some(day) => {
                day.and_time(NaiveTime::MIN).and_local_timezone(vietnam_offset()).single().unwrap_or(now)
            }
        };
        let people = self.signatories.unwrap_or(self.senders.len().max(1) as u32);
        VisitDraft {
            received_at: Some(received_at),
            reception: ReceptionMode::Regular,
            visitor_kind: self.sender_kind,
            people_count: Some(people),
            organisation: self.organisation,
            visitors: self.senders,
            summary: self.summary,
            petition: Some(Petition {
                kind: self.kind,
                field: self.field,
                anonymous: self.anonymous,
                signatories: people,
                previous_handler: self.previous_handler,
                previous_result: self.previous_result,
                stage: self.stage,
                eligible: true,
                ineligible_reason: None,
                handling: None,
                transfer_to: None,
                guidance: None,
                competent: None,
                processed_on: None,
            }),
            documents: self.documents,
            refusal: None,
            officer_id: self.officer_id,
            notes: self.notes,
            source: self.source,
            from_body: self.from_body,
            letter_no: self.letter_no,
            letter_date: self.letter_date,
            session_id: None,
            online_site: None,
            recording_ref: None,
        }
    }
}

/// Trims the letter fields of a draft to one line, blank as none.
pub(crate) fn normalise(draft: &mut VisitDraft) {
    for value in
        [&mut draft.from_body, &mut draft.letter_no, &mut draft.online_site, &mut draft.recording_ref]
    {
        *value = value.as_deref().map(one_line).filter(|v| !v.is_empty());
    }
}

#[cfg(test)]
#[path = "intake_tests.rs"]
mod tests;
