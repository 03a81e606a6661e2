//! `tiepdan petition resolve` with the figures of a complaint decision and `tiepdan petition
//! implementation`: what 01/KQGQ and 02/KQGQ count, recorded from the command line.

use crate::desk::Desk;
use serde_json::{json, Value};

/// A complaint of Mon 2/3/2026 (0001), accepted on 5/3.
fn accepted_complaint() -> Desk {
    let desk = Desk::ready();
    desk.add_visit(&json!({
        "received_at": "2026-03-02T09:00:00+07:00",
        "visitors": [{ "full_name": "Lê Văn Cường" }],
        "summary": "Khiếu nại thu hồi đất",
        "petition": { "kind": "complaint", "field": "land" }
    }));
    desk.ok(&["petition", "accept", "0001/2026/A", "--on", "2026-03-05"]);
    desk
}

#[test]
fn a_decision_recorded_with_its_figures_keeps_decimal_amounts_exact() {
    let desk = accepted_complaint();
    let printed: Value = serde_json::from_str(&desk.ok(&[
        "petition",
        "resolve",
        "0001/2026/A",
        "--on",
        "2026-04-01",
        "--outcome",
        "correct",
        "--recover-money",
        "1.25",
        "--recover-land",
        "120.5",
        "--sanction-people",
        "2",
        "--sanction-officials",
        "1",
        "--deadline-kept",
        "true",
    ]))
    .unwrap();
    let figures = &printed["figures"];
    assert_eq!(figures["to_state"], json!({ "money": 1250, "land": 120500 }), "thousandths of the unit");
    assert_eq!(figures["sanctions"], json!({ "people": 2, "officials": 1 }));
    assert_eq!(figures["deadline_kept"], true);
    let show: Value = serde_json::from_str(&desk.ok(&["petition", "show", "0001/2026/A", "--json"])).unwrap();
    assert_eq!(show["resolution"]["figures"]["to_state"]["money"], 1250, "stored as printed");
}

#[test]
fn a_resolution_without_figure_flags_records_none() {
    let desk = accepted_complaint();
    let printed: Value = serde_json::from_str(&desk.ok(&[
        "petition",
        "resolve",
        "0001/2026/A",
        "--on",
        "2026-04-01",
        "--outcome",
        "withdrawn",
    ]))
    .unwrap();
    assert!(printed.get("figures").is_none(), "nothing to count beyond the withdrawal: {printed}");
}

#[test]
fn bad_figures_are_refused_and_change_nothing() {
    let desk = accepted_complaint();
    let comma = desk.run(&[
        "petition",
        "resolve",
        "0001/2026/A",
        "--on",
        "2026-04-01",
        "--outcome",
        "correct",
        "--recover-money",
        "1,5",
    ]);
    assert_eq!(comma.code, 2, "the command line takes a dot before decimals: {comma:?}");
    assert!(comma.stderr.contains("--recover-money"), "{}", comma.stderr);
    let officials = desk.run(&[
        "petition",
        "resolve",
        "0001/2026/A",
        "--on",
        "2026-04-01",
        "--outcome",
        "correct",
        "--refer-cases",
        "1",
        "--refer-people",
        "1",
        "--refer-officials",
        "2",
    ]);
    assert_eq!(officials.code, 3, "two officials among one person: {officials:?}");
    assert!(officials.stderr.contains("figures.referred.officials"), "{}", officials.stderr);
    let show: Value = serde_json::from_str(&desk.ok(&["petition", "show", "0001/2026/A", "--json"])).unwrap();
    assert!(show["resolution"].is_null(), "nothing was recorded");
}

#[test]
fn an_implementation_is_recorded_after_the_decision_and_corrected_by_a_newer_record() {
    let desk = accepted_complaint();
    let early = desk.run(&["petition", "implementation", "0001/2026/A", "--on", "2026-03-20"]);
    assert_eq!(early.code, 3, "no decision to carry out yet: {early:?}");
    desk.ok(&[
        "petition",
        "resolve",
        "0001/2026/A",
        "--on",
        "2026-04-01",
        "--outcome",
        "correct",
        "--recover-money",
        "1.25",
    ]);
    let first: Value = serde_json::from_str(&desk.ok(&[
        "petition",
        "implementation",
        "0001/2026/A",
        "--on",
        "2026-05-04",
        "--recovered-money",
        "0.5",
    ]))
    .unwrap();
    assert_eq!(first["completed"], false);
    assert_eq!(first["done"]["to_state"]["money"], 500);
    let second: Value = serde_json::from_str(&desk.ok(&[
        "petition",
        "implementation",
        "0001/2026/A",
        "--on",
        "2026-06-01",
        "--completed",
        "--recovered-money",
        "1.25",
        "--prosecuted-cases",
        "1",
        "--prosecuted-people",
        "1",
    ]))
    .unwrap();
    assert_eq!(
        (second["completed"].clone(), second["done"]["prosecuted"]["cases"].clone()),
        (json!(true), json!(1))
    );
    let history = desk.ok(&["visit", "history", "0001/2026/A"]);
    assert_eq!(history.matches("decision_implemented").count(), 2, "both records are kept: {history}");
}
