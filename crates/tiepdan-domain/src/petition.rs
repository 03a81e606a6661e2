//! Petitions (đơn) taken in at a visit, the documents that came with them, and refusals.
//!
//! Classification follows `shared/domain.md` §5 and the handling options of the register's columns
//! 8–10 (§3). A petition's handling may still be undecided at reception: the ward has a period to
//! process it (§7), and the decision is then recorded as an amendment event.

use crate::text::{nfc, one_line};
use crate::validation::{Checks, Problem};
use serde::{Deserialize, Serialize};

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PetitionKind {
    /// Khiếu nại: against an administrative decision or act.
    Complaint,
    /// Tố cáo: reports a violation; the denouncer's identity is protected.
    Denunciation,
    /// Kiến nghị.
    Proposal,
    /// Phản ánh.
    Reflection,
    /// Đơn có nhiều nội dung.
    Mixed,
}

impl PetitionKind {
    /// Whether the sender of a petition of this kind is protected (`shared/domain.md` §6): a
    /// denunciation, or a petition with several contents, which may carry one. The one rule every
    /// path that hides an identity asks (through [`crate::visit::VisitDetails::protects_identity`]
    /// where it holds a visit).
    pub fn protects_sender(self) -> bool {
        matches!(self, PetitionKind::Denunciation | PetitionKind::Mixed)
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            PetitionKind::Complaint => "Khiếu nại",
            PetitionKind::Denunciation => "Tố cáo",
            PetitionKind::Proposal => "Kiến nghị",
            PetitionKind::Reflection => "Phản ánh",
            PetitionKind::Mixed => "Nhiều nội dung",
        }
    }
}

/// Lĩnh vực, as periodic reports group them.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// Đất đai: disputes, reclaiming, compensation, site clearance.
    Land,
    /// Nhà ở, tài sản.
    Housing,
    /// Chính sách, chế độ cán bộ, công chức.
    Policy,
    /// Other administrative matters: political, cultural, social.
    OtherAdministrative,
    /// Tư pháp.
    Judicial,
    /// Đảng.
    Party,
    /// Tham nhũng (denunciations only).
    Corruption,
    #[default]
    Other,
}

impl Field {
    pub fn label_vi(self) -> &'static str {
        match self {
            Field::Land => "Đất đai",
            Field::Housing => "Nhà ở, tài sản",
            Field::Policy => "Chính sách, chế độ CC, VC",
            Field::OtherAdministrative => "Hành chính khác",
            Field::Judicial => "Tư pháp",
            Field::Party => "Đảng",
            Field::Corruption => "Tham nhũng",
            Field::Other => "Khác",
        }
    }
}

/// Hướng xử lý.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Handling {
    /// Thụ lý để giải quyết (column 8).
    Accept,
    /// Trả lại đơn và hướng dẫn (column 9).
    Guide,
    /// Chuyển đơn đến cơ quan có thẩm quyền (column 10).
    Transfer,
    /// Trả lại đơn (ineligible; column 9).
    Return,
    /// Lưu đơn.
    File,
    /// Đôn đốc giải quyết: the competent body already has the matter; the ward urges it on.
    Remind,
}

impl Handling {
    pub fn label_vi(self) -> &'static str {
        match self {
            Handling::Accept => "Thụ lý để giải quyết",
            Handling::Guide => "Hướng dẫn",
            Handling::Transfer => "Chuyển đơn",
            Handling::Return => "Trả lại đơn",
            Handling::File => "Lưu đơn",
            Handling::Remind => "Đôn đốc giải quyết",
        }
    }
}

/// How far the matter has already been resolved elsewhere.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    #[default]
    NotResolved,
    ResolvedOnce,
    ResolvedSeveral,
}

fn one() -> u32 {
    1
}

fn yes() -> bool {
    true
}

/// A petition taken in at a visit.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Petition {
    pub kind: PetitionKind,
    #[serde(default)]
    pub field: Field,
    #[serde(default)]
    pub anonymous: bool,
    /// Number of people who signed it.
    #[serde(default = "one")]
    pub signatories: u32,
    /// Cơ quan đã giải quyết, and what it decided.
    #[serde(default)]
    pub previous_handler: Option<String>,
    #[serde(default)]
    pub previous_result: Option<String>,
    #[serde(default)]
    pub stage: Stage,
    #[serde(default = "yes")]
    pub eligible: bool,
    #[serde(default)]
    pub ineligible_reason: Option<String>,
    /// None while the petition is still being processed.
    #[serde(default)]
    pub handling: Option<Handling>,
    /// The competent body it is transferred to.
    #[serde(default)]
    pub transfer_to: Option<String>,
    /// What the citizen was told to do, and where.
    #[serde(default)]
    pub guidance: Option<String>,
    /// Thuộc thẩm quyền (true) or not; None until the petition is processed. Absent from the JSON
    /// when None, so earlier events re-encode identically.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub competent: Option<bool>,
    /// Ngày xử lý: the day the handling was decided.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub processed_on: Option<chrono::NaiveDate>,
}

/// A document taken in (tài liệu, bằng chứng).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    pub title: String,
    /// Bản chính (true) or bản sao.
    #[serde(default)]
    pub original: bool,
    #[serde(default = "one")]
    pub pages: u32,
}

