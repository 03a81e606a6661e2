//! Where the register is found, the single-writer rule, and usage mistakes.

use crate::desk::{an_visit, finish, Desk};
use std::process::Command;
use std::sync::Arc;
use tiepdan_domain::clock::SystemClock;
use tiepdan_register::Register;

#[test]
fn a_second_writer_is_refused_with_a_locked_message_while_the_register_is_open() {
    let desk = Desk::ready();
    let held =
        Register::open(&desk.register_file(), Arc::new(SystemClock)).expect("the desk app has it open");
    let run = desk.run_with_input(&["visit", "add", "--json", "-"], &an_visit().to_string());
    assert_eq!(run.code, 5, "a locked register exits 5; stderr: {}", run.stderr);
    assert!(run.stderr.contains("locked"), "the message says it is locked: {}", run.stderr);
    drop(held);
    assert!(desk.visits_on("2026-03-02").is_empty(), "nothing was written while locked");
}

#[test]
fn commands_on_a_folder_without_a_register_exit_4_and_create_nothing() {
    let desk = Desk::empty();
    let run = desk.run(&["visit", "list"]);
    assert_eq!(run.code, 4, "stderr: {}", run.stderr);
    assert!(run.stderr.contains("tiepdan init"), "says what to do: {}", run.stderr);
    assert!(!desk.data_dir().exists(), "no empty register is left behind");
}

#[test]
fn the_data_folder_comes_from_tiepdan_data_dir_when_no_option_is_given() {
    let desk = Desk::ready();
    desk.add_visit(&an_visit());
    let output = Command::new(env!("CARGO_BIN_EXE_tiepdan"))
        .args(["visit", "list", "--date", "2026-03-02"])
        .env("TIEPDAN_DATA_DIR", desk.data_dir())
        .output()
        .expect("tiepdan runs");
    let run = finish(output);
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    assert!(run.stdout.contains("Nguyễn Văn An"), "the same register: {}", run.stdout);
}

#[test]
fn a_usage_mistake_exits_2() {
    let desk = Desk::ready();
    assert_eq!(desk.run(&["visit", "list", "--date", "2026-13-01"]).code, 2, "not a date");
    assert_eq!(desk.run(&["visit", "cancel", "0001/2026/A"]).code, 2, "--reason is required");
}
