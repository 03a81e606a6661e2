//! Roles of officers and the access audit (issue 7).

use crate::common::{clock, desk, draft};
use chrono::{DateTime, Duration as Span, Utc};
use rusqlite::Connection;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tempfile::TempDir;
use tiepdan_domain::access::{AccessAction, Role};
use tiepdan_domain::clock::Clock;
use tiepdan_domain::event::EventBody;
use tiepdan_domain::officer::Officer;
use tiepdan_register::paths::register_path;
use tiepdan_register::{AccessQuery, AccessRecord, Register, RegisterError};

/// A clock the test moves forward, for waits after wrong passwords.
pub struct MovingClock(pub Mutex<DateTime<Utc>>);

impl Clock for MovingClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap()
    }
}

impl MovingClock {
    pub fn advance(&self, by: Span) {
        *self.0.lock().unwrap() += by;
    }
}

#[test]
fn an_officers_roles_are_stored_in_order_and_journaled() {
    let mut d = desk();
    let leader = d
        .register
        .add_officer(&acting!(d), "Hoàng Minh Đức", "Phó Chủ tịch", &[Role::Leader, Role::Clerk])
        .unwrap();
    assert_eq!(leader.roles, vec![Role::Clerk, Role::Leader]);
    let stored = d.register.officers().unwrap().into_iter().find(|o| o.id == leader.id).unwrap();
    assert_eq!(stored.roles, vec![Role::Clerk, Role::Leader], "roles read back as written");
    let stream = d.register.current_stream().unwrap();
    let events = d.register.events_after(stream.id, 0, 100).unwrap();
    let added = events.iter().filter_map(|e| e.body().ok()).find_map(|b| match b {
        EventBody::OfficerAdded(o) if o.id == leader.id => Some(o),
        _ => None,
    });
    assert_eq!(added.unwrap().roles, vec![Role::Clerk, Role::Leader], "the journal records the roles given");
}

#[test]
fn an_officer_without_a_role_is_refused() {
    let mut d = desk();
    let before = d.register.officers().unwrap().len();
    let err = d.register.add_officer(&acting!(d), "Lê Văn Cường", "Công chức", &[]).unwrap_err();
    assert!(matches!(err, RegisterError::Invalid(ref i) if i.problems[0].field == "roles"), "{err}");
    assert_eq!(d.register.officers().unwrap().len(), before, "nothing was added");
}

#[test]
fn the_last_administrator_can_neither_lose_the_role_nor_retire() {
    let mut d = desk();
    let admin = d.officer.clone();
    let demoted = Officer { roles: vec![Role::Clerk], ..admin.clone() };
    assert!(matches!(
        d.register.update_officer(&acting!(d), demoted.clone()),
        Err(RegisterError::LastAdministrator)
    ));
    assert!(matches!(
        d.register.retire_officer(&acting!(d), admin.id),
        Err(RegisterError::LastAdministrator)
    ));
    let stored = d.register.officers().unwrap().into_iter().find(|o| o.id == admin.id).unwrap();
    assert_eq!(stored, admin, "the refused changes left the officer as they were");

    let second =
        d.register.add_officer(&acting!(d), "Phạm Thu Hà", "Công chức", &[Role::Administrator]).unwrap();
    d.register
        .update_officer(&acting!(d), demoted)
        .expect("with a second administrator the first may step down");
    assert!(matches!(
        d.register.retire_officer(&acting!(d), second.id),
        Err(RegisterError::LastAdministrator)
    ));
}

#[test]
fn the_access_audit_lists_newest_first_and_filters_by_officer_and_visit() {
    let mut d = desk();
    let visit = d.register.record_visit(&acting!(d), draft("Nguyễn Văn An", "Tranh chấp đất")).unwrap();
    let other =
        d.register.add_officer(&acting!(d), "Hoàng Minh Đức", "Phó Chủ tịch", &[Role::Leader]).unwrap();
    let me = Some(d.officer.id);
    d.register.record_access(AccessRecord::new(me, AccessAction::SignedIn)).unwrap();
    d.register.record_access(AccessRecord::new(me, AccessAction::OpenedVisit).visit(visit.id)).unwrap();
    d.register.record_access(AccessRecord::new(Some(other.id), AccessAction::SignInFailed)).unwrap();

    let all = d.register.access_log(&acting!(d), &AccessQuery::default()).unwrap();
    let actions: Vec<_> = all.iter().map(|e| e.action).collect();
    assert_eq!(actions, [AccessAction::SignInFailed, AccessAction::OpenedVisit, AccessAction::SignedIn]);
    assert_eq!(all[1].officer_name, "Trần Thị Bình");
    assert_eq!(all[1].action_vi, "Mở hồ sơ lượt tiếp");

    let mine =
        d.register.access_log(&acting!(d), &AccessQuery { officer: me, ..Default::default() }).unwrap();
    assert_eq!(mine.len(), 2);
    let of_visit = d
        .register
        .access_log(&acting!(d), &AccessQuery { visit: Some(visit.id), ..Default::default() })
        .unwrap();
    assert_eq!(of_visit.len(), 1);
    assert_eq!(of_visit[0].visit, Some(visit.id));
    assert!(d.register.verify_access_log().unwrap().broken_at.is_none());
}

