//! Issue 14, item 1: about 200 hostile requests per route against the real `tiepdan-server`
//! process, each to be refused with a 4xx (never a 5xx, never silence), the server still serving
//! afterwards, a real desk still pushing, `tiepdan-server check` passing on the store, and the markup
//! that a hostile operator or desk put into every text field shown escaped on the dashboard.

use crate::dashboard::{assert_escaped, login, login_route, page};
use crate::desk::Desk;
use crate::mutations::MARKUP;
use crate::routes::{self, Route, Target};
use crate::wire::{send, Request};
use std::collections::BTreeMap;
use tiepdan_tests::district::District;

/// Exchanges `code` for a credential through the API, as a desk does.
pub fn enroll(addr: &str, code: &str) -> String {
    let body = serde_json::json!({ "code": code }).to_string();
    let request = routes::api("POST", "/api/v1/enroll").header("Content-Type", "application/json").body(body);
    let answer = send(addr, &request).expect("answered");
    assert_eq!(answer.status, 200, "a fresh code enrolls: {}", answer.body);
    let value: serde_json::Value = serde_json::from_str(&answer.body).expect("JSON");
    value["credential"].as_str().expect("a credential").to_string()
}

pub fn code(district: &District, ward: &str, desk: &str, minutes: &str) -> String {
    let out = district.admin(&["enroll-code", "--ward", ward, "--desk", desk, "--valid-minutes", minutes]);
    out.lines().next().expect("a code").trim().to_string()
}

fn session(addr: &str, name: &str) -> String {
    let answer = login(addr, name, "mat-khau-dai-1");
    assert_eq!(answer.status, 303, "the login of {name:?} succeeds: {}", answer.head);
    answer.cookie("tiepdan_session").expect("a session cookie")
}

/// What one route's cases got: how many, how many refused with a 4xx, the statuses seen, and
/// every case that was answered otherwise.
struct Tally {
    tried: usize,
    refused: usize,
    statuses: BTreeMap<u16, usize>,
    wrong: Vec<String>,
}

fn run(addr: &str, route: &Route) -> Tally {
    let mut tally = Tally { tried: 0, refused: 0, statuses: BTreeMap::new(), wrong: Vec::new() };
    for (label, request) in &route.cases {
        tally.tried += 1;
        match send(addr, request) {
            Ok(answer) => {
                *tally.statuses.entry(answer.status).or_default() += 1;
                if (400..500).contains(&answer.status) {
                    tally.refused += 1;
                } else {
                    tally.wrong.push(format!("{} — {label}: {}", route.name, answer.status));
                }
            }
            Err(why) => tally.wrong.push(format!("{} — {label}: no answer ({why})", route.name)),
        }
    }
    tally
}

#[test]
fn two_hundred_hostile_requests_per_route_each_get_a_4xx_and_the_server_keeps_serving_and_checks_sound() {
    let mut district = District::start();
    let addr = district.addr.clone();
    district.admin(&["ward", "add", "--code", "67890", "--name", MARKUP[1]]);
    district.admin(&["user", "add", "--name", MARKUP[0], "--password", "mat-khau-dai-1"]);
    // Markup in every text field of a visit, typed at a real desk and pushed through the engine.
    let desk = Desk::new(&district, 'A');
    for markup in MARKUP {
        desk.record(markup, markup, markup);
    }
    assert_eq!(desk.round().pending, 0, "the desk's visits reached the district");

    // Logged in before the login route is attacked: its throttle then refuses this address a while.
    let session = session(&addr, MARKUP[0]);
    let before = page(&addr, &session);
    assert_eq!(before.status, 200, "the dashboard is served: {}", before.head);
    assert_escaped(&before.body, "the dashboard");
    assert!(
        before.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "the user's name is shown, escaped"
    );
    assert!(
        before.body.contains("&quot;&gt;&lt;img src=x onerror=1&gt;"),
        "the ward's name is shown, escaped"
    );

    let (code_b, code_other) = (code(&district, "12345", "B", "60"), code(&district, "67890", "A", "60"));
    let target = Target {
        token: enroll(&addr, &code_b),
        other_ward: enroll(&addr, &code_other),
        stream: desk.stream(),
        used_codes: vec![code_b, code_other],
        expired_code: code(&district, "12345", "C", "0"),
    };
    let table = [
        routes::enroll(&target),
        routes::push(&target),
        crate::reads::events(&target),
        crate::reads::stream(&target),
        crate::reads::desk(&target),
        crate::reads::feed(&target),
        login_route(&addr),
    ];
    let (mut tried, mut refused, mut wrong) = (0, 0, Vec::new());
    for route in &table {
        let tally = run(&addr, route);
        println!(
            "abuse: {:<36} {:>3} requests ({:>3} single mutations), {:>3} refused with a 4xx; statuses {:?}",
            route.name, tally.tried, route.singles, tally.refused, tally.statuses
        );
        tried += tally.tried;
        refused += tally.refused;
        wrong.extend(tally.wrong);
    }
    let crashes = usize::from(!district.is_running());
    println!("abuse: {tried} requests, {refused} refused as expected, {crashes} crashes");
    assert_eq!(crashes, 0, "the server process is still running");
    assert!(wrong.is_empty(), "answered other than with a 4xx:\n{}", wrong.join("\n"));

    let health = send(&addr, &Request::new("GET", "/api/v1/health")).expect("health answered");
    assert_eq!(health.status, 200, "the server still serves");
    desk.record("Lê Văn Sau", "Số 2 phố Tô Hiệu", "Kiến nghị sau chiến dịch");
    let after = desk.round();
    assert!(after.stored >= 1 && after.pending == 0, "a real desk still pushes: {after:?}");
    let later = page(&addr, &session);
    assert_eq!(later.status, 200, "the session opened before the campaign still works");
    assert_escaped(&later.body, "the dashboard after the campaign");
    let checked = district.check();
    println!("abuse: tiepdan-server check: {}", checked.trim());
}
