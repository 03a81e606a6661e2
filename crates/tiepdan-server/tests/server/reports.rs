//! The district's periodic reports (issue 17): two wards' desks push a quarter through the real API,
//! and `tiepdan-server report`, the dashboard's "Báo cáo" page and its JSON give every ward's row
//! and the total, each cell equal to the count worked out by hand below.

use crate::projection::{event, petition};
use crate::support::{body, browser, login_at, push, session_of, Journal, Server};
use reqwest::blocking::Client;
use serde_json::{json, Value};
use tiepdan_domain::event::EventBody;
use tiepdan_protocol::{withhold, PushRequest};

/// A visit at the desk on `day` (no petition when `petition` is null), with `extra` details.
fn visit(day: &str, petition_json: Value, extra: Value) -> (String, EventBody) {
    petition(day, "desk", ("Nguyễn Văn Đến", "001070000099"), petition_json, extra)
}

/// Pushes the whole journal; `protected` names the events (by seq) sent as a protected visit's.
fn push_all(server: &Server, cred: &str, journal: &Journal, protected: &[u64]) {
    let n = journal.events.len() as u64;
    let mut req: PushRequest = journal.batch(1, n);
    for seq in protected {
        let e = &journal.events[*seq as usize - 1];
        req.events[*seq as usize - 1] = withhold::for_upstream_protecting(e, true).expect("wire form");
    }
    let (status, answer) = push(server, cred, &journal.path(), &req);
    assert_eq!(status, 200, "the quarter is stored: {answer}");
}

/// Ward 12345's quarter: three visits (a repeat, a head's group of six), a cancelled one and one the
/// day after the cut-off; a head's session with its visit, a delegated one nobody came to; a mailed
/// petition carried over from the previous period, transferred and answered; an online one pending.
pub(crate) fn ha_dong(server: &Server) {
    let cred = server.enroll("12345", "A");
    let mut j = Journal::new("12345", 'A');
    let (s1, s2) = (uuid::Uuid::now_v7().to_string(), uuid::Uuid::now_v7().to_string());
    j.append(event("session_planned", json!({ "id": s1, "planned_on": "2026-03-14", "sat": "head" })));
    j.append(event("session_planned", json!({ "id": s2, "planned_on": "2026-02-20", "sat": "delegate" })));
    let (v1, e) = visit(
        "2026-01-10",
        json!({ "kind": "complaint", "handling": "accept", "competent": true }),
        json!({ "people_count": 2 }),
    );
    j.append(e);
    let (v2, e) = visit(
        "2026-02-01",
        json!({ "kind": "complaint", "handling": "guide", "competent": false }),
        json!({}),
    );
    j.append(e);
    j.append(event("repeat_linked", json!({ "visit_id": v2, "earlier_visit_id": v1 })));
    let (_, e) = visit(
        "2026-03-14",
        Value::Null,
        json!({ "reception": "leader_periodic", "people_count": 6, "session_id": s1 }),
    );
    j.append(e);
    let (_, e) = visit("2026-03-15", Value::Null, json!({}));
    j.append(e);
    let (v5, e) = visit("2026-01-05", json!({ "kind": "complaint" }), json!({ "reception": "delegated" }));
    j.append(e);
    j.append(EventBody::VisitCancelled { visit_id: v5.parse().expect("id"), reason: "Nhập nhầm".into() });
    j.append(event("session_closed", json!({ "session_id": s1, "outcome": "held", "visits": 1 })));
    j.append(event("session_closed", json!({ "session_id": s2, "outcome": "unattended", "visits": 0 })));
    let (p1, e) = petition(
        "2025-12-01",
        "post",
        ("Lê Thị Gửi", "001190000011"),
        json!({ "kind": "proposal" }),
        json!({}),
    );
    j.append(e);
    j.append(event(
        "petition_processed",
        json!({ "visit_id": p1, "processed_on": "2026-01-20", "eligible": true, "competent": false,
                "handling": "transfer", "transfer_to": "UBND tỉnh" }),
    ));
    j.append(event("petition_transferred", json!({ "visit_id": p1, "on": "2026-01-20", "to": "UBND tỉnh" })));
    j.append(event("transfer_answered", json!({ "visit_id": p1, "on": "2026-02-10", "answer": "Đã nhận" })));
    j.append(event("petition_accepted", json!({ "visit_id": v1, "on": "2026-01-15", "accepted": true })));
    j.append(event("petition_resolved", json!({ "visit_id": v1, "on": "2026-03-01", "outcome": "correct" })));
    let (_, e) = petition(
        "2026-02-15",
        "online",
        ("Trần Văn Mạng", "001190000022"),
        json!({ "kind": "denunciation" }),
        json!({}),
    );
    j.append(e);
    push_all(server, &cred, &j, &[]);
}

