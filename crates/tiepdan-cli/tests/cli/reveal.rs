//! `visit show` and `search` with denouncers' identities sealed (issue 7 §2): masked by default,
//! opened with `--reveal --officer ID` only for a leader's password, and audited.
//!
//! The CLI has no command yet that creates the key file (the desk app's first-run setup does), so
//! these tests give the officers passwords through the library, with argon2id parameters at the
//! standard floor the binary accepts, then drive the real binary.

use crate::desk::{finish, Desk};
use serde_json::{json, Value};
use std::process::{Command, Stdio};
use std::sync::Arc;
use tiepdan_domain::access::Role;
use tiepdan_domain::clock::SystemClock;
use tiepdan_domain::officer::Officer;
use tiepdan_keys::{KdfFloor, KdfParams};
use tiepdan_register::Actor;
use tiepdan_register::{AccessQuery, Credentials, Register};

pub const LEADER_PASSWORD: &str = "hoa-sen-2026";
pub const CLERK_PASSWORD: &str = "lua-chin-vang";
pub const MASKED: &str = "Người tố cáo (được bảo mật)";

/// The cheapest parameters a real load accepts (`KdfFloor::standard`): 19 MiB, 2 passes.
pub const FLOOR_PARAMS: KdfParams = KdfParams { m_cost: 19 * 1024, t_cost: 2, p_cost: 1 };

pub struct Officers {
    pub leader: String,
    pub clerk: String,
}

/// A desk whose officer on duty (Trần Thị Bình) is an administrator and leader with a password, and
/// a clerk (Lê Văn Cường) with one; and one denunciation by Nguyễn Văn An.
pub fn desk_with_a_denunciation() -> (Desk, Officers, Value) {
    let desk = Desk::ready();
    let mut register = Register::open(&desk.register_file(), Arc::new(SystemClock)).unwrap();
    let officer = register.officers().unwrap().remove(0);
    let roles = vec![Role::Clerk, Role::Leader, Role::Administrator];
    let owner = register.desk_owner().unwrap();
    let leader = register.update_officer(&owner, Officer { roles, ..officer }).unwrap();
    let (admin, _) = register.create_keys(leader.id, LEADER_PASSWORD, FLOOR_PARAMS).unwrap();
    let admin = Actor::signed_in(&admin);
    let clerk = register.add_officer(&admin, "Lê Văn Cường", "Công chức", &[Role::Clerk]).unwrap();
    register.give_password(&admin, clerk.id, CLERK_PASSWORD).unwrap();
    drop(register);
    // The register is encrypted now: every run signs in, as the officer on duty.
    desk.sign_in_as(&leader.id.to_string(), LEADER_PASSWORD);
    let visit = desk.add_visit(&json!({
        "received_at": "2026-03-02T09:15:00+07:00",
        "visitors": [{ "full_name": "Nguyễn Văn An", "id_number": "001089012345", "birth_year": 1989,
                       "sex": "male", "address": "Số 5 ngõ 10 Quang Trung, Hà Đông" }],
        "summary": "Tố cáo cán bộ địa chính nhận tiền",
        "petition": { "kind": "denunciation", "field": "corruption" }
    }));
    (desk, Officers { leader: leader.id.to_string(), clerk: clerk.id.to_string() }, visit)
}

fn viewed(desk: &Desk) -> usize {
    let (officer, password) = desk.signed_in_as().expect("the register is encrypted");
    let credentials = Credentials::Password { officer: officer.parse().unwrap(), password: &password };
    let (register, session) = Register::open_signed_in(
        &desk.register_file(),
        Arc::new(SystemClock),
        KdfFloor::standard(),
        credentials,
    )
    .unwrap();
    let entries = register.access_log(&Actor::signed_in(&session), &AccessQuery::default()).unwrap();
    entries.iter().filter(|e| e.action_vi == "Xem danh tính người tố cáo").count()
}

#[test]
fn visit_add_prints_the_denunciation_sealed_and_show_masks_it() {
    let (desk, _, visit) = desk_with_a_denunciation();
    assert!(!visit.to_string().contains("Nguyễn Văn An"), "the stored visit is sealed: {visit}");
    let receipt = visit["receipt_no"].as_str().unwrap();
    let text = desk.ok(&["visit", "show", receipt]);
    assert!(text.contains(MASKED) && !text.contains("Nguyễn Văn An"), "{text}");
    assert!(!text.contains("001089012345"), "{text}");
    let list = desk.ok(&["visit", "list", "--date", "2026-03-02"]);
    assert!(list.contains(MASKED), "{list}");
}

