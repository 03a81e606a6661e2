//! The command surface's checks on the real files (what `cargo test` holds the repository to) and on
//! fixtures that drift on purpose, so a check that stopped failing would be noticed.

use super::parse::{parse_source, Command};
use super::typescript::{entries, render, Entry};
use super::{check, check_capability, check_typescript, commands, ui_api_dir};

const VISITS: &str = r#"
    #[tauri::command(rename_all = "snake_case")]
    pub async fn visit_record(desk: State<'_, Desk>, visit_id: VisitId) -> Result<VisitRecord, CommandError> {
        desk.read(visit_id)
    }

    #[tauri::command(rename_all = "snake_case")]
    pub async fn cancel_visit(desk: State<'_, Desk>, visit_id: VisitId, reason: String) -> Result<Visit, CommandError> {
        desk.cancel(visit_id, &reason)
    }
"#;

fn fixture(source: &str) -> Vec<Command> {
    parse_source(source, &["visits".to_string()]).expect("the fixture parses")
}

fn any_binding(_: &str) -> bool {
    true
}

/// The table and text a fixture generates, as if committed.
fn generated(commands: &[Command]) -> (String, Vec<Entry>) {
    let (entries, used) = entries(commands, &any_binding).expect("the fixture's types are known");
    (render(&entries, &used), entries)
}

/// What the check says about `committed` against the commands of `source`.
fn drift(committed: &str, source: &str) -> Vec<String> {
    let (text, entries) = generated(&fixture(source));
    check::typescript(committed, &text, &entries).expect_err("the check must find the drift")
}

fn mentions(problems: &[String], words: &[&str]) -> bool {
    problems.iter().any(|p| words.iter().all(|w| p.contains(w)))
}

#[test]
fn the_committed_command_table_matches_the_rust_commands() {
    let agreed = check_typescript(&ui_api_dir()).unwrap_or_else(|problems| {
        panic!(
            "ui/src/api/commands.ts drifted from the Rust commands (cd ui && npm run bindings):\n{}",
            problems.join("\n")
        )
    });
    assert!(agreed > 40, "the desk has over forty commands, the table only {agreed}");
}

#[test]
fn the_capability_allows_exactly_the_desk_s_commands() {
    if let Err(problems) = check_capability() {
        panic!("src-tauri/capabilities/main.json drifted from the Rust commands:\n{}", problems.join("\n"));
    }
}

#[test]
fn a_renamed_argument_fails_the_check_naming_the_command_and_both_names() {
    let (committed, _) = generated(&fixture(VISITS));
    let renamed = VISITS.replace(
        "desk: State<'_, Desk>, visit_id: VisitId) -> Result<VisitRecord",
        "desk: State<'_, Desk>, visit: VisitId) -> Result<VisitRecord",
    );
    assert_ne!(renamed, VISITS, "the fixture must really rename the argument");

    let problems = drift(&committed, &renamed);
    assert!(
        mentions(&problems, &["`visit_record`", "`visit`", "does not send"]),
        "Rust's new name is named: {problems:?}"
    );
    assert!(
        mentions(&problems, &["`visit_record`", "`visit_id`", "does not take"]),
        "the stale name is named: {problems:?}"
    );
    assert!(!mentions(&problems, &["`cancel_visit`"]), "the unchanged command is not blamed: {problems:?}");
}

#[test]
fn a_renamed_argument_of_a_real_command_fails_against_the_committed_table() {
    let mut commands = commands().expect("the desk's commands parse");
    let command = commands.iter_mut().find(|c| !c.args.is_empty()).expect("a command with arguments");
    let (name, old) = (command.name.clone(), command.args[0].name.clone());
    command.args[0].name = format!("{old}_renamed");

    let (text, entries) = generated(&commands);
    let committed =
        std::fs::read_to_string(ui_api_dir().join("commands.ts")).expect("commands.ts is committed");
    let problems = check::typescript(&committed, &text, &entries).expect_err("a renamed argument is drift");
    assert!(mentions(&problems, &[&format!("`{name}`"), &format!("`{old}_renamed`")]), "{problems:?}");
    assert!(
        mentions(&problems, &[&format!("`{name}`"), &format!("`{old}`"), "does not take"]),
        "{problems:?}"
    );
}

