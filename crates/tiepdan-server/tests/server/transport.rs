//! Plain HTTP stays on this computer unless the operator insists, and then the log says so.

use crate::support::{Server, BIN};
use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};

fn serve(server: &Server, args: &[&str]) -> std::process::Child {
    Command::new(BIN)
        .arg("--db")
        .arg(server.db_arg())
        .arg("serve")
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starts")
}

#[test]
fn the_server_refuses_plain_http_on_the_network_without_insecure_http() {
    let server = Server::start();
    let out = serve(&server, &["--listen", "0.0.0.0:0"]).wait_with_output().expect("ends");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "refused as the operator's input: {stderr}");
    assert!(stderr.contains("--tls-cert") && stderr.contains("--insecure-http"), "says what to do: {stderr}");
    assert!(out.stdout.is_empty(), "it never listened");
}

#[test]
fn with_insecure_http_it_serves_and_warns_in_its_log() {
    let server = Server::start();
    let mut child = serve(&server, &["--listen", "0.0.0.0:0", "--insecure-http"]);
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut line).expect("a line");
    child.kill().expect("killed");
    let mut log = String::new();
    child.stderr.take().expect("stderr").read_to_string(&mut log).expect("log read");
    child.wait().expect("reaped");
    assert!(line.starts_with("listening on 0.0.0.0:"), "it serves: {line}");
    assert!(log.contains("WARN") && log.contains("--insecure-http"), "and the log warns: {log}");
}

#[test]
fn plain_http_on_loopback_needs_no_flag() {
    let server = Server::start();
    let health = reqwest::blocking::get(server.url("/api/v1/health")).expect("answered");
    assert_eq!(health.status(), 200, "a proxy on the same host reaches it without --insecure-http");
}
