//! `tiepdan visit`: recording, reading, correcting and cancelling visits, and refusing bad input
//! without changing anything.

use crate::desk::{an_visit, visit, Desk};
use serde_json::{json, Value};

#[test]
fn a_visit_recorded_from_json_is_shown_the_same_by_id_and_by_receipt_number() {
    let desk = Desk::ready();
    let stored = desk.add_visit(&an_visit());
    assert_eq!(stored["receipt_no"], "0001/2026/A", "the first receipt of desk A in 2026");
    assert_eq!(stored["visitors"][0]["full_name"], "Nguyễn Văn An");
    assert_eq!(stored["reception"], "regular", "regular reception is the default");
    assert_eq!(stored["people_count"], 1, "one person by default");
    assert_eq!(stored["documents"][0]["pages"], 2);
    let id = stored["id"].as_str().expect("the stored visit has an id");
    for name in [id, "0001/2026/A"] {
        let shown: Value = serde_json::from_str(&desk.ok(&["visit", "show", name, "--json"])).expect("JSON");
        assert_eq!(shown, stored, "`visit show {name}` shows what `visit add` stored");
    }
    let text = desk.ok(&["visit", "show", "0001/2026/A"]);
    assert!(text.contains("02/03/2026 09:15") && text.contains("Nguyễn Văn An"), "readable detail: {text}");
}

#[test]
fn a_visit_can_be_read_from_a_file_as_well_as_from_standard_input() {
    let desk = Desk::ready();
    let file = desk.scratch("visit.json");
    std::fs::write(&file, an_visit().to_string()).expect("write the JSON file");
    let run = desk.run(&["visit", "add", "--json", file.to_str().expect("UTF-8 path")]);
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    assert!(run.stdout.contains("\"receipt_no\": \"0001/2026/A\""), "stdout: {}", run.stdout);
}

