//! Enrollment and revocation (`sync-design.md`, Lifecycle).

use crate::support::{api, body, push, Journal, Server};
use reqwest::blocking::Client;
use serde_json::json;

fn redeem(server: &Server, code: &str) -> (u16, serde_json::Value) {
    body(
        api(Client::new().post(server.url("/api/v1/enroll")))
            .json(&json!({ "code": code }))
            .send()
            .expect("sent"),
    )
}

#[test]
fn a_code_works_once_and_binds_the_credential_to_its_ward_and_desk() {
    let server = Server::start();
    let out = server.admin(&["enroll-code", "--ward", "12345", "--desk", "B", "--json"]);
    let issued: serde_json::Value = serde_json::from_str(&out).expect("--json prints JSON");
    let code = issued["code"].as_str().expect("code");
    assert!(issued["expires_at"].is_string());
    let (status, enrolled) = redeem(&server, &code.to_lowercase());
    assert_eq!(status, 200, "codes are read case-insensitively: {enrolled}");
    assert_eq!((enrolled["ward_code"].as_str(), enrolled["desk"].as_str()), (Some("12345"), Some("B")));
    let cred = enrolled["credential"].as_str().expect("credential");
    let (status, reused) = redeem(&server, code);
    assert_eq!((status, reused["code"].as_str()), (403, Some("enrollment_refused")), "a code is single-use");
    let (status, desk) =
        body(api(Client::new().get(server.url("/api/v1/desk"))).bearer_auth(cred).send().unwrap());
    assert_eq!((status, desk["desk"].as_str()), (200, Some("B")));
    assert!(!server.admin(&["wards", "--json"]).contains(cred), "the credential is stored hashed");
}

#[test]
fn an_expired_or_unknown_code_is_refused() {
    let server = Server::start();
    let out = server.admin(&["enroll-code", "--ward", "12345", "--desk", "A", "--valid-minutes", "0"]);
    let code = out.lines().next().expect("code alone on the first line");
    assert_eq!(redeem(&server, code).0, 403, "an expired code is refused");
    assert_eq!(redeem(&server, "AAAA-BBBB-CCCC").0, 403);
    assert_eq!(body(api(Client::new().post(server.url("/api/v1/enroll"))).body("[]").send().unwrap()).0, 400);
}

#[test]
fn a_revoked_desk_gets_401_and_what_it_sent_is_kept() {
    let server = Server::start();
    let cred = server.enroll("12345", "A");
    let mut journal = Journal::new("12345", 'A');
    journal.visits(2);
    assert_eq!(push(&server, &cred, &journal.path(), &journal.batch(1, 3)).0, 200);
    server.admin(&["desk", "revoke", "--ward", "12345", "--desk", "A"]);
    journal.visits(1);
    let (status, e) = push(&server, &cred, &journal.path(), &journal.batch(4, 4));
    assert_eq!((status, e["code"].as_str()), (401, Some("unauthorized")));
    assert_eq!(server.check().events, 3, "revocation deletes nothing");
    let again = server.enroll("12345", "A");
    assert_eq!(
        push(&server, &again, &journal.path(), &journal.batch(4, 4)).0,
        200,
        "re-enrolled, it continues"
    );
}

#[test]
fn the_configured_upstream_name_reaches_the_desk_at_enrollment_and_on_every_round() {
    let server = Server::start_serving(&["--name", "  UBND tỉnh   Ninh Bình "]);
    let code = server.admin(&["enroll-code", "--ward", "12345", "--desk", "A"]);
    let (status, enrolled) = redeem(&server, code.lines().next().expect("code"));
    assert_eq!(status, 200);
    assert_eq!(enrolled["upstream_name"].as_str(), Some("UBND tỉnh Ninh Bình"), "spaces tidied: {enrolled}");
    let cred = enrolled["credential"].as_str().expect("credential");
    let (_, desk) =
        body(api(Client::new().get(server.url("/api/v1/desk"))).bearer_auth(cred).send().unwrap());
    assert_eq!(desk["upstream_name"].as_str(), Some("UBND tỉnh Ninh Bình"));

    let unnamed = Server::start();
    let (_, enrolled) =
        redeem(&unnamed, unnamed.admin(&["enroll-code", "--ward", "12345", "--desk", "A"]).trim());
    assert!(enrolled["upstream_name"].is_null(), "no name configured, none sent: {enrolled}");
}

#[test]
fn a_name_the_desks_could_not_show_stops_the_server_at_start_up() {
    let server = Server::start();
    for bad in ["   ", "UBND\u{7}tỉnh", &"Ủ".repeat(121)] {
        let out = std::process::Command::new(crate::support::BIN)
            .arg("--db")
            .arg(server.db_arg())
            .args(["serve", "--listen", "127.0.0.1:0", "--name", bad])
            .output()
            .expect("runs");
        assert!(!out.status.success(), "{bad:?} is refused");
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(said.contains("tên cơ quan cấp trên"), "the reason in both languages: {said}");
    }
}
