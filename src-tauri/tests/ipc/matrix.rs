//! The permission matrix walked command by command through the desk (issue 12): every command of
//! the surface is classified here by the act it performs (or as needing only a signed-in officer),
//! and every classified command is refused with `forbidden` to a role the domain's matrix does not
//! permit, while a permitted role is not refused. The shell spells no permission: the refusals come
//! from the register, so this is the matrix as the window meets it.

use super::surface::parse;
use super::{call, setup, window};
use serde_json::{json, Value};
use tiepdan_domain::access::Role;
use tiepdan_domain::acts::Act;

/// Each command with the act it performs (`None`: the signed-in officer's own session, the first
/// run, or nothing personal), and arguments that deserialise. Ids that name nothing are used where a
/// permitted call must not change the desk for the calls after it.
fn table(visit: &str, nobody: &str) -> Vec<(&'static str, Option<Act>, Value)> {
    let today = "2026-11-25";
    let quarter_one = json!({ "choice": "official", "period": { "kind": "quarter", "n": 1 }, "year": 2026 });
    let v = json!(visit);
    let draft = json!({ "visitors": [{ "full_name": "Phan Thị Hoa" }], "summary": "Hỏi thủ tục" });
    let receipt = json!({ "form": { "kind": "receipt", "copies": 2 }, "paper": null });
    let ward = super::ward();
    let outgoing_style =
        json!({ "body": "UBND", "transfer_slip": "PC", "refusal_notice": "TB", "guidance_slip": "HD" });
    use Act::*;
    vec![
        ("due_petitions", Some(ReadRegister), json!({ "within": 3, "all": true })),
        ("petition_follow_up", Some(ReadRegister), json!({ "visit_id": v, "within": 3 })),
        ("proposed_appointment", Some(ReadRegister), json!({ "visit_id": v })),
        (
            "record_acceptance",
            Some(RecordAcceptance),
            json!({ "decision": { "visit_id": nobody, "on": today, "accepted": true }, "within": 3 }),
        ),
        (
            "record_transfer",
            Some(RecordTransfer),
            json!({ "transfer": { "visit_id": nobody, "on": today, "to": "Công an phường" }, "within": 3 }),
        ),
        (
            "record_transfer_answer",
            Some(RecordTransferAnswer),
            json!({ "answer": { "visit_id": nobody, "on": today, "answer": "Đã nhận" }, "within": 3 }),
        ),
        (
            "record_extension",
            Some(RecordExtension),
            json!({ "extension": { "visit_id": nobody, "on": today, "complexity": "complex", "reason": "Xác minh" }, "within": 3 }),
        ),
        (
            "record_resolution",
            Some(RecordResolution),
            json!({ "resolution": { "visit_id": nobody, "on": today, "outcome": "correct" }, "within": 3 }),
        ),
        (
            "record_implementation",
            Some(RecordResolution),
            json!({ "record": { "visit_id": nobody, "on": today, "completed": true }, "within": 3 }),
        ),
        ("decision_implementations", Some(ReadRegister), json!({ "visit_id": nobody })),
        ("print_form", Some(PrintForm), json!({ "visit_id": nobody, "options": receipt })),
        ("preview_form", Some(PrintForm), json!({ "visit_id": v, "options": receipt })),
        ("reprint_job", Some(PrintForm), json!({ "job_id": 999 })),
        ("retry_print_job", Some(PrintForm), json!({ "job_id": 999 })),
        ("print_log", Some(PrintForm), json!({ "visit_id": null })),
        ("printer_settings", None, json!({})),
        ("set_printer", Some(ChoosePrinter), json!({ "printer": null })),
        ("outgoing_settings", None, json!({})),
        ("set_outgoing_style", Some(ConfigureOutgoing), json!({ "style": outgoing_style })),
        (
            "set_signer",
            Some(ConfigureOutgoing),
            json!({ "kind": "guidance_slip", "choice": { "capacity": "reception_officer", "officer_id": null } }),
        ),
        ("issued_documents", Some(ReadRegister), json!({ "year": 2026 })),
        ("visits_between", Some(ReadRegister), json!({ "from": today, "to": today })),
        // A range that ends before it starts: a permitted call is refused after the permission
        // check, so the walk never sends a paper to the test machine's printer.
        ("print_register_book", Some(PrintForm), json!({ "from": today, "to": "2026-11-24" })),
        ("report_forms", None, json!({})),
        ("report_compute", Some(ComputeReport), json!({ "form": "tcd01", "period": quarter_one })),
        ("report_drill", Some(ComputeReport), json!({ "form": "tcd01", "period": quarter_one, "column": 1 })),
        // A range that ends before it starts: refused after the permission check, so the walk
        // writes no file.
        (
            "report_export_xlsx",
            Some(ComputeReport),
            json!({ "form": "tcd01", "period": { "choice": "custom", "from": today, "to": "2026-11-24" } }),
        ),
        // A backwards range again: refused after the permission check, so nothing is printed.
        (
            "print_report",
            Some(PrintForm),
            json!({ "form": "tcd01", "period": { "choice": "custom", "from": today, "to": "2026-11-24" } }),
        ),
        ("opening_form", Some(ComputeReport), json!({ "form": "xld01" })),
        // Balances that break 01/XLD's own equation: refused after the permission check, so the
        // walk declares nothing (and nothing is declared to correct).
        (
            "declare_opening",
            Some(DeclareOpening),
            json!({ "opening": { "form": "xld01", "from": "2025-12-15", "columns": { "2": 5 } } }),
        ),
        (
            "correct_opening",
            Some(DeclareOpening),
            json!({ "opening": { "form": "xld01", "from": "2025-12-15", "columns": { "2": 5, "5": 5 } }, "reason": "Sổ giấy" }),
        ),
        ("search_visits", Some(ReadRegister), json!({ "query": "hoa", "limit": 5 })),
        ("sign_in", None, json!({})),
        ("lock_screen", None, json!({})),
        ("sign_out", None, json!({})),
        ("set_first_password", None, json!({})),
        ("recover_access", None, json!({})),
        ("set_unlock_pin", None, json!({})),
        ("remove_unlock_pin", None, json!({})),
        ("unlock_with_pin", None, json!({})),
        ("change_password", None, json!({})),
        (
            "give_password",
            Some(GivePassword),
            json!({ "officer_id": nobody, "password": "mai-vang-tet-2027" }),
        ),
        ("set_officer_roles", Some(ChangeOfficer), json!({ "officer_id": nobody, "roles": ["clerk"] })),
        ("access_log", Some(ReviewAudit), json!({ "officer_id": null, "visit_id": null, "before": null })),
        ("update_ward", Some(UpdateWard), json!({ "ward": ward })),
        (
            "add_officer",
            Some(AddOfficer),
            json!({ "full_name": "Đinh Văn Mới", "position": "Công chức", "roles": ["clerk"] }),
        ),
        ("retire_officer", Some(RetireOfficer), json!({ "officer_id": nobody })),
        ("app_status", None, json!({})),
        ("setup_ward", None, json!({})),
        ("sync_status", None, json!({})),
        ("enroll_desk", Some(EnrollDesk), json!({ "server_url": "https://127.0.0.1:9", "code": "ABC-123" })),
        ("resume_sync_stream", Some(EnrollDesk), json!({ "stream": nobody })),
        ("send_now", Some(SyncRegister), json!({})),
        ("close_day", Some(SyncRegister), json!({ "date": null })),
        ("record_visit", Some(RecordVisit), json!({ "draft": draft })),
        ("visit_record", Some(OpenVisit), json!({ "visit_id": v })),
        ("reveal_visit", Some(RevealIdentity), json!({ "visit_id": v })),
        ("amend_visit", Some(AmendVisit), json!({ "visit_id": nobody, "draft": draft, "reason": "Sửa" })),
        ("cancel_visit", Some(CancelVisit), json!({ "visit_id": nobody, "reason": "Ghi nhầm" })),
        ("returning_citizens", Some(ReadRegister), json!({ "query": "hoa", "limit": 5 })),
        // Permitted calls below are invalid or name nothing, so the walk registers no petition and
        // plans no session: a transfer without its sending body, a delegate without a name.
        (
            "receive_petition",
            Some(ReceivePetition),
            json!({ "draft": { "source": "transferred_in", "senders": [{ "full_name": "Phan Thị Hoa" }], "summary": "Kiến nghị", "kind": "proposal" } }),
        ),
        (
            "process_petition",
            Some(ProcessPetition),
            json!({ "processing": { "visit_id": nobody, "processed_on": today, "competent": true, "handling": "accept" } }),
        ),
        ("petitions", Some(ReadRegister), json!({ "query": {} })),
        (
            "petition_duplicates",
            Some(ReadRegister),
            json!({ "draft": { "source": "post", "summary": "Kiến nghị sửa đường", "kind": "proposal" } }),
        ),
        ("link_duplicate", Some(LinkRepeat), json!({ "visit_id": nobody, "earlier_visit_id": v })),
        ("reception_schedule", None, json!({})),
        (
            "set_reception_schedule",
            Some(SetReceptionSchedule),
            json!({ "schedule": { "head_days": [{ "weekday": 9 }] } }),
        ),
        (
            "plan_session",
            Some(KeepSessions),
            json!({ "session": { "id": nobody, "planned_on": today, "sat": "delegate" } }),
        ),
        (
            "close_session",
            Some(KeepSessions),
            json!({ "session_id": nobody, "closing": "held", "note": null }),
        ),
        ("sessions_between", Some(ReadRegister), json!({ "from": today, "to": today })),
    ]
}

