//! The permission matrix walked command by command through `tiepdan` (issue 12): every leaf command
//! of the CLI's own help is classified here by the act it performs, and every classified command is
//! refused (exit 3, "roles do not permit") to a role the domain's matrix does not permit, while a
//! permitted officer is not refused. The CLI spells no permission: the refusals are the register's,
//! the same error the desk maps to `forbidden`.

use crate::desk::Desk;
use crate::reveal::{desk_with_a_denunciation, CLERK_PASSWORD, LEADER_PASSWORD};
use std::sync::Arc;
use tiepdan_domain::access::Role;
use tiepdan_domain::acts::Act;
use tiepdan_domain::clock::SystemClock;
use tiepdan_keys::KdfFloor;
use tiepdan_register::{Actor, Credentials, Register};

const ADMIN_ONLY_PASSWORD: &str = "may-tinh-quan-tri-2026";

/// Every leaf command of `tiepdan`, as its help lists them ("visit add", "calendar override list").
fn leaves(desk: &Desk, path: &[String]) -> Vec<String> {
    let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
    args.push("--help");
    let help = desk.ok(&args);
    let Some((_, commands)) = help.split_once("Commands:\n") else { return vec![path.join(" ")] };
    let names: Vec<String> = commands
        .lines()
        .take_while(|l| !l.trim().is_empty())
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .filter(|name| name != "help")
        .collect();
    names.into_iter().flat_map(|name| leaves(desk, &[path.to_vec(), vec![name]].concat())).collect()
}

