//! `tiepdan session` and `tiepdan schedule`: leader reception sessions planned and closed (held,
//! unattended, cancelled), visits received in a session taking its reception mode, online visits,
//! and the ward's fixed reception days and desk hours.

use crate::desk::{an_visit, Desk, Run};
use crate::reveal::{desk_with_a_denunciation, CLERK_PASSWORD};
use serde_json::{json, Value};

fn json_of(desk: &Desk, args: &[&str]) -> Value {
    serde_json::from_str(&desk.ok(args)).expect("JSON output")
}

/// Plans a session and returns the id it printed.
fn plan(desk: &Desk, args: &[&str]) -> String {
    let mut all = vec!["session", "add"];
    all.extend_from_slice(args);
    let id = desk.ok(&all).trim().to_string();
    assert_eq!(id.len(), 36, "session add prints the session's id: {id}");
    id
}

/// Nguyễn Văn An's visit, received on 5 March 2026 in `session`.
fn visit_in(session: &str) -> Value {
    let mut visit = an_visit();
    visit["received_at"] = json!("2026-03-05T09:00:00+07:00");
    visit["session_id"] = json!(session);
    visit
}

fn add(desk: &Desk, visit: &Value) -> Run {
    desk.run_with_input(&["visit", "add", "--json", "-"], &visit.to_string())
}

#[test]
fn a_session_nobody_came_to_is_closed_as_unattended_and_listed_so() {
    let desk = Desk::ready();
    let id = plan(&desk, &["--on", "2026-03-05", "--sat", "head"]);
    let closed = json_of(&desk, &["session", "close", &id, "--held", "--json"]);
    assert_eq!(closed["outcome"], "unattended", "held with no visit: {closed}");
    assert_eq!(closed["visits"], 0);
    assert_eq!(closed["session"]["kind"], "periodic", "periodic unless --ad-hoc");
    assert_eq!(closed["session"]["part"], "morning", "in the morning unless --part");

    let again = desk.run(&["session", "close", &id, "--held"]);
    assert_eq!(again.code, 3, "a closed session stays closed: {}", again.stderr);
    let listed = json_of(&desk, &["session", "list", "--from", "2026-03-01", "--to", "2026-03-31", "--json"]);
    assert_eq!(listed.as_array().map(Vec::len), Some(1));
    assert_eq!(listed[0]["outcome"], "unattended", "still unattended after the refused close");
    let table = desk.ok(&["session", "list", "--from", "2026-03-01", "--to", "2026-03-31"]);
    assert!(table.contains("05/03/2026") && table.contains("Không có công dân đến"), "{table}");
    assert!(table.contains(&id), "the table shows the id to close it by: {table}");
    let show = desk.ok(&["session", "show", &id]);
    assert!(show.contains("Kỳ tiếp 05/03/2026, Buổi sáng (Định kỳ, Chủ tịch)"), "{show}");
    let april = json_of(&desk, &["session", "list", "--from", "2026-04-01", "--to", "2026-04-30", "--json"]);
    assert_eq!(april, json!([]), "a period lists only its own sessions");
}

#[test]
fn a_visit_in_a_delegated_session_is_received_as_delegated_and_the_session_is_held() {
    let desk = Desk::ready();
    let deputy = desk.ok(&["officer", "add", "--name", "Vũ Văn Phó", "--position", "Phó Chủ tịch UBND"]);
    let id = plan(
        &desk,
        &[
            "--on",
            "2026-03-05",
            "--sat",
            "delegate",
            "--officer",
            deputy.trim(),
            "--delegation",
            "Giấy ủy quyền số 12/GUQ-UBND",
            "--part",
            "afternoon",
        ],
    );
    let run = add(&desk, &visit_in(&id));
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    let visit: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(visit["reception"], "delegated", "the session's mode, not the JSON's default");
    assert_eq!(visit["session_id"], json!(id));

    let closed = json_of(&desk, &["session", "close", &id, "--held", "--json"]);
    assert_eq!((&closed["outcome"], &closed["visits"]), (&json!("held"), &json!(1)));
    assert_eq!(closed["officer_name"], "Vũ Văn Phó");
    assert_eq!(closed["session"]["delegation"], "Giấy ủy quyền số 12/GUQ-UBND");
    let late = add(&desk, &visit_in(&id));
    assert_eq!(late.code, 3, "a closed session takes no more visits: {}", late.stderr);
    assert!(late.stderr.contains("session_id"), "{}", late.stderr);
}

#[test]
fn a_visit_in_the_heads_ad_hoc_session_is_leader_ad_hoc_whatever_its_json_says() {
    let desk = Desk::ready();
    let id = plan(&desk, &["--on", "2026-03-05", "--sat", "head", "--ad-hoc"]);
    let mut visit = visit_in(&id);
    visit["reception"] = json!("regular");
    let stored: Value = serde_json::from_str(&add(&desk, &visit).stdout).expect("recorded");
    assert_eq!(stored["reception"], "leader_ad_hoc");
}

