//! Who acts (issue 12): the register itself refuses what the actor's roles do not permit, whoever
//! calls it, and stamps the acting officer on every event it writes.

use crate::common::{desk, draft};
use crate::sealing::{denunciation, desk_with_keys, ADMIN_PASSWORD};
use chrono::NaiveDate;
use tiepdan_domain::access::Role;
use tiepdan_domain::calendar::CalendarOverride;
use tiepdan_domain::deadlines::{Complexity, DeadlineRules, Variant};
use tiepdan_domain::event::Event;
use tiepdan_domain::results::{Acceptance, Extension, Outcome, Resolution, Transfer, TransferAnswer};
use tiepdan_domain::OfficerId;
use tiepdan_register::{Actor, Register, RegisterError};

fn petition_draft(name: &str) -> tiepdan_domain::visit::VisitDraft {
    let mut d = draft(name, "Khiếu nại quyết định thu hồi đất");
    d.petition =
        Some(serde_json::from_value(serde_json::json!({ "kind": "complaint", "field": "land" })).unwrap());
    d
}

fn events(register: &Register) -> Vec<Event> {
    let stream = register.current_stream().unwrap();
    register.events_after(stream.id, 0, 10_000).unwrap()
}

#[test]
fn a_clerk_calling_a_leader_only_write_on_the_register_is_refused_and_nothing_is_written() {
    let mut d = desk_with_keys();
    let admin = d.register.sign_in(d.officer.id, ADMIN_PASSWORD).unwrap();
    let clerk = crate::sealing::clerk(&mut d);
    let visit = d.register.record_visit(&Actor::signed_in(&clerk), petition_draft("Lâm Văn Phúc")).unwrap();
    let before = events(&d.register).len();
    let on = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    let clerk = Actor::signed_in(&clerk);
    let decision =
        Acceptance { visit_id: visit.id, on, accepted: true, reason: None, variant: Variant::default() };
    let refusals = [
        d.register.record_acceptance(&clerk, decision).err(),
        d.register
            .record_transfer(
                &clerk,
                Transfer { visit_id: visit.id, on, to: "Công an".into(), note: String::new() },
            )
            .err(),
        d.register
            .record_extension(
                &clerk,
                Extension {
                    visit_id: visit.id,
                    on,
                    complexity: Complexity::Complex,
                    reason: "Xác minh".into(),
                },
            )
            .err(),
        d.register
            .record_resolution(
                &clerk,
                Resolution {
                    visit_id: visit.id,
                    on,
                    outcome: Outcome::Correct,
                    document_no: None,
                    note: String::new(),
                    figures: None,
                },
            )
            .err(),
        d.register.add_officer(&clerk, "Đinh Văn Mới", "Công chức", &[Role::Clerk]).err(),
        d.register.retire_officer(&clerk, admin.officer().id).err(),
        d.register.update_ward(&clerk, crate::common::ward()).err(),
        d.register.backup(&clerk, &d.dir.path().join("b.sqlite3")).err(),
        d.register.access_log(&clerk, &Default::default()).err(),
    ];
    for (i, refused) in refusals.into_iter().enumerate() {
        assert!(matches!(refused, Some(RegisterError::NotPermitted { .. })), "call {i}: {refused:?}");
    }
    assert_eq!(events(&d.register).len(), before, "a refused write journals nothing");
    assert!(!d.dir.path().join("b.sqlite3").exists(), "a refused backup writes no file");
}

#[test]
fn an_owner_made_before_the_first_password_acts_no_more_once_there_is_one() {
    let mut d = desk();
    let owner = d.register.desk_owner().unwrap();
    d.register.record_visit(&owner, draft("Vũ Thị Lan", "Hỏi thủ tục")).unwrap();
    d.register
        .create_keys(d.officer.id, ADMIN_PASSWORD, tiepdan_keys::KdfParams::insecure_for_tests())
        .unwrap();
    let refused = d.register.record_visit(&owner, draft("Vũ Thị Lan", "Hỏi lại")).unwrap_err();
    assert!(matches!(refused, RegisterError::SignInRequired), "{refused:?}");
    assert!(matches!(d.register.desk_owner(), Err(RegisterError::SignInRequired)));
}

/// Runs `write` as `actor`, then checks that every event it appended names `officer`.
fn stamped<T>(
    register: &mut Register,
    officer: OfficerId,
    what: &str,
    write: impl FnOnce(&mut Register) -> T,
) {
    let before = events(register).len();
    let _written = write(register);
    let after = events(register);
    assert!(after.len() > before, "{what} journaled nothing");
    for event in &after[before..] {
        assert_eq!(event.officer, Some(officer), "{what}: {} names {:?}", event.kind, event.officer);
    }
}