/// A leaf command, the act it performs (`None`: nothing personal, or no register opened the usual
/// way), and arguments that reach the register (`R` is the visit's receipt number, `O` an officer).
fn table() -> Vec<(&'static str, Option<Act>, &'static str)> {
    use Act::*;
    vec![
        ("init", None, ""),
        ("ward", None, "ward"),
        ("officer add", Some(AddOfficer), "officer add --name Đinh_Văn_Mới --position Công_chức"),
        ("officer roles", Some(ChangeOfficer), "officer roles O --role clerk"),
        ("officer list", None, "officer list"),
        ("officer retire", Some(RetireOfficer), "officer retire O"),
        ("officer use", Some(ChangeOfficer), "officer use O"),
        ("officer password", Some(GivePassword), "officer password O"),
        ("visit add", Some(RecordVisit), "visit add --json -"),
        ("visit show", Some(OpenVisit), "visit show R"),
        ("visit list", Some(ReadRegister), "visit list --date 2026-03-02"),
        ("visit amend", Some(AmendVisit), "visit amend R --json - --reason Sửa"),
        ("visit cancel", Some(CancelVisit), "visit cancel R --reason Ghi_nhầm"),
        ("visit history", Some(OpenVisit), "visit history R"),
        ("search", Some(ReadRegister), "search nguyen"),
        ("doctor", None, "doctor"),
        ("backup", Some(Backup), "backup --out BACKUP"),
        ("restore", None, ""),
        ("recover", None, ""),
        ("deadline", None, ""),
        ("due", Some(ReadRegister), "due"),
        ("petition show", Some(ReadRegister), "petition show R"),
        ("petition accept", Some(RecordAcceptance), "petition accept R --on 2026-03-03"),
        ("petition reject", Some(RecordAcceptance), "petition reject R --on 2026-03-03 --reason Không_đủ"),
        ("petition transfer", Some(RecordTransfer), "petition transfer R --on 2026-03-03 --to Công_an"),
        ("petition answer", Some(RecordTransferAnswer), "petition answer R --on 2026-03-04 --answer Đã_nhận"),
        ("petition extend", Some(RecordExtension), "petition extend R --on 2026-03-04 --reason Xác_minh"),
        ("petition resolve", Some(RecordResolution), "petition resolve R --on 2026-03-05 --outcome correct"),
        ("petition implementation", Some(RecordResolution), "petition implementation R --on 2026-03-06"),
        ("petition suggest", Some(ReadRegister), "petition suggest --json -"),
        ("petition link", Some(LinkRepeat), "petition link R --earlier R"),
        ("petition receive", Some(ReceivePetition), "petition receive --json -"),
        ("petition duplicates", Some(ReadRegister), "petition duplicates --json -"),
        ("petition process", Some(ProcessPetition), "petition process R --json -"),
        ("petition list", Some(ReadRegister), "petition list"),
        ("session add", Some(KeepSessions), "session add --on 2026-03-05 --sat head"),
        ("session close", Some(KeepSessions), "session close S --held"),
        ("session show", Some(ReadRegister), "session show S"),
        ("session list", Some(ReadRegister), "session list"),
        ("schedule set", Some(SetReceptionSchedule), "schedule set --json -"),
        ("schedule show", None, "schedule show"),
        ("report", Some(ComputeReport), "report tcd01 --period q1 --year 2026 --json"),
        // An opening a leader may declare once; the declaration is balanced ((2) and (5) alike).
        (
            "opening declare",
            Some(DeclareOpening),
            "opening declare xld01 --from 2025-12-15 --column 2=3 --column 5=3",
        ),
        // Correcting a form never declared is refused after the permission check.
        (
            "opening correct",
            Some(DeclareOpening),
            "opening correct tcd02 --from 2025-12-15 --column 2=1 --reason Sửa",
        ),
        ("opening list", Some(ComputeReport), "opening list"),
        (
            "calendar override add",
            Some(ChangeCalendar),
            "calendar override add --date 2026-03-07 --working --note Làm_bù",
        ),
        ("calendar override remove", Some(ChangeCalendar), "calendar override remove --date 2026-03-07"),
        ("calendar override list", None, "calendar override list"),
        ("print receipt", Some(ExportRecords), "print receipt R --out PDF"),
        ("print appointment", Some(ExportRecords), "print appointment R --out PDF --at 2026-03-09_08:00"),
        ("print guidance", Some(ExportRecords), "print guidance R --out PDF"),
        ("print transfer", Some(ExportRecords), "print transfer R --out PDF"),
        ("print record", Some(ExportRecords), "print record R --out PDF"),
        ("print refusal", Some(ExportRecords), "print refusal R --out PDF"),
        ("print register", Some(ExportRecords), "print register --from 2026-03-01 --to 2026-03-31 --out PDF"),
        ("print log", Some(PrintForm), "print log"),
        ("print retry", Some(PrintForm), "print retry 999"),
        ("print printer", Some(ChoosePrinter), "print printer --clear"),
        ("outgoing show", None, "outgoing show"),
        ("outgoing list", Some(ReadRegister), "outgoing list --year 2026"),
        ("outgoing style", Some(ConfigureOutgoing), "outgoing style --body UBND"),
        (
            "outgoing signer",
            Some(ConfigureOutgoing),
            "outgoing signer guidance-slip --capacity reception-officer",
        ),
        ("enroll", Some(EnrollDesk), "enroll --server https://127.0.0.1:9 --code ABC-123"),
        ("sync", Some(SyncRegister), "sync"),
        ("status", None, "status"),
        ("close-day", Some(SyncRegister), "close-day --date 2026-03-02"),
        ("audit", Some(ReviewAudit), "audit"),
    ]
}

/// A session id no session has: the register refuses the act before it looks the session up.
const SESSION: &str = "01a211d4-38cd-7458-8534-30c53761548f";

/// What a command reads on standard input, valid so that only the register's refusal can stop it.
fn input(command: &str) -> &'static str {
    match command {
        "petition receive" | "petition duplicates" => {
            r#"{"source":"post","received_on":"2026-03-03","senders":[{"full_name":"Phan Thị Hoa"}],
                "summary":"Hỏi thủ tục","kind":"proposal"}"#
        }
        "petition process" => r#"{"processed_on":"2026-03-03","competent":true,"handling":"file"}"#,
        "schedule set" => r#"{"head_days":[{"weekday":4}]}"#,
        _ => r#"{"visitors":[{"full_name":"Phan Thị Hoa"}],"summary":"Hỏi thủ tục"}"#,
    }
}

