//! Visits (lượt tiếp): who came, how they were received, what they brought and what was decided.
//!
//! A [`VisitDraft`] is what the clerk (or the CLI's JSON) enters; [`VisitDraft::complete`] fills the
//! defaults the law allows, normalises text to NFC and checks everything, returning the
//! [`VisitDetails`] that are stored. A stored [`Visit`] is never edited in place: an amendment
//! replaces its details through a new journal event, and a cancellation marks it cancelled.
//!
//! A denouncer's identity is sealed at the ward (issue 7 §2, `shared/domain.md` §6): the register
//! moves the identifying fields of each visitor of a protected petition into a [`VisitorIdentity`],
//! seals it, and stores the visitor with those fields blank and the ciphertext in
//! [`Visitor::sealed`]. This crate only carries the ciphertext as opaque text (it does no
//! cryptography and no I/O); [`Visitor::shown_name`] is what anyone without the key reads. Which
//! fields identify a visitor is listed once, in [`IdentityField::ALL`]; whether a visit protects
//! them is decided once, by [`VisitDetails::protects_identity`].

use crate::clock::{vietnam_offset, Clock};
use crate::identity::{check_id_number, IdKind, Sex};
use crate::ids::{OfficerId, SessionId, VisitId};
use crate::intake::PetitionSource;
use crate::petition::{Document, Petition, Refusal, MAX_DOCUMENTS, MAX_LONG_TEXT, MAX_TEXT};
use crate::receipt::ReceiptNo;
use crate::text::{nfc, one_line};
use crate::validation::{Checks, Invalid, Problem};
use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

#[path = "visit_changes.rs"]
mod changes;
#[path = "visit_identity.rs"]
mod identity_fields;
#[path = "visit_sealed.rs"]
mod sealed;
pub use changes::FieldChange;
pub use identity_fields::{IdentityField, SEALED_KEY};
pub use sealed::{SealedIdentity, VisitorIdentity, SEALED_VISITOR_NAME};

/// How far ahead of the desk's clock a reception time may be, for clocks that drift.
pub const CLOCK_SKEW_TOLERANCE_MINUTES: i64 = 5;
pub const MAX_NAME: usize = 100;
pub const MAX_VISITORS: usize = 50;
pub const MAX_PEOPLE: u32 = 10_000;
/// A group (đoàn đông người) is five people or more (Luật Tiếp công dân, Điều 27–30).
pub const GROUP_MIN_PEOPLE: u32 = 5;

/// Tiếp thường xuyên, or the leader's reception.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ReceptionMode {
    #[default]
    Regular,
    /// Thủ trưởng tiếp định kỳ.
    LeaderPeriodic,
    /// Thủ trưởng tiếp đột xuất.
    LeaderAdHoc,
    /// Ủy quyền tiếp.
    Delegated,
    /// Tiếp trực tuyến: a video-linked session with another site (`shared/interconnection.md` §4).
    Online,
}

impl ReceptionMode {
    pub fn label_vi(self) -> &'static str {
        match self {
            ReceptionMode::Regular => "Tiếp thường xuyên",
            ReceptionMode::LeaderPeriodic => "Lãnh đạo tiếp định kỳ",
            ReceptionMode::LeaderAdHoc => "Lãnh đạo tiếp đột xuất",
            ReceptionMode::Delegated => "Tiếp theo ủy quyền",
            ReceptionMode::Online => "Tiếp trực tuyến",
        }
    }
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum VisitorKind {
    #[default]
    Individual,
    /// Đoàn đông người: the visitors listed are its representatives.
    Group,
    /// An agency or organisation, through its representative.
    Organisation,
}

