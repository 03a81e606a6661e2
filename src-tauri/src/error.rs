//! The one place where register errors become what the UI sees: a small [`ErrorCode`] the UI branches
//! on, a Vietnamese sentence, and the field problems of an invalid input. Internal failures (SQLite,
//! disk, a corrupt register) are logged with their detail and shown only as a plain sentence.

use serde::Serialize;
use tiepdan_domain::validation::FieldProblem;
use tiepdan_domain::Invalid;
use tiepdan_register::RegisterError;

/// What kind of failure a command met; the UI switches on this, never on the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The input breaks a rule; `problems` says which fields.
    Invalid,
    NotFound,
    /// The ward has not been set up yet (first run).
    NotInitialised,
    AlreadyInitialised,
    /// Another window or process has this register open.
    Locked,
    /// The register refuses the change as it stands (a cancelled visit, a retired officer, a desk
    /// letter already on receipts); the message says why.
    Refused,
    /// The register could not be opened or read; details are in the log file.
    Internal,
    /// Nobody is signed in, or the screen is locked: show the sign-in screen.
    SignedOut,
    /// The signed-in officer's roles do not allow this.
    Forbidden,
    /// A wrong password, or a wait after too many; the message says how long.
    SignInRefused,
    /// A report broke its form's own equations: a bug in Tiếp Dân, so no figure is shown; the UI
    /// asks for it to be reported rather than offering a retry.
    ReportBug,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CommandError {
    pub code: ErrorCode,
    /// Vietnamese, for the clerk.
    pub message: String,
    pub problems: Vec<FieldProblem>,
}

impl CommandError {
    pub(crate) fn plain(code: ErrorCode, message: &str) -> Self {
        Self { code, message: message.to_string(), problems: Vec::new() }
    }

    pub fn invalid(invalid: Invalid) -> Self {
        Self {
            code: ErrorCode::Invalid,
            message: "Thông tin chưa hợp lệ: xem các ô được đánh dấu.".into(),
            problems: invalid.problems,
        }
    }

    /// A password or PIN the key policy refuses: an invalid `field` whose message is the policy's own
    /// reason, so a form that shows only the message still tells the officer what to change.
    fn policy(field: &str, error: &tiepdan_keys::KeyError) -> Self {
        let message = error.message_vi();
        let problems = tiepdan_register::key_policy_problem(field, error).into_iter().collect();
        Self { code: ErrorCode::Invalid, message, problems }
    }

    pub fn not_found(what: &str) -> Self {
        Self::plain(ErrorCode::NotFound, &format!("Không tìm thấy {what}."))
    }
}

