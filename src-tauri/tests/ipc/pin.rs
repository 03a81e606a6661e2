//! Unlocking the locked screen with a PIN (issue 7 §1), over IPC: set with the password, three
//! wrong PINs and only the password will do.

use crate::*;
use serde_json::json;

#[test]
fn the_officer_s_pin_unlocks_the_locked_screen_until_three_wrong_tries_then_only_the_password() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path());
    let main = window(&app, "main");
    let officer = setup(&main, false)["status"]["officers"][0]["id"].clone();

    let weak =
        call(&main, "set_unlock_pin", json!({ "password": ADMIN_PASSWORD, "pin": "1111" })).unwrap_err();
    assert_eq!(
        (weak["code"].as_str(), weak["problems"][0]["field"].as_str()),
        (Some("invalid"), Some("pin"))
    );
    let wrong =
        call(&main, "set_unlock_pin", json!({ "password": "sai-mat-khau", "pin": "2580" })).unwrap_err();
    assert_eq!(wrong["code"], "sign_in_refused", "{wrong}");
    let status = call(&main, "set_unlock_pin", json!({ "password": ADMIN_PASSWORD, "pin": "2580" })).unwrap();
    assert_eq!(status["signed_in"]["has_pin"], true);
    assert_eq!(status["pin_unlock"], false, "nothing to unlock yet");

    let status = call(&main, "lock_screen", json!({})).unwrap();
    assert_eq!((status["locked"].as_bool(), status["pin_unlock"].as_bool()), (Some(true), Some(true)));
    let refused =
        call(&main, "visits_between", json!({ "from": "2026-01-01", "to": "2030-01-01" })).unwrap_err();
    assert_eq!(refused["code"], "signed_out");
    let wrong = call(&main, "unlock_with_pin", json!({ "pin": "0852" })).unwrap_err();
    assert_eq!(wrong["message"], "Sai mã PIN. Còn 2 lần thử trước khi phải dùng mật khẩu.");
    let status = call(&main, "unlock_with_pin", json!({ "pin": "2580" })).unwrap();
    assert_eq!(status["locked"], false);
    call(&main, "visits_between", json!({ "from": "2026-01-01", "to": "2030-01-01" })).unwrap();
    let unlocked = call(&main, "unlock_with_pin", json!({ "pin": "0000" })).unwrap();
    assert_eq!(unlocked["locked"], false, "an unlocked screen has nothing to unlock, nor a PIN to check");

    call(&main, "lock_screen", json!({})).unwrap();
    for _ in 0..2 {
        call(&main, "unlock_with_pin", json!({ "pin": "0852" })).unwrap_err();
    }
    let status = call(&main, "app_status", json!({})).unwrap();
    assert_eq!(status["pin_unlock"], false, "three wrong PINs in this session: the password now");
    let refused = call(&main, "unlock_with_pin", json!({ "pin": "2580" })).unwrap_err();
    assert_eq!(refused["message"], "Không mở khóa được bằng mã PIN: hãy đăng nhập bằng mật khẩu.");
    let status =
        call(&main, "sign_in", json!({ "officer_id": officer, "password": ADMIN_PASSWORD })).unwrap();
    assert_eq!(status["locked"], false);

    let audit =
        call(&main, "access_log", json!({ "officer_id": null, "visit_id": null, "before": null })).unwrap();
    let actions: Vec<&str> =
        audit.as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    for expected in ["pin_set", "pin_failed", "screen_unlocked"] {
        assert!(actions.contains(&expected), "{expected} in {actions:?}");
    }
    assert_eq!(actions.iter().filter(|a| **a == "pin_failed").count(), 3);
}
