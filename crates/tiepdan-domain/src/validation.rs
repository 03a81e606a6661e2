//! What is wrong with an input, precisely enough to show next to the field that is wrong.
//!
//! Every check in this crate reports a [`FieldProblem`]: the path of the field as the input names it
//! (`visitors[0].id_number`, `petition.transfer_to`) and a [`Problem`] the UI branches on by its
//! `code`. The Vietnamese message is what the clerk reads; the English one is for logs and the CLI.

use serde::Serialize;
use std::fmt;

/// One thing wrong with one field.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Problem {
    Required,
    TooLong {
        max: usize,
    },
    TooMany {
        max: usize,
    },
    OutOfRange {
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        min: i64,
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        max: i64,
    },
    InFuture,
    BeforeBirth,
    BadFormat {
        expected: String,
    },
    IdWrongLength {
        expected: usize,
        got: usize,
    },
    IdNotDigits,
    IdUnknownProvince {
        province: String,
    },
    IdBirthYearMismatch {
        from_id: i32,
        entered: i32,
    },
    IdSexMismatch,
    IdBirthYearInFuture {
        from_id: i32,
    },
    GroupTooSmall {
        min: u32,
    },
    ComplaintNotTransferred,
    FieldNotForKind,
    AcceptNeedsEligible,
    /// A sealed identity that is not the one the register holds for this visitor (a new visit has
    /// none): it cannot be opened here, so it is refused rather than stored.
    SealedIdentityForeign,
    /// A visitor carrying both a sealed identity and one typed in clear: which one is meant?
    SealedIdentityAndClear,
    /// A character the printed forms cannot draw (an emoji, a CJK ideograph, a mathematical
    /// letter): refused so the paper never shows less than the register holds.
    Unprintable {
        character: String,
    },
    /// A field that does not belong to a record from this source or mode (`source` is its label).
    NotForSource {
        source: String,
    },
    /// The sending body's letter is dated after the petition was received.
    LetterAfterReceipt,
    AnonymousComplaintTransferred,
    ProcessedBeforeReceipt,
    AcceptNeedsCompetence,
    TransferNeedsNoCompetence,
    ClosesBeforeOpening,
    /// Processing refers to a record that cannot take it (cancelled, or without a petition).
    NotProcessable {
        reason: String,
    },
    /// A visit may only join a session planned for its own day and not yet closed.
    SessionNotOpen {
        reason: String,
    },
    /// A part larger than the whole it belongs to (officials among people); `total` names the whole.
    ExceedsTotal {
        total: String,
    },
    /// A value this petition cannot take (figures of a decision on something not a complaint).
    NotForThisPetition {
        reason: String,
    },
}

/// A problem attached to the field it concerns.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldProblem {
    pub field: String,
    #[serde(flatten)]
    pub problem: Problem,
    /// The sentence the clerk reads, in Vietnamese.
    pub message: String,
}

impl FieldProblem {
    pub fn new(field: impl Into<String>, problem: Problem) -> Self {
        let message = problem.message_vi();
        Self { field: field.into(), problem, message }
    }
}

