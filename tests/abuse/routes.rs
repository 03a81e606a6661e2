//! The campaign's table: for each desk-facing route of `/api/v1`, about [`PER_ROUTE`] requests that
//! the server must refuse with a 4xx. Each route gets every mutation that applies to it once (the
//! "singles"), then pairs of a wrong header and a wrong body or query fill it up to the count, so
//! the table is route × mutation, fixed, and bounded.

use crate::mutations::{self as m, HeaderCase, MARKUP};
use crate::wire::Request;
use serde_json::{json, Value};

/// Requests per route.
pub const PER_ROUTE: usize = 200;

/// What the campaign aims at: real credentials and codes of a district set up for it.
pub struct Target {
    /// Desk B of ward 12345: a valid credential, never the owner of `stream`.
    pub token: String,
    /// Desk A of ward 67890: valid, but for another ward.
    pub other_ward: String,
    /// A stream stored for desk A of ward 12345.
    pub stream: String,
    /// Codes already exchanged for credentials.
    pub used_codes: Vec<String>,
    /// A code issued valid for 0 minutes.
    pub expired_code: String,
}

pub struct Route {
    pub name: &'static str,
    /// How many of `cases` are single mutations; the rest pair a wrong header with one of them.
    pub singles: usize,
    pub cases: Vec<(String, Request)>,
}

pub(crate) const VERSION: &str = "X-Tiepdan-Protocol";

pub(crate) fn api(method: &str, target: &str) -> Request {
    Request::new(method, target).header(VERSION, "1")
}

pub(crate) fn authed(method: &str, target: &str, token: &str) -> Request {
    api(method, target).header("Authorization", format!("Bearer {token}"))
}

fn json_post(target: &str, token: Option<&str>, body: impl Into<Vec<u8>>) -> Request {
    let r = token.map_or_else(|| api("POST", target), |t| authed("POST", target, t));
    r.header("Content-Type", "application/json").body(body)
}

/// Singles, then `header × body` pairs until the route has [`PER_ROUTE`] cases.
pub(crate) fn fill(
    name: &'static str,
    mut cases: Vec<(String, Request)>,
    headers: &[(&str, HeaderCase)],
) -> Route {
    let bodies: Vec<(String, Request)> =
        cases.iter().filter(|(_, r)| r.body.len() < 64 * 1024).cloned().collect();
    let singles = cases.len().min(PER_ROUTE);
    let missing = PER_ROUTE.saturating_sub(cases.len());
    for (h, b) in m::pairs(headers.len(), bodies.len(), missing) {
        let (header, (label, value)) = &headers[h];
        let (body_label, request) = &bodies[b];
        cases.push((format!("{label} + {body_label}"), request.clone().with(header, value.clone())));
    }
    cases.truncate(PER_ROUTE);
    Route { name, singles, cases }
}

/// Version, credential and method singles for a route.
pub(crate) fn header_singles(
    base: &Request,
    token: Option<&str>,
    wrong_methods: &[&str],
) -> Vec<(String, Request)> {
    let mut out = Vec::new();
    for (label, value) in m::versions() {
        out.push((label, base.clone().with(VERSION, value)));
    }
    if let Some(token) = token {
        for (label, value) in m::auths(token) {
            out.push((label, base.clone().with("Authorization", value)));
        }
    }
    for method in wrong_methods {
        let mut r = base.clone();
        r.method = method.to_string();
        out.push((format!("method {method}"), r));
    }
    out
}

pub(crate) fn fill_headers(token: Option<&str>) -> Vec<(&'static str, HeaderCase)> {
    let mut out: Vec<(&str, HeaderCase)> = m::versions().into_iter().map(|v| (VERSION, v)).collect();
    if let Some(token) = token {
        out.extend(m::auths(token).into_iter().map(|a| ("Authorization", a)));
    }
    out
}

/// Query strings `after`/`limit` must refuse (400).
pub(crate) fn bad_queries() -> Vec<String> {
    let mut out: Vec<String> = [
        "after=-1",
        "after=x",
        "after=1.5",
        "after=1e3",
        "after=18446744073709551616",
        "after=%FF",
        "after=",
        "after=%00",
        "limit=-1",
        "limit=x",
        "limit=99999999999999999999",
        "foo=1",
        "after=0&after=1",
        "after=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "after=0x10",
        "limit=%E1%BB",
    ]
    .iter()
    .map(|q| q.to_string())
    .collect();
    out.push(format!("after={}", "9".repeat(10_000)));
    out.push(format!("after=0&{}=1", "a".repeat(50_000)));
    out
}

