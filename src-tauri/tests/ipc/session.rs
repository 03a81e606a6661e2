//! Signing in, locking, roles, the recovery key and a restart on an encrypted register (issue 7).

use crate::*;
use serde_json::{json, Value};
use tauri::Manager;
use tiepdan_desk::state::Desk;

#[test]
fn a_locked_or_signed_out_desk_serves_no_personal_data_until_someone_signs_in() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path());
    let main = window(&app, "main");
    setup(&main, false);
    let draft = json!({ "visitors": [{ "full_name": "Nguyễn Văn Ánh" }], "summary": "Khiếu nại đất đai" });
    let visit = call(&main, "record_visit", json!({ "draft": draft })).unwrap();

    let status = call(&main, "lock_screen", json!({})).unwrap();
    assert_eq!(status["locked"], true);
    let data_commands = [
        ("search_visits", json!({ "query": "nguyen", "limit": 10 })),
        ("visit_record", json!({ "visit_id": visit["id"] })),
        ("visits_between", json!({ "from": "2026-01-01", "to": "2030-01-01" })),
        ("returning_citizens", json!({ "query": "nguyen", "limit": 5 })),
        ("due_petitions", json!({ "within": 5, "all": true })),
        ("print_log", json!({ "visit_id": null })),
        ("access_log", json!({ "officer_id": null, "visit_id": null, "before": null })),
        ("record_visit", json!({ "draft": draft })),
    ];
    for (command, args) in &data_commands {
        let refused = call(&main, command, args.clone()).unwrap_err();
        assert_eq!(refused["code"], "signed_out", "{command} while locked: {refused}");
    }
    let status = call(&main, "app_status", json!({})).unwrap();
    assert!(!status.to_string().contains("Nguyễn Văn Ánh"), "the sign-in screen's status names no citizen");

    let officer = status["officers"][0]["id"].clone();
    let wrong =
        call(&main, "sign_in", json!({ "officer_id": officer, "password": "sai-mat-khau" })).unwrap_err();
    assert_eq!(wrong["code"], "sign_in_refused");
    assert_eq!(wrong["message"], "Sai mật khẩu.");
    let status =
        call(&main, "sign_in", json!({ "officer_id": officer, "password": ADMIN_PASSWORD })).unwrap();
    assert_eq!(status["locked"], false);
    let hits = call(&main, "search_visits", json!({ "query": "nguyen van anh", "limit": 10 })).unwrap();
    assert_eq!(hits[0]["visit_id"], visit["id"], "signed in again, the register is there");

    call(&main, "sign_out", json!({})).unwrap();
    let refused = call(&main, "search_visits", json!({ "query": "nguyen", "limit": 10 })).unwrap_err();
    assert_eq!(refused["code"], "signed_out");
}

#[test]
fn a_clerk_may_register_but_not_decide_manage_or_review_and_the_administrator_sees_the_audit() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path());
    let main = window(&app, "main");
    let done = setup(&main, false);
    let admin = done["status"]["officers"][0]["id"].clone();
    let roles = json!(["clerk"]);
    let clerk = call(
        &main,
        "add_officer",
        json!({ "full_name": "Lê Văn Cường", "position": "Công chức", "roles": roles }),
    )
    .unwrap();
    let weak =
        call(&main, "give_password", json!({ "officer_id": clerk["id"], "password": "123" })).unwrap_err();
    assert_eq!(weak["code"], "invalid", "a short password is refused: {weak}");
    assert_eq!(weak["problems"][0]["field"], "password", "beside the password field: {weak}");
    assert!(weak["message"].as_str().unwrap().contains("ít nhất 8 ký tự"), "the policy's own reason: {weak}");
    call(&main, "give_password", json!({ "officer_id": clerk["id"], "password": "lua-chin-vang" })).unwrap();
    call(&main, "sign_out", json!({})).unwrap();

    let status =
        call(&main, "sign_in", json!({ "officer_id": clerk["id"], "password": "lua-chin-vang" })).unwrap();
    // The register's key policy, not a shell's pre-check, refuses a password made of one's own name.
    let own_name = call(&main, "change_password", json!({ "new_password": "Lê Văn Cường" })).unwrap_err();
    assert_eq!(
        (own_name["code"].as_str(), own_name["problems"][0]["field"].as_str()),
        (Some("invalid"), Some("password")),
        "{own_name}"
    );
    assert_eq!(status["signed_in"]["permissions"], json!(["register_visits", "print_forms"]));
    let draft = json!({
        "received_at": "2026-04-24T09:00:00+07:00",
        "visitors": [{ "full_name": "Vũ Thị Tố" }], "summary": "Tố cáo", "petition": { "kind": "denunciation" }
    });
    let visit = call(&main, "record_visit", json!({ "draft": draft })).unwrap();
    let record = call(&main, "visit_record", json!({ "visit_id": visit["id"] })).unwrap();
    assert_eq!(visit["officer_id"], clerk["id"], "received by the signed-in clerk");
    assert_eq!(record["history"][0]["officer"], clerk["id"], "and journaled as theirs: {record}");
    let refused = call(&main, "set_current_officer", json!({ "officer_id": admin })).unwrap_err();
    assert!(
        refused.to_string().contains("set_current_officer not allowed"),
        "nobody puts another officer on duty: {refused}"
    );
    let transfer = json!({ "visit_id": visit["id"], "on": "2026-05-04", "to": "Công an phường" });
    let forbidden = call(&main, "record_transfer", json!({ "transfer": transfer, "within": 5 })).unwrap_err();
    assert_eq!(forbidden["code"], "forbidden", "a transfer is the leader's decision: {forbidden}");
    for (command, args) in [
        ("access_log", json!({ "officer_id": null, "visit_id": null, "before": null })),
        ("add_officer", json!({ "full_name": "X Y", "position": "Z", "roles": ["leader"] })),
        ("set_officer_roles", json!({ "officer_id": clerk["id"], "roles": ["clerk", "leader"] })),
    ] {
        let refused = call(&main, command, args).unwrap_err();
        assert_eq!(refused["code"], "forbidden", "{command} by a clerk: {refused}");
    }
    call(&main, "sign_out", json!({})).unwrap();

    call(&main, "sign_in", json!({ "officer_id": admin, "password": ADMIN_PASSWORD })).unwrap();
    let audit =
        call(&main, "access_log", json!({ "officer_id": clerk["id"], "visit_id": null, "before": null }))
            .unwrap();
    let actions: Vec<_> =
        audit.as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap().to_string()).collect();
    assert_eq!(actions, ["signed_out", "opened_visit", "signed_in"], "the clerk's day, newest first");
    assert_eq!(audit[1]["visit"], visit["id"]);
}

