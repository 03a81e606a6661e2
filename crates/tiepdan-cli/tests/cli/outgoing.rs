//! `tiepdan outgoing` and the signer of `print transfer|refusal|guidance`: the ward's abbreviations,
//! who signs each kind, and the numbers the outgoing register issues.

use crate::desk::{visit, Desk};
use crate::print::text;
use serde_json::Value;

fn proposal(desk: &Desk) -> String {
    let mut proposal = visit("Nguyễn Thị Ngọc Ánh", "001189012345", "2026-03-02T10:00:00+07:00");
    proposal["petition"] = serde_json::json!({
        "kind": "proposal", "field": "other", "handling": "transfer", "transfer_to": "Công ty Thoát nước Hà Nội"
    });
    desk.add_visit(&proposal)["receipt_no"].as_str().unwrap().to_string()
}

#[test]
fn the_ward_chooses_its_abbreviations_and_a_leader_to_sign_and_refuses_what_would_break_them() {
    let desk = Desk::ready();
    let leader = desk.ok(&[
        "officer",
        "add",
        "--name",
        "Hoàng Minh Đức",
        "--position",
        "Chủ tịch",
        "--role",
        "leader",
    ]);
    let leader = leader.trim();
    let clerk: Vec<Value> = serde_json::from_str(&desk.ok(&["officer", "list", "--json"])).unwrap();
    let clerk = clerk[0]["id"].as_str().unwrap().to_string();

    let bad = desk.run(&["outgoing", "style", "--body", "UB ND"]);
    assert_eq!(bad.code, 3, "an abbreviation with a space is refused: {}", bad.stderr);
    assert!(bad.stderr.contains("body"), "the message names the field: {}", bad.stderr);
    let refused =
        desk.run(&["outgoing", "signer", "transfer_slip", "--capacity", "chair", "--officer", &clerk]);
    assert_eq!(refused.code, 3, "a clerk does not sign for the committee: {}", refused.stderr);
    let shown: Value = serde_json::from_str(&desk.ok(&["outgoing", "show", "--json"])).unwrap();
    assert_eq!(shown["style"]["body"], "UBND", "nothing changed");
    assert_eq!(shown["signers"]["transfer_slip"]["officer_id"], Value::Null, "nothing changed");

    desk.ok(&["outgoing", "style", "--transfer-slip", "pcđ"]);
    desk.ok(&["outgoing", "signer", "transfer_slip", "--capacity", "chair", "--officer", leader]);
    let shown = desk.ok(&["outgoing", "show"]);
    assert!(
        shown.contains("Phiếu chuyển đơn: số …/PCĐ-UBND — TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH: Hoàng Minh Đức"),
        "{shown}"
    );

    let receipt = proposal(&desk);
    let out = desk.scratch("chuyen-don.pdf");
    desk.ok(&["print", "transfer", &receipt, "--out", out.to_str().unwrap()]);
    let paper = text(&out).expect("pdftotext (poppler-utils) reads the file");
    assert!(paper.contains("……/PCĐ-UBND"), "a file alone takes no number:\n{paper}");
    assert!(paper.contains("Hoàng Minh Đức") && paper.contains("TM. ỦY BAN NHÂN DÂN"), "{paper}");
    let other = desk.scratch("chuyen-don-kt.pdf");
    desk.ok(&["print", "transfer", &receipt, "--out", other.to_str().unwrap(), "--capacity", "vice_chair"]);
    let paper = text(&other).unwrap();
    assert!(
        paper.contains("KT. CHỦ TỊCH") && !paper.contains("Hoàng Minh Đức"),
        "signed by hand this once:\n{paper}"
    );
}

#[test]
fn a_print_job_takes_the_year_s_next_number_and_keeps_it() {
    let desk = Desk::ready();
    let receipt = proposal(&desk);
    // No such printer: the job fails (exit 6) but is made, and its paper has its number.
    let run = desk.run(&["print", "transfer", &receipt, "--printer", "Không-có-máy-này"]);
    assert_eq!(run.code, 6, "{}", run.stderr);
    let again = desk.run(&["print", "transfer", &receipt, "--printer", "Vẫn-không-có"]);
    assert_eq!(again.code, 6, "{}", again.stderr);
    let issued: Vec<Value> = serde_json::from_str(&desk.ok(&["outgoing", "list", "--json"])).unwrap();
    assert_eq!(issued.len(), 1, "one slip of one visit has one number: {issued:?}");
    assert_eq!(issued[0]["number"], "01/PC-UBND");
    assert_eq!(issued[0]["receipt_no"], receipt.as_str());
    let out = desk.scratch("sau-khi-in.pdf");
    desk.ok(&["print", "transfer", &receipt, "--out", out.to_str().unwrap()]);
    assert!(text(&out).unwrap().contains("Số: 01/PC-UBND"), "the file shows the number issued");
}