/// Ward 67890's quarter: a reflection filed as not eligible, a denunciation (a protected visit)
/// and a later visit linked to it (the link reaches the district without its other end), and a
/// leader's ad hoc group of seven, a repeat of the first visit.
pub(crate) fn kien_hung(server: &Server) {
    let cred = server.enroll("67890", "A");
    let mut j = Journal::new("67890", 'A');
    let (w1, e) = visit(
        "2026-01-12",
        json!({ "kind": "reflection", "eligible": false, "handling": "file", "competent": false }),
        json!({}),
    );
    j.append(e);
    let (w2, e) = visit(
        "2026-02-02",
        json!({ "kind": "denunciation", "handling": "accept", "competent": true }),
        json!({}),
    );
    j.append(e);
    let (w3, e) = visit("2026-02-20", Value::Null, json!({}));
    j.append(e);
    j.append(event("repeat_linked", json!({ "visit_id": w3, "earlier_visit_id": w2 })));
    let protected_link = j.events.len() as u64;
    let (w5, e) =
        visit("2026-01-20", Value::Null, json!({ "reception": "leader_ad_hoc", "people_count": 7 }));
    j.append(e);
    j.append(event("repeat_linked", json!({ "visit_id": w5, "earlier_visit_id": w1 })));
    push_all(server, &cred, &j, &[2, protected_link]);
}

/// `{"1": a, "2": b, …}` from the hand counts by column; every other column of the form nought.
fn columns(width: u16, counts: &[(u16, u64)], notes: &[(u16, &str)]) -> Value {
    let mut out = serde_json::Map::new();
    for n in 1..=width {
        out.insert(n.to_string(), json!(0));
    }
    for (n, v) in counts {
        out.insert(n.to_string(), json!(v));
    }
    for (n, text) in notes {
        out.insert(n.to_string(), json!(text));
    }
    Value::Object(out)
}

fn report(server: &Server, form: &str) -> Value {
    let out = server.admin(&["report", form, "--period", "q1", "--year", "2026", "--json"]);
    serde_json::from_str(&out).expect("the report is JSON")
}

fn assert_cells(got: &Value, want: &Value, what: &str) {
    for (n, v) in want.as_object().expect("columns") {
        assert_eq!(&got[n], v, "{what}, column ({n})");
    }
    assert_eq!(got.as_object().map(|o| o.len()), want.as_object().map(|o| o.len()), "{what}: every column");
}