impl Problem {
    /// Plain Vietnamese for the clerk, without the field name (the UI shows it next to the field).
    pub fn message_vi(&self) -> String {
        match self {
            Problem::Required => "Chưa nhập thông tin bắt buộc.".into(),
            Problem::TooLong { max } => format!("Quá dài: tối đa {max} ký tự."),
            Problem::TooMany { max } => format!("Quá nhiều: tối đa {max}."),
            Problem::OutOfRange { min, max } => format!("Phải nằm trong khoảng {min} đến {max}."),
            Problem::InFuture => "Thời điểm không được ở tương lai.".into(),
            Problem::BeforeBirth => "Ngày cấp không được trước năm sinh.".into(),
            Problem::BadFormat { expected } => format!("Sai định dạng: cần {expected}."),
            Problem::IdWrongLength { expected, got } => {
                format!("Số giấy tờ phải có {expected} chữ số (đang có {got}).")
            }
            Problem::IdNotDigits => "Số giấy tờ chỉ gồm chữ số.".into(),
            Problem::IdUnknownProvince { province: code } => {
                format!("Mã tỉnh nơi đăng ký khai sinh \"{code}\" không tồn tại.")
            }
            Problem::IdBirthYearMismatch { from_id, entered } => {
                format!("Số định danh cho năm sinh {from_id}, khác năm sinh đã nhập ({entered}).")
            }
            Problem::IdSexMismatch => "Chữ số thứ 4 của số định danh không khớp giới tính đã nhập.".into(),
            Problem::IdBirthYearInFuture { from_id } => {
                format!("Số định danh cho năm sinh {from_id}, ở tương lai.")
            }
            Problem::GroupTooSmall { min } => format!("Đoàn đông người phải có từ {min} người trở lên."),
            Problem::ComplaintNotTransferred => {
                "Đơn khiếu nại không chuyển đơn: hãy hướng dẫn công dân đến cơ quan có thẩm quyền.".into()
            }
            Problem::FieldNotForKind => "Lĩnh vực này không dùng cho loại đơn đã chọn.".into(),
            Problem::AcceptNeedsEligible => "Chỉ thụ lý đơn đủ điều kiện.".into(),
            Problem::SealedIdentityForeign => {
                "Danh tính được bảo mật không phải của người này trong lượt tiếp này: hãy giữ nguyên hoặc nhập lại danh tính.".into()
            }
            Problem::Unprintable { character } => format!(
                "Ký tự \"{character}\" ({}) không in được trên giấy tờ: hãy xóa hoặc thay bằng chữ thường.",
                code_point(character)
            ),
            Problem::SealedIdentityAndClear => {
                "Danh tính đang được bảo mật: hãy giữ nguyên, hoặc bỏ bảo mật cũ và nhập lại đầy đủ.".into()
            }
            Problem::NotForSource { source } => format!("Thông tin này không dùng cho: {source}."),
            Problem::LetterAfterReceipt => "Ngày văn bản không được sau ngày nhận đơn.".into(),
            Problem::AnonymousComplaintTransferred => {
                "Đơn khiếu nại do cơ quan khác chuyển đến phải ghi rõ người khiếu nại, không phải đơn nặc danh.".into()
            }
            Problem::ProcessedBeforeReceipt => "Ngày xử lý không được trước ngày nhận đơn.".into(),
            Problem::AcceptNeedsCompetence => "Chỉ thụ lý đơn thuộc thẩm quyền.".into(),
            Problem::TransferNeedsNoCompetence => {
                "Đơn thuộc thẩm quyền thì không chuyển đơn hoặc đôn đốc: hãy thụ lý hoặc trả lại.".into()
            }
            Problem::ClosesBeforeOpening => "Giờ kết thúc phải sau giờ bắt đầu.".into(),
            Problem::NotProcessable { reason } => format!("Không thể xử lý đơn: {reason}."),
            Problem::SessionNotOpen { reason } => format!("Không thể tiếp trong kỳ tiếp này: {reason}."),
            Problem::ExceedsTotal { total } => format!("Không được lớn hơn {total}."),
            Problem::NotForThisPetition { reason } => format!("Không dùng cho đơn này: {reason}."),
        }
    }

