//! What every test needs: a fresh register for a ward with one officer on duty, and visit drafts.

use chrono::{DateTime, FixedOffset, TimeZone, Utc};
use std::path::PathBuf;
use std::sync::Arc;
use tempfile::TempDir;
use tiepdan_domain::access::Role;
use tiepdan_domain::clock::{vietnam_offset, FixedClock};
use tiepdan_domain::officer::{Officer, WardProfile};
use tiepdan_domain::visit::{VisitDraft, Visitor};
use tiepdan_domain::OfficerId;
use tiepdan_keys::KdfFloor;
use tiepdan_register::paths::register_path;
use tiepdan_register::sessions::Session;
use tiepdan_register::{Actor, Credentials, Register};

/// 25 Nov 2026, 09:30 in Vietnam.
pub fn clock() -> Arc<FixedClock> {
    Arc::new(FixedClock(Utc.with_ymd_and_hms(2026, 11, 25, 2, 30, 0).unwrap()))
}

pub fn ward() -> WardProfile {
    WardProfile {
        ward_code: "12345".into(),
        ward_name: "Phường Hà Đông".into(),
        place: "Hà Đông".into(),
        upstream: "UBND THÀNH PHỐ HÀ NỘI".into(),
        desk: 'A',
    }
}

pub struct Desk {
    pub dir: TempDir,
    pub register: Register,
    pub officer: Officer,
    /// The officer signed in by the fixture, once the register has passwords (`acting!`).
    pub session: Option<Session>,
}

/// See `acting!`: the two fields are borrowed apart, so the register can be written meanwhile.
pub fn acting<'s>(register: &Register, session: &'s Option<Session>) -> Actor<'s> {
    match session {
        Some(session) => Actor::signed_in(session),
        None => register.desk_owner().expect("the desk's officer acts"),
    }
}

impl Desk {
    pub fn path(&self) -> PathBuf {
        register_path(self.dir.path())
    }
}

/// A set-up register: ward profile and one officer (on duty).
pub fn desk() -> Desk {
    let dir = TempDir::new().unwrap();
    let mut register = Register::open(&register_path(dir.path()), clock()).unwrap();
    register.init_ward(ward()).unwrap();
    let officer = register
        .add_first_officer("Trần Thị Bình", "Công chức tiếp công dân", &[Role::Clerk, Role::Administrator])
        .unwrap();
    Desk { dir, register, officer, session: None }
}

pub fn visitor(name: &str) -> Visitor {
    Visitor {
        full_name: name.into(),
        id_kind: None,
        id_number: None,
        id_issued_on: None,
        id_issued_by: None,
        birth_year: None,
        sex: None,
        address: None,
        phone: None,
        sealed: None,
    }
}

pub fn draft(name: &str, summary: &str) -> VisitDraft {
    VisitDraft { visitors: vec![visitor(name)], summary: summary.into(), ..Default::default() }
}

/// A reception time given in Vietnam's local time.
pub fn local(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<FixedOffset> {
    vietnam_offset().with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
}

/// Closes the desk's register and opens it again as the app does after a restart: an officer signs
/// in with `password` (key slots made with the cheap argon2id parameters tests use).
pub fn reopen_signed_in(d: &mut Desk, officer: OfficerId, password: &str) -> Session {
    let path = d.path();
    drop(std::mem::replace(
        &mut d.register,
        Register::open(&d.dir.path().join("scratch.sqlite3"), clock()).unwrap(),
    ));
    let credentials = Credentials::Password { officer, password };
    let (register, session) =
        Register::open_signed_in(&path, clock(), KdfFloor::insecure_for_tests(), credentials).unwrap();
    d.register = register;
    session
}