/// The only grounds on which a visitor may be refused (Luật Tiếp công dân, Điều 9).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RefusalGround {
    /// Intoxicated, or mentally unable to control their behaviour.
    Incapacitated,
    /// Threatening, insulting, or breaking the reception-room rules.
    Disruptive,
    /// A matter already resolved correctly, pursued again after explanation and guidance.
    AlreadyResolved,
    /// Other cases set by law (the detail names the provision).
    OtherByLaw,
}

impl RefusalGround {
    pub fn label_vi(self) -> &'static str {
        match self {
            RefusalGround::Incapacitated => {
                "Người trong tình trạng say do dùng chất kích thích, mắc bệnh tâm thần hoặc bệnh khác làm mất khả năng nhận thức, điều khiển hành vi"
            }
            RefusalGround::Disruptive => {
                "Người có hành vi đe dọa, xúc phạm cơ quan, người tiếp công dân hoặc vi phạm nội quy nơi tiếp công dân"
            }
            RefusalGround::AlreadyResolved => {
                "Người khiếu nại, tố cáo về vụ việc đã giải quyết đúng chính sách, pháp luật, được kiểm tra, rà soát, thông báo bằng văn bản và đã được tiếp, giải thích, hướng dẫn nhưng vẫn cố tình khiếu nại, tố cáo kéo dài"
            }
            RefusalGround::OtherByLaw => "Trường hợp khác theo quy định của pháp luật",
        }
    }
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Refusal {
    pub ground: RefusalGround,
    #[serde(default)]
    pub detail: String,
}

pub const MAX_TEXT: usize = 300;
pub const MAX_LONG_TEXT: usize = 4000;
pub const MAX_DOCUMENTS: usize = 200;

impl Petition {
    pub(crate) fn normalise(&mut self) {
        for s in [&mut self.previous_handler, &mut self.previous_result, &mut self.transfer_to] {
            *s = s.as_deref().map(one_line).filter(|v| !v.is_empty());
        }
        for s in [&mut self.ineligible_reason, &mut self.guidance] {
            *s = s.as_deref().map(nfc).filter(|v| !v.is_empty());
        }
    }

    pub(crate) fn check(&self, checks: &mut Checks) {
        let f = |name: &str| format!("petition.{name}");
        if self.field == Field::Corruption
            && !matches!(self.kind, PetitionKind::Denunciation | PetitionKind::Mixed)
        {
            checks.push(f("field"), Problem::FieldNotForKind);
        }
        if !(1..=100_000).contains(&self.signatories) {
            checks.push(f("signatories"), Problem::OutOfRange { min: 1, max: 100_000 });
        }
        checks.optional_text(&f("previous_handler"), &self.previous_handler, MAX_TEXT);
        checks.optional_text(&f("previous_result"), &self.previous_result, MAX_LONG_TEXT);
        checks.optional_text(&f("ineligible_reason"), &self.ineligible_reason, MAX_LONG_TEXT);
        checks.optional_text(&f("guidance"), &self.guidance, MAX_LONG_TEXT);
        checks.optional_text(&f("transfer_to"), &self.transfer_to, MAX_TEXT);
        if !self.eligible && self.ineligible_reason.is_none() {
            checks.push(f("ineligible_reason"), Problem::Required);
        }
        match self.handling {
            Some(Handling::Accept) if !self.eligible => {
                checks.push(f("handling"), Problem::AcceptNeedsEligible)
            }
            Some(Handling::Transfer) if self.kind == PetitionKind::Complaint => {
                checks.push(f("handling"), Problem::ComplaintNotTransferred)
            }
            Some(Handling::Transfer | Handling::Remind) if self.transfer_to.is_none() => {
                checks.push(f("transfer_to"), Problem::Required)
            }
            Some(Handling::Guide) if self.guidance.is_none() => checks.push(f("guidance"), Problem::Required),
            _ => {}
        }
        match (self.handling, self.competent) {
            (Some(Handling::Accept), Some(false)) => {
                checks.push(f("competent"), Problem::AcceptNeedsCompetence)
            }
            (Some(Handling::Transfer | Handling::Remind), Some(true)) => {
                checks.push(f("competent"), Problem::TransferNeedsNoCompetence)
            }
            _ => {}
        }
    }
}

impl Document {
    pub(crate) fn normalise(&mut self) {
        self.title = one_line(&self.title);
    }

    pub(crate) fn check(&self, checks: &mut Checks, index: usize) {
        checks.required_text(&format!("documents[{index}].title"), &self.title, MAX_TEXT);
        if !(1..=10_000).contains(&self.pages) {
            checks.push(format!("documents[{index}].pages"), Problem::OutOfRange { min: 1, max: 10_000 });
        }
    }
}

impl Refusal {
    pub(crate) fn normalise(&mut self) {
        self.detail = nfc(&self.detail);
    }

    pub(crate) fn check(&self, checks: &mut Checks) {
        if self.ground == RefusalGround::OtherByLaw && self.detail.is_empty() {
            checks.push("refusal.detail", Problem::Required);
        }
        checks.max_len("refusal.detail", &self.detail, MAX_LONG_TEXT);
    }
}