impl From<RegisterError> for CommandError {
    fn from(error: RegisterError) -> Self {
        match error {
            RegisterError::Invalid(invalid) => Self::invalid(invalid),
            RegisterError::NotFound { .. } => {
                Self::plain(ErrorCode::NotFound, "Không tìm thấy bản ghi trong sổ.")
            }
            RegisterError::NotInitialised => {
                Self::plain(ErrorCode::NotInitialised, "Chưa thiết lập thông tin đơn vị.")
            }
            RegisterError::AlreadyInitialised => {
                Self::plain(ErrorCode::AlreadyInitialised, "Đơn vị đã được thiết lập.")
            }
            RegisterError::Locked { path } => {
                log::warn!("register locked by another process: {}", path.display());
                Self::plain(
                    ErrorCode::Locked,
                    "Sổ tiếp dân đang được mở ở một cửa sổ khác. Hãy dùng cửa sổ đó.",
                )
            }
            RegisterError::VisitCancelled { receipt_no } => Self::plain(
                ErrorCode::Refused,
                &format!("Lượt tiếp {receipt_no} đã bị hủy, không sửa được nữa."),
            ),
            RegisterError::OfficerRetired { name } => Self::plain(
                ErrorCode::Refused,
                &format!("Cán bộ {name} đã thôi tiếp dân, không thể trực bàn tiếp."),
            ),
            RegisterError::LastAdministrator => Self::plain(
                ErrorCode::Refused,
                "Đây là quản trị viên cuối cùng đang làm việc: không thể bỏ vai trò quản trị hoặc cho nghỉ.",
            ),
            RegisterError::WrongPassword { wait_seconds } => Self::plain(
                ErrorCode::SignInRefused,
                &if wait_seconds == 0 {
                    "Sai mật khẩu.".to_string()
                } else {
                    format!("Sai mật khẩu. Hãy đợi {} trước khi thử lại.", wait_words(wait_seconds))
                },
            ),
            RegisterError::SignInWait { seconds } => Self::plain(
                ErrorCode::SignInRefused,
                &format!("Đã nhập sai mật khẩu nhiều lần. Hãy đợi {} rồi thử lại.", wait_words(seconds)),
            ),
            RegisterError::WrongPin { tries_left } => Self::plain(
                ErrorCode::SignInRefused,
                &if tries_left == 0 {
                    "Sai mã PIN. Đã hết số lần thử: hãy đăng nhập bằng mật khẩu.".to_string()
                } else {
                    format!("Sai mã PIN. Còn {tries_left} lần thử trước khi phải dùng mật khẩu.")
                },
            ),
            RegisterError::SignInAgain => Self::plain(
                ErrorCode::Refused,
                "Mật khẩu đã được đổi trong phiên này: hãy đăng xuất, đăng nhập lại rồi đặt mã PIN.",
            ),
            RegisterError::PinUnavailable => Self::plain(
                ErrorCode::SignInRefused,
                "Không mở khóa được bằng mã PIN: hãy đăng nhập bằng mật khẩu.",
            ),
            RegisterError::NotPermitted { .. } => {
                Self::plain(ErrorCode::Forbidden, "Vai trò của anh/chị không được phép làm việc này.")
            }
            RegisterError::NoKeys => Self::plain(
                ErrorCode::Refused,
                "Sổ chưa có mật khẩu: quản trị viên cần đặt mật khẩu đầu tiên.",
            ),
            RegisterError::KeysExist => Self::plain(ErrorCode::Refused, "Sổ đã có mật khẩu."),
            RegisterError::SignInRequired => {
                Self::plain(ErrorCode::SignedOut, "Sổ được mã hóa: hãy đăng nhập để mở sổ.")
            }
            RegisterError::BackupWithoutKeys { .. } => Self::plain(
                ErrorCode::Refused,
                "Bản sao lưu có danh tính người tố cáo được bảo mật nhưng thiếu tệp khóa đi kèm (.keys). \
                 Hãy chép tệp khóa vào cạnh bản sao lưu rồi khôi phục lại.",
            ),
            RegisterError::Keys(key_error) => match key_error {
                // The key policy's refusals are a form field's problem, shown beside the field.
                tiepdan_keys::KeyError::WeakPassword(_) | tiepdan_keys::KeyError::WeakPin(_) => {
                    let field = if matches!(key_error, tiepdan_keys::KeyError::WeakPin(_)) {
                        "pin"
                    } else {
                        "password"
                    };
                    Self::policy(field, &key_error)
                }
                tiepdan_keys::KeyError::Tampered(_)
                | tiepdan_keys::KeyError::Malformed(_)
                | tiepdan_keys::KeyError::UnsupportedVersion(_) => {
                    log::error!("key file: {key_error}");
                    Self::plain(ErrorCode::Internal, &key_error.message_vi())
                }
                _ => Self::plain(ErrorCode::Refused, &key_error.message_vi()),
            },
            RegisterError::DeskLetterFixed => Self::plain(
                ErrorCode::Refused,
                "Không đổi được chữ cái bàn tiếp khi đã có lượt tiếp: nó nằm trong mọi số biên nhận.",
            ),
            RegisterError::FollowUpRefused(refusal) => Self::plain(ErrorCode::Refused, &refusal.message_vi()),
            RegisterError::ReportRefused(refusal) => Self::plain(ErrorCode::Refused, &refusal.message_vi()),
            RegisterError::OpeningDeclared { form } => Self::plain(
                ErrorCode::Refused,
                &format!(
                    "Số dư đầu kỳ của biểu {form} đã được khai báo: hãy sửa số đã khai báo và ghi rõ lý do."
                ),
            ),
            RegisterError::ReportInconsistent { form, check, values } => {
                log::error!("report {form} fails its check {check}: {values}");
                Self::plain(
                    ErrorCode::ReportBug,
                    &format!(
                        "Báo cáo biểu {form} không khớp công thức kiểm tra {check}: đây là lỗi của phần mềm Tiếp Dân nên báo cáo không được hiển thị. Hãy báo cho quản trị viên."
                    ),
                )
            }
            RegisterError::TooNew { found, known } => {
                log::error!("register schema {found} is newer than this app ({known})");
                Self::plain(
                    ErrorCode::Internal,
                    "Sổ tiếp dân được tạo bởi phiên bản Tiếp Dân mới hơn. Hãy cập nhật ứng dụng.",
                )
            }
            other => {
                log::error!("register failure: {other}");
                Self::plain(
                    ErrorCode::Internal,
                    "Không đọc hoặc ghi được sổ tiếp dân. Chi tiết đã được ghi vào nhật ký.",
                )
            }
        }
    }
}

