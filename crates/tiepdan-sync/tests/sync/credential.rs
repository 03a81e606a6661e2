//! The desk's credential at rest (issue 14 §5): encrypted under the register key, so a copied data
//! folder without an officer's password cannot authenticate to the real district server.

use crate::support::{Desk, District};
use std::path::Path;
use tiepdan_register::{Register, RegisterError};
use tiepdan_sync::client::{Http, Reply};
use tiepdan_sync::state::StoredCredential;

/// The credential in clear, opened with the desk's signed-in register.
fn token(desk: &Desk) -> String {
    let enrollment = desk.state().enrollment.expect("enrolled");
    enrollment.credential.open(&desk.register.lock().expect("lock")).expect("the open register reads it")
}

/// What the district answers `GET /desk` with `credential` as the bearer token.
fn answer(district: &District, credential: &str) -> u16 {
    let http = Http::new(&district.url, Some(credential)).expect("client");
    match http.get::<serde_json::Value>(tiepdan_protocol::paths::DESK).expect("an answer") {
        Reply::Ok(_) => 200,
        Reply::Refused(status, _) => status,
    }
}

fn contains(path: &Path, needle: &str) -> bool {
    let bytes = std::fs::read(path).expect("readable");
    bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
}

/// Every file of `from` copied into `to`, as someone walking off with the folder would.
fn copy_folder(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).expect("the data folder") {
        let entry = entry.expect("an entry");
        if entry.file_type().expect("type").is_file() {
            std::fs::copy(entry.path(), to.join(entry.file_name())).expect("copied");
        }
    }
}

/// Every string in a JSON document.
fn strings(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
        serde_json::Value::Object(map) => map.iter().for_each(|(k, v)| {
            out.push(k.clone());
            strings(v, out)
        }),
        _ => {}
    }
}

#[test]
fn a_copied_data_folder_without_a_password_cannot_authenticate_to_the_district() {
    let district = District::start();
    let desk = Desk::encrypted("12345", 'A');
    desk.enroll(&district, "12345", "A");
    desk.round().expect("the signed-in desk syncs");
    desk.assert_all_acknowledged(&district);
    let token = token(&desk);
    assert_eq!(answer(&district, &token), 200, "the credential itself is good");

    let copy = tempfile::tempdir().expect("temp dir");
    copy_folder(desk.dir.path(), copy.path());
    for entry in std::fs::read_dir(copy.path()).expect("the copy") {
        let path = entry.expect("an entry").path();
        assert!(!contains(&path, &token), "{} holds the credential in clear", path.display());
    }
    let state: serde_json::Value =
        serde_json::from_slice(&std::fs::read(copy.path().join("sync-state.json")).expect("state"))
            .expect("JSON");
    assert!(state["enrollment"]["credential"]["encrypted"].is_string(), "kept encrypted: {state}");
    let mut found = Vec::new();
    strings(&state, &mut found);
    // The long ASCII strings, which are all a bearer token could be (an address, ids, hashes, the
    // encrypted credential): every one of them is refused.
    for candidate in found.iter().filter(|s| s.len() >= 16 && s.chars().all(|c| c.is_ascii_graphic())) {
        assert_eq!(answer(&district, candidate), 401, "{candidate:?} from the copied state is refused");
    }
    let opened = Register::open(
        &copy.path().join("register.sqlite"),
        std::sync::Arc::new(tiepdan_domain::clock::SystemClock),
    );
    assert!(
        matches!(opened, Err(RegisterError::SignInRequired)),
        "without a password the copy's register, and so its key, stays closed: {opened:?}"
    );
}

#[test]
fn a_credential_saved_in_clear_before_is_encrypted_at_the_next_round() {
    let district = District::start();
    let desk = Desk::encrypted("12345", 'A');
    desk.enroll(&district, "12345", "A");
    let token = token(&desk);
    let mut old = desk.state();
    old.enrollment.as_mut().expect("enrolled").credential = StoredCredential::Clear(token.clone());
    old.save(&desk.state_path()).expect("saved as an older version did");
    assert!(contains(&desk.state_path(), &token), "the older file held it in clear");

    desk.round().expect("the round uses the clear credential once more");
    desk.assert_all_acknowledged(&district);
    assert!(!contains(&desk.state_path(), &token), "and leaves it encrypted");
    assert!(!desk.state().enrollment.expect("enrolled").credential.is_clear());
}