fn code(result: &Result<Value, Value>) -> Option<&str> {
    result.as_ref().err().and_then(|e| e["code"].as_str())
}

#[test]
fn every_command_is_classified_by_the_act_it_performs() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/commands");
    let commands = parse::read_commands(&dir).expect("the surface reads the commands");
    let table = table("v", "n");
    for command in &commands {
        let rows = table.iter().filter(|(name, _, _)| *name == command.name).count();
        assert_eq!(rows, 1, "command `{}` must have exactly one row in the matrix walk", command.name);
    }
    assert_eq!(table.len(), commands.len(), "no row for a command that does not exist");
}

#[test]
fn the_register_refuses_every_command_a_role_is_not_permitted_and_no_other() {
    let dir = tempfile::tempdir().unwrap();
    let app = super::app_with_sync(dir.path());
    let main = window(&app, "main");
    // A leader-administrator sets up, so the leader it gives a password to may open sealed identities.
    setup(&main, true);
    let visit = call(
        &main,
        "record_visit",
        json!({ "draft": { "visitors": [{ "full_name": "Phan Thị Hoa" }], "summary": "Hỏi" } }),
    )
    .unwrap();
    let mut officers = Vec::new();
    for (name, role) in
        [("Lê Văn Cường", "clerk"), ("Vũ Thị Quản", "administrator"), ("Hoàng Minh Đức", "leader")]
    {
        let officer =
            call(&main, "add_officer", json!({ "full_name": name, "position": "Cán bộ", "roles": [role] }))
                .unwrap();
        let password = format!("{role}-mat-khau-2026");
        call(&main, "give_password", json!({ "officer_id": officer["id"], "password": password })).unwrap();
        officers.push((Role::from_word(role).unwrap(), officer["id"].clone(), password));
    }
    let nobody = tiepdan_domain::VisitId::new().to_string();
    let rows = table(visit["id"].as_str().unwrap(), &nobody);
    let mut refused = 0;
    // First every refusal (nothing changes), then every permitted call.
    for expect_refusal in [true, false] {
        for (role, id, password) in &officers {
            call(&main, "sign_in", json!({ "officer_id": id, "password": password })).unwrap();
            for (command, act, args) in &rows {
                let Some(act) = act else { continue };
                if act.permitted_to(&[*role]) == expect_refusal {
                    continue;
                }
                let result = call(&main, command, args.clone());
                if expect_refusal {
                    assert_eq!(code(&result), Some("forbidden"), "{command} as {role:?}: {result:?}");
                    refused += 1;
                } else {
                    assert_ne!(code(&result), Some("forbidden"), "{command} as {role:?}: {result:?}");
                }
            }
        }
        if expect_refusal {
            // A refused call changed nothing: the administrator's refused visit is not in the book.
            let (_, leader, password) = &officers[2];
            call(&main, "sign_in", json!({ "officer_id": leader, "password": password })).unwrap();
            let today = tiepdan_domain::clock::Clock::today(&tiepdan_domain::clock::SystemClock).to_string();
            let book = call(&main, "visits_between", json!({ "from": today, "to": today })).unwrap();
            assert_eq!(book.as_array().unwrap().len(), 1, "{book}");
        }
    }
    assert!(refused >= 30, "the walk refused only {refused} calls");
}
