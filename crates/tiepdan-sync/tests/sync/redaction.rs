//! Nothing identifying stays at the district (issue 14): a visit synced in clear and protected
//! only later is redacted there; a protected visit's words and links never travel. Checked against
//! the real server process: what its store keeps (a SQLite file and its WAL, or a PostgreSQL
//! database's rows) and what its API answers.

use crate::support::{file_contains, text, Desk, District};
use reqwest::blocking::Client;
use serde_json::{json, Value};
use tiepdan_domain::visit::{Visit, VisitDraft};
use tiepdan_protocol::{paths, PROTOCOL_VERSION, VERSION_HEADER};

const NAME: &str = "Lý Thị Lộmặt";
const ID_NUMBER: &str = "079302000123";
const PHONE: &str = "0904 111 222";
const SUMMARY: &str = "Kiến nghị sửa đèn đường ngõ Hòe Nhai";
const NOTE: &str = "Bà Lộmặt xin giữ kín, gọi số 0904 111 222";

fn draft(kind: &str) -> VisitDraft {
    serde_json::from_value(json!({
        "visitors": [{ "full_name": NAME, "id_kind": "cccd", "id_number": ID_NUMBER, "birth_year": 2002,
                       "sex": "female", "address": "Số 2 ngõ Hòe Nhai", "phone": PHONE }],
        "summary": SUMMARY,
        "notes": NOTE,
        "documents": [{ "title": "Đơn của bà Lý Thị Lộmặt", "original": true, "pages": 1 }],
        "petition": { "kind": kind, "field": "land" },
    }))
    .expect("draft")
}

fn record(desk: &Desk, draft: VisitDraft) -> Visit {
    let owner = desk.owner();
    desk.register.lock().unwrap().record_visit(&owner, draft).expect("recorded")
}

/// A second desk of the same ward, enrolled over HTTP: every desk of the ward may read the ward's
/// streams back, so what it reads is what the district gives away.
fn ward_credential(district: &District) -> String {
    let resp = Client::new()
        .post(format!("{}{}", district.url, paths::ENROLL))
        .header(VERSION_HEADER, PROTOCOL_VERSION.to_string())
        .json(&json!({ "code": district.code("12345", "B") }))
        .send()
        .expect("sent");
    assert_eq!(resp.status(), 200, "a second desk of the ward enrolls");
    resp.json::<Value>().expect("json")["credential"].as_str().expect("credential").to_string()
}

/// What `GET /streams/{id}/events` answers a desk of the ward, as text.
fn read_back(district: &District, credential: &str, stream: &str) -> String {
    let url = format!("{}{}?after=0&limit=500", district.url, paths::stream_events(stream));
    let resp = Client::new()
        .get(url)
        .header(VERSION_HEADER, PROTOCOL_VERSION.to_string())
        .bearer_auth(credential)
        .send()
        .expect("sent");
    assert_eq!(resp.status(), 200, "the ward's desk may read its streams back");
    resp.text().expect("text")
}

#[test]
fn a_visit_synced_as_a_proposal_then_amended_to_a_denunciation_leaves_nothing_identifying_at_the_district() {
    let district = District::start();
    let desk = Desk::new("12345", 'A');
    desk.enroll(&district, "12345", "A");
    let visit = record(&desk, draft("proposal"));
    desk.round().expect("round");
    assert!(
        file_contains(district.db(), NAME),
        "a proposal travels whole: the test starts where the leak did"
    );

    let mut amended: VisitDraft = visit.details.clone().into();
    amended.petition = draft("denunciation").petition;
    let owner = desk.owner();
    desk.register
        .lock()
        .unwrap()
        .amend_visit(&owner, visit.id, amended, "Công dân tố cáo, không phải kiến nghị")
        .expect("amended");
    desk.round().expect("round");
    desk.assert_all_acknowledged(&district);

    let credential = ward_credential(&district);
    let stream = desk.streams()[0].0.to_string();
    let answer = read_back(&district, &credential, &stream);
    for text in
        [NAME, "Lộmặt", ID_NUMBER, PHONE, "0904111222", SUMMARY, "Số 2 ngõ Hòe Nhai", "Công dân tố cáo"]
    {
        assert!(!file_contains(district.db(), text), "{text:?} is gone from the district's files");
        assert!(!answer.contains(text), "{text:?} is not given back to the ward's desks");
    }
    assert!(answer.contains("denunciation"), "the district still knows what kind of matter it was");
    let report = district.check();
    assert_eq!(report.streams[&stream].hwm, desk.streams()[0].1, "the redacted chain still verifies (I5)");
}

#[test]
fn a_protected_visit_sends_no_words_and_no_link_the_district_could_join() {
    let district = District::start();
    let desk = Desk::new("12345", 'A');
    desk.enroll(&district, "12345", "A");
    let earlier = desk.record("Đinh Văn Nhậndiện", Some("proposal"), "Kiến nghị về cấp nước");
    let denunciation = record(&desk, draft("denunciation"));
    let owner = desk.owner();
    desk.register.lock().unwrap().link_repeat(&owner, denunciation.id, earlier.id).expect("linked");
    desk.round().expect("round");
    desk.assert_all_acknowledged(&district);

    for text in [NAME, ID_NUMBER, PHONE, "0904111222", SUMMARY, NOTE, "Đơn của bà"] {
        assert!(!file_contains(district.db(), text), "{text:?} stays at the ward");
    }
    let events = district.rows("events");
    let link = events.iter().find(|row| text(&row["kind"]) == Some("repeat_linked"));
    let link = text(&link.expect("the link reached the district")["payload"]).expect("a payload").to_string();
    assert!(!link.contains(&earlier.id.to_string()), "the district cannot join the denunciation to {link}");
    assert!(link.contains(&denunciation.id.to_string()), "the repeat is still counted");
    let earlier_id = earlier.id.to_string();
    let joined = district
        .rows("visit_events")
        .iter()
        .filter(|row| text(&row["visit_id"]) == Some(&earlier_id))
        .count();
    assert_eq!(joined, 1, "only the earlier visit's own record is about it");
    let credential = ward_credential(&district);
    let answer = read_back(&district, &credential, &desk.streams()[0].0.to_string());
    let page: Value = serde_json::from_str(&answer).expect("json");
    let linked = page["events"].as_array().expect("events").iter().find(|e| e["kind"] == "repeat_linked");
    assert!(!linked.expect("the link").to_string().contains(&earlier.id.to_string()));
}
