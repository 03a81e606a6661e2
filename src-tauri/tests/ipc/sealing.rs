//! A denouncer's sealed identity through every command that returns visits (issue 7).

use crate::*;
use serde_json::{json, Value};
use tauri::test::MockRuntime;
use tauri::{Manager, WebviewWindow};
use tiepdan_desk::commands::print::Previews;

#[test]
fn a_clerk_reads_no_denouncer_through_any_command_and_a_leader_reveals_with_an_audit_entry() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path());
    let main = window(&app, "main");
    let done = setup(&main, true);
    let leader = done["status"]["officers"][0]["id"].clone();
    let clerk = clerk_with_password(&main);
    call(&main, "sign_out", json!({})).unwrap();
    call(&main, "sign_in", json!({ "officer_id": clerk["id"], "password": "lua-chin-vang" })).unwrap();

    let draft = json!({
        "received_at": "2026-03-02T09:15:00+07:00",
        "visitors": [{ "full_name": "Nguyễn Văn An", "id_kind": "cccd", "id_number": "001089012345",
                       "birth_year": 1989, "sex": "male", "address": "Số 5 ngõ 10 Quang Trung", "phone": "0912345678" }],
        "summary": "Tố cáo cán bộ địa chính nhận tiền",
        "petition": { "kind": "denunciation" }
    });
    let visit = call(&main, "record_visit", json!({ "draft": draft })).unwrap();
    let id = visit["id"].clone();
    let record = call(&main, "visit_record", json!({ "visit_id": id })).unwrap();
    let mut amended_draft = record["visit"].clone();
    amended_draft["summary"] = json!("Tố cáo cán bộ địa chính nhận tiền, bổ sung chứng cứ");
    for key in ["id", "receipt_no", "status"] {
        amended_draft.as_object_mut().unwrap().remove(key);
    }
    let amended =
        call(&main, "amend_visit", json!({ "visit_id": id, "draft": amended_draft, "reason": "Bổ sung" }))
            .unwrap();
    let answers = [
        visit,
        record,
        amended,
        call(&main, "visit_record", json!({ "visit_id": id })).unwrap(),
        call(&main, "visits_between", json!({ "from": "2026-03-01", "to": "2026-03-03" })).unwrap(),
        call(&main, "search_visits", json!({ "query": "dia chinh nhan tien", "limit": 10 })).unwrap(),
        call(&main, "returning_citizens", json!({ "query": "nguyen van", "limit": 10 })).unwrap(),
        call(&main, "due_petitions", json!({ "within": 5, "all": true })).unwrap(),
        call(&main, "petition_follow_up", json!({ "visit_id": id, "within": 5 })).unwrap(),
        call(&main, "print_log", json!({ "visit_id": null })).unwrap(),
    ];
    for (i, answer) in answers.iter().enumerate() {
        let text = answer.to_string();
        for secret in ["Nguyễn Văn An", "001089012345", "Quang Trung", "0912345678"] {
            assert!(!text.contains(secret), "answer {i} gives a clerk {secret:?}: {text}");
        }
    }
    assert!(answers[4].to_string().contains("Người tố cáo") || answers[4].to_string().contains("sealed"));
    assert_eq!(answers[5][0]["visit_id"], id, "found by content, masked");
    let by_name = call(&main, "search_visits", json!({ "query": "nguyen van an", "limit": 10 })).unwrap();
    assert_eq!(by_name, json!([]), "the denouncer's name finds nothing");
    let refused = call(&main, "reveal_visit", json!({ "visit_id": id })).unwrap_err();
    assert_eq!(refused["code"], "forbidden");
    call(&main, "sign_out", json!({})).unwrap();

    call(&main, "sign_in", json!({ "officer_id": leader, "password": ADMIN_PASSWORD })).unwrap();
    let revealed = call(&main, "reveal_visit", json!({ "visit_id": id })).unwrap();
    assert_eq!(
        revealed["visit"]["visitors"][0]["full_name"], "Nguyễn Văn An",
        "the leader sees the amended visit's denouncer"
    );
    assert_eq!(revealed["visit"]["summary"], "Tố cáo cán bộ địa chính nhận tiền, bổ sung chứng cứ");
    let audit =
        call(&main, "access_log", json!({ "officer_id": leader, "visit_id": id, "before": null })).unwrap();
    assert_eq!(audit[0]["action"], "viewed_sealed_identity", "{audit}");
}

