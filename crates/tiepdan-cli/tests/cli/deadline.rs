//! `tiepdan deadline` and `tiepdan calendar override`: a due date worked out for a person to check,
//! with the days counted and skipped, and the administrator's overrides moving it. Dates are worked by
//! hand against `crates/tiepdan-domain/data/holidays.json`.

use crate::desk::Desk;
use serde_json::Value;

fn deadline_json(desk: &Desk, args: &[&str]) -> Value {
    let mut all = vec!["deadline"];
    all.extend_from_slice(args);
    all.push("--json");
    serde_json::from_str(&desk.ok(&all)).expect("deadline --json prints one object")
}

const CHECK: [&str; 6] = ["--kind", "denunciation", "--step", "check", "--from", "2026-04-24"];

#[test]
fn a_denunciation_received_the_friday_before_gio_to_and_30_4_is_due_after_the_holidays() {
    let desk = Desk::empty();
    // Fri 24/4/2026: 25–26 weekend (26 Giỗ Tổ), 27 nghỉ bù, 28 and 29 counted, 30/4 and 1/5 holidays,
    // 2–3/5 weekend, then 4, 5, 6, 7, 8 → the seventh working day is Fri 08/05/2026.
    let check = deadline_json(&desk, &CHECK);
    assert_eq!(check["due"], "2026-05-08");
    let skipped: Vec<&str> = check["days"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["count"] == "skipped")
        .map(|d| d["date"].as_str().unwrap())
        .collect();
    assert_eq!(
        skipped,
        ["2026-04-25", "2026-04-26", "2026-04-27", "2026-04-30", "2026-05-01", "2026-05-02", "2026-05-03"]
    );
    let bu = check["days"].as_array().unwrap().iter().find(|d| d["date"] == "2026-04-27").unwrap();
    assert!(bu["reason"].as_str().unwrap().contains("Nghỉ bù Giỗ Tổ"), "the reason is given: {bu}");
    // Transfer and notify: five working days → 28, 29/4, 4, 5, 6/5.
    let transfer = ["--kind", "denunciation", "--step", "transfer", "--from", "2026-04-24"];
    assert_eq!(deadline_json(&desk, &transfer)["due"], "2026-05-06");
    let text = desk.ok(&["deadline", "--kind", "denunciation", "--step", "check", "--from", "2026-04-24"]);
    assert!(text.contains("Hạn: 08/05/2026"), "{text}");
    assert!(text.contains("Ngày Quốc tế Lao động — không tính"), "{text}");
    assert!(text.contains("28/04 (1), 29/04 (2), 04/05 (3)"), "the counted days are listed: {text}");
}

#[test]
fn a_complex_or_remote_case_gets_the_longer_period() {
    let desk = Desk::empty();
    let resolve = ["--kind", "complaint", "--step", "resolve", "--from", "2026-03-05"];
    // 30 days from Thu 5/3 end on Sat 4/4 → Mon 06/04/2026.
    assert_eq!(deadline_json(&desk, &resolve)["due"], "2026-04-06");
    // 45 days end on Sun 19/4 → Mon 20/04/2026, for a complex case and for a remote area alike.
    let mut complex = resolve.to_vec();
    complex.push("--complex");
    assert_eq!(deadline_json(&desk, &complex)["due"], "2026-04-20");
    let mut remote = resolve.to_vec();
    remote.push("--remote-area");
    assert_eq!(deadline_json(&desk, &remote)["due"], "2026-04-20");
    // Second level, complex and remote: 70 days → Thu 14/05/2026.
    let mut second = resolve.to_vec();
    second.extend(["--level", "second", "--complex", "--remote-area"]);
    assert_eq!(deadline_json(&desk, &second)["due"], "2026-05-14");
}

#[test]
fn a_step_the_rules_do_not_have_is_refused_not_guessed() {
    let desk = Desk::empty();
    let run = desk.run(&["deadline", "--kind", "proposal", "--step", "resolve", "--from", "2026-04-24"]);
    assert_eq!(run.code, 3, "{run:?}");
    assert!(run.stderr.contains("Không có quy định thời hạn"), "{}", run.stderr);
    let run = desk.run(&["deadline", "--kind", "denunciation", "--step", "appeal", "--from", "2026-04-24"]);
    assert_eq!(run.code, 2, "an unknown step is a usage error: {run:?}");
}

#[test]
fn an_override_of_the_register_moves_the_deadline_until_it_is_removed() {
    let desk = Desk::ready();
    desk.ok(&["calendar", "override", "add", "--date", "2026-05-05", "--off", "--note", "Nghỉ do bão số 1"]);
    // With Tue 5/5 off, the seventh working day is Mon 11/05/2026.
    assert_eq!(deadline_json(&desk, &CHECK)["due"], "2026-05-11");
    let mut official = CHECK.to_vec();
    official.push("--official");
    assert_eq!(deadline_json(&desk, &official)["due"], "2026-05-08", "--official ignores the overrides");
    let list: Value = serde_json::from_str(&desk.ok(&["calendar", "override", "list", "--json"])).unwrap();
    assert_eq!(list[0]["date"], "2026-05-05");
    assert_eq!(list[0]["change"], "day_off");
    assert!(desk.ok(&["calendar", "override", "list"]).contains("Nghỉ do bão số 1"));
    desk.ok(&["calendar", "override", "remove", "--date", "2026-05-05"]);
    assert_eq!(deadline_json(&desk, &CHECK)["due"], "2026-05-08");
    let again = desk.run(&["calendar", "override", "remove", "--date", "2026-05-05"]);
    assert_eq!(again.code, 4, "no override left to remove: {again:?}");
}
