//! `tiepdan officer`: officers added, listed, retired and put on duty.

use crate::desk::{an_visit, Desk};
use serde_json::Value;

fn officers(desk: &Desk) -> Vec<Value> {
    serde_json::from_str(&desk.ok(&["officer", "list", "--json"])).expect("officer list --json")
}

#[test]
fn adding_an_officer_prints_only_the_new_id_so_scripts_can_capture_it() {
    let desk = Desk::empty();
    desk.ok(&[
        "init",
        "--ward-code",
        "12345",
        "--ward-name",
        "Phường Hà Đông",
        "--desk",
        "A",
        "--no-encryption",
    ]);
    let out = desk.ok(&["officer", "add", "--name", "Lê Văn Cường", "--position", "Phó Chủ tịch"]);
    assert_eq!(out.lines().count(), 1, "one line: {out:?}");
    let id = out.trim();
    assert_eq!(id.len(), 36, "a UUID: {id}");
    let listed = officers(&desk);
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["id"], id);
    assert_eq!(listed[0]["full_name"], "Lê Văn Cường");
    assert!(desk.ok(&["officer", "list"]).contains("Lê Văn Cường"), "the table names the officer");
}

#[test]
fn a_new_visit_is_received_by_the_current_officer_unless_the_json_names_one() {
    let desk = Desk::ready();
    let second = desk.ok(&["officer", "add", "--name", "Phạm Thu Hà", "--position", "Công chức"]);
    desk.ok(&["officer", "use", second.trim()]);
    let visit = desk.add_visit(&an_visit());
    assert_eq!(visit["officer_id"], second.trim(), "the officer on duty is the default");
}

#[test]
fn a_retired_officer_stays_listed_as_inactive() {
    let desk = Desk::ready();
    let id = desk.ok(&["officer", "add", "--name", "Phạm Thu Hà", "--position", "Công chức"]);
    desk.ok(&["officer", "retire", id.trim()]);
    let listed = officers(&desk);
    let retired = listed.iter().find(|o| o["id"] == id.trim()).expect("retired officers are never deleted");
    assert_eq!(retired["active"], false);
}

#[test]
fn an_unknown_officer_exits_4_and_a_malformed_id_exits_3() {
    let desk = Desk::ready();
    let unknown = desk.run(&["officer", "use", "01a211d4-38c4-72d3-a08a-2048baaaf942"]);
    assert_eq!(unknown.code, 4, "not found; stderr: {}", unknown.stderr);
    let malformed = desk.run(&["officer", "retire", "bình"]);
    assert_eq!(malformed.code, 3, "bad input; stderr: {}", malformed.stderr);
}

/// The officers whose password opens the register (the key slots of `register.keys`).
fn officers_with_slots(desk: &Desk) -> Vec<String> {
    let keys = tiepdan_register::sessions::keys_path(&desk.register_file());
    let slots = tiepdan_keys::KeySlots::load_with_floor(&keys, tiepdan_keys::KdfFloor::standard()).unwrap();
    slots.officers().into_iter().map(|s| s.officer_id.clone()).collect()
}

#[test]
fn on_a_register_with_passwords_only_an_administrator_changes_officers_and_retiring_removes_the_slot() {
    let (desk, officers, _) = crate::reveal::desk_with_a_denunciation();
    let clerk_password = crate::reveal::CLERK_PASSWORD;
    assert!(officers_with_slots(&desk).contains(&officers.clerk));

    desk.sign_in_as(&officers.clerk, clerk_password);
    for args in [
        &["officer", "retire", officers.leader.as_str()][..],
        &["officer", "add", "--name", "Phạm Thu Hà", "--position", "Công chức"],
        &["officer", "roles", officers.clerk.as_str(), "--role", "leader"],
        &["officer", "use", officers.leader.as_str()],
    ] {
        let run = desk.run(args);
        assert_eq!(run.code, 3, "a clerk is refused {args:?}: {}", run.stderr);
        assert!(run.stderr.contains("roles do not permit"), "{args:?}: {}", run.stderr);
    }
    assert_eq!(self::officers(&desk).len(), 2, "nothing was added");

    desk.sign_in_as(&officers.leader, crate::reveal::LEADER_PASSWORD);
    desk.ok(&["officer", "retire", &officers.clerk]);
    assert!(!officers_with_slots(&desk).contains(&officers.clerk), "the retired clerk's slot is gone");
    desk.sign_in_as(&officers.clerk, clerk_password);
    let run = desk.run(&["visit", "list", "--date", "2026-03-02"]);
    assert_ne!(run.code, 0, "the retired clerk's password opens nothing: {}", run.stdout);
}