    /// English, for logs and command-line errors.
    pub fn message_en(&self) -> String {
        match self {
            Problem::Required => "is required".into(),
            Problem::TooLong { max } => format!("is longer than {max} characters"),
            Problem::TooMany { max } => format!("has more than {max} entries"),
            Problem::OutOfRange { min, max } => format!("must be between {min} and {max}"),
            Problem::InFuture => "is in the future".into(),
            Problem::BeforeBirth => "is before the birth year".into(),
            // `expected` is Vietnamese; the Vietnamese message follows in parentheses (see Invalid).
            Problem::BadFormat { .. } => "has the wrong format".into(),
            Problem::IdWrongLength { expected, got } => format!("must have {expected} digits, has {got}"),
            Problem::IdNotDigits => "must contain digits only".into(),
            Problem::IdUnknownProvince { province: code } => {
                format!("starts with unknown province code {code}")
            }
            Problem::IdBirthYearMismatch { from_id, entered } => {
                format!("encodes birth year {from_id} but {entered} was entered")
            }
            Problem::IdSexMismatch => "encodes a sex different from the one entered".into(),
            Problem::IdBirthYearInFuture { from_id } => {
                format!("encodes birth year {from_id}, in the future")
            }
            Problem::GroupTooSmall { min } => format!("a group visit needs at least {min} people"),
            Problem::ComplaintNotTransferred => "a complaint is guided, never transferred".into(),
            Problem::FieldNotForKind => "this field does not apply to the petition kind".into(),
            Problem::AcceptNeedsEligible => "only an eligible petition can be accepted".into(),
            Problem::SealedIdentityForeign => {
                "is not the sealed identity the register holds for this visitor of this visit".into()
            }
            Problem::Unprintable { character } => {
                format!(
                    "contains {} ({character:?}), which the printed forms cannot draw",
                    code_point(character)
                )
            }
            Problem::SealedIdentityAndClear => {
                "carries a sealed identity and identity fields in clear; send one or the other".into()
            }
            Problem::NotForSource { .. } => "does not apply to a record of this source or mode".into(),
            Problem::LetterAfterReceipt => "is after the day the petition was received".into(),
            Problem::AnonymousComplaintTransferred => {
                "a complaint transferred in by another body names its complainant".into()
            }
            Problem::ProcessedBeforeReceipt => "is before the day the petition was received".into(),
            Problem::AcceptNeedsCompetence => {
                "only a petition within the ward's competence can be accepted".into()
            }
            Problem::TransferNeedsNoCompetence => {
                "a petition within the ward's competence is not transferred or reminded".into()
            }
            Problem::ClosesBeforeOpening => "must be after the opening time".into(),
            Problem::NotProcessable { .. } => "cannot be processed (cancelled, or no petition)".into(),
            Problem::SessionNotOpen { .. } => "names a session that is not open on the visit's day".into(),
            Problem::ExceedsTotal { .. } => "is larger than the total it is part of".into(),
            Problem::NotForThisPetition { .. } => "does not apply to this petition".into(),
        }
    }
}

/// "U+1F600", the way a clerk can look a character up.
fn code_point(character: &str) -> String {
    character.chars().map(|c| format!("U+{:04X}", c as u32)).collect::<Vec<_>>().join(" ")
}

/// An input that was refused, with every problem found (not only the first), so a form can mark all
/// wrong fields at once.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
pub struct Invalid {
    pub problems: Vec<FieldProblem>,
}

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self
            .problems
            .iter()
            .map(|p| format!("{}: {} ({})", p.field, p.problem.message_en(), p.message))
            .collect();
        write!(f, "invalid input: {}", parts.join("; "))
    }
}

/// Collects problems while a value is checked.
#[derive(Debug, Default)]
pub struct Checks {
    problems: Vec<FieldProblem>,
}

impl Checks {
    pub fn push(&mut self, field: impl Into<String>, problem: Problem) {
        self.problems.push(FieldProblem::new(field, problem));
    }

    /// A required text: present and within `max` characters.
    pub fn required_text(&mut self, field: &str, value: &str, max: usize) {
        if value.trim().is_empty() {
            self.push(field, Problem::Required);
        } else {
            self.max_len(field, value, max);
        }
    }

    /// Within `max` characters, and every character printable on the forms.
    pub fn max_len(&mut self, field: &str, value: &str, max: usize) {
        if crate::text::char_len(value) > max {
            self.push(field, Problem::TooLong { max });
        }
        if let Some(c) = crate::text::unprintable(value) {
            self.push(field, Problem::Unprintable { character: c.to_string() });
        }
    }

    pub fn optional_text(&mut self, field: &str, value: &Option<String>, max: usize) {
        if let Some(v) = value {
            self.max_len(field, v, max);
        }
    }

    pub fn finish(self) -> Result<(), Invalid> {
        if self.problems.is_empty() {
            Ok(())
        } else {
            Err(Invalid { problems: self.problems })
        }
    }
}
