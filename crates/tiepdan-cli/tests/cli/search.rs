//! `tiepdan search`: finding visits by name without diacritics, by ID number and by receipt number.

use crate::desk::{an_visit, visit, Desk};
use serde_json::Value;

fn found_names(desk: &Desk, query: &str) -> Vec<String> {
    let hits: Vec<Value> =
        serde_json::from_str(&desk.ok(&["search", query, "--json"])).expect("search --json prints a list");
    hits.iter().map(|h| h["names"][0].as_str().unwrap_or_default().to_string()).collect()
}

#[test]
fn a_name_typed_without_diacritics_finds_the_vietnamese_name() {
    let desk = Desk::ready();
    desk.add_visit(&an_visit());
    desk.add_visit(&visit("Trần Thị Mai", "001189054321", "2026-03-03T14:00:00+07:00"));
    assert_eq!(found_names(&desk, "nguyen van an"), ["Nguyễn Văn An"]);
    let table = desk.ok(&["search", "nguyen van an"]);
    assert!(table.contains("Nguyễn Văn An") && table.contains("0001/2026/A"), "human table: {table}");
}

#[test]
fn a_visit_is_found_by_the_id_number_or_the_receipt_number() {
    let desk = Desk::ready();
    desk.add_visit(&an_visit());
    desk.add_visit(&visit("Trần Văn Mạnh", "001089054321", "2026-03-03T14:00:00+07:00"));
    assert_eq!(found_names(&desk, "001089054321")[0], "Trần Văn Mạnh");
    assert_eq!(found_names(&desk, "0001/2026/A")[0], "Nguyễn Văn An");
}

#[test]
fn the_limit_caps_the_number_of_results() {
    let desk = Desk::ready();
    for (i, day) in ["02", "03", "04"].iter().enumerate() {
        let id = format!("00108905432{i}");
        desk.add_visit(&visit("Nguyễn Văn An", &id, &format!("2026-03-{day}T09:00:00+07:00")));
    }
    assert_eq!(found_names(&desk, "nguyen van an").len(), 3);
    let hits: Vec<Value> =
        serde_json::from_str(&desk.ok(&["search", "nguyen van an", "--limit", "2", "--json"])).expect("JSON");
    assert_eq!(hits.len(), 2);
}
