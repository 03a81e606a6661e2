//! First-time set-up of a desk (issue 12): the ward, its first officer and, with a password, the
//! register's keys, in one register call that the desk's first run and `tiepdan init` both make.
//!
//! Every part is checked before anything is written, and every problem is reported at once (the
//! officer's fields prefixed `officer.`), so a mistake anywhere leaves the register untouched. Nobody
//! acts before the first officer exists, so this call takes no actor; it is refused once the ward is
//! set up.

use crate::access::sessions::{RecoveryKey, Session};
use crate::error::{RegisterError, Result};
use crate::Register;
use tiepdan_domain::access::Role;
use tiepdan_domain::officer::{Officer, WardProfile};
use tiepdan_domain::validation::{FieldProblem, Problem};
use tiepdan_domain::Invalid;
use tiepdan_keys::KdfParams;

/// The desk's first officer: its administrator, and a clerk; a leader too when asked (in a small
/// ward the person setting up is often the leader who reads denunciations).
#[derive(Debug, Clone)]
pub struct FirstOfficer {
    pub full_name: String,
    pub position: String,
    pub also_leader: bool,
}

impl FirstOfficer {
    pub fn roles(&self) -> Vec<Role> {
        let mut roles = vec![Role::Clerk, Role::Administrator];
        if self.also_leader {
            roles.push(Role::Leader);
        }
        roles
    }
}

/// What the set-up made. With a password the first officer is signed in, and the recovery key is
/// returned this once, to print for the ward's safe.
#[derive(Debug)]
pub struct SetUp {
    pub ward: WardProfile,
    pub officer: Option<Officer>,
    pub session: Option<Session>,
    pub recovery_key: Option<RecoveryKey>,
}

/// The key policy's refusal (a weak password or PIN) as a problem of the form field the officer
/// typed it in: the one mapping of the policy's errors to fields, used by the set-up here and by the
/// shells' error mapping. `None` for any other key error.
pub fn key_policy_problem(field: &str, error: &tiepdan_keys::KeyError) -> Option<FieldProblem> {
    let expected = match error {
        tiepdan_keys::KeyError::WeakPassword(_) => "mật khẩu đủ mạnh",
        tiepdan_keys::KeyError::WeakPin(_) => "mã PIN 4–8 chữ số",
        _ => return None,
    };
    Some(FieldProblem {
        field: field.into(),
        problem: Problem::BadFormat { expected: expected.into() },
        message: error.message_vi(),
    })
}

fn password_problem(field: &str, password: &str, names: &[&str]) -> Option<FieldProblem> {
    let error = tiepdan_keys::check_password(password, names).err()?;
    key_policy_problem(field, &error)
}

impl Register {
    /// Sets up a new desk: the ward profile (starting stream epoch 1), its first officer if given,
    /// and with `password` (which needs a first officer) the key file, encrypting the register.
    pub fn set_up(
        &mut self,
        ward: WardProfile,
        first: Option<FirstOfficer>,
        password: Option<&str>,
        params: KdfParams,
    ) -> Result<SetUp> {
        if self.ward()?.is_some() {
            return Err(RegisterError::AlreadyInitialised);
        }
        let mut problems = Vec::new();
        let ward = ward.checked().map_err(|e| problems.extend(e.problems)).ok();
        if let Some(first) = &first {
            if let Err(e) = Officer::new(&first.full_name, &first.position, &first.roles()) {
                problems.extend(e.problems.into_iter().map(|mut p| {
                    p.field = format!("officer.{}", p.field);
                    p
                }));
            }
        }
        match (password, &first) {
            (Some(password), Some(first)) => {
                problems.extend(password_problem("officer.password", password, &[&first.full_name]))
            }
            (Some(_), None) => problems.push(FieldProblem::new("officer.full_name", Problem::Required)),
            (None, _) => {}
        }
        let Some(ward) = ward.filter(|_| problems.is_empty()) else {
            return Err(Invalid { problems }.into());
        };
        let ward = self.init_ward(ward)?;
        let officer = match &first {
            Some(first) => Some(self.add_first_officer(&first.full_name, &first.position, &first.roles())?),
            None => None,
        };
        let (session, recovery_key) = match (password, &officer) {
            (Some(password), Some(officer)) => {
                let (session, recovery) = self.create_keys(officer.id, password, params)?;
                (Some(session), Some(recovery))
            }
            _ => (None, None),
        };
        Ok(SetUp { ward, officer, session, recovery_key })
    }
}
