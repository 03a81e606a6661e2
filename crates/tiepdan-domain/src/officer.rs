//! The ward office and its reception officers.

use crate::access::{normalise_roles, Role};
use crate::ids::OfficerId;
use crate::text::one_line;
use crate::validation::{Checks, Invalid, Problem};
use serde::{Deserialize, Serialize};

/// A reception officer. Officers are retired, never deleted: old register rows still name them.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Officer {
    pub id: OfficerId,
    pub full_name: String,
    /// Chức vụ, printed under the signature.
    pub position: String,
    pub active: bool,
    /// What the officer may do (`access.rs`). Officers recorded before roles existed have none in
    /// their events; the register's migration gave them theirs.
    #[serde(default)]
    pub roles: Vec<Role>,
}

impl Officer {
    /// A new active officer with the given roles, checked.
    pub fn new(full_name: &str, position: &str, roles: &[Role]) -> Result<Officer, Invalid> {
        let officer = Officer {
            id: OfficerId::new(),
            full_name: one_line(full_name),
            position: one_line(position),
            active: true,
            roles: normalise_roles(roles),
        };
        officer.check()?;
        Ok(officer)
    }

    pub fn check(&self) -> Result<(), Invalid> {
        let mut checks = Checks::default();
        checks.required_text("full_name", &self.full_name, crate::visit::MAX_NAME);
        checks.required_text("position", &self.position, crate::visit::MAX_NAME);
        if self.roles.is_empty() {
            checks.push("roles", Problem::Required);
        }
        checks.finish()
    }

    pub fn has_role(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }
}

/// Who this desk is: the ward and the desk letter, and what the forms print in their header.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WardProfile {
    /// 5-digit unit code (QĐ 19/2025/QĐ-TTg).
    pub ward_code: String,
    /// "Phường Hà Đông": the issuing body printed in bold.
    pub ward_name: String,
    /// Place name of the date line: "Hà Đông, ngày … tháng … năm …".
    pub place: String,
    /// The governing body printed above the ward's name (cơ quan chủ quản), e.g. "UBND THÀNH PHỐ HÀ NỘI".
    #[serde(default)]
    pub upstream: String,
    /// "A", "B", …: the physical desk.
    pub desk: char,
}

impl WardProfile {
    /// Normalises text and checks every field.
    pub fn checked(mut self) -> Result<WardProfile, Invalid> {
        self.ward_code = self.ward_code.trim().to_string();
        self.ward_name = one_line(&self.ward_name);
        self.place = one_line(&self.place);
        self.upstream = one_line(&self.upstream);
        let mut checks = Checks::default();
        if self.ward_code.len() != 5 || !self.ward_code.chars().all(|c| c.is_ascii_digit()) {
            checks.push("ward_code", Problem::BadFormat { expected: "mã đơn vị gồm 5 chữ số".into() });
        }
        checks.required_text("ward_name", &self.ward_name, crate::petition::MAX_TEXT);
        checks.required_text("place", &self.place, crate::visit::MAX_NAME);
        checks.max_len("upstream", &self.upstream, crate::petition::MAX_TEXT);
        if !self.desk.is_ascii_uppercase() {
            checks.push("desk", Problem::BadFormat { expected: "một chữ cái in hoa A–Z".into() });
        }
        checks.finish()?;
        Ok(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::Role;

    #[test]
    fn a_ward_needs_a_five_digit_code_and_a_capital_desk_letter() {
        let ok = WardProfile {
            ward_code: " 12345 ".into(),
            ward_name: "Phường  Hà Đông".into(),
            place: "Hà Đông".into(),
            upstream: String::new(),
            desk: 'A',
        };
        let checked = ok.clone().checked().expect("valid profile");
        assert_eq!(checked.ward_code, "12345");
        assert_eq!(checked.ward_name, "Phường Hà Đông");
        let bad = WardProfile { ward_code: "1234".into(), desk: 'a', ..ok }.checked().unwrap_err();
        let fields: Vec<_> = bad.problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["ward_code", "desk"]);
    }

    #[test]
    fn an_officer_needs_a_name_and_a_position() {
        assert!(Officer::new("Trần Thị Bình", "Công chức tiếp công dân", &[Role::Clerk]).is_ok());
        assert_eq!(Officer::new(" ", "Cán bộ", &[Role::Clerk]).unwrap_err().problems[0].field, "full_name");
    }
}