#[test]
fn visits_are_listed_by_the_day_they_were_received() {
    let desk = Desk::ready();
    desk.add_visit(&visit("Nguyễn Văn An", "001089012345", "2026-03-02T09:15:00+07:00"));
    desk.add_visit(&visit("Đặng Văn Hùng", "001089054321", "2026-03-03T14:00:00+07:00"));
    let names = |visits: Vec<Value>| -> Vec<String> {
        visits
            .iter()
            .map(|v| v["visitors"][0]["full_name"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    assert_eq!(names(desk.visits_on("2026-03-02")), ["Nguyễn Văn An"]);
    assert_eq!(names(desk.visits_on("2026-03-03")), ["Đặng Văn Hùng"]);
    assert!(desk.visits_on("2026-03-04").is_empty(), "nobody came on the 4th");
    let both: Vec<Value> = serde_json::from_str(&desk.ok(&[
        "visit",
        "list",
        "--from",
        "2026-03-01",
        "--to",
        "2026-03-31",
        "--json",
    ]))
    .expect("JSON list");
    assert_eq!(both.len(), 2, "a period lists every day in it");
    let table = desk.ok(&["visit", "list", "--date", "2026-03-02"]);
    assert!(table.contains("02/03/2026 09:15"), "human dates are dd/mm/yyyy: {table}");
    assert!(table.contains("0001/2026/A") && !table.contains("Đặng Văn Hùng"), "one day only: {table}");
}

#[test]
fn an_amendment_replaces_the_details_and_the_history_keeps_every_step_with_its_reason() {
    let desk = Desk::ready();
    let stored = desk.add_visit(&an_visit());
    // Edit what `visit show --json` printed, as IT staff would, and feed it back.
    let mut edited = stored.clone();
    edited["summary"] = json!("Khiếu nại quyết định thu hồi đất nông nghiệp");
    let run = desk.run_with_input(&["visit", "amend", "0001/2026/A", "--json", "-"], &edited.to_string());
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    let amended: Value = serde_json::from_str(&run.stdout).expect("amend prints the visit");
    assert_eq!(amended["summary"], "Khiếu nại quyết định thu hồi đất nông nghiệp");
    assert_eq!(amended["receipt_no"], "0001/2026/A", "a correction keeps the receipt number");

    let mut draft = an_visit();
    draft["people_count"] = json!(2);
    let id = stored["id"].as_str().expect("id");
    let second = desk.run_with_input(
        &["visit", "amend", id, "--json", "-", "--reason", "Thêm người đi cùng"],
        &draft.to_string(),
    );
    assert_eq!(second.code, 0, "a plain draft amends too; stderr: {}", second.stderr);

    let history: Vec<Value> =
        serde_json::from_str(&desk.ok(&["visit", "history", id, "--json"])).expect("history --json");
    let steps: Vec<(&str, &str)> = history
        .iter()
        .map(|h| (h["kind"].as_str().unwrap_or_default(), h["reason"].as_str().unwrap_or("")))
        .collect();
    assert_eq!(
        steps,
        [("visit_recorded", ""), ("visit_amended", "Sửa thông tin"), ("visit_amended", "Thêm người đi cùng")],
        "every version is kept; without --reason the default reason is recorded"
    );
    assert_eq!(history[1]["details"]["summary"], "Khiếu nại quyết định thu hồi đất nông nghiệp");
    let table = desk.ok(&["visit", "history", "0001/2026/A"]);
    assert!(table.contains("Thêm người đi cùng") && table.contains("Trần Thị Bình"), "who and why: {table}");
    assert!(table.contains("Nội dung vụ việc: "), "and what the first amendment changed: {table}");
}

#[test]
fn the_shown_json_of_one_visit_cannot_amend_another() {
    let desk = Desk::ready();
    let first = desk.add_visit(&an_visit());
    desk.add_visit(&visit("Đặng Văn Hùng", "001089054321", "2026-03-03T14:00:00+07:00"));
    let run = desk.run_with_input(&["visit", "amend", "0002/2026/A", "--json", "-"], &first.to_string());
    assert_eq!(run.code, 3, "the ids differ; stderr: {}", run.stderr);
    let second: Value =
        serde_json::from_str(&desk.ok(&["visit", "show", "0002/2026/A", "--json"])).expect("JSON");
    assert_eq!(second["visitors"][0]["full_name"], "Đặng Văn Hùng", "the other visit is untouched");
}

#[test]
fn a_cancelled_visit_stays_in_the_register_marked_cancelled_and_cannot_be_changed() {
    let desk = Desk::ready();
    desk.add_visit(&an_visit());
    desk.ok(&["visit", "cancel", "0001/2026/A", "--reason", "Nhập nhầm"]);
    let listed = desk.visits_on("2026-03-02");
    assert_eq!(listed.len(), 1, "cancelled visits are never deleted");
    assert_eq!(listed[0]["status"], "cancelled");
    let history: Vec<Value> =
        serde_json::from_str(&desk.ok(&["visit", "history", "0001/2026/A", "--json"])).expect("JSON");
    assert_eq!(history.last().map(|h| h["reason"].clone()), Some(json!("Nhập nhầm")));
    let again = desk.run(&["visit", "cancel", "0001/2026/A", "--reason", "lần nữa"]);
    assert_eq!(again.code, 3, "refused; stderr: {}", again.stderr);
    assert!(
        desk.ok(&["visit", "list", "--date", "2026-03-02"]).contains("đã hủy"),
        "the table says cancelled"
    );
}

#[test]
fn an_invalid_visit_exits_3_with_the_field_and_its_vietnamese_message_and_changes_nothing() {
    let desk = Desk::ready();
    desk.add_visit(&an_visit());
    let before = desk.visits_on("2026-03-02");
    let bad = visit("Nguyễn Văn Bình", "00108901234", "2026-03-02T10:00:00+07:00");
    let run = desk.run_with_input(&["visit", "add", "--json", "-"], &bad.to_string());
    assert_eq!(run.code, 3, "invalid input exits 3; stderr: {}", run.stderr);
    assert_eq!(
        run.stderr.trim(),
        "error: invalid visit: visitors[0].id_number must have 12 digits, has 11 \
         (Số giấy tờ phải có 12 chữ số (đang có 11).)",
        "one line a person understands"
    );
    assert!(run.stdout.is_empty(), "nothing printed as if stored: {}", run.stdout);
    assert_eq!(desk.visits_on("2026-03-02"), before, "the register is unchanged");
    let next = desk.add_visit(&visit("Nguyễn Văn Bình", "001089012346", "2026-03-02T10:00:00+07:00"));
    assert_eq!(next["receipt_no"], "0002/2026/A", "a refused visit uses up no receipt number");
}

#[test]
fn unreadable_json_is_refused_with_its_line_column_and_the_unknown_field() {
    let desk = Desk::ready();
    let run = desk
        .run_with_input(&["visit", "add", "--json", "-"], "{\n  \"summary\": \"x\",\n  \"visitor\": []\n}");
    assert_eq!(run.code, 3, "stderr: {}", run.stderr);
    assert!(run.stderr.contains("unknown field `visitor`"), "names the field: {}", run.stderr);
    assert!(run.stderr.contains("line 3 column"), "says where: {}", run.stderr);
    let broken = desk.run_with_input(&["visit", "add", "--json", "-"], "{\"summary\": ");
    assert_eq!(broken.code, 3, "truncated JSON is invalid input; stderr: {}", broken.stderr);
    assert!(desk.visits_on("2026-03-02").is_empty() && desk.ok(&["search", "x", "--json"]).trim() == "[]");
}

#[test]
fn an_unknown_visit_exits_4_and_a_malformed_reference_exits_3() {
    let desk = Desk::ready();
    assert_eq!(desk.run(&["visit", "show", "0042/2026/A", "--json"]).code, 4, "no such receipt");
    assert_eq!(desk.run(&["visit", "show", "01a211d4-38cd-7458-8534-30c53761548f"]).code, 4, "no such id");
    let bad = desk.run(&["visit", "show", "hôm qua"]);
    assert_eq!(bad.code, 3, "stderr: {}", bad.stderr);
    assert!(bad.stderr.contains("0042/2026/A"), "the message shows the expected form: {}", bad.stderr);
}

#[test]
fn an_invalid_amendment_exits_3_and_leaves_the_visit_and_its_history_as_they_were() {
    let desk = Desk::ready();
    let stored = desk.add_visit(&an_visit());
    let mut bad = stored.clone();
    bad["petition"]["handling"] = json!("transfer");
    bad["petition"]["transfer_to"] = json!("UBND thành phố");
    let run = desk.run_with_input(&["visit", "amend", "0001/2026/A", "--json", "-"], &bad.to_string());
    assert_eq!(run.code, 3, "stderr: {}", run.stderr);
    assert!(run.stderr.contains("petition.handling"), "a complaint is never transferred: {}", run.stderr);
    let shown: Value =
        serde_json::from_str(&desk.ok(&["visit", "show", "0001/2026/A", "--json"])).expect("JSON");
    assert_eq!(shown, stored, "the visit is unchanged");
    let history: Vec<Value> =
        serde_json::from_str(&desk.ok(&["visit", "history", "0001/2026/A", "--json"])).expect("JSON");
    assert_eq!(history.len(), 1, "no amendment was recorded");
}