/// A person received. In a group visit, one of its representatives.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Visitor {
    pub full_name: String,
    #[serde(default)]
    pub id_kind: Option<IdKind>,
    #[serde(default)]
    pub id_number: Option<String>,
    #[serde(default)]
    pub id_issued_on: Option<NaiveDate>,
    #[serde(default)]
    pub id_issued_by: Option<String>,
    #[serde(default)]
    pub birth_year: Option<i32>,
    #[serde(default)]
    pub sex: Option<Sex>,
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    /// The identity sealed at the ward, for a denouncer: the fields above are then blank. Absent
    /// from the JSON when `None`, so events written before sealing existed re-encode identically.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub sealed: Option<SealedIdentity>,
}

/// What the clerk enters for a new visit or an amendment.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct VisitDraft {
    /// Defaults to now.
    #[serde(default)]
    pub received_at: Option<DateTime<FixedOffset>>,
    #[serde(default)]
    pub reception: ReceptionMode,
    #[serde(default)]
    pub visitor_kind: VisitorKind,
    /// Defaults to the number of visitors listed.
    #[serde(default)]
    pub people_count: Option<u32>,
    /// Name of the agency or organisation, for organisation visits.
    #[serde(default)]
    pub organisation: Option<String>,
    #[serde(default)]
    pub visitors: Vec<Visitor>,
    /// Nội dung vụ việc.
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub petition: Option<Petition>,
    #[serde(default)]
    pub documents: Vec<Document>,
    #[serde(default)]
    pub refusal: Option<Refusal>,
    /// Defaults to the officer who acts (the register's actor).
    #[serde(default)]
    pub officer_id: Option<OfficerId>,
    /// Ghi chú.
    #[serde(default)]
    pub notes: String,
    /// Where the petition came from; a visit is `desk`.
    #[serde(default)]
    pub source: PetitionSource,
    /// The body that transferred or forwarded it, its letter number and date.
    #[serde(default)]
    pub from_body: Option<String>,
    #[serde(default)]
    pub letter_no: Option<String>,
    #[serde(default)]
    pub letter_date: Option<NaiveDate>,
    /// The leader reception session the visit was received in; its mode becomes the visit's.
    #[serde(default)]
    pub session_id: Option<SessionId>,
    /// For an online reception: the linked site (điểm cầu) and the recording's reference.
    #[serde(default)]
    pub online_site: Option<String>,
    #[serde(default)]
    pub recording_ref: Option<String>,
}

/// The checked content of a visit, as stored and printed.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitDetails {
    pub received_at: DateTime<FixedOffset>,
    pub reception: ReceptionMode,
    pub visitor_kind: VisitorKind,
    pub people_count: u32,
    pub organisation: Option<String>,
    pub visitors: Vec<Visitor>,
    pub summary: String,
    pub petition: Option<Petition>,
    pub documents: Vec<Document>,
    pub refusal: Option<Refusal>,
    pub officer_id: Option<OfficerId>,
    pub notes: String,
    /// The fields below are absent from the JSON when empty, so events written before they existed
    /// re-encode identically (their hashes cover the encoding).
    #[serde(default, skip_serializing_if = "PetitionSource::is_desk")]
    #[cfg_attr(feature = "ts", ts(as = "Option<PetitionSource>", optional))]
    pub source: PetitionSource,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub from_body: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub letter_no: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub letter_date: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub session_id: Option<SessionId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub online_site: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub recording_ref: Option<String>,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum VisitStatus {
    #[default]
    Active,
    /// Kept in the register with its reason; never deleted.
    Cancelled,
}

/// A visit as the register holds it.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Visit {
    pub id: VisitId,
    pub receipt_no: ReceiptNo,
    pub status: VisitStatus,
    #[serde(flatten)]
    pub details: VisitDetails,
}

impl Visit {
    /// The visitor whose name heads the register row.
    pub fn lead_visitor(&self) -> Option<&Visitor> {
        self.details.visitors.first()
    }
}

impl VisitDetails {
    /// Whether the sender of this visit's petition is protected ([`crate::petition::PetitionKind::protects_sender`]).
    /// The register seals by it, papers mask by it, and sync withholds by it.
    pub fn protects_identity(&self) -> bool {
        self.petition.as_ref().is_some_and(|p| p.kind.protects_sender())
    }