/// Stream ids in the path that are not one (400), or paths that are not a route (404).
pub(crate) fn bad_streams() -> Vec<String> {
    let mut out: Vec<String> = [
        "not-a-uuid",
        "%3Cscript%3E",
        "%FF%FE",
        "..%2F..%2Fetc%2Fpasswd",
        "0",
        "-1",
        "01890a5d-ac96-774b-bcce-b302099a8057x",
        "{stream}",
        "%00",
        "%E1%BB",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    out.push("A".repeat(10_000));
    out
}

/// A label's view of a long value.
pub fn short(text: &str) -> String {
    if text.len() <= 40 {
        text.to_string()
    } else {
        format!("{}… ({} bytes)", &text[..20], text.len())
    }
}

pub fn enroll(t: &Target) -> Route {
    let path = "/api/v1/enroll";
    let base_value = json!({ "code": t.used_codes[0] });
    let base = json_post(path, None, base_value.to_string());
    let mut cases = Vec::new();
    let mut body = |label: String, bytes: Vec<u8>| cases.push((label, json_post(path, None, bytes)));
    for v in m::wrong_types() {
        body(format!("code {v}"), json!({ "code": v }).to_string().into_bytes());
    }
    for (label, bytes) in m::not_objects() {
        body(label, bytes);
    }
    body("BOM before JSON".into(), format!("\u{feff}{base_value}").into_bytes());
    for n in [65, 500, 1_000, 10_000, 100_000, 2_200_000] {
        body(format!("code of {n} bytes"), json!({ "code": "A".repeat(n) }).to_string().into_bytes());
    }
    for d in m::DEPTHS {
        body(format!("depth {d}"), m::deep(d).into_bytes());
        body(format!("code at depth {d}"), format!("{{\"code\":{}}}", m::deep(d)).into_bytes());
    }
    for (label, bytes) in m::truncations(base_value.to_string().as_bytes()) {
        body(label, bytes);
    }
    for (label, raw) in m::bad_utf8() {
        body(format!("code {label}"), m::with_raw_string(&base_value, "code", raw));
    }
    for markup in MARKUP {
        body(format!("code {markup}"), json!({ "code": markup }).to_string().into_bytes());
    }
    body(
        "unknown field".into(),
        json!({ "code": t.used_codes[0], "ward": "12345" }).to_string().into_bytes(),
    );
    body("code twice".into(), format!("{{\"code\":\"x\",\"code\":\"{}\"}}", t.used_codes[0]).into_bytes());
    for code in &t.used_codes {
        body(format!("replayed code {code}"), json!({ "code": code }).to_string().into_bytes());
        body("replayed, lower case".into(), json!({ "code": code.to_lowercase() }).to_string().into_bytes());
        body("replayed, padded".into(), json!({ "code": format!(" {code} ") }).to_string().into_bytes());
    }
    body("expired code".into(), json!({ "code": t.expired_code }).to_string().into_bytes());
    for code in ["AAAA-AAAA-AAAA", "0000-0000-0000", "ZZZZ-ZZZZ-ZZZZ", "ABCD-EFGH-JKLM", "%", "*"] {
        body(format!("made-up code {code}"), json!({ "code": code }).to_string().into_bytes());
    }
    for (label, content_type, bytes) in m::foreign_bodies("code", &t.used_codes[0]) {
        cases.push((label, api("POST", path).header("Content-Type", content_type).body(bytes)));
    }
    cases.extend(header_singles(&base, None, &["GET", "PUT", "DELETE", "PATCH"]));
    fill("POST /api/v1/enroll", cases, &fill_headers(None))
}

/// One event in the wire shape, its hashes well formed but wrong: refused (422) as it is.
fn base_event() -> Value {
    json!({
        "id": tiepdan_domain::StreamId::new().to_string(),
        "seq": 1,
        "kind": "stream_started",
        "recorded_at": "2026-11-25T02:00:00Z",
        "officer": null,
        "payload": "{\"ward_code\":\"12345\",\"desk\":\"B\",\"epoch\":1}",
        "payload_hash": "ab".repeat(32),
        "chain_hash": "cd".repeat(32),
        "withheld": [],
    })
}

pub fn push(t: &Target) -> Route {
    let path = format!("/api/v1/streams/{}/events", tiepdan_domain::StreamId::new());
    let batch = |event: Value| json!({ "local_max_seq": 1, "events": [event] });
    let base_value = batch(base_event());
    let base = json_post(&path, Some(&t.token), base_value.to_string());
    let mut cases = Vec::new();
    let mut body =
        |label: String, bytes: Vec<u8>| cases.push((label, json_post(&path, Some(&t.token), bytes)));
    let fields =
        ["id", "seq", "kind", "recorded_at", "officer", "payload", "payload_hash", "chain_hash", "withheld"];
    for field in fields {
        for v in m::wrong_types() {
            let mut e = base_event();
            e[field] = v.clone();
            body(format!("{field} {v}"), batch(e).to_string().into_bytes());
        }
    }
    for v in m::wrong_types() {
        body(
            format!("local_max_seq {v}"),
            json!({ "local_max_seq": v, "events": [base_event()] }).to_string().into(),
        );
    }
    for v in
        [Value::Null, json!(true), json!(-1), json!("x"), json!({}), json!([[]]), json!([null]), json!([1])]
    {
        body(format!("events {v}"), json!({ "local_max_seq": 1, "events": v }).to_string().into_bytes());
    }
    for (label, bytes) in m::not_objects() {
        body(label, bytes);
    }
    for (field, n) in
        [("kind", 65), ("kind", 10_000), ("kind", 1_000_000), ("payload", 10_000), ("payload", 1_000_000)]
            .into_iter()
            .chain([
                ("payload", 2_200_000),
                ("id", 10_000),
                ("payload_hash", 10_000),
                ("chain_hash", 100_000),
            ])
    {
        let mut e = base_event();
        e[field] = json!("A".repeat(n));
        body(format!("{field} of {n} bytes"), batch(e).to_string().into_bytes());
    }
    for d in m::DEPTHS {
        body(format!("depth {d}"), m::deep(d).into_bytes());
        let mut e = base_event();
        e["payload"] = json!(format!("{{\"a\":{}}}", m::deep(d)));
        body(format!("payload at depth {d}"), batch(e).to_string().into_bytes());
    }
    for (label, bytes) in m::truncations(base_value.to_string().as_bytes()) {
        body(label, bytes);
    }
    for (label, raw) in m::bad_utf8() {
        for field in ["kind", "payload"] {
            let mut out = b"{\"local_max_seq\":1,\"events\":[".to_vec();
            out.extend_from_slice(&m::with_raw_string(&base_event(), field, raw));
            out.extend_from_slice(b"]}");
            body(format!("{field} {label}"), out);
        }
    }
    for markup in MARKUP {
        for (field, value) in [("kind", json!(markup)), ("id", json!(markup)), ("withheld", json!([markup]))]
        {
            let mut e = base_event();
            e[field] = value;
            body(format!("{field} {markup}"), batch(e).to_string().into_bytes());
        }
        let mut e = base_event();
        e["payload"] = json!(json!({ "summary": markup }).to_string());
        body(format!("payload {markup}"), batch(e).to_string().into_bytes());
    }
    let mut gap = base_event();
    gap["seq"] = json!(3);
    let first = base_event();
    body(
        "events not contiguous".into(),
        json!({ "local_max_seq": 3, "events": [first, gap] }).to_string().into(),
    );
    let mut zero = base_event();
    zero["seq"] = json!(0);
    body("seq 0".into(), batch(zero).to_string().into_bytes());
    body(
        "local_max_seq 2^63".into(),
        format!("{{\"local_max_seq\":9223372036854775808,\"events\":[{}]}}", base_event()).into(),
    );
    let many: Vec<Value> = (1..=1001)
        .map(|seq| {
            let mut e = base_event();
            e["seq"] = json!(seq);
            e
        })
        .collect();
    body("1001 events".into(), json!({ "local_max_seq": 1001, "events": many }).to_string().into());
    body(
        "unknown field".into(),
        json!({ "local_max_seq": 1, "events": [], "ward": "67890" }).to_string().into(),
    );
    let mut extra = base_event();
    extra["ward_code"] = json!("67890");
    body("unknown event field".into(), batch(extra).to_string().into_bytes());
    body("seq twice".into(), base_value.to_string().replacen("\"seq\":1", "\"seq\":1,\"seq\":2", 1).into());
    for (label, content_type, bytes) in m::foreign_bodies("local_max_seq", "1") {
        cases.push((label, authed("POST", &path, &t.token).header("Content-Type", content_type).body(bytes)));
    }
    // A valid, empty batch to a stream stored for desk A of ward 12345: not this credential's.
    let theirs = format!("/api/v1/streams/{}/events", t.stream);
    let empty = json!({ "local_max_seq": 0, "events": [] }).to_string();
    cases.push(("another ward's credential".into(), json_post(&theirs, Some(&t.other_ward), empty.clone())));
    cases.push(("another desk's credential".into(), json_post(&theirs, Some(&t.token), empty)));
    for stream in bad_streams() {
        let target = format!("/api/v1/streams/{stream}/events");
        cases.push((
            format!("stream {}", short(&stream)),
            json_post(&target, Some(&t.token), base_value.to_string()),
        ));
    }
    cases.extend(header_singles(&base, Some(&t.token), &["PUT", "DELETE", "PATCH"]));
    fill("POST /api/v1/streams/{id}/events", cases, &fill_headers(Some(&t.token)))
}
