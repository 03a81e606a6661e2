//! `tiepdan backup` and `tiepdan restore`: the register comes back, and new receipts carry the new epoch.

use crate::desk::{an_visit, visit, Desk};
use crate::reveal::{desk_with_a_denunciation, LEADER_PASSWORD, MASKED};

#[test]
fn a_restored_backup_keeps_its_visits_and_new_receipts_carry_the_new_epoch() {
    let desk = Desk::ready();
    desk.add_visit(&an_visit());
    let backup = desk.scratch("backup.sqlite3");
    desk.ok(&["backup", "--out", backup.to_str().expect("UTF-8 path")]);
    assert!(backup.is_file(), "the backup file is written");
    // Work done after the backup: lost by the restore on this desk (the district still has it).
    desk.add_visit(&visit("Đặng Văn Hùng", "001089054321", "2026-03-02T11:00:00+07:00"));

    let out = desk.ok(&["restore", backup.to_str().expect("UTF-8 path")]);
    assert!(out.contains("epoch 2"), "the restore says the desk continues in epoch 2: {out}");
    let day = desk.visits_on("2026-03-02");
    assert_eq!(day.len(), 1, "the register is as it was at the backup");
    assert_eq!(day[0]["receipt_no"], "0001/2026/A");

    let after = desk.add_visit(&visit("Lê Thị Hoa", "001189054322", "2026-03-02T15:00:00+07:00"));
    let receipt = after["receipt_no"].as_str().expect("a receipt number");
    assert!(receipt.ends_with("/2026/A2"), "numbers after a restore carry the epoch: {receipt}");
    assert_eq!(desk.run(&["doctor"]).code, 0, "the restored register verifies");
}

#[test]
fn restoring_a_missing_backup_exits_4_and_keeps_the_register() {
    let desk = Desk::ready();
    desk.add_visit(&an_visit());
    let run = desk.run(&["restore", desk.scratch("nowhere.sqlite3").to_str().expect("UTF-8 path")]);
    assert_eq!(run.code, 4, "stderr: {}", run.stderr);
    assert_eq!(desk.visits_on("2026-03-02").len(), 1, "the register in place is untouched");
}

#[test]
fn a_backup_of_a_register_with_passwords_carries_its_key_file_and_another_desk_restores_both() {
    let (desk, officers, visit) = desk_with_a_denunciation();
    let backup = desk.scratch("backup.sqlite3");
    let keys = desk.scratch("backup.sqlite3.keys");
    let out = desk.ok(&["backup", "--out", backup.to_str().expect("UTF-8 path")]);
    assert!(keys.is_file(), "the key file is written beside the backup");
    assert!(out.contains(keys.to_str().unwrap()), "the backup says it wrote FILE.keys: {out}");

    let other = Desk::empty();
    // The backup is encrypted: restoring it takes a password its key file knows.
    other.sign_in_as(&officers.leader, LEADER_PASSWORD);
    let out = other.ok(&["restore", backup.to_str().expect("UTF-8 path")]);
    assert!(out.contains("key file restored"), "{out}");
    let receipt = visit["receipt_no"].as_str().unwrap();
    let masked = other.ok(&["visit", "show", receipt]);
    assert!(masked.contains(MASKED), "{masked}");
    let run = other.run_with_input(
        &["visit", "show", receipt, "--reveal", "--officer", &officers.leader],
        &format!("{LEADER_PASSWORD}\n"),
    );
    assert_eq!(run.code, 0, "the old password opens the restored register: {}", run.stderr);
    assert!(run.stdout.contains("Nguyễn Văn An"), "and the leader still sees the denouncer: {}", run.stdout);
}

#[test]
fn a_backup_with_sealed_identities_but_without_its_key_file_is_refused_with_exit_3() {
    let (desk, _, _) = desk_with_a_denunciation();
    let backup = desk.scratch("backup.sqlite3");
    desk.ok(&["backup", "--out", backup.to_str().expect("UTF-8 path")]);
    std::fs::remove_file(desk.scratch("backup.sqlite3.keys")).unwrap();
    let other = Desk::ready();
    let run = other.run(&["restore", backup.to_str().expect("UTF-8 path")]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(run.stderr.contains("backup.sqlite3.keys"), "the error names the missing file: {}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(other.visits_on("2026-03-02").is_empty(), "the register in place is untouched");
}

#[test]
fn a_backup_and_an_exported_slip_are_in_the_access_audit_with_the_os_user() {
    let desk = Desk::ready();
    let stored = desk.add_visit(&an_visit());
    let id = stored["id"].as_str().expect("an id");
    let backup = desk.scratch("audited.sqlite3");
    desk.ok(&["backup", "--out", backup.to_str().expect("UTF-8 path")]);
    let slip = desk.scratch("slip.pdf");
    desk.ok(&["print", "receipt", id, "--out", slip.to_str().expect("UTF-8 path")]);
    let audit: serde_json::Value = serde_json::from_str(&desk.ok(&["audit", "--json"])).expect("JSON");
    let actions: Vec<&str> =
        audit.as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["exported", "backed_up"], "newest first: {audit}");
    assert_eq!(audit[0]["visit"], stored["id"], "the export names its visit");
    assert!(audit[1]["detail"].as_str().unwrap().contains("audited.sqlite3"), "{audit}");
    assert!(audit[1]["detail"].as_str().unwrap().contains("[tiepdan, người dùng máy"), "{audit}");
    assert_eq!(desk.run(&["audit", "--verify"]).code, 0, "the audit's chain verifies");
}