    /// Blanks every visitor's identifying fields ([`IdentityField::ALL`]), as someone not cleared
    /// to see a denouncer is shown them. A sealed value stays: it reveals nothing without the key.
    pub fn mask_identities(&mut self) {
        for visitor in &mut self.visitors {
            visitor.take_identity();
        }
    }
}

fn tidy(value: &mut Option<String>) {
    *value = value.as_deref().map(one_line).filter(|v| !v.is_empty());
}

impl Visitor {
    fn normalise(&mut self) {
        self.full_name = one_line(&self.full_name);
        tidy(&mut self.id_issued_by);
        tidy(&mut self.address);
        tidy(&mut self.phone);
        self.id_number = self
            .id_number
            .as_deref()
            .map(|n| n.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_uppercase())
            .filter(|v| !v.is_empty());
        if self.id_kind.is_none() {
            self.id_kind = self.id_number.as_deref().map(IdKind::guess);
        }
    }

    fn check(&self, checks: &mut Checks, index: usize, today: NaiveDate) {
        let f = |name: &str| format!("visitors[{index}].{name}");
        checks.required_text(&f("full_name"), &self.full_name, MAX_NAME);
        checks.optional_text(&f("address"), &self.address, MAX_TEXT);
        checks.optional_text(&f("id_issued_by"), &self.id_issued_by, MAX_TEXT);
        if let Some(year) = self.birth_year {
            if !(1900..=today.year()).contains(&year) {
                checks.push(f("birth_year"), Problem::OutOfRange { min: 1900, max: today.year() as i64 });
            }
        }
        if let (Some(kind), Some(number)) = (self.id_kind, &self.id_number) {
            check_id_number(checks, &f("id_number"), kind, number, self.birth_year, self.sex, today.year());
        }
        if let Some(issued) = self.id_issued_on {
            if issued > today {
                checks.push(f("id_issued_on"), Problem::InFuture);
            } else if self.birth_year.is_some_and(|y| issued.year() < y) {
                checks.push(f("id_issued_on"), Problem::BeforeBirth);
            }
        }
        if let Some(phone) = &self.phone {
            let digits = phone.chars().filter(|c| c.is_ascii_digit()).count();
            let allowed = phone.chars().all(|c| c.is_ascii_digit() || " +.-()".contains(c));
            if !allowed || !(8..=15).contains(&digits) {
                checks.push(f("phone"), Problem::BadFormat { expected: "8–15 chữ số".into() });
            }
        }
    }
}