#[test]
fn the_access_audit_cannot_be_edited_and_an_edit_behind_its_back_is_found() {
    let mut d = desk();
    let me = Some(d.officer.id);
    for action in [AccessAction::SignedIn, AccessAction::Printed, AccessAction::SignedOut] {
        d.register.record_access(AccessRecord::new(me, action).detail("giấy biên nhận")).unwrap();
    }
    let path = d.path();
    drop(d.register);
    let conn = Connection::open(&path).unwrap();
    assert!(conn.execute("UPDATE access_log SET detail = 'x' WHERE no = 2", []).is_err(), "UPDATE refused");
    assert!(conn.execute("DELETE FROM access_log WHERE no = 2", []).is_err(), "DELETE refused");
    // Someone with the file and an SQLite shell removes the guard and rewrites an entry.
    conn.execute_batch(
        "DROP TRIGGER access_log_no_update; UPDATE access_log SET action = 'signed_in' WHERE no = 2",
    )
    .unwrap();
    drop(conn);
    let register = Register::open(&path, clock()).unwrap();
    let report = register.verify_access_log().unwrap();
    assert_eq!(report.broken_at, Some(2), "the edited entry is where the chain breaks");
}

#[test]
fn wrong_passwords_slow_sign_in_down_and_a_success_forgives_them() {
    let d = desk();
    let path = d.path();
    let officer = d.officer.id;
    drop(d.register);
    let moving = Arc::new(MovingClock(Mutex::new(clock().now())));
    let mut register = Register::open(&path, moving.clone()).unwrap();
    let fail = AccessRecord::new(Some(officer), AccessAction::SignInFailed);
    for _ in 0..2 {
        register.record_access(fail.clone()).unwrap();
    }
    assert_eq!(register.sign_in_wait_remaining(officer).unwrap(), Duration::ZERO, "two typos cost nothing");
    register.record_access(fail.clone()).unwrap();
    assert_eq!(register.sign_in_wait_remaining(officer).unwrap(), Duration::from_secs(30));
    moving.advance(Span::seconds(20));
    assert_eq!(register.sign_in_wait_remaining(officer).unwrap(), Duration::from_secs(10));

    drop(register);
    let mut register = Register::open(&path, moving.clone()).unwrap();
    assert_eq!(
        register.sign_in_wait_remaining(officer).unwrap(),
        Duration::from_secs(10),
        "a restart resets nothing"
    );
    moving.advance(Span::seconds(10));
    register.record_access(fail.clone()).unwrap();
    assert_eq!(
        register.sign_in_wait_remaining(officer).unwrap(),
        Duration::from_secs(60),
        "the wait doubles"
    );
    moving.advance(Span::seconds(60));
    register.record_access(AccessRecord::new(Some(officer), AccessAction::SignedIn)).unwrap();
    assert_eq!(register.sign_in_failures(officer).unwrap().0, 0);
    register.record_access(fail).unwrap();
    assert_eq!(register.sign_in_wait_remaining(officer).unwrap(), Duration::ZERO, "counting starts again");
}

#[test]
fn officers_of_a_register_from_before_roles_become_clerks_and_the_first_also_administrator() {
    let dir = TempDir::new().unwrap();
    let path = register_path(dir.path());
    {
        let conn = Connection::open(&path).unwrap();
        for sql in [
            include_str!("../../migrations/0001_register.sql"),
            include_str!("../../migrations/0002_follow_up.sql"),
            include_str!("../../migrations/0003_print_log.sql"),
        ] {
            conn.execute_batch(sql).unwrap();
        }
        conn.execute_batch(
            "INSERT INTO officers (id, full_name, position, active, added_no) VALUES
               ('0193e7a0-0000-7000-8000-000000000001', 'Trần Thị Bình', 'Công chức', 1, 1),
               ('0193e7a0-0000-7000-8000-000000000002', 'Lê Văn Cường', 'Công chức', 1, 2);
             PRAGMA user_version = 3;",
        )
        .unwrap();
    }
    let register = Register::open(&path, clock()).unwrap();
    let roles: Vec<_> = register.officers().unwrap().into_iter().map(|o| o.roles).collect();
    assert_eq!(roles, [vec![Role::Clerk, Role::Administrator], vec![Role::Clerk]]);
}

#[test]
fn a_change_of_roles_is_journaled_and_in_the_audit_with_who_made_it() {
    let mut d = desk();
    let clerk = d.register.add_officer(&acting!(d), "Lê Văn Cường", "Công chức", &[Role::Clerk]).unwrap();
    let updated =
        d.register.set_officer_roles(&acting!(d), clerk.id, vec![Role::Leader, Role::Clerk]).unwrap();
    assert_eq!(updated.roles, vec![Role::Clerk, Role::Leader]);
    let stored = d.register.officers().unwrap().into_iter().find(|o| o.id == clerk.id).unwrap();
    assert_eq!(stored.roles, vec![Role::Clerk, Role::Leader], "the register keeps the new roles");
    let entry = &d.register.access_log(&acting!(d), &AccessQuery::default()).unwrap()[0];
    assert_eq!((entry.action, entry.officer), (AccessAction::RolesChanged, Some(d.officer.id)));
    assert!(entry.detail.contains("Lê Văn Cường") && entry.detail.contains("Lãnh đạo"), "{}", entry.detail);
    let refused = d.register.set_officer_roles(&acting!(d), d.officer.id, vec![Role::Clerk]);
    assert!(matches!(refused, Err(RegisterError::LastAdministrator)), "the guard still holds");
    assert_eq!(
        d.register.access_log(&acting!(d), &AccessQuery::default()).unwrap().len(),
        1,
        "a refused change is not audited"
    );
}