#[test]
fn a_changed_type_or_result_is_named() {
    let (committed, _) = generated(&fixture(VISITS));
    let changed = VISITS
        .replace("reason: String", "reason: Option<String>")
        .replace("Result<Visit,", "Result<Vec<Visit>,");
    let problems = drift(&committed, &changed);
    assert!(
        mentions(&problems, &["`cancel_visit`", "`reason`", "`string`", "`string | null`"]),
        "{problems:?}"
    );
    assert!(mentions(&problems, &["`cancel_visit`", "`Visit`", "`Array<Visit>`"]), "{problems:?}");
}

#[test]
fn a_new_command_and_a_removed_one_are_both_named() {
    let (committed, _) = generated(&fixture(VISITS));
    let changed = VISITS.replace("fn cancel_visit", "fn void_visit");
    let problems = drift(&committed, &changed);
    assert!(mentions(&problems, &["`void_visit`", "missing from commands.ts"]), "{problems:?}");
    assert!(mentions(&problems, &["`cancel_visit`", "no #[tauri::command]"]), "{problems:?}");
}

#[test]
fn a_hand_edit_outside_the_table_is_still_drift() {
    let (committed, entries) = generated(&fixture(VISITS));
    let edited = committed.replace("export type CommandName", "export type Name");
    let problems = check::typescript(&edited, &committed, &entries).expect_err("any difference is drift");
    assert!(mentions(&problems, &["outside the commands' table"]), "{problems:?}");
}

#[test]
fn arguments_are_camel_case_unless_the_command_says_snake_case() {
    let source = r#"
        #[tauri::command]
        pub async fn close_day(app: tauri::AppHandle<R>, day_date: Option<NaiveDate>) -> Result<DayReport, CommandError> { x() }
        #[tauri::command(rename_all = "camelCase")]
        pub fn send_now(for_server: String) -> Result<(), CommandError> { x() }
        #[command(async, rename_all = "snake_case")]
        pub fn enroll_desk(server_url: String) -> SyncView { x() }
    "#;
    let names: Vec<Vec<String>> =
        fixture(source).iter().map(|c| c.args.iter().map(|a| a.name.clone()).collect()).collect();
    assert_eq!(
        names,
        [vec!["dayDate"], vec!["forServer"], vec!["server_url"]],
        "Tauri's default is camelCase"
    );
}

#[test]
fn what_tauri_injects_is_not_sent_by_the_window() {
    let source = r#"
        #[tauri::command(rename_all = "snake_case")]
        pub async fn preview_form<R: Runtime>(
            app: tauri::AppHandle<R>, desk: State<'_, Desk>, window: tauri::Window<R>, visit_id: VisitId,
        ) -> Result<String, CommandError> { x() }
    "#;
    let (_, entries) = generated(&fixture(source));
    assert_eq!(entries[0].args, [("visit_id".to_string(), "VisitId".to_string())]);
    assert_eq!(entries[0].result, "string");
}

#[test]
fn a_command_failing_with_another_error_is_refused() {
    let source = r#"
        #[tauri::command(rename_all = "snake_case")]
        pub async fn sign_out(desk: State<'_, Desk>) -> Result<AppStatus, String> { x() }
    "#;
    let problem = parse_source(source, &[]).err().expect("the UI branches on CommandError's code");
    assert!(problem.contains("Result<T, CommandError>") && problem.contains(":3:"), "{problem}");
}

#[test]
fn a_type_without_a_generated_binding_is_named() {
    let commands = fixture(VISITS);
    let problems = entries(&commands, &|name: &str| name != "VisitRecord").expect_err("no binding, no table");
    assert!(
        mentions(&problems, &["`visit_record`", "result", "`VisitRecord`", "bindings.rs"]),
        "{problems:?}"
    );
}

#[test]
fn every_command_needs_its_permission_and_nothing_else_is_granted() {
    let commands = fixture(VISITS);
    let json = r#"{ "permissions": ["allow-visit-record", "allow-delete-visit", "core:default"] }"#;
    let problems = check::capability(json, &commands).expect_err("one missing, two extra");
    assert!(mentions(&problems, &["`cancel_visit`", "\"allow-cancel-visit\""]), "{problems:?}");
    assert!(mentions(&problems, &["`allow-delete-visit`"]), "{problems:?}");
    assert!(mentions(&problems, &["`core:default`"]), "{problems:?}");
    assert_eq!(problems.len(), 3, "the granted command is not blamed: {problems:?}");

    let exact = r#"{ "permissions": ["allow-visit-record", { "identifier": "allow-cancel-visit" }] }"#;
    assert_eq!(check::capability(exact, &commands), Ok(()));
}

#[test]
fn the_handler_path_follows_the_module() {
    let commands = fixture(VISITS);
    assert_eq!(commands[0].rust_path(), "commands::visits::visit_record");
}