/// "45 giây", "2 phút", "1 phút 30 giây".
fn wait_words(seconds: u64) -> String {
    match (seconds / 60, seconds % 60) {
        (0, s) => format!("{s} giây"),
        (m, 0) => format!("{m} phút"),
        (m, s) => format!("{m} phút {s} giây"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tiepdan_domain::validation::Problem;

    #[test]
    fn an_invalid_input_keeps_every_field_problem_for_the_form() {
        let invalid = Invalid {
            problems: vec![
                FieldProblem::new("visitors[0].id_number", Problem::IdNotDigits),
                FieldProblem::new("summary", Problem::Required),
            ],
        };
        let e = CommandError::from(RegisterError::Invalid(invalid));
        assert_eq!(e.code, ErrorCode::Invalid);
        let fields: Vec<_> = e.problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["visitors[0].id_number", "summary"], "the UI marks each field");
    }

    #[test]
    fn internal_failures_reach_the_clerk_as_a_plain_sentence_without_their_detail() {
        let e = CommandError::from(RegisterError::Corrupt("page 7: btree cell overflow".into()));
        assert_eq!(e.code, ErrorCode::Internal);
        assert!(!e.message.contains("btree"), "SQLite's detail goes to the log, not the window");
        let io = std::io::Error::other("/var/secret/path: permission denied");
        assert!(!CommandError::from(RegisterError::Io(io)).message.contains("/var/secret"));
    }

    #[test]
    fn a_register_open_elsewhere_is_reported_as_locked() {
        let e = CommandError::from(RegisterError::Locked { path: "/tmp/r.sqlite3".into() });
        assert_eq!(e.code, ErrorCode::Locked);
        assert!(e.message.contains("cửa sổ khác"));
    }

    #[test]
    fn a_refused_follow_up_step_says_why_in_vietnamese() {
        let refusal = tiepdan_register::FollowUpRefusal::NoTransfer { receipt_no: "0003/2026/A".into() };
        let e = CommandError::from(RegisterError::FollowUpRefused(refusal));
        assert_eq!(e.code, ErrorCode::Refused);
        assert_eq!(e.message, "Đơn 0003/2026/A chưa được chuyển.", "the clerk reads the register's reason");
    }

    #[test]
    fn the_error_reaches_the_ui_as_code_message_and_problems() {
        let e = CommandError::not_found("lượt tiếp");
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(json["code"], "not_found");
        assert_eq!(json["message"], "Không tìm thấy lượt tiếp.");
        assert_eq!(json["problems"], serde_json::json!([]));
    }
}