#[test]
fn every_write_s_event_names_the_officer_who_acted() {
    let mut d = desk_with_keys();
    let leader = d.register.sign_in(d.officer.id, ADMIN_PASSWORD).unwrap();
    let clerk = crate::sealing::clerk(&mut d);
    let (by_clerk, by_leader) = (clerk.officer().id, leader.officer().id);
    let (clerk, leader) = (Actor::signed_in(&clerk), Actor::signed_in(&leader));
    let on = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    let r = &mut d.register;
    let first = r.record_visit(&clerk, petition_draft("Lâm Văn Phúc")).unwrap();
    let visit = r.record_visit(&clerk, petition_draft("Lâm Văn Phúc")).unwrap();
    stamped(r, by_clerk, "record_visit", |r| r.record_visit(&clerk, draft("A", "B")).unwrap());
    stamped(r, by_clerk, "amend_visit", |r| {
        drop(r.amend_visit(&clerk, visit.id, petition_draft("Lâm Văn Phúc"), "Sửa tên").unwrap())
    });
    stamped(r, by_clerk, "link_repeat", |r| r.link_repeat(&clerk, visit.id, first.id).unwrap());
    // A denunciation: the kind whose resolution period may be extended.
    let denounced = r.record_visit(&clerk, denunciation()).unwrap();
    let decision =
        Acceptance { visit_id: denounced.id, on, accepted: true, reason: None, variant: Variant::default() };
    stamped(r, by_leader, "record_acceptance", |r| r.record_acceptance(&leader, decision).unwrap());
    let extension =
        Extension { visit_id: denounced.id, on, complexity: Complexity::Complex, reason: "Xác minh".into() };
    stamped(r, by_leader, "record_extension", |r| r.record_extension(&leader, extension).unwrap());
    let resolution = Resolution {
        visit_id: denounced.id,
        on,
        outcome: Outcome::Correct,
        document_no: None,
        note: String::new(),
        figures: None,
    };
    stamped(r, by_leader, "record_resolution", |r| r.record_resolution(&leader, resolution).unwrap());
    let third = r.record_visit(&clerk, petition_draft("Tạ Thị Quyên")).unwrap();
    let transfer = Transfer { visit_id: third.id, on, to: "Công an phường".into(), note: String::new() };
    stamped(r, by_leader, "record_transfer", |r| r.record_transfer(&leader, transfer).unwrap());
    let answer = TransferAnswer { visit_id: third.id, on, answer: "Đã nhận".into() };
    stamped(r, by_clerk, "record_transfer_answer", |r| {
        drop(r.record_transfer_answer(&clerk, answer).unwrap())
    });
    stamped(r, by_clerk, "cancel_visit", |r| r.cancel_visit(&clerk, third.id, "Ghi nhầm").unwrap());
    let day_off = CalendarOverride::day_off(NaiveDate::from_ymd_opt(2026, 12, 24).unwrap(), "Nghỉ bù");
    stamped(r, by_leader, "set_calendar_override", |r| {
        drop(r.set_calendar_override(&leader, day_off).unwrap())
    });
    let date = NaiveDate::from_ymd_opt(2026, 12, 24).unwrap();
    stamped(r, by_leader, "remove_calendar_override", |r| {
        drop(r.remove_calendar_override(&leader, date).unwrap())
    });
    stamped(r, by_leader, "set_deadline_rules", |r| {
        drop(r.set_deadline_rules(&leader, DeadlineRules::shipped()).unwrap())
    });
    stamped(r, by_leader, "update_ward", |r| r.update_ward(&leader, crate::common::ward()).unwrap());
    let added = std::cell::Cell::new(None);
    stamped(r, by_leader, "add_officer", |r| {
        added.set(Some(r.add_officer(&leader, "Đinh Văn Mới", "Công chức", &[Role::Clerk]).unwrap()))
    });
    let added = added.take().unwrap();
    stamped(r, by_leader, "update_officer", |r| {
        drop(r.set_officer_roles(&leader, added.id, vec![Role::Clerk, Role::Leader]).unwrap())
    });
    stamped(r, by_leader, "retire_officer", |r| r.retire_officer(&leader, added.id).unwrap());
    stamped(r, by_clerk, "close_day", |r| r.close_day(&clerk, on).unwrap());
}
