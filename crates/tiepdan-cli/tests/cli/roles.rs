//! The signed-in officer's roles on a register with passwords: each command asks what the desk's
//! matching command asks (a clerk registers and prints; deciding, the audit, backups and officers
//! are for leaders and administrators); and opening a visit from the command line is audited.

use crate::desk::{an_visit, Desk};
use crate::reveal::{desk_with_a_denunciation, CLERK_PASSWORD, LEADER_PASSWORD};
use serde_json::Value;

fn audit(desk: &Desk) -> Vec<Value> {
    serde_json::from_str(&desk.ok(&["audit", "--json"])).expect("audit --json is a JSON list")
}

#[test]
fn a_clerk_signed_in_on_the_command_line_registers_and_prints_but_decides_and_reviews_nothing() {
    let (desk, officers, visit) = desk_with_a_denunciation();
    let receipt = visit["receipt_no"].as_str().unwrap();
    desk.sign_in_as(&officers.clerk, CLERK_PASSWORD);
    let backup = desk.scratch("backup.sqlite3").to_string_lossy().into_owned();
    for args in [
        &["audit"][..],
        &["backup", "--out", &backup],
        &["petition", "accept", receipt, "--on", "2026-03-03"],
        &["calendar", "override", "add", "--date", "2026-03-07", "--working", "--note", "Làm bù"],
    ] {
        let run = desk.run(args);
        assert_eq!(run.code, 3, "{args:?} is refused to a clerk: {}", run.stderr);
        assert!(run.stderr.contains("roles do not permit"), "{args:?}: {}", run.stderr);
    }
    assert!(!desk.scratch("backup.sqlite3").exists(), "no backup was written");

    desk.ok(&["visit", "show", receipt]);
    desk.add_visit(&an_visit());
    let pdf = desk.scratch("receipt.pdf").to_string_lossy().into_owned();
    desk.ok(&["print", "receipt", receipt, "--out", &pdf]);

    desk.sign_in_as(&officers.leader, LEADER_PASSWORD);
    let entries = audit(&desk);
    let opened = entries
        .iter()
        .find(|e| e["action"] == "opened_visit" && e["visit"] == visit["id"])
        .expect("visit show is audited as opening the visit");
    assert_eq!(opened["officer"], officers.clerk.as_str(), "naming the clerk who signed in: {opened}");
    assert!(opened["detail"].as_str().unwrap().contains("[tiepdan, người dùng máy"), "{opened}");
}

#[test]
fn on_a_register_without_passwords_visit_show_is_audited_with_the_os_user() {
    let desk = Desk::ready();
    let visit = desk.add_visit(&an_visit());
    let id = visit["id"].as_str().unwrap();
    desk.ok(&["visit", "show", id]);
    desk.ok(&["visit", "history", id, "--json"]);
    let entries = audit(&desk);
    let opened: Vec<&Value> = entries.iter().filter(|e| e["action"] == "opened_visit").collect();
    assert_eq!(opened.len(), 2, "{entries:?}");
    // Nobody signs in here: the act is the desk's officer's, as the OS user who owns the register.
    let officers: Value = serde_json::from_str(&desk.ok(&["officer", "list", "--json"])).unwrap();
    let on_duty = &officers[0]["id"];
    assert!(opened.iter().all(|e| &e["officer"] == on_duty), "the desk's officer is named: {entries:?}");
    let detail = opened[0]["detail"].as_str().unwrap();
    assert!(detail.contains("người dùng máy"), "the OS user is named: {detail}");
}