#[test]
fn a_leader_reveals_with_the_password_on_standard_input_and_the_audit_records_it() {
    let (desk, officers, visit) = desk_with_a_denunciation();
    let receipt = visit["receipt_no"].as_str().unwrap();
    let run = desk.run_with_input(
        &["visit", "show", receipt, "--reveal", "--officer", &officers.leader],
        &format!("{LEADER_PASSWORD}\n"),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("Nguyễn Văn An") && run.stdout.contains("001089012345"), "{}", run.stdout);
    assert_eq!(viewed(&desk), 1);
}

#[test]
fn the_leader_who_opened_the_register_reveals_without_typing_the_password_twice() {
    let (desk, officers, visit) = desk_with_a_denunciation();
    let receipt = visit["receipt_no"].as_str().unwrap();
    // Standard input holds the leader's password once: the line that opened the register.
    let run = desk.run(&["visit", "show", receipt, "--reveal", "--officer", &officers.leader]);
    assert_eq!(run.code, 0, "the password that opened the register serves --reveal again: {}", run.stderr);
    assert!(run.stdout.contains("Nguyễn Văn An"), "{}", run.stdout);
    assert_eq!(viewed(&desk), 1, "the reveal is audited all the same");
}

#[test]
fn a_clerk_cannot_reveal_and_nothing_is_printed_or_audited_as_viewed() {
    let (desk, officers, visit) = desk_with_a_denunciation();
    let receipt = visit["receipt_no"].as_str().unwrap();
    let args = ["visit", "show", receipt, "--reveal", "--officer", &officers.clerk];
    let run = desk.run_with_input(&args, &format!("{CLERK_PASSWORD}\n"));
    assert_ne!(run.code, 0, "a clerk is refused");
    assert!(!run.stdout.contains("Nguyễn Văn An"), "{}", run.stdout);
    let run = desk.run_with_input(&args, "sai-mat-khau\n");
    assert_ne!(run.code, 0, "a wrong password is refused");
    assert!(run.stderr.contains("wrong password"), "{}", run.stderr);
    assert_eq!(viewed(&desk), 0);
}

#[test]
fn search_does_not_find_the_denouncer_by_name_and_reveals_a_hit_for_a_leader_from_the_environment() {
    let (desk, officers, _) = desk_with_a_denunciation();
    let hits: Vec<Value> = serde_json::from_str(&desk.ok(&["search", "nguyen van an", "--json"])).unwrap();
    assert!(hits.is_empty(), "the sealed name is not searchable: {hits:?}");
    let masked = desk.ok(&["search", "dia chinh"]);
    assert!(masked.contains(MASKED) && !masked.contains("Nguyễn Văn An"), "{masked}");
    let output = Command::new(env!("CARGO_BIN_EXE_tiepdan"))
        .arg("--data-dir")
        .arg(desk.data_dir())
        .args(["search", "dia chinh", "--reveal", "--officer", &officers.leader])
        .env("TIEPDAN_PASSWORD", LEADER_PASSWORD)
        .env("TIEPDAN_OFFICER", &officers.leader)
        .env_remove("TIEPDAN_DATA_DIR")
        .stdin(Stdio::null())
        .output()
        .expect("tiepdan runs");
    let run = finish(output);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("Nguyễn Văn An"), "{}", run.stdout);
    assert_eq!(viewed(&desk), 1);
}

#[test]
fn doctor_warns_when_denunciations_are_not_sealed_but_still_passes() {
    let desk = Desk::ready();
    let run = desk.run(&["doctor"]);
    assert_eq!(run.code, 0, "a warning does not fail the doctor: {}", run.stderr);
    assert!(run.stdout.contains("warning: denunciations are not sealed: no key file"), "{}", run.stdout);
    let report: Value = serde_json::from_str(&desk.ok(&["doctor", "--json"])).unwrap();
    assert!(report["warnings"][0].as_str().unwrap_or_default().contains("not sealed"), "{report}");
    let (sealed, _, _) = desk_with_a_denunciation();
    let text = sealed.ok(&["doctor"]);
    assert!(!text.contains("not sealed"), "{text}");
}

