//! The commands over the real IPC path and the real capability file, on Tauri's mock runtime (no
//! display): what the window may call, what it gets back, and that no other window may call anything.

use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{App, Manager, WebviewWindow, WebviewWindowBuilder};
use tiepdan_desk::state::Desk;

fn app(data_dir: &std::path::Path) -> App<MockRuntime> {
    mock_builder()
        .manage(Desk::open(data_dir))
        .invoke_handler(tiepdan_desk::handler())
        .build(tauri::generate_context!(test = true))
        .expect("build the app on the mock runtime")
}

fn window(app: &App<MockRuntime>, label: &str) -> WebviewWindow<MockRuntime> {
    WebviewWindowBuilder::new(app, label, Default::default()).build().expect("open a window")
}

fn call(window: &WebviewWindow<MockRuntime>, cmd: &str, args: Value) -> Result<Value, Value> {
    let request = InvokeRequest {
        cmd: cmd.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: "tauri://localhost".parse().unwrap(),
        body: InvokeBody::Json(args),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    get_ipc_response(window, request).map(|body| body.deserialize::<Value>().unwrap())
}

fn ward() -> Value {
    json!({ "ward_code": "12345", "ward_name": "Phường Hà Đông", "place": "Hà Đông", "upstream": "", "desk": "A" })
}

const ADMIN_PASSWORD: &str = "hoa-sen-2026";

/// The first-run setup: Trần Thị Bình, administrator (and leader when asked), signed in.
fn setup(main: &WebviewWindow<MockRuntime>, also_leader: bool) -> Value {
    let args = json!({
        "ward": ward(), "officer_name": "Trần Thị Bình", "officer_position": "Cán bộ",
        "also_leader": also_leader, "password": ADMIN_PASSWORD
    });
    call(main, "setup_ward", args).unwrap()
}

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
    let desk = Desk::open(dir.path());
    let sync = tiepdan_desk::commands::sync::DeskSync::start(&desk);
    let app = mock_builder()
        .manage(desk)
        .manage(sync)
        .invoke_handler(tiepdan_desk::handler())
        .build(tauri::generate_context!(test = true))
        .expect("build the app on the mock runtime");
    let main = window(&app, "main");
    setup(&main, false);

    let view = call(&main, "sync_status", json!({})).unwrap();
    assert_eq!(view["status"]["kind"], "not_enrolled");
    assert_eq!(view["enrollment"], Value::Null);
    let sent = call(&main, "send_now", json!({})).unwrap();
    assert_eq!(sent["all_sent"], false, "nothing is claimed sent without a district: {sent}");
    assert!(sent["message"].as_str().unwrap().contains("chưa đăng ký"), "{sent}");
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
    call(&main, "give_password", json!({ "officer_id": clerk["id"], "password": "lua-chin-vang" })).unwrap();
    call(&main, "sign_out", json!({})).unwrap();

    let status =
        call(&main, "sign_in", json!({ "officer_id": clerk["id"], "password": "lua-chin-vang" })).unwrap();
    assert_eq!(status["signed_in"]["permissions"], json!(["register_visits", "print_forms"]));
    let draft = json!({
        "received_at": "2026-04-24T09:00:00+07:00",
        "visitors": [{ "full_name": "Vũ Thị Tố" }], "summary": "Tố cáo", "petition": { "kind": "denunciation" }
    });
    let visit = call(&main, "record_visit", json!({ "draft": draft })).unwrap();
    call(&main, "visit_record", json!({ "visit_id": visit["id"] })).unwrap();
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
fn a_clerk_reads_no_denouncer_through_any_command_and_a_leader_reveals_with_an_audit_entry() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path());
    let main = window(&app, "main");
    let done = setup(&main, true);
    let leader = done["status"]["officers"][0]["id"].clone();
    let clerk = call(
        &main,
        "add_officer",
        json!({ "full_name": "Lê Văn Cường", "position": "Công chức", "roles": ["clerk"] }),
    )
    .unwrap();
    call(&main, "give_password", json!({ "officer_id": clerk["id"], "password": "lua-chin-vang" })).unwrap();
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
    let desk = Desk::open(dir.path());
    let sync = tiepdan_desk::commands::sync::DeskSync::start(&desk);
    let app = mock_builder()
        .manage(desk)
        .manage(sync)
        .invoke_handler(tiepdan_desk::handler())
        .build(tauri::generate_context!(test = true))
        .expect("build the app on the mock runtime");
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