#[test]
fn the_district_counts_01_tcd_for_every_ward_and_the_total_as_counted_by_hand() {
    let server = Server::start();
    ha_dong(&server);
    kien_hung(&server);
    let r = report(&server, "tcd01");
    assert_eq!((r["form"].as_str(), r["period"].as_str()), (Some("01/TCD"), Some("Quý I năm 2026")));
    assert_eq!((r["from"].as_str(), r["to"].as_str()), (Some("2025-12-15"), Some("2026-03-14")));
    let rows = r["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), 2, "one row per ward");
    assert_eq!(
        (rows[0]["ward_code"].as_str(), rows[0]["ward_name"].as_str()),
        (Some("12345"), Some("Phường Hà Đông"))
    );
    let unattended = (30, "1 kỳ tiếp của lãnh đạo không có công dân đến");
    // 12345: V1 (2 people) and V2 (its repeat) at the desk; V3, a head's group of six in session S1;
    // S2 delegated, nobody came. The visit of 15/03 is in Quý II; the cancelled one never counts.
    let ha_dong = columns(
        30,
        &[
            (1, 3),
            (2, 9),
            (3, 3),
            (4, 2),
            (5, 3),
            (6, 1),
            (7, 1),
            (12, 1),
            (13, 1),
            (14, 6),
            (15, 1),
            (17, 1),
        ]
        .into_iter()
        .chain([(18, 6), (19, 1), (21, 1)])
        .collect::<Vec<_>>(),
        &[unattended],
    );
    assert_cells(&rows[0]["columns"], &ha_dong, "Phường Hà Đông");
    // 67890: W1, W2 first visits, W3 a repeat (of the protected W2: its matter is counted on its
    // own, as the desk counts it when the repeat is the only visit of the matter in the cell); W5 a
    // leader's group of seven repeating W1's matter.
    let kien_hung = columns(
        30,
        &[
            (1, 4),
            (2, 10),
            (3, 4),
            (4, 3),
            (5, 3),
            (6, 2),
            (7, 1),
            (13, 1),
            (14, 7),
            (16, 1),
            (17, 1),
            (18, 7),
            (20, 1),
        ],
        &[(30, "")],
    );
    assert_cells(&rows[1]["columns"], &kien_hung, "Phường <Kiến> Hưng");
    let total = columns(
        30,
        &[
            (1, 7),
            (2, 19),
            (3, 7),
            (4, 5),
            (5, 6),
            (6, 3),
            (7, 2),
            (12, 1),
            (13, 2),
            (14, 13),
            (15, 1),
            (16, 1),
        ]
        .into_iter()
        .chain([(17, 2), (18, 13), (19, 1), (20, 1), (21, 1)])
        .collect::<Vec<_>>(),
        &[unattended],
    );
    assert_cells(&r["total"], &total, "the total row");
}

#[test]
fn the_district_counts_01_xld_for_every_ward_and_the_total_as_counted_by_hand() {
    let server = Server::start();
    ha_dong(&server);
    kien_hung(&server);
    let r = report(&server, "xld01");
    let rows = r["rows"].as_array().expect("rows");
    // 12345: P1 carried in (received 01/12/2025), processed and transferred in the quarter, its
    // answer on 10/02; V1 accepted within competence, V2 guided (one matter with V1); P2 pending.
    let ha_dong = columns(
        23,
        &[(1, 4), (2, 1), (3, 3), (4, 3), (5, 1), (6, 3), (7, 2), (8, 2), (10, 1), (13, 3), (14, 1), (15, 1)]
            .into_iter()
            .chain([(18, 2), (19, 1), (20, 1), (22, 1)])
            .collect::<Vec<_>>(),
        &[(23, "")],
    );
    assert_cells(&rows[0]["columns"], &ha_dong, "Phường Hà Đông");
    // 67890: W1 filed as not eligible (Ghi chú), W2 a denunciation within competence.
    let kien_hung = columns(
        23,
        &[(1, 2), (3, 2), (4, 2), (6, 1), (7, 1), (9, 1), (13, 1), (14, 1), (16, 1)],
        &[(23, "1 đơn lưu, không đủ điều kiện xử lý")],
    );
    assert_cells(&rows[1]["columns"], &kien_hung, "Phường <Kiến> Hưng");
    let total = columns(
        23,
        &[(1, 6), (2, 1), (3, 5), (4, 5), (5, 1), (6, 4), (7, 3), (8, 2), (9, 1), (10, 1), (13, 4), (14, 2)]
            .into_iter()
            .chain([(15, 1), (16, 1), (18, 2), (19, 1), (20, 1), (22, 1)])
            .collect::<Vec<_>>(),
        &[(23, "1 đơn lưu, không đủ điều kiện xử lý")],
    );
    assert_cells(&r["total"], &total, "the total row");
    let one = server.admin(&[
        "report",
        "xld01",
        "--from",
        "2025-12-15",
        "--to",
        "2026-03-14",
        "--ward",
        "67890",
        "--json",
    ]);
    let one: Value = serde_json::from_str(&one).expect("json");
    assert_eq!(one["rows"].as_array().map(Vec::len), Some(1), "--ward: that ward's row only");
    assert_eq!(one["rows"][0]["columns"], rows[1]["columns"], "a range of days counts as the same quarter");
    assert_eq!(one["total"], rows[1]["columns"], "one ward: its total is its row");
}

/// Runs `tiepdan-server report …` expecting a refusal; returns its message.
fn refused(server: &Server, args: &[&str]) -> String {
    let out = std::process::Command::new(crate::support::BIN)
        .arg("--db")
        .arg(server.db_arg())
        .args(args)
        .output()
        .expect("runs");
    assert!(!out.status.success(), "{args:?} must fail");
    String::from_utf8_lossy(&out.stderr).trim().to_string()
}

#[test]
fn a_report_asked_for_wrongly_is_refused_in_one_line() {
    let server = Server::start();
    let text = server.admin(&["report", "tcd01", "--period", "q1", "--year", "2026"]);
    assert!(text.contains("Biểu số 01/TCD — Quý I năm 2026"), "a readable table: {text}");
    assert!(text.contains("Tổng cộng") && text.contains("Phường Hà Đông"), "{text}");
    for (args, says) in [
        (vec!["report", "tcd01", "--period", "q5", "--year", "2026"], "kỳ báo cáo không hợp lệ"),
        (vec!["report", "tcd01", "--period", "q1"], "--year"),
        (vec!["report", "tcd01", "--from", "2026-01-01"], "--from and --to"),
        (vec!["report", "tcd01", "--from", "2026-02-01", "--to", "2026-01-01"], "trước ngày bắt đầu"),
        (vec!["report", "tcd99", "--period", "q1", "--year", "2026"], "biểu báo cáo không hợp lệ"),
        (
            vec!["report", "tcd01", "--period", "q1", "--year", "2026", "--ward", "99999"],
            "không có phường 99999",
        ),
    ] {
        let message = refused(&server, &args);
        assert!(message.contains(says), "{args:?}: {message:?} should say {says:?}");
        assert_eq!(message.lines().count(), 1, "one line: {message:?}");
    }
}

#[test]
fn the_dashboard_shows_the_report_with_its_merged_header_and_the_json_is_the_same_report() {
    let server = Server::start_serving(&["--name", "UBND tỉnh Ninh Bình"]);
    ha_dong(&server);
    kien_hung(&server);
    let url = server.url("/bao-cao?form=tcd01&period=q1&year=2026");
    let anonymous = browser().get(&url).send().expect("sent");
    assert_eq!(anonymous.status(), 303, "the page needs a session, as every dashboard page");
    let json_url = server.url("/bao-cao.json?form=tcd01&period=q1&year=2026");
    assert_eq!(Client::new().get(&json_url).send().expect("sent").status(), 401, "so does its JSON");
    let session = session_of(&login_at(&server.base, "quan.tri", "mat-khau-dai-1", &[]));
    let html = browser().get(&url).header("cookie", &session).send().expect("sent").text().expect("html");
    for shown in [
        "UBND tỉnh Ninh Bình",
        "Biểu số 01/TCD",
        "Quý I năm 2026",
        "(Số liệu tính từ ngày 15/12/2025 đến ngày 14/03/2026)",
        "<th colspan=\"8\" rowspan=\"1\">Tiếp thường xuyên</th>",
        "<th colspan=\"2\" rowspan=\"1\">Vụ việc</th>",
        "<th rowspan=\"4\">Đơn vị</th>",
        "<th>(30)</th>",
        "12345 Phường Hà Đông",
        "67890 Phường &lt;Kiến&gt; Hưng",
        "<tr class=\"total\"><th>Tổng cộng</th><td class=\"n\">7</td><td class=\"n\">19</td>",
        "1 kỳ tiếp của lãnh đạo không có công dân đến",
    ] {
        assert!(html.contains(shown), "the page shows {shown:?}");
    }
    assert!(!html.to_lowercase().contains("quận"), "the upstream is named as configured, never \"quận\"");
    let from_page = Client::new().get(&json_url).header("cookie", &session).send().expect("sent");
    let (status, from_page) = body(from_page);
    assert_eq!(status, 200);
    let from_cli: Value = serde_json::from_str(
        &server.admin(&["report", "tcd01", "--period", "q1", "--year", "2026", "--json"]),
    )
    .expect("json");
    assert_eq!(from_page, from_cli, "the page's JSON and the command line give the same report");
    let bad = browser()
        .get(server.url("/bao-cao?form=tcd01&period=q9&year=2026"))
        .header("cookie", &session)
        .send()
        .expect("sent");
    assert_eq!(bad.status(), 400);
    assert!(
        bad.text().expect("html").contains("kỳ báo cáo không hợp lệ"),
        "a bad period is said in Vietnamese"
    );
    let default = browser().get(server.url("/bao-cao")).header("cookie", &session).send().expect("sent");
    assert_eq!(default.status(), 200, "without a choice: 01/TCD of the current official quarter");
}

#[test]
fn a_province_report_calendar_moves_the_district_periods_and_reaches_the_desks_in_the_feed() {
    let server = Server::start();
    let file = server.dir.path().join("lich.json");
    std::fs::write(&file, r#"{"cutoff_day": 31, "quarter_months": [2, 5, 8, 11], "authority": "UBND tỉnh"}"#)
        .expect("written");
    let message = refused(
        &server,
        &["reference", "set", "--kind", "report_calendar", "--file", file.to_str().unwrap()],
    );
    assert!(
        message.contains("lịch báo cáo không hợp lệ"),
        "a calendar no period can follow is refused: {message}"
    );
    std::fs::write(&file, r#"{"cutoff_day": 20, "quarter_months": [2, 5, 8, 11], "authority": "UBND tỉnh"}"#)
        .expect("written");
    server.admin(&["reference", "set", "--kind", "report_calendar", "--file", file.to_str().unwrap()]);
    let r = report(&server, "tcd01");
    assert_eq!(
        (r["from"].as_str(), r["to"].as_str()),
        (Some("2025-11-21"), Some("2026-02-20")),
        "Quý I on the province's calendar: the 21st of November to the 20th of February"
    );
    let cred = server.enroll("12345", "A");
    let feed = crate::support::api(Client::new().get(server.url("/api/v1/feed?after=0&limit=100")))
        .bearer_auth(&cred)
        .send()
        .expect("sent");
    let (status, page) = body(feed);
    assert_eq!(status, 200);
    let entry = page["entries"].as_array().expect("entries").iter().find(|e| e["kind"] == "report_calendar");
    assert_eq!(entry.map(|e| &e["data"]["cutoff_day"]), Some(&json!(20)), "the desks get the same calendar");
}