#[test]
fn no_command_that_returns_visits_shows_the_denouncer_without_reveal() {
    let (desk, _, visit) = desk_with_a_denunciation();
    let id = visit["id"].as_str().unwrap();
    let receipt = visit["receipt_no"].as_str().unwrap();
    let outputs = [
        desk.ok(&["visit", "show", id, "--json"]),
        desk.ok(&["visit", "show", receipt]),
        desk.ok(&["visit", "list", "--date", "2026-03-02", "--json"]),
        desk.ok(&["visit", "list", "--date", "2026-03-02"]),
        desk.ok(&["visit", "history", id, "--json"]),
        desk.ok(&["search", "dia chinh nhan tien", "--json"]),
        desk.ok(&["search", receipt]),
        desk.ok(&["due", "--all", "--today", "2026-12-31", "--json"]),
        desk.ok(&["petition", "show", id, "--today", "2026-03-03", "--json"]),
    ];
    for (i, out) in outputs.iter().enumerate() {
        for secret in ["Nguyễn Văn An", "Nguyen Van An", "001089012345", "Quang Trung"] {
            assert!(!out.contains(secret), "output {i} reveals {secret:?}: {out}");
        }
    }
    assert!(outputs[1].contains(MASKED) && outputs[6].contains(MASKED), "the masked name is shown instead");
    for (i, out) in outputs.iter().enumerate().filter(|(i, _)| ![4, 8].contains(i)) {
        assert!(out.contains(receipt) || out.contains(id), "output {i} is about the visit at all: {out}");
    }
    assert!(outputs[4].contains("visit_recorded") && outputs[4].contains("Tố cáo cán bộ"), "{}", outputs[4]);
    assert!(outputs[8].contains("deadlines"), "{}", outputs[8]);
    let by_name = desk.ok(&["search", "nguyen van an", "--json"]);
    assert_eq!(serde_json::from_str::<Value>(&by_name).unwrap(), json!([]), "the name finds nothing");
    assert_eq!(viewed(&desk), 0, "nothing was revealed, so nothing is audited as viewed");
}

#[test]
fn the_receipt_names_the_denouncer_only_for_a_leader_and_the_record_never_does() {
    let (desk, officers, visit) = desk_with_a_denunciation();
    let receipt = visit["receipt_no"].as_str().unwrap();
    let file = |name: &str| desk.data_dir().join(name);
    let text = |name: &str| {
        crate::print::text(&file(name)).expect("pdftotext (poppler-utils, installed by scripts/setup.sh)")
    };
    let out = |name: &str| file(name).to_string_lossy().into_owned();

    desk.ok(&["print", "receipt", receipt, "--out", &out("masked.pdf")]);
    let masked = text("masked.pdf");
    assert!(masked.contains(MASKED) && !masked.contains("Nguyễn Văn An"), "{masked}");

    let leader = ["--reveal", "--officer", officers.leader.as_str()];
    let run = desk.run_with_input(
        &[&["print", "receipt", receipt, "--out", &out("named.pdf")][..], &leader].concat(),
        &format!("{LEADER_PASSWORD}\n"),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(text("named.pdf").contains("Nguyễn Văn An"), "the slip handed to the denouncer names them");
    assert_eq!(viewed(&desk), 1, "the leader's opening is audited");

    let run = desk.run_with_input(
        &[&["print", "record", receipt, "--out", &out("record.pdf")][..], &leader].concat(),
        &format!("{LEADER_PASSWORD}\n"),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!text("record.pdf").contains("Nguyễn Văn An"), "the record goes into the file: never named");

    let clerk = ["--reveal", "--officer", officers.clerk.as_str()];
    let run = desk.run_with_input(
        &[&["print", "receipt", receipt, "--out", &out("clerk.pdf")][..], &clerk].concat(),
        &format!("{CLERK_PASSWORD}\n"),
    );
    assert_ne!(run.code, 0, "a clerk may not reveal from the command line");
    assert!(!file("clerk.pdf").exists(), "and nothing was written");
}

#[test]
fn a_leader_signed_in_for_reveal_is_signed_out_even_when_the_print_fails() {
    let (desk, officers, visit) = desk_with_a_denunciation();
    let receipt = visit["receipt_no"].as_str().unwrap();
    let signed_out = |desk: &Desk| {
        let entries: Vec<Value> = serde_json::from_str(&desk.ok(&["audit", "--json"])).unwrap();
        entries.iter().filter(|e| e["action"] == "signed_out").count()
    };
    let before = signed_out(&desk);
    let out = desk.data_dir().join("refusal.pdf").to_string_lossy().into_owned();
    // This visit was not refused: the refusal notice has nothing to say.
    let args = ["print", "refusal", receipt, "--out", &out, "--reveal", "--officer", &officers.leader];
    let run = desk.run_with_input(&args, &format!("{LEADER_PASSWORD}\n"));
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert_eq!(signed_out(&desk), before + 1, "the --reveal session was signed out all the same");
}
