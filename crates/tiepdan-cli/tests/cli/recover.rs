//! `tiepdan recover --officer ID`: the recovery key from the safe gives an administrator a new
//! password. The key file is made through the library (the desk's first-run setup makes it), with
//! argon2id parameters at the standard floor the binary accepts.

use crate::desk::{finish, Desk};
use crate::reveal::FLOOR_PARAMS;
use std::process::{Command, Stdio};
use std::sync::Arc;
use tiepdan_domain::clock::SystemClock;
use tiepdan_keys::{KdfFloor, RecoveryKey};
use tiepdan_register::sessions::keys_path;
use tiepdan_register::{Credentials, Register, RegisterError};

const OLD_PASSWORD: &str = "hoa-sen-2026";
const NEW_PASSWORD: &str = "mua-xuan-moi";

/// A desk whose first officer (Trần Thị Bình, administrator) has a password; her id and the
/// recovery key as printed for the safe.
fn desk_with_keys() -> (Desk, String, String) {
    let desk = Desk::ready();
    let mut register = Register::open(&desk.register_file(), Arc::new(SystemClock)).unwrap();
    let admin = register.officers().unwrap().remove(0);
    let (_, recovery) = register.create_keys(admin.id, OLD_PASSWORD, FLOOR_PARAMS).unwrap();
    (desk, admin.id.to_string(), recovery.to_printable().to_string())
}

fn sign_in(desk: &Desk, officer: &str, password: &str) -> Result<(), RegisterError> {
    let credentials = Credentials::Password { officer: officer.parse().unwrap(), password };
    Register::open_signed_in(&desk.register_file(), Arc::new(SystemClock), KdfFloor::standard(), credentials)
        .map(|_| ())
}

fn key_file(desk: &Desk) -> Vec<u8> {
    std::fs::read(keys_path(&desk.register_file())).unwrap()
}

#[test]
fn the_recovery_key_and_a_new_password_typed_twice_restore_an_administrators_access() {
    let (desk, admin, key) = desk_with_keys();
    let typed = key.to_lowercase().replace('-', " ");
    let run = desk.run_with_input(
        &["recover", "--officer", &admin],
        &format!("{typed}\n{NEW_PASSWORD}\n{NEW_PASSWORD}\n"),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout.lines().count(), 1, "one line: {}", run.stdout);
    assert!(run.stdout.contains("Đã khôi phục quyền truy cập cho cán bộ Trần Thị Bình"), "{}", run.stdout);
    sign_in(&desk, &admin, NEW_PASSWORD).expect("the new password signs in");
    assert!(matches!(sign_in(&desk, &admin, OLD_PASSWORD), Err(RegisterError::WrongPassword { .. })));
    desk.sign_in_as(&admin, NEW_PASSWORD);
    let audit = desk.ok(&["audit"]);
    assert!(audit.contains("Dùng khóa khôi phục"), "the recovery is in the access audit: {audit}");
}

#[test]
fn a_wrong_or_mistyped_key_or_two_different_passwords_exit_3_and_change_nothing() {
    let (desk, admin, key) = desk_with_keys();
    let before = key_file(&desk);
    let args = ["recover", "--officer", admin.as_str()];

    let wrong = RecoveryKey::generate().unwrap().to_printable().to_string();
    let run = desk.run_with_input(&args, &format!("{wrong}\n{NEW_PASSWORD}\n{NEW_PASSWORD}\n"));
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(run.stderr.contains("wrong recovery key"), "{}", run.stderr);

    let mistyped = &key[..key.len() - 1];
    let run = desk.run_with_input(&args, &format!("{mistyped}\n{NEW_PASSWORD}\n{NEW_PASSWORD}\n"));
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(run.stderr.contains("mistyped"), "a typing slip is told apart from a wrong key: {}", run.stderr);

    let run = desk.run_with_input(&args, &format!("{key}\n{NEW_PASSWORD}\nmua-xuan-moi!\n"));
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(run.stderr.contains("differ"), "{}", run.stderr);

    let run = desk.run_with_input(&args, &format!("{key}\n"));
    assert_eq!(run.code, 3, "no password given: {}", run.stderr);

    assert_eq!(key_file(&desk), before, "the key file is byte for byte as it was");
    sign_in(&desk, &admin, OLD_PASSWORD).expect("the old password still works");
}

#[test]
fn a_script_gives_the_key_and_password_in_the_environment_never_in_arguments() {
    let (desk, admin, key) = desk_with_keys();
    let output = Command::new(env!("CARGO_BIN_EXE_tiepdan"))
        .arg("--data-dir")
        .arg(desk.data_dir())
        .args(["recover", "--officer", &admin])
        .env("TIEPDAN_RECOVERY_KEY", &key)
        .env("TIEPDAN_PASSWORD", NEW_PASSWORD)
        .env_remove("TIEPDAN_DATA_DIR")
        .stdin(Stdio::null())
        .output()
        .expect("tiepdan runs");
    let run = finish(output);
    assert_eq!(run.code, 0, "{}", run.stderr);
    sign_in(&desk, &admin, NEW_PASSWORD).expect("the new password signs in");
}
