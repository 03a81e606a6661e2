//! Setting up, registering, following up a petition and the sync commands over IPC.

use crate::*;
use serde_json::{json, Value};

#[test]
fn the_main_window_sets_up_the_ward_and_records_a_visit() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path());
    let main = window(&app, "main");
    let status = call(&main, "app_status", json!({})).unwrap();
    assert_eq!(status["ward"], Value::Null, "a new register starts at the setup screen");
    let done = setup(&main, false);
    let status = &done["status"];
    assert_eq!(status["ward"]["ward_name"], "Phường Hà Đông");
    assert_eq!(
        status["signed_in"]["officer_id"], status["officers"][0]["id"],
        "the administrator is signed in"
    );
    let recovery = done["recovery_key"].as_str().unwrap();
    assert!(recovery.len() >= 40, "the recovery key is shown once: {recovery}");
    assert_eq!(status["current_officer"], status["officers"][0]["id"], "the first officer is on duty");

    let draft = json!({ "visitors": [{ "full_name": "Nguyễn Văn Ánh" }], "summary": "Khiếu nại đất đai" });
    let visit = call(&main, "record_visit", json!({ "draft": draft })).unwrap();
    let receipt = visit["receipt_no"].as_str().unwrap();
    assert!(receipt.starts_with("0001/") && receipt.ends_with("/A"), "first receipt of desk A: {receipt}");
    let hits = call(&main, "search_visits", json!({ "query": "nguyen van anh", "limit": 10 })).unwrap();
    assert_eq!(hits[0]["visit_id"], visit["id"]);
}

#[test]
fn an_invalid_visit_comes_back_with_its_field_problems_and_is_not_saved() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path());
    let main = window(&app, "main");
    setup(&main, false);
    let draft = json!({
        "visitors": [{ "full_name": "Lê Văn Cường", "id_kind": "cccd", "id_number": "003085012345" }],
        "summary": "Kiến nghị"
    });
    let error = call(&main, "record_visit", json!({ "draft": draft })).unwrap_err();
    assert_eq!(error["code"], "invalid");
    assert_eq!(error["problems"][0]["field"], "visitors[0].id_number");
    assert_eq!(error["problems"][0]["code"], "id_unknown_province");
    let today = call(&main, "app_status", json!({})).unwrap();
    assert_eq!(today["ward"]["desk"], "A");
    let hits = call(&main, "search_visits", json!({ "query": "le van cuong", "limit": 10 })).unwrap();
    assert_eq!(hits, json!([]), "nothing was saved");
}

#[test]
fn a_window_other_than_main_may_call_none_of_the_desk_commands() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path());
    let other = window(&app, "other");
    let refused = call(&other, "app_status", json!({})).unwrap_err();
    assert!(refused.to_string().contains("not allowed"), "the capability covers only main: {refused}");
}

#[test]
fn a_petition_s_follow_up_is_read_and_recorded_over_ipc_and_refusals_say_why() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path());
    let main = window(&app, "main");
    setup(&main, true);
    let draft = json!({
        "received_at": "2026-04-24T09:00:00+07:00",
        "visitors": [{ "full_name": "Vũ Thị Tố" }],
        "summary": "Tố cáo cán bộ địa chính",
        "petition": { "kind": "denunciation" }
    });
    let visit = call(&main, "record_visit", json!({ "draft": draft })).unwrap();
    let id = visit["id"].clone();

    let follow_up = call(&main, "petition_follow_up", json!({ "visit_id": id, "within": 5 })).unwrap();
    let check = follow_up["deadlines"].as_array().unwrap().iter().find(|d| d["step"] == "check").unwrap();
    assert_eq!(check["due"], "2026-05-08", "7 working days over Giỗ Tổ and 30/4–1/5");
    let proposal = call(&main, "proposed_appointment", json!({ "visit_id": id })).unwrap();
    assert_eq!(proposal["date"], "2026-05-13", "processing: 10 working days from the day of reception");
    let due = call(&main, "due_petitions", json!({ "within": 5, "all": false })).unwrap();
    assert_eq!(due[0]["visit_id"], id, "long overdue, so on the due list");
    assert_eq!(due[0]["status"]["state"], "overdue");

    let answer = json!({ "visit_id": id, "on": "2026-05-04", "answer": "Đã nhận" });
    let refused =
        call(&main, "record_transfer_answer", json!({ "answer": answer, "within": 5 })).unwrap_err();
    assert_eq!(refused["code"], "refused", "an answer needs a transfer first");
    assert_eq!(refused["message"], "Đơn 0001/2026/A chưa được chuyển.");
    let transfer = json!({ "visit_id": id, "on": "2026-05-04", "to": " " });
    let invalid = call(&main, "record_transfer", json!({ "transfer": transfer, "within": 5 })).unwrap_err();
    assert_eq!(invalid["problems"][0]["field"], "to", "the form marks the receiving body");
    let transfer = json!({ "visit_id": id, "on": "2026-05-04", "to": "Công an phường" });
    let after = call(&main, "record_transfer", json!({ "transfer": transfer, "within": 5 })).unwrap();
    let step = after["deadlines"].as_array().unwrap().iter().find(|d| d["step"] == "transfer").unwrap();
    assert_eq!(step["status"]["state"], "done", "the transfer step is done by the transfer: {step}");
}

#[test]
fn sync_over_ipc_says_an_unenrolled_desk_is_not_sent_and_still_closes_the_day_here() {
    let dir = tempfile::tempdir().unwrap();
    let app = app_with_sync(dir.path());
    let main = window(&app, "main");
    setup(&main, false);

    let view = call(&main, "sync_status", json!({})).unwrap();
    assert_eq!(view["status"]["kind"], "not_enrolled");
    assert_eq!(view["enrollment"], Value::Null);
    let sent = call(&main, "send_now", json!({})).unwrap();
    assert_eq!(sent["all_sent"], false, "nothing is claimed sent without a district: {sent}");
    assert!(sent["message"].as_str().unwrap().contains("chưa kết nối cấp trên"), "{sent}");
    let bad = call(&main, "enroll_desk", json!({ "server_url": "ftp://quan", "code": "X" })).unwrap_err();
    assert_eq!(bad["code"], "invalid", "an address that is not http(s) is refused: {bad}");

    let report = call(&main, "close_day", json!({ "date": null })).unwrap();
    assert_eq!(report["summary"]["close"]["visits"], 0);
    assert_eq!(
        (report["reached_district"].clone(), report["status"].clone()),
        (json!(false), json!("not_enrolled"))
    );
    let future = call(&main, "close_day", json!({ "date": "2999-01-01" })).unwrap_err();
    assert_eq!(future["code"], "invalid", "a future day cannot be closed: {future}");

    let other = window(&app, "other");
    assert!(call(&other, "sync_status", json!({})).is_err(), "only the main window may ask");
}