#[test]
fn the_recovery_key_shown_at_setup_gives_the_administrator_a_new_password() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path());
    let main = window(&app, "main");
    let done = setup(&main, false);
    let admin = done["status"]["officers"][0]["id"].clone();
    let key = done["recovery_key"].as_str().unwrap().to_string();
    call(&main, "sign_out", json!({})).unwrap();

    let args =
        |key: &str| json!({ "officer_id": admin, "recovery_key": key, "new_password": "sen-hong-moi-2027" });
    let typo = call(&main, "recover_access", args("ABCDE-FGHJK")).unwrap_err();
    assert_eq!(typo["code"], "refused", "a mistyped key is refused as such: {typo}");
    let status = call(&main, "recover_access", args(&key.to_lowercase())).unwrap();
    assert_eq!(status["signed_in"]["officer_id"], admin, "signed in with the new password's session");
    call(&main, "sign_out", json!({})).unwrap();
    let old = call(&main, "sign_in", json!({ "officer_id": admin, "password": ADMIN_PASSWORD })).unwrap_err();
    assert_eq!(old["code"], "sign_in_refused", "the forgotten password no longer opens anything");
    call(&main, "sign_in", json!({ "officer_id": admin, "password": "sen-hong-moi-2027" })).unwrap();
    let audit =
        call(&main, "access_log", json!({ "officer_id": null, "visit_id": null, "before": null })).unwrap();
    assert!(audit.to_string().contains("recovery_key_used"), "the use of the key is audited: {audit}");
}

#[test]
fn after_a_restart_the_encrypted_register_shows_the_sign_in_screen_and_opens_at_sign_in_with_sync() {
    let dir = tempfile::tempdir().unwrap();
    let (officer, visit) = {
        let app = app(dir.path());
        let main = window(&app, "main");
        let done = setup(&main, false);
        let draft =
            json!({ "visitors": [{ "full_name": "Nguyễn Văn Ánh" }], "summary": "Khiếu nại đất đai" });
        let visit = call(&main, "record_visit", json!({ "draft": draft })).unwrap();
        // The app quits. The mock runtime's windows keep the app's state alive after it is dropped,
        // so the desk (and the register's writer lock) is taken out and dropped as quitting would.
        #[allow(deprecated)] // `unmanage` is deprecated for use while commands run; none runs here.
        drop(app.unmanage::<Desk>());
        (done["status"]["officers"][0]["id"].clone(), visit)
    };
    let register = std::fs::read(dir.path().join("register.sqlite3")).unwrap();
    assert!(!register.starts_with(b"SQLite format 3"), "the register on disk is encrypted");

    // The app starts again on the same folder: the register stays closed until someone signs in.
    let app = app_with_sync(dir.path());
    let main = window(&app, "main");
    let status = call(&main, "app_status", json!({})).unwrap();
    assert_eq!(status["ward"]["ward_name"], "Phường Hà Đông", "the sign-in screen names the ward");
    assert_eq!(status["officers"][0]["full_name"], "Trần Thị Bình");
    assert_eq!(status["can_sign_in"], json!([officer]));
    assert_eq!((status["has_passwords"].clone(), status["signed_in"].clone()), (json!(true), Value::Null));
    for (command, args) in [
        ("search_visits", json!({ "query": "nguyen", "limit": 10 })),
        ("visit_record", json!({ "visit_id": visit["id"] })),
        ("sync_status", json!({})),
        ("close_day", json!({ "date": null })),
    ] {
        let refused = call(&main, command, args).unwrap_err();
        assert_eq!(refused["code"], "signed_out", "{command} before the first sign-in: {refused}");
    }
    let wrong =
        call(&main, "sign_in", json!({ "officer_id": officer, "password": "sai-mat-khau" })).unwrap_err();
    assert_eq!(wrong["code"], "sign_in_refused", "{wrong}");

    let status =
        call(&main, "sign_in", json!({ "officer_id": officer, "password": ADMIN_PASSWORD })).unwrap();
    assert_eq!(status["signed_in"]["officer_id"], officer);
    let hits = call(&main, "search_visits", json!({ "query": "nguyen van anh", "limit": 10 })).unwrap();
    assert_eq!(hits[0]["visit_id"], visit["id"], "the sign-in opened the register");
    call(&main, "lock_screen", json!({})).unwrap();
    let view = call(&main, "sync_status", json!({})).unwrap();
    assert_eq!(view["status"]["kind"], "not_enrolled", "sync runs on the opened register while locked");
}
