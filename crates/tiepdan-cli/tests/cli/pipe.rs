//! Output read only in part, as `tiepdan visit list --json | head -1` does.

use crate::desk::{an_visit, finish, Desk};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

#[test]
fn a_listing_whose_reader_stops_early_ends_quietly_without_a_panic() {
    let desk = Desk::ready();
    // More output than a pipe buffers (64 KiB on Linux), so the CLI is still writing when the reader
    // goes away and really meets the closed pipe.
    let mut visit = an_visit();
    visit["summary"] =
        "Khiếu nại quyết định thu hồi đất và bồi thường, hỗ trợ tái định cư. ".repeat(40).into();
    for _ in 0..30 {
        desk.add_visit(&visit);
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_tiepdan"))
        .arg("--data-dir")
        .arg(desk.data_dir())
        .args(["visit", "list", "--from", "2026-03-01", "--to", "2026-03-31", "--json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the tiepdan binary starts");
    let mut reader = BufReader::new(child.stdout.take().expect("stdout"));
    let mut first_line = String::new();
    reader.read_line(&mut first_line).expect("the first line arrives");
    assert_eq!(first_line.trim(), "[", "the listing starts as a JSON array");
    drop(reader);
    let run = finish(child.wait_with_output().expect("tiepdan finishes"));
    assert!(!run.stderr.contains("panicked"), "a closed pipe is not a crash; stderr: {}", run.stderr);
    assert_eq!(run.code, 0, "the command itself succeeded; stderr: {}", run.stderr);
}
