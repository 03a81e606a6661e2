//! `tiepdan due` and `tiepdan petition`: the "Việc cần làm" list most urgent first, results recorded
//! from the command line moving a petition to done, and a repeat visit counted as "lần tiếp 2".

use crate::desk::Desk;
use serde_json::{json, Value};

fn petition_visit(kind: &str, received_at: &str, summary: &str) -> Value {
    json!({
        "received_at": received_at,
        "visitors": [{
            "full_name": "Lê Văn Cường",
            "id_number": "001089012345",
            "address": "Số 5 ngõ 10 Quang Trung, Hà Đông"
        }],
        "summary": summary,
        "petition": { "kind": kind, "field": "land" }
    })
}

fn due(desk: &Desk, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["due", "--json"];
    all.extend_from_slice(args);
    serde_json::from_str(&desk.ok(&all)).expect("due --json prints a list")
}

fn receipts(items: &[Value]) -> Vec<&str> {
    items.iter().map(|i| i["receipt_no"].as_str().unwrap()).collect()
}

/// A denunciation of Fri 24/4/2026 (0001) and a complaint of Mon 2/3/2026 (0002).
fn two_petitions() -> Desk {
    let desk = Desk::ready();
    desk.add_visit(&petition_visit("denunciation", "2026-04-24T09:00:00+07:00", "Tố cáo cán bộ địa chính"));
    desk.add_visit(&petition_visit("complaint", "2026-03-02T09:00:00+07:00", "Khiếu nại thu hồi đất"));
    desk
}

#[test]
fn the_due_list_puts_the_overdue_complaint_before_the_denunciation_due_this_week() {
    let desk = two_petitions();
    // On Mon 4/5 the denunciation's check (due Fri 8/5) has 4 working days left; the complaint of
    // March is overdue.
    let items = due(&desk, &["--today", "2026-05-04", "--within", "5"]);
    assert_eq!(receipts(&items), ["0002/2026/A", "0001/2026/A"], "overdue first: {items:#?}");
    assert_eq!(items[0]["status"]["state"], "overdue");
    assert_eq!(items[1]["status"], json!({ "state": "due_soon", "working_days_left": 4 }));
    assert_eq!(items[1]["due"], "2026-05-08");
    assert_eq!(receipts(&due(&desk, &["--today", "2026-05-04", "--within", "2"])), ["0002/2026/A"]);
    let table = desk.ok(&["due", "--today", "2026-05-04"]);
    assert!(table.contains("Quá hạn") && table.contains("Sắp đến hạn"), "{table}");
}

#[test]
fn accepting_and_resolving_from_the_command_line_moves_the_complaint_to_done() {
    let desk = two_petitions();
    desk.ok(&["petition", "accept", "0002/2026/A", "--on", "2026-03-05"]);
    let show: Value = serde_json::from_str(&desk.ok(&[
        "petition",
        "show",
        "0002/2026/A",
        "--today",
        "2026-03-05",
        "--json",
    ]))
    .unwrap();
    let resolve = show["deadlines"].as_array().unwrap().iter().find(|d| d["step"] == "resolve").unwrap();
    assert_eq!(resolve["due"], "2026-04-06", "30 days from 5/3 end on Sat 4/4 → Mon 6/4");
    desk.ok(&["petition", "resolve", "0002/2026/A", "--on", "2026-03-20", "--outcome", "partly_correct"]);
    let show: Value = serde_json::from_str(&desk.ok(&["petition", "show", "0002/2026/A", "--json"])).unwrap();
    assert_eq!(show["status"], json!({ "state": "done", "on": "2026-03-20", "on_time": true }));
    assert_eq!(receipts(&due(&desk, &["--today", "2026-05-04"])), ["0001/2026/A"]);
    let refused =
        desk.run(&["petition", "extend", "0002/2026/A", "--on", "2026-03-21", "--reason", "Xác minh"]);
    assert_eq!(refused.code, 3, "a resolved petition is not extended: {refused:?}");
}

#[test]
fn a_repeat_visit_linked_from_the_command_line_is_lan_tiep_2_and_not_a_new_case() {
    let desk = Desk::ready();
    desk.add_visit(&petition_visit(
        "complaint",
        "2026-03-02T09:00:00+07:00",
        "Khiếu nại thu hồi đất thửa 12",
    ));
    let again = petition_visit("complaint", "2026-06-02T09:00:00+07:00", "Lại khiếu nại thu hồi đất thửa 12");
    let run = desk.run_with_input(&["petition", "suggest", "--json", "-"], &again.to_string());
    let suggested: Value = serde_json::from_str(&run.stdout).expect("petition suggest prints a list");
    assert_eq!(suggested[0]["receipt_no"], "0001/2026/A", "the earlier visit is suggested: {run:?}");
    assert_eq!(suggested[0]["matched_by"], "id_number");
    desk.add_visit(&again);
    let link: Value =
        serde_json::from_str(&desk.ok(&["petition", "link", "0002/2026/A", "--earlier", "0001/2026/A"]))
            .unwrap();
    assert_eq!(link["visit_count"], 2);
    let open = due(&desk, &["--all", "--today", "2026-06-02"]);
    assert_eq!(receipts(&open), ["0001/2026/A"], "one matter, one case: {open:#?}");
    assert_eq!(open[0]["visits_in_matter"], 2);
}