/// The arguments of a table line: each placeholder replaced by its value, `_` standing for a space.
fn words(line: &str, values: &[(&str, &String)]) -> Vec<String> {
    line.split_whitespace()
        .map(|word| match values.iter().find(|(placeholder, _)| *placeholder == word) {
            Some((_, value)) => value.to_string(),
            None => word.replace('_', " "),
        })
        .collect()
}

/// An administrator who is nothing else, with a password, added by the leader on the register.
fn admin_only(desk: &Desk, leader: &str) -> String {
    let credentials = Credentials::Password { officer: leader.parse().unwrap(), password: LEADER_PASSWORD };
    let path = desk.register_file();
    let (mut register, session) =
        Register::open_signed_in(&path, Arc::new(SystemClock), KdfFloor::standard(), credentials).unwrap();
    let leader = Actor::signed_in(&session);
    let admin = register.add_officer(&leader, "Vũ Thị Quản", "Quản trị", &[Role::Administrator]).unwrap();
    register.give_password(&leader, admin.id, ADMIN_ONLY_PASSWORD).unwrap();
    admin.id.to_string()
}

#[test]
fn every_leaf_command_is_classified_by_the_act_it_performs() {
    let desk = Desk::ready();
    let table = table();
    let leaves = leaves(&desk, &[]);
    for leaf in &leaves {
        let rows = table.iter().filter(|(name, _, _)| name == leaf).count();
        assert_eq!(rows, 1, "`tiepdan {leaf}` must have exactly one row in the matrix walk");
    }
    assert_eq!(leaves.len(), table.len(), "no row for a command that does not exist: {leaves:?}");
}

#[test]
fn the_register_refuses_every_command_a_role_is_not_permitted_and_no_other() {
    let (desk, officers, visit) = desk_with_a_denunciation();
    let admin = admin_only(&desk, &officers.leader);
    let receipt = visit["receipt_no"].as_str().unwrap().to_string();
    let session = SESSION.to_string();
    let backup = desk.scratch("backup.sqlite3").to_string_lossy().into_owned();
    let pdf = desk.scratch("form.pdf").to_string_lossy().into_owned();
    let roles = [
        (Role::Clerk, officers.clerk.clone(), CLERK_PASSWORD),
        (Role::Administrator, admin.clone(), ADMIN_ONLY_PASSWORD),
    ];
    let mut refused = 0;
    for (command, act, line) in table() {
        let Some(act) = act else { continue };
        let values =
            [("R", &receipt), ("O", &officers.clerk), ("BACKUP", &backup), ("PDF", &pdf), ("S", &session)];
        let args = words(line, &values);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (role, officer, password) =
            roles.iter().find(|(role, _, _)| !act.permitted_to(&[*role])).unwrap();
        desk.sign_in_as(officer, password);
        let run = desk.run_with_input(&args, input(command));
        assert_eq!(run.code, 3, "`tiepdan {command}` is refused to {role:?}: {}", run.stderr);
        assert!(run.stderr.contains("roles do not permit"), "{command}: {}", run.stderr);
        refused += 1;
    }
    assert!(
        !desk.scratch("backup.sqlite3").exists() && !desk.scratch("form.pdf").exists(),
        "nothing written"
    );
    assert!(refused >= 35, "the walk refused only {refused} commands");
    // The leader (also clerk and administrator) is refused none of them.
    desk.sign_in_as(&officers.leader, LEADER_PASSWORD);
    for (command, act, line) in table() {
        if act.is_none() || command == "officer retire" {
            continue;
        }
        let values = [("R", &receipt), ("O", &admin), ("BACKUP", &backup), ("PDF", &pdf), ("S", &session)];
        let args = words(line, &values);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let run = desk.run_with_input(&args, input(command));
        assert!(!run.stderr.contains("roles do not permit"), "{command} for the leader: {}", run.stderr);
    }
}
