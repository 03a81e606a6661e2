//! Who may do what at a ward desk (issue 7): the officers' roles, what each role permits, the acts the
//! access audit records, and how sign-in slows down after wrong passwords.
//!
//! Roles follow the ward office: a clerk (cán bộ tiếp dân) registers and prints; a leader (lãnh đạo)
//! also sees denouncers' identities, approves handling and sees reports; an administrator (quản trị)
//! keeps the desk running — settings, officers, backups — and sees denouncers' identities only when also
//! a leader (`shared/domain.md` §6: a denouncer's identity is a state secret). An officer may hold
//! several roles. Pure rules only: the register stores roles and the audit, the shells enforce them.

use serde::{Deserialize, Serialize};
use std::time::Duration;

/// One role of an officer at the desk.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Clerk,
    Leader,
    Administrator,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Clerk, Role::Leader, Role::Administrator];

    pub fn label_vi(self) -> &'static str {
        match self {
            Role::Clerk => "Cán bộ tiếp dân",
            Role::Leader => "Lãnh đạo",
            Role::Administrator => "Quản trị",
        }
    }

    /// The word stored in the register and typed on the command line.
    pub fn word(self) -> &'static str {
        match self {
            Role::Clerk => "clerk",
            Role::Leader => "leader",
            Role::Administrator => "administrator",
        }
    }

    pub fn from_word(word: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.word() == word.trim().to_lowercase())
    }
}

/// Something a signed-in officer may be allowed to do.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Permission {
    /// Register, amend and cancel visits; search; see the register book.
    RegisterVisits,
    PrintForms,
    /// Read a denouncer's name, address, ID and phone.
    SeeDenouncerIdentity,
    /// Record acceptance, transfer, extension and resolution of petitions.
    ApproveHandling,
    SeeReports,
    /// Ward profile, printer, deadline rules, calendar overrides, sync enrollment.
    ManageWard,
    /// Add officers, change their roles, reset their passwords.
    ManageOfficers,
    Backup,
    ReviewAudit,
}

impl Permission {
    /// Every permission, for a window that offers only what the signed-in officer may do.
    pub const ALL: [Permission; 9] = [
        Permission::RegisterVisits,
        Permission::PrintForms,
        Permission::SeeDenouncerIdentity,
        Permission::ApproveHandling,
        Permission::SeeReports,
        Permission::ManageWard,
        Permission::ManageOfficers,
        Permission::Backup,
        Permission::ReviewAudit,
    ];
}

/// What each role permits: with [`crate::acts::MATRIX`], the whole permission matrix as data.
/// Administrators do not see denouncers' identities: that needs the leader role, so that keeping the
/// computer running never implies reading state secrets.
pub const ROLE_PERMISSIONS: [(Role, &[Permission]); 3] = {
    use Permission::*;
    [
        (Role::Clerk, &[RegisterVisits, PrintForms]),
        (Role::Leader, &[RegisterVisits, PrintForms, SeeDenouncerIdentity, ApproveHandling, SeeReports]),
        (Role::Administrator, &[ManageWard, ManageOfficers, Backup, ReviewAudit]),
    ]
};

/// What the given set of roles permits.
pub fn permits(roles: &[Role], permission: Permission) -> bool {
    ROLE_PERMISSIONS.iter().any(|(role, permitted)| roles.contains(role) && permitted.contains(&permission))
}

/// Roles in their fixed order, each once. An officer always has at least one role.
pub fn normalise_roles(roles: &[Role]) -> Vec<Role> {
    let mut roles = roles.to_vec();
    roles.sort();
    roles.dedup();
    roles
}

/// What the access audit records: acts that read personal data or change who may read it. These are
/// not facts of the register (they are not journaled events and never leave the desk); they are this
/// desk's record of who looked at what.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccessAction {
    SignedIn,
    SignInFailed,
    SignedOut,
    ScreenLocked,
    OpenedVisit,
    ViewedSealedIdentity,
    Printed,
    Exported,
    BackedUp,
    PasswordChanged,
    PasswordReset,
    /// A retired officer's password taken away (their key slot removed).
    PasswordRevoked,
    RolesChanged,
    RecoveryKeyUsed,
    /// The screen unlocked with the officer's PIN (their session went on).
    ScreenUnlocked,
    PinFailed,
    PinSet,
    PinRemoved,
    /// The desk enrolled with an upstream server (or moved to another): where its register goes.
    SyncEnrolled,
    /// A stream the server had stopped was let through again by an administrator.
    SyncStreamResumed,
    /// A denouncer's identity recorded before the register had passwords, sealed when the first
    /// password was set.
    IdentitySealed,
}