#[test]
fn a_session_refuses_visits_of_another_day_and_bad_plans_and_changes_nothing() {
    let desk = Desk::ready();
    let id = plan(&desk, &["--on", "2026-03-05", "--sat", "head"]);
    let mut other_day = visit_in(&id);
    other_day["received_at"] = json!("2026-03-06T09:00:00+07:00");
    let run = add(&desk, &other_day);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(run.stderr.contains("session_id") && run.stderr.contains("05/03/2026"), "{}", run.stderr);
    assert!(desk.visits_on("2026-03-06").is_empty(), "no visit was recorded");

    let unknown = add(&desk, &visit_in("01a211d4-38cd-7458-8534-30c53761548f"));
    assert_eq!(unknown.code, 3, "an unknown session is refused: {}", unknown.stderr);
    let no_deputy = desk.run(&["session", "add", "--on", "2026-03-12", "--sat", "delegate"]);
    assert_eq!(no_deputy.code, 3, "a delegate is named: {}", no_deputy.stderr);
    assert!(no_deputy.stderr.contains("officer_id is required"), "{}", no_deputy.stderr);
    let nobody = desk.run(&["session", "add", "--on", "2026-03-12", "--sat", "nobody"]);
    assert_eq!(nobody.code, 2, "an unknown sitter is a usage error: {}", nobody.stderr);
    let listed = json_of(&desk, &["session", "list", "--from", "2026-03-01", "--to", "2026-03-31", "--json"]);
    assert_eq!(listed.as_array().map(Vec::len), Some(1), "only the first session was planned");
}

#[test]
fn a_cancelled_session_says_why() {
    let desk = Desk::ready();
    let id = plan(&desk, &["--on", "2026-03-05", "--sat", "head"]);
    let silent = desk.run(&["session", "close", &id, "--cancelled"]);
    assert_eq!(silent.code, 3, "{}", silent.stderr);
    assert!(silent.stderr.contains("note is required"), "{}", silent.stderr);
    let neither = desk.run(&["session", "close", &id]);
    assert_eq!(neither.code, 2, "held or cancelled must be said: {}", neither.stderr);
    let closed =
        json_of(&desk, &["session", "close", &id, "--cancelled", "--note", "Chủ tịch họp HĐND", "--json"]);
    assert_eq!((&closed["outcome"], &closed["note"]), (&json!("cancelled"), &json!("Chủ tịch họp HĐND")));
    let shown = desk.ok(&["session", "show", &id]);
    assert!(shown.contains("Hủy, không tiếp, 0 lượt tiếp — Chủ tịch họp HĐND"), "{shown}");
}

#[test]
fn an_online_visit_keeps_its_linked_site_and_recording() {
    let desk = Desk::ready();
    let mut visit = an_visit();
    visit["reception"] = json!("online");
    visit["online_site"] = json!("Điểm cầu UBND quận Hà Đông");
    visit["recording_ref"] = json!("REC-2026-03-02-01");
    let stored = desk.add_visit(&visit);
    assert_eq!(stored["reception"], "online");
    assert_eq!(stored["online_site"], "Điểm cầu UBND quận Hà Đông");
    assert_eq!(stored["recording_ref"], "REC-2026-03-02-01");
    let text = desk.ok(&["visit", "show", "0001/2026/A"]);
    assert!(text.contains("Tiếp trực tuyến") && text.contains("Điểm cầu UBND quận Hà Đông"), "{text}");
    assert!(text.contains("REC-2026-03-02-01"), "{text}");

    visit.as_object_mut().unwrap().remove("online_site");
    let run = add(&desk, &visit);
    assert_eq!(run.code, 3, "online needs its linked site: {}", run.stderr);
    assert!(run.stderr.contains("online_site is required"), "{}", run.stderr);
    assert_eq!(desk.visits_on("2026-03-02").len(), 1, "nothing more was recorded");
}

#[test]
fn the_schedule_sets_the_heads_fixed_days_and_the_desk_hours() {
    let desk = Desk::ready();
    assert!(desk.ok(&["schedule", "show"]).contains("(chưa đặt)"), "nothing set yet");
    let schedule = json!({
        "head_days": [{ "weekday": 4, "part": "morning" }],
        "desk_hours": [
            { "weekday": 3, "opens": "13:30:00", "closes": "17:00:00" },
            { "weekday": 1, "opens": "07:30:00", "closes": "11:30:00" }
        ]
    });
    let run = desk.run_with_input(&["schedule", "set", "--json", "-"], &schedule.to_string());
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    let shown = json_of(&desk, &["schedule", "show", "--json"]);
    assert_eq!(shown["desk_hours"][0]["weekday"], 1, "desk hours in weekday order: {shown}");
    let text = desk.ok(&["schedule", "show"]);
    assert!(text.contains("Thứ Năm, buổi sáng"), "{text}");
    assert!(text.contains("Thứ Hai: 07:30–11:30") && text.contains("Thứ Tư: 13:30–17:00"), "{text}");

    let bad = json!({ "head_days": [{ "weekday": 8 }], "desk_hours": [{ "weekday": 2, "opens": "11:00:00", "closes": "08:00:00" }] });
    let run = desk.run_with_input(&["schedule", "set", "--json", "-"], &bad.to_string());
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(
        run.stderr.contains("head_days[0].weekday") && run.stderr.contains("desk_hours[0].closes"),
        "{}",
        run.stderr
    );
    assert_eq!(json_of(&desk, &["schedule", "show", "--json"]), shown, "the schedule is unchanged");
}

#[test]
fn a_clerk_keeps_sessions_but_does_not_set_the_wards_schedule() {
    let (desk, officers, _) = desk_with_a_denunciation();
    desk.sign_in_as(&officers.clerk, CLERK_PASSWORD);
    let id = plan(&desk, &["--on", "2026-03-05", "--sat", "head"]);
    desk.ok(&["session", "close", &id, "--held"]);
    let run = desk.run_with_input(&["schedule", "set", "--json", "-"], r#"{"head_days": [{"weekday": 4}]}"#);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(run.stderr.contains("roles do not permit"), "{}", run.stderr);
}
