//! The campaign's reading routes: the desk's view, the ward feed, a stream's state and its events.
//! Their mutations are in the headers, the path and the query; a valid credential of ward 12345
//! with a valid query would be served, so each case changes one of them (or, when filling up to
//! [`PER_ROUTE`](crate::routes::PER_ROUTE), a header and one of the others).

use crate::routes::{
    authed, bad_queries, bad_streams, fill, fill_headers, header_singles, short, Route, Target,
};
use crate::wire::Request;

fn queried(path: &str, t: &Target, cases: &mut Vec<(String, Request)>) {
    for query in bad_queries() {
        cases.push((format!("query {}", short(&query)), authed("GET", &format!("{path}?{query}"), &t.token)));
    }
}

pub fn events(t: &Target) -> Route {
    let path = format!("/api/v1/streams/{}/events", t.stream);
    let base = authed("GET", &format!("{path}?after=0"), &t.token);
    let mut cases = Vec::new();
    queried(&path, t, &mut cases);
    for stream in bad_streams() {
        let target = format!("/api/v1/streams/{stream}/events?after=0");
        cases.push((format!("stream {}", short(&stream)), authed("GET", &target, &t.token)));
    }
    cases
        .push(("another ward's credential".into(), authed("GET", &format!("{path}?after=0"), &t.other_ward)));
    cases.extend(header_singles(&base, Some(&t.token), &["PUT", "DELETE", "PATCH"]));
    fill("GET /api/v1/streams/{id}/events", cases, &fill_headers(Some(&t.token)))
}

pub fn stream(t: &Target) -> Route {
    let path = format!("/api/v1/streams/{}", t.stream);
    // Desk B's credential, so even the base request is refused: the stream is desk A's (404).
    let base = authed("GET", &path, &t.token);
    let mut cases = vec![
        ("another desk's stream".into(), base.clone()),
        ("another ward's credential".into(), authed("GET", &path, &t.other_ward)),
        (
            "a stream never pushed".into(),
            authed("GET", "/api/v1/streams/01890a5d-ac96-774b-bcce-b302099a8057", &t.token),
        ),
    ];
    for stream in bad_streams() {
        cases.push((
            format!("stream {}", short(&stream)),
            authed("GET", &format!("/api/v1/streams/{stream}"), &t.token),
        ));
    }
    cases.extend(header_singles(&base, Some(&t.token), &["POST", "PUT", "DELETE", "PATCH"]));
    fill("GET /api/v1/streams/{id}", cases, &fill_headers(Some(&t.token)))
}

pub fn desk(t: &Target) -> Route {
    let base = authed("GET", "/api/v1/desk", &t.token);
    let mut cases = Vec::new();
    for path in [
        "/api/v1/desk/",
        "/api/v1/desk/x",
        "/api/v1/DESK",
        "/api/v1/desk%00",
        "/api/v2/desk",
        "/api/v1//desk",
        "/api/v1/desk/..",
        "/api/v1/desk%2F",
        "/api/v1/desk/%3Cscript%3E",
    ] {
        cases.push((format!("path {path}"), authed("GET", path, &t.token)));
    }
    cases.extend(header_singles(&base, Some(&t.token), &["POST", "PUT", "DELETE", "PATCH"]));
    fill("GET /api/v1/desk", cases, &fill_headers(Some(&t.token)))
}

pub fn feed(t: &Target) -> Route {
    let base = authed("GET", "/api/v1/feed?after=0", &t.token);
    let mut cases = Vec::new();
    queried("/api/v1/feed", t, &mut cases);
    cases.extend(header_singles(&base, Some(&t.token), &["POST", "PUT", "DELETE", "PATCH"]));
    fill("GET /api/v1/feed", cases, &fill_headers(Some(&t.token)))
}