/// The clerk Lê Văn Cường signed in with a PIN (2580) and a denunciation they registered; the
/// desk prints to a printer that does not exist, so every job is logged as failed.
fn clerk_with_a_denunciation(main: &WebviewWindow<MockRuntime>) -> (Value, Value) {
    let leader = setup(main, true)["status"]["officers"][0]["id"].clone();
    call(main, "set_printer", json!({ "printer": "Không-có-máy-này" })).unwrap();
    let clerk = clerk_with_password(main);
    call(main, "sign_out", json!({})).unwrap();
    call(main, "sign_in", json!({ "officer_id": clerk["id"], "password": "lua-chin-vang" })).unwrap();
    call(main, "set_unlock_pin", json!({ "password": "lua-chin-vang", "pin": "2580" })).unwrap();
    let draft = json!({
        "visitors": [{ "full_name": "Nguyễn Văn An", "id_number": "001089012345" }],
        "summary": "Tố cáo cán bộ địa chính nhận tiền",
        "petition": { "kind": "denunciation", "transfer_to": "Thanh tra Thành phố Hà Nội" }
    });
    let id = call(main, "record_visit", json!({ "draft": draft })).unwrap()["id"].clone();
    (leader, id)
}

fn print(main: &WebviewWindow<MockRuntime>, id: &Value, form: Value) -> Value {
    call(main, "print_form", json!({ "visit_id": id, "options": { "form": form, "paper": null } })).unwrap()
}

#[test]
fn the_clerk_who_received_a_denouncer_prints_the_slip_naming_them_until_the_screen_locks() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path());
    let main = window(&app, "main");
    let (leader, id) = clerk_with_a_denunciation(&main);

    let receipt = print(&main, &id, json!({ "kind": "receipt", "copies": 2 }));
    assert_eq!(receipt["names_denouncer"], true, "the slip handed to the denouncer names them");
    assert_eq!(receipt["status"], "failed", "no such printer");
    let transfer =
        print(&main, &id, json!({ "kind": "transfer", "petition_dated": null, "legal_basis": null }));
    assert_eq!(transfer["names_denouncer"], false, "the transfer slip never does");
    assert!(!receipt.to_string().contains("Nguyễn Văn An"), "the log entry itself names nobody");
    let preview =
        json!({ "visit_id": id, "options": { "form": { "kind": "receipt", "copies": 2 }, "paper": null } });
    call(&main, "preview_form", preview.clone()).unwrap();
    assert!(app.state::<Previews>().holds_one());

    // Locked and unlocked with the PIN: the same session, but the typed name is gone with the lock,
    // and so is the preview.
    call(&main, "lock_screen", json!({})).unwrap();
    assert!(!app.state::<Previews>().holds_one(), "a preview naming the denouncer is not served any more");
    call(&main, "unlock_with_pin", json!({ "pin": "2580" })).unwrap();
    let again = print(&main, &id, json!({ "kind": "receipt", "copies": 2 }));
    assert_eq!(again["names_denouncer"], false, "after the lock the slip is masked");
    let refused = call(&main, "retry_print_job", json!({ "job_id": receipt["id"] })).unwrap_err();
    assert_eq!(refused["code"], "refused", "{refused}");
    assert!(refused["message"].as_str().unwrap().contains("người tố cáo"), "{refused}");

    // Another officer signing in, or signing out, forgets the preview too.
    call(&main, "preview_form", preview.clone()).unwrap();
    call(&main, "sign_in", json!({ "officer_id": leader, "password": ADMIN_PASSWORD })).unwrap();
    assert!(!app.state::<Previews>().holds_one(), "not for the next officer");
    call(&main, "preview_form", preview).unwrap();
    call(&main, "sign_out", json!({})).unwrap();
    assert!(!app.state::<Previews>().holds_one(), "not after signing out");
    call(&main, "sign_in", json!({ "officer_id": leader, "password": ADMIN_PASSWORD })).unwrap();
    let audit =
        call(&main, "access_log", json!({ "officer_id": null, "visit_id": id, "before": null })).unwrap();
    let printed: Vec<&str> = audit
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "printed")
        .map(|e| e["detail"].as_str().unwrap())
        .collect();
    assert!(printed.contains(&"Giấy biên nhận · ghi tên người tố cáo"), "{printed:?}");
    assert!(printed.contains(&"Phiếu chuyển đơn"), "{printed:?}");
}
