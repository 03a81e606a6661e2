//! Registers the command line sets up encrypted (issue 14 §5): `init --admin-name` makes the first
//! administrator and the key file at once, `--no-encryption` is a choice `doctor` and `status` keep
//! reporting, and `officer password` gives passwords from standard input — the first one on a plain
//! register encrypting it and sealing the denunciations recorded before.

use crate::desk::{an_visit, Desk};
use crate::reveal::MASKED;
use serde_json::Value;
use std::sync::Arc;
use tiepdan_domain::clock::SystemClock;
use tiepdan_register::{Register, RegisterError};

const ADMIN_PASSWORD: &str = "hoa-sen-2026";
const CLERK_PASSWORD: &str = "lua-chin-vang";

const INIT: [&str; 7] = ["init", "--ward-code", "12345", "--ward-name", "Phường Hà Đông", "--desk", "A"];

/// The value printed after `label: ` on a line of `out`.
fn printed<'a>(out: &'a str, label: &str) -> &'a str {
    out.lines()
        .find_map(|l| l.strip_prefix(label).and_then(|rest| rest.strip_prefix(": ")))
        .unwrap_or_else(|| panic!("`{label}` is printed: {out}"))
}

/// A desk set up encrypted by `init --admin-name`; every later run signs in as its administrator.
fn encrypted_desk() -> (Desk, String) {
    let desk = Desk::empty();
    let mut args = INIT.to_vec();
    args.extend(["--admin-name", "Trần Thị Bình", "--admin-position", "Công chức tiếp công dân"]);
    let run = desk.run_with_input(&args, &format!("{ADMIN_PASSWORD}\n"));
    assert_eq!(run.code, 0, "init with an administrator succeeds: {}", run.stderr);
    let admin = printed(&run.stdout, "administrator").to_string();
    tiepdan_register::sessions::RecoveryKey::parse(printed(&run.stdout, "recovery key"))
        .expect("the printed recovery key reads back");
    desk.sign_in_as(&admin, ADMIN_PASSWORD);
    (desk, admin)
}

fn denunciation() -> Value {
    let mut visit = an_visit();
    visit["petition"] = serde_json::json!({ "kind": "denunciation", "field": "corruption" });
    visit
}

#[test]
fn init_with_an_administrator_makes_a_register_nobody_opens_without_a_password() {
    let (desk, _) = encrypted_desk();
    let opened = Register::open(&desk.register_file(), Arc::new(SystemClock));
    assert!(matches!(opened, Err(RegisterError::SignInRequired)), "encrypted from the start: {opened:?}");
    let ward: Value = serde_json::from_str(&desk.ok(&["ward", "--json"])).expect("ward --json");
    assert_eq!(ward["ward_code"], "12345", "the administrator signs in and reads it");
    let doctor = desk.ok(&["doctor"]);
    assert!(!doctor.contains("not encrypted") && !doctor.contains("not sealed"), "{doctor}");
    let visit = desk.add_visit(&denunciation());
    assert!(!visit.to_string().contains("Nguyễn Văn An"), "a denunciation is sealed at once: {visit}");
}

#[test]
fn init_without_choosing_encryption_is_refused_and_leaves_nothing() {
    let desk = Desk::empty();
    let run = desk.run(&INIT);
    assert_eq!(run.code, 3, "a refused choice is refused input: {}", run.stderr);
    assert!(run.stderr.contains("--admin-name") && run.stderr.contains("--no-encryption"), "{}", run.stderr);
    assert!(!desk.register_file().exists(), "nothing is created by omission");
}

#[test]
fn a_weak_first_password_is_refused_before_the_register_exists() {
    let desk = Desk::empty();
    let mut args = INIT.to_vec();
    args.extend(["--admin-name", "Trần Thị Bình", "--admin-position", "Công chức"]);
    let run = desk.run_with_input(&args, "123\n");
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(!desk.register_file().exists(), "a refused password leaves no register behind");
}

#[test]
fn a_plain_register_is_a_choice_that_doctor_and_status_keep_reporting() {
    let desk = Desk::ready();
    let doctor = desk.run(&["doctor"]);
    assert_eq!(doctor.code, 0, "a warning does not fail the doctor: {}", doctor.stderr);
    assert!(doctor.stdout.contains("warning: the register is not encrypted"), "{}", doctor.stdout);
    let status = desk.ok(&["status"]);
    assert!(status.contains("warning: the register is not encrypted"), "{status}");
    let json = desk.run(&["status", "--json"]);
    serde_json::from_str::<Value>(&json.stdout).expect("--json stays JSON");
    assert!(json.stderr.contains("not encrypted"), "said beside it: {}", json.stderr);
}

#[test]
fn the_first_password_given_on_a_plain_register_encrypts_it_and_seals_earlier_denunciations() {
    let desk = Desk::ready();
    let visit = desk.add_visit(&denunciation());
    assert!(visit.to_string().contains("Nguyễn Văn An"), "nothing to seal to yet: {visit}");
    let officers: Vec<Value> = serde_json::from_str(&desk.ok(&["officer", "list", "--json"])).unwrap();
    let admin = officers[0]["id"].as_str().expect("the desk's administrator").to_string();

    let run = desk.run_with_input(&["officer", "password", &admin], &format!("{ADMIN_PASSWORD}\n"));
    assert_eq!(run.code, 0, "{}", run.stderr);
    tiepdan_register::sessions::RecoveryKey::parse(printed(&run.stdout, "recovery key"))
        .expect("the recovery key is printed once");
    let opened = Register::open(&desk.register_file(), Arc::new(SystemClock));
    assert!(matches!(opened, Err(RegisterError::SignInRequired)), "encrypted now: {opened:?}");

    desk.sign_in_as(&admin, ADMIN_PASSWORD);
    let shown = desk.ok(&["visit", "show", visit["receipt_no"].as_str().unwrap()]);
    assert!(shown.contains(MASKED) && !shown.contains("Nguyễn Văn An"), "sealed in bulk: {shown}");
    let history = desk.ok(&["visit", "history", visit["receipt_no"].as_str().unwrap()]);
    assert!(!history.contains("Nguyễn Văn An"), "the earlier step is masked too: {history}");
}

#[test]
fn an_administrator_gives_an_officer_a_password_from_standard_input_and_a_clerk_cannot() {
    let (desk, admin) = encrypted_desk();
    let clerk =
        desk.ok(&["officer", "add", "--name", "Lê Văn Cường", "--position", "Công chức", "--role", "clerk"]);
    let clerk = clerk.trim().to_string();
    let run = desk.run_with_input(&["officer", "password", &clerk], &format!("{CLERK_PASSWORD}\n"));
    assert_eq!(run.code, 0, "{}", run.stderr);

    desk.sign_in_as(&clerk, CLERK_PASSWORD);
    desk.ok(&["visit", "list", "--date", "2026-03-02"]);
    let refused = desk.run_with_input(&["officer", "password", &admin], "mat-khau-cua-toi-2026\n");
    assert_eq!(refused.code, 3, "{}", refused.stderr);
    assert!(refused.stderr.contains("roles do not permit"), "{}", refused.stderr);
    desk.sign_in_as(&admin, ADMIN_PASSWORD);
    desk.ok(&["ward"]);
}
