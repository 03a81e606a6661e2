use crate::common::{clock, desk};
use std::process::Command;
use tiepdan_register::{Register, RegisterError};

#[test]
fn a_second_open_in_the_same_process_is_refused_while_the_first_is_open() {
    let d = desk();
    let err = Register::open(&d.path(), clock()).unwrap_err();
    assert!(matches!(&err, RegisterError::Locked { path } if *path == d.path()), "{err:?}");
    let path = d.path();
    drop(d.register);
    Register::open(&path, clock()).expect("closing the register releases it");
}

/// Child side of the test below: run by re-executing this test binary.
#[test]
#[ignore = "child process of a_second_process_cannot_open_the_register_for_writing"]
fn lock_child_opens_the_register() {
    // Only meaningful as the parent's child; a run with --include-ignored passes through here.
    let Ok(path) = std::env::var("TIEPDAN_LOCK_CHILD") else { return };
    match Register::open(path.as_ref(), clock()) {
        Err(RegisterError::Locked { .. }) => println!("CHILD: locked"),
        Ok(_) => println!("CHILD: opened"),
        Err(e) => println!("CHILD: error {e}"),
    }
}

#[test]
fn a_second_process_cannot_open_the_register_for_writing() {
    let d = desk();
    let out = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "lock::lock_child_opens_the_register", "--ignored", "--nocapture"])
        .env("TIEPDAN_LOCK_CHILD", d.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("CHILD: locked"), "the other process must get Locked; it said:\n{stdout}");
}