impl AccessAction {
    pub fn label_vi(self) -> &'static str {
        match self {
            AccessAction::SignedIn => "Đăng nhập",
            AccessAction::SignInFailed => "Đăng nhập sai mật khẩu",
            AccessAction::SignedOut => "Đăng xuất",
            AccessAction::ScreenLocked => "Khóa màn hình",
            AccessAction::OpenedVisit => "Mở hồ sơ lượt tiếp",
            AccessAction::ViewedSealedIdentity => "Xem danh tính người tố cáo",
            AccessAction::Printed => "In biểu mẫu",
            AccessAction::Exported => "Xuất dữ liệu",
            AccessAction::BackedUp => "Sao lưu sổ",
            AccessAction::PasswordChanged => "Đổi mật khẩu",
            AccessAction::PasswordReset => "Đặt lại mật khẩu",
            AccessAction::PasswordRevoked => "Thu hồi mật khẩu",
            AccessAction::RolesChanged => "Đổi vai trò",
            AccessAction::RecoveryKeyUsed => "Dùng khóa khôi phục",
            AccessAction::ScreenUnlocked => "Mở khóa màn hình bằng mã PIN",
            AccessAction::PinFailed => "Nhập sai mã PIN",
            AccessAction::PinSet => "Đặt mã PIN",
            AccessAction::PinRemoved => "Bỏ mã PIN",
            AccessAction::SyncEnrolled => "Đăng ký đồng bộ với máy chủ",
            AccessAction::SyncStreamResumed => "Cho gửi lại luồng đồng bộ bị dừng",
            AccessAction::IdentitySealed => "Bảo mật danh tính người tố cáo ghi trước khi có mật khẩu",
        }
    }

    pub fn word(self) -> String {
        serde_json::to_value(self).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
    }

    pub fn from_word(word: &str) -> Option<AccessAction> {
        serde_json::from_value(serde_json::Value::String(word.to_string())).ok()
    }
}

/// Wrong passwords in a row that are forgiven before sign-in slows down (typos happen at a busy desk).
pub const FREE_FAILURES: u32 = 3;
/// The longest wait between sign-in attempts of one officer.
pub const MAX_SIGN_IN_WAIT: Duration = Duration::from_secs(15 * 60);

/// How long an officer must wait after `failures_in_row` wrong passwords before the next attempt is
/// even checked: nothing for the first three, then 30 s doubling up to 15 min. With the password
/// hashing cost on top, guessing a password at the desk takes years, while a clerk who mistyped three
/// times loses half a minute.
pub fn sign_in_wait(failures_in_row: u32) -> Duration {
    if failures_in_row < FREE_FAILURES {
        return Duration::ZERO;
    }
    let doublings = (failures_in_row - FREE_FAILURES).min(10);
    (Duration::from_secs(30) * 2u32.pow(doublings)).min(MAX_SIGN_IN_WAIT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clerk_registers_and_prints_but_never_sees_a_denouncer() {
        let clerk = [Role::Clerk];
        assert!(permits(&clerk, Permission::RegisterVisits));
        assert!(permits(&clerk, Permission::PrintForms));
        assert!(!permits(&clerk, Permission::SeeDenouncerIdentity));
        assert!(!permits(&clerk, Permission::ManageOfficers));
    }

    #[test]
    fn an_administrator_sees_denouncers_only_when_also_a_leader() {
        assert!(!permits(&[Role::Administrator], Permission::SeeDenouncerIdentity));
        assert!(permits(&[Role::Administrator], Permission::ReviewAudit));
        assert!(permits(&[Role::Administrator, Role::Leader], Permission::SeeDenouncerIdentity));
    }

    #[test]
    fn every_permission_is_listed_once_in_order() {
        use Permission::*;
        // A new permission makes this match fail to compile until it has its place in `ALL`.
        let place = |p: Permission| match p {
            RegisterVisits => 0,
            PrintForms => 1,
            SeeDenouncerIdentity => 2,
            ApproveHandling => 3,
            SeeReports => 4,
            ManageWard => 5,
            ManageOfficers => 6,
            Backup => 7,
            ReviewAudit => 8,
        };
        for (i, p) in Permission::ALL.into_iter().enumerate() {
            assert_eq!(place(p), i, "{p:?}");
        }
    }

    #[test]
    fn no_roles_permit_nothing() {
        assert!(!permits(&[], Permission::RegisterVisits));
    }

    #[test]
    fn sign_in_slows_down_after_three_wrong_passwords_and_is_capped() {
        assert_eq!(sign_in_wait(0), Duration::ZERO);
        assert_eq!(sign_in_wait(2), Duration::ZERO);
        assert_eq!(sign_in_wait(3), Duration::from_secs(30));
        assert_eq!(sign_in_wait(4), Duration::from_secs(60));
        assert_eq!(sign_in_wait(100), MAX_SIGN_IN_WAIT);
    }

    #[test]
    fn role_and_action_words_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::from_word(role.word()), Some(role));
        }
        assert_eq!(Role::from_word(" Leader "), Some(Role::Leader));
        let action = AccessAction::ViewedSealedIdentity;
        assert_eq!(AccessAction::from_word(&action.word()), Some(action));
    }

    #[test]
    fn roles_are_kept_once_in_a_fixed_order() {
        assert_eq!(
            normalise_roles(&[Role::Administrator, Role::Clerk, Role::Administrator]),
            vec![Role::Clerk, Role::Administrator]
        );
    }
}