impl VisitDraft {
    /// Fills defaults, normalises text and checks every rule; returns all problems at once.
    pub fn complete(
        mut self,
        clock: &dyn Clock,
        default_officer: Option<OfficerId>,
    ) -> Result<VisitDetails, Invalid> {
        let now = clock.now().with_timezone(&vietnam_offset());
        let today = now.date_naive();
        self.visitors.iter_mut().for_each(Visitor::normalise);
        self.documents.iter_mut().for_each(Document::normalise);
        if let Some(p) = self.petition.as_mut() {
            p.normalise();
        }
        if let Some(r) = self.refusal.as_mut() {
            r.normalise();
        }
        tidy(&mut self.organisation);
        self.summary = nfc(&self.summary);
        self.notes = nfc(&self.notes);
        crate::intake::normalise(&mut self);

        let received_at = self.received_at.unwrap_or(now);
        let people_count = self.people_count.unwrap_or(self.visitors.len().max(1) as u32);
        let mut checks = Checks::default();
        if received_at > now + Duration::minutes(CLOCK_SKEW_TOLERANCE_MINUTES) {
            checks.push("received_at", Problem::InFuture);
        }
        let received_on = received_at.with_timezone(&vietnam_offset()).date_naive();
        crate::intake::check_source(&mut checks, &self, received_on);
        if self.visitors.len() > MAX_VISITORS {
            checks.push("visitors", Problem::TooMany { max: MAX_VISITORS });
        }
        for (i, v) in self.visitors.iter().enumerate() {
            match (v.is_sealed(), v.has_identity()) {
                // Kept as stored: the register checks it is this visitor's own sealed value.
                (true, false) => {}
                (true, true) => checks.push(format!("visitors[{i}].sealed"), Problem::SealedIdentityAndClear),
                (false, _) => v.check(&mut checks, i, today),
            }
        }
        if !(1..=MAX_PEOPLE).contains(&people_count) {
            checks.push("people_count", Problem::OutOfRange { min: 1, max: MAX_PEOPLE as i64 });
        }
        match self.visitor_kind {
            VisitorKind::Group if people_count < GROUP_MIN_PEOPLE => {
                checks.push("people_count", Problem::GroupTooSmall { min: GROUP_MIN_PEOPLE })
            }
            VisitorKind::Group => {
                // 5–10 people choose 1–2 representatives; more than 10 at most 5.
                let max = if people_count <= 10 { 2 } else { 5 };
                if self.visitors.len() > max {
                    checks.push("visitors", Problem::TooMany { max });
                }
            }
            VisitorKind::Organisation if self.organisation.is_none() => {
                checks.push("organisation", Problem::Required)
            }
            _ => {}
        }
        checks.optional_text("organisation", &self.organisation, MAX_TEXT);
        if self.refusal.is_none() {
            checks.required_text("summary", &self.summary, MAX_LONG_TEXT);
        } else {
            checks.max_len("summary", &self.summary, MAX_LONG_TEXT);
        }
        checks.max_len("notes", &self.notes, MAX_LONG_TEXT);
        if let Some(p) = &self.petition {
            p.check(&mut checks);
            if p.processed_on.is_some_and(|d| d < received_on) {
                checks.push("petition.processed_on", Problem::ProcessedBeforeReceipt);
            } else if p.processed_on.is_some_and(|d| d > today) {
                checks.push("petition.processed_on", Problem::InFuture);
            }
        }
        if self.documents.len() > MAX_DOCUMENTS {
            checks.push("documents", Problem::TooMany { max: MAX_DOCUMENTS });
        }
        for (i, d) in self.documents.iter().enumerate() {
            d.check(&mut checks, i);
        }
        if let Some(r) = &self.refusal {
            r.check(&mut checks);
        }
        checks.finish()?;
        Ok(VisitDetails {
            received_at,
            reception: self.reception,
            visitor_kind: self.visitor_kind,
            people_count,
            organisation: self.organisation,
            visitors: self.visitors,
            summary: self.summary,
            petition: self.petition,
            documents: self.documents,
            refusal: self.refusal,
            officer_id: self.officer_id.or(default_officer),
            notes: self.notes,
            source: self.source,
            from_body: self.from_body,
            letter_no: self.letter_no,
            letter_date: self.letter_date,
            session_id: self.session_id,
            online_site: self.online_site,
            recording_ref: self.recording_ref,
        })
    }
}

impl From<VisitDetails> for VisitDraft {
    /// The starting point of an amendment: the stored details as an editable draft.
    fn from(d: VisitDetails) -> Self {
        VisitDraft {
            received_at: Some(d.received_at),
            reception: d.reception,
            visitor_kind: d.visitor_kind,
            people_count: Some(d.people_count),
            organisation: d.organisation,
            visitors: d.visitors,
            summary: d.summary,
            petition: d.petition,
            documents: d.documents,
            refusal: d.refusal,
            officer_id: d.officer_id,
            notes: d.notes,
            source: d.source,
            from_body: d.from_body,
            letter_no: d.letter_no,
            letter_date: d.letter_date,
            session_id: d.session_id,
            online_site: d.online_site,
            recording_ref: d.recording_ref,
        }
    }
}

#[cfg(test)]
#[path = "visit_tests.rs"]
mod tests;
