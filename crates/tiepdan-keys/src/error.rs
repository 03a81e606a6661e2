//! What can go wrong with keys, in domain terms: one English `Display` for logs and one Vietnamese
//! sentence ([`KeyError::message_vi`]) for the officer at the desk.
//!
//! Invariant: no variant carries a password, a key or a plaintext, so an error can be logged or shown
//! whole. Parse details are English descriptions of the *shape* that was wrong, never of its content.

use crate::password::PasswordProblem;

/// Everything this crate refuses, told apart so the UI can say the right thing.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum KeyError {
    /// The password does not open this officer's slot (or the slot was forged by someone who also
    /// recomputed its checksum: the two cannot be told apart without the password).
    #[error("wrong password")]
    WrongPassword,
    /// A well-formed recovery key that does not open the recovery slot.
    #[error("wrong recovery key")]
    WrongRecoveryKey,
    /// The recovery key text fails its check group or alphabet: a typing mistake, not a wrong key.
    #[error("the recovery key is mistyped: {0}")]
    RecoveryKeyMistyped(&'static str),
    #[error("officer {0} has no key slot")]
    UnknownOfficer(String),
    #[error("officer {0} already has a key slot")]
    OfficerAlreadyHasSlot(String),
    /// The action needs the seal secret key, held only by leader slots and the recovery slot.
    #[error("this session does not hold the seal key; a leader or the recovery key must do this")]
    SealKeyNotHeld,
    /// A PIN belongs to an officer's own session (signed in with their password), not the recovery key.
    #[error("a PIN needs a session signed in with the officer's own password")]
    NotAnOfficerSlot,
    /// Changing an officer's own password needs that officer's own session.
    #[error("a session may change only its own officer's password")]
    NotYourSlot,
    /// The session was unlocked from another key file (another register).
    #[error("the session belongs to another key file")]
    ForeignSession,
    /// The key file or one of its slots was altered or corrupted.
    #[error("the key file was altered or corrupted ({0})")]
    Tampered(&'static str),
    /// The key file cannot be read as a key file.
    #[error("the key file is malformed: {0}")]
    Malformed(String),
    #[error("key file version {0} is not supported")]
    UnsupportedVersion(u32),
    /// A slot's argon2id parameters are below the floor (a downgrade) or absurdly high (a denial of
    /// service): the file is refused before any password is tried.
    #[error("a slot's key-derivation parameters are outside the accepted range")]
    KdfParametersRefused,
    /// A sealed value was altered, or it belongs to another record (its context differs).
    #[error("the sealed value was altered or belongs to another record")]
    SealedValueRejected,
    #[error("the sealed value is malformed: {0}")]
    SealedValueMalformed(&'static str),
    #[error("the password does not meet the policy: {0}")]
    WeakPassword(PasswordProblem),
    #[error("the PIN does not meet the policy: {0}")]
    WeakPin(crate::pin::PinProblem),
    #[error("cannot {action}: {source}")]
    Io {
        action: &'static str,
        #[source]
        source: std::io::Error,
    },
    #[error("the operating system's random generator failed")]
    Randomness,
    #[error("key derivation failed: {0}")]
    Kdf(String),
}

impl KeyError {
    /// The sentence shown to the officer. Short, polite, and never naming a secret.
    pub fn message_vi(&self) -> String {
        match self {
            KeyError::WrongPassword => "Mật khẩu không đúng.".into(),
            KeyError::WrongRecoveryKey => "Khóa khôi phục không đúng.".into(),
            KeyError::RecoveryKeyMistyped(_) => {
                "Khóa khôi phục bị gõ sai; vui lòng kiểm tra lại từng nhóm ký tự trên giấy.".into()
            }
            KeyError::UnknownOfficer(_) => "Cán bộ này chưa có quyền đăng nhập.".into(),
            KeyError::OfficerAlreadyHasSlot(_) => "Cán bộ này đã có quyền đăng nhập.".into(),
            KeyError::NotAnOfficerSlot => {
                "Mã PIN cần phiên đăng nhập bằng mật khẩu của chính cán bộ; hãy đăng nhập lại.".into()
            }
            KeyError::SealKeyNotHeld => {
                "Việc này cần lãnh đạo hoặc khóa khôi phục; phiên hiện tại không giữ khóa bảo mật \
                 danh tính người tố cáo."
                    .into()
            }
            KeyError::NotYourSlot => "Chỉ chính cán bộ đó mới được đổi mật khẩu của mình.".into(),
            KeyError::ForeignSession => "Phiên đăng nhập không thuộc sổ tiếp công dân này.".into(),
            KeyError::Tampered(_) => {
                "Tệp khóa của sổ đã bị sửa đổi hoặc hỏng; vui lòng báo cán bộ quản trị.".into()
            }
            KeyError::Malformed(_) | KeyError::UnsupportedVersion(_) => {
                "Không đọc được tệp khóa của sổ; vui lòng báo cán bộ quản trị.".into()
            }
            KeyError::KdfParametersRefused => {
                "Tệp khóa có thông số bảo mật không hợp lệ và bị từ chối; vui lòng báo cán bộ quản trị."
                    .into()
            }
            KeyError::SealedValueRejected | KeyError::SealedValueMalformed(_) => {
                "Không mở được thông tin được bảo mật: dữ liệu đã bị sửa đổi hoặc không thuộc hồ sơ này."
                    .into()
            }
            KeyError::WeakPassword(problem) => problem.message_vi(),
            KeyError::WeakPin(problem) => problem.message_vi(),
            KeyError::Io { .. } => "Không ghi hoặc đọc được tệp khóa trên máy.".into(),
            KeyError::Randomness | KeyError::Kdf(_) => {
                "Lỗi hệ thống khi xử lý khóa; vui lòng thử lại hoặc báo cán bộ quản trị.".into()
            }
        }
    }
}
