//! Push (`sync-design.md`, Push): duplicates, gaps, forks, hashes, confidentiality, limits.

use crate::support::{api, body, push, visit, Journal, Server};
use reqwest::blocking::Client;
use tiepdan_domain::event::{Event, GENESIS};
use tiepdan_protocol::PushRequest;

#[test]
fn a_batch_is_stored_and_a_resent_batch_is_not_doubled() {
    let server = Server::start();
    let cred = server.enroll("12345", "A");
    let mut journal = Journal::new("12345", 'A');
    journal.visits(4);
    let (status, first) = push(&server, &cred, &journal.path(), &journal.batch(1, 5));
    assert_eq!(status, 200, "{first}");
    assert_eq!((first["hwm"].as_u64(), first["stored"].as_u64()), (Some(5), Some(5)));
    assert_eq!(first["head"], hex::encode(journal.head()), "the answer names the durable head");
    let (status, again) = push(&server, &cred, &journal.path(), &journal.batch(1, 5));
    assert_eq!(status, 200, "a resend after a lost answer is fine: {again}");
    assert_eq!((again["stored"].as_u64(), again["duplicates"].as_u64()), (Some(0), Some(5)));
    let (_, overlap) = push(&server, &cred, &journal.path(), &{
        journal.visits(2);
        journal.batch(4, 7)
    });
    assert_eq!((overlap["hwm"].as_u64(), overlap["stored"].as_u64()), (Some(7), Some(2)));
    let report = server.check();
    assert_eq!(report.events, 7, "each event is stored exactly once (I3)");
}

#[test]
fn a_batch_after_a_gap_is_refused_with_the_expected_seq() {
    let server = Server::start();
    let cred = server.enroll("12345", "A");
    let mut journal = Journal::new("12345", 'A');
    journal.visits(6);
    assert_eq!(push(&server, &cred, &journal.path(), &journal.batch(1, 3)).0, 200);
    let (status, gap) = push(&server, &cred, &journal.path(), &journal.batch(6, 7));
    assert_eq!(status, 409);
    assert_eq!(gap["code"], "gap");
    assert_eq!(gap["expected_seq"], 4, "the desk resends from here");
    let (status, healed) = push(&server, &cred, &journal.path(), &journal.batch(4, 7));
    assert_eq!(
        (status, healed["hwm"].as_u64()),
        (200, Some(7)),
        "resending from the expected seq heals the gap"
    );
    assert_eq!(server.check().events, 7);
}

#[test]
fn a_fork_is_quarantined_and_the_stream_stops_without_overwriting() {
    let server = Server::start();
    let cred = server.enroll("12345", "A");
    let mut journal = Journal::new("12345", 'A');
    journal.visits(2);
    assert_eq!(push(&server, &cred, &journal.path(), &journal.batch(1, 3)).0, 200);
    // A copied register continues the same stream with different content at seq 3.
    let mut copy = Journal { stream: journal.stream, events: journal.events[..2].to_vec() };
    copy.append(visit("Trần Thị Khác", Some("proposal")));
    let (status, fork) = push(&server, &cred, &copy.path(), &copy.batch(3, 3));
    assert_eq!((status, fork["code"].as_str()), (409, Some("fork")), "{fork}");
    assert_eq!(fork["fork_seq"], 3);
    journal.visits(1);
    let (status, after) = push(&server, &cred, &journal.path(), &journal.batch(4, 4));
    assert_eq!((status, after["code"].as_str()), (409, Some("fork")), "the stream stays stopped");
    let report = server.check();
    assert_eq!(report.quarantined_versions, 1, "the other version is kept");
    let forks: serde_json::Value = serde_json::from_str(&server.admin(&["forks", "--json"])).expect("json");
    assert_eq!(forks[0]["seq"], 3);
    assert_eq!(forks[0]["incoming"]["id"], copy.events[2].id.to_string(), "both versions can be reviewed");
    assert_eq!(forks[0]["stored_event_id"], journal.events[2].id.to_string());
    // District staff deal with the copy, then release the stream: the genuine desk goes on.
    server.admin(&[
        "stream",
        "release",
        "--stream",
        &journal.stream.to_string(),
        "--note",
        "bản sao đã thu hồi",
    ]);
    let (status, resumed) = push(&server, &cred, &journal.path(), &journal.batch(4, 4));
    assert_eq!((status, resumed["hwm"].as_u64()), (200, Some(4)), "{resumed}");
    assert_eq!(server.admin(&["forks", "--json"]).trim(), "[]", "no longer waiting for anyone");
    assert_eq!(server.check().quarantined_versions, 1, "the refused version stays on record");
    assert_eq!(report.streams[&journal.stream.to_string()].hwm, 3, "the stored version is untouched");
}

#[test]
fn a_payload_that_does_not_match_its_hash_or_chain_is_refused_and_nothing_is_stored() {
    let server = Server::start();
    let cred = server.enroll("12345", "A");
    let mut journal = Journal::new("12345", 'A');
    journal.visits(2);
    let mut tampered = journal.batch(1, 3);
    tampered.events[1].payload = tampered.events[1].payload.replace("tranh chấp", "TRANH CHẤP");
    let (status, bad) = push(&server, &cred, &journal.path(), &tampered);
    assert_eq!((status, bad["code"].as_str()), (422, Some("bad_hash")), "{bad}");
    // An event sealed after the wrong predecessor breaks the chain.
    let wrong =
        Event::seal(journal.stream, 2, &GENESIS, &visit("Lê Văn Nam", None), chrono::Utc::now(), None)
            .expect("sealable");
    let mut broken = journal.batch(1, 1);
    broken.events.push(tiepdan_protocol::WireEvent::from_event(&wrong).expect("wire"));
    let (status, bad) = push(&server, &cred, &journal.path(), &broken);
    assert_eq!((status, bad["code"].as_str()), (422, Some("broken_chain")), "{bad}");
    assert_eq!(server.check().events, 0, "a refused batch changes nothing, not even its valid prefix");
}

#[test]
fn a_credential_of_ward_a_cannot_read_or_write_ward_b() {
    let server = Server::start();
    let a = server.enroll("12345", "A");
    let b = server.enroll("67890", "A");
    let mut journal = Journal::new("12345", 'A');
    journal.visits(2);
    assert_eq!(push(&server, &a, &journal.path(), &journal.batch(1, 3)).0, 200);
    journal.visits(1);
    let (status, denied) = push(&server, &b, &journal.path(), &journal.batch(4, 4));
    assert_eq!((status, denied["code"].as_str()), (403, Some("forbidden")), "I10 write: {denied}");
    let read = api(Client::new().get(server.url(&journal.path()))).bearer_auth(&b).send().expect("sent");
    assert_eq!(read.status(), 403, "I10 read");
    let own = api(Client::new().get(server.url(&format!("{}?after=0", journal.path()))))
        .bearer_auth(&a)
        .send()
        .expect("sent");
    let (status, page) = body(own);
    assert_eq!((status, page["events"].as_array().map(Vec::len)), (200, Some(3)), "the owner reads back");
    let other_desk = server.enroll("12345", "B");
    assert_eq!(
        push(&server, &other_desk, &journal.path(), &journal.batch(4, 4)).0,
        403,
        "one desk per stream"
    );
    assert_eq!(server.check().events, 3);
}

#[test]
fn a_denouncers_name_is_nowhere_in_the_server_store_even_from_a_desk_that_did_not_withhold_it() {
    let server = Server::start();
    let cred = server.enroll("12345", "A");
    let mut journal = Journal::new("12345", 'A');
    journal.append(visit("Phạm Văn Tốcáo", Some("denunciation")));
    journal.append(visit("Hoàng Thị Bímật", Some("denunciation")));
    journal.append(visit("Đỗ Văn Khiếunại", Some("complaint")));
    let mut req = journal.batch(1, 4);
    // The second denunciation arrives as an old desk would send it: unredacted.
    req.events[2] = tiepdan_protocol::WireEvent::from_event(&journal.events[2]).expect("wire");
    assert!(req.events[2].payload.contains("Hoàng Thị Bímật"));
    let (status, ok) = push(&server, &cred, &journal.path(), &req);
    assert_eq!(status, 200, "{ok}");
    for name in ["Phạm Văn Tốcáo", "Hoàng Thị Bímật"] {
        assert!(
            !tiepdan_server::invariants::store_files_contain(server.db(), name),
            "{name} must stay at the ward"
        );
    }
    assert!(tiepdan_server::invariants::store_files_contain(server.db(), "Đỗ Văn Khiếunại"));
    server.check();
    let wards: serde_json::Value = serde_json::from_str(&server.admin(&["wards", "--json"])).expect("json");
    assert_eq!(wards[0]["visits_today"], 3, "withheld visits still count");
}

#[test]
fn malformed_oversized_or_unauthenticated_pushes_get_a_code_and_change_nothing() {
    let server = Server::start();
    let cred = server.enroll("12345", "A");
    let journal = Journal::new("12345", 'A');
    let url = server.url(&journal.path());
    let send = |b: reqwest::blocking::RequestBuilder| body(b.send().expect("sent"));
    let (status, e) = send(api(Client::new().post(&url)).bearer_auth(&cred).body("{not json"));
    assert_eq!((status, e["code"].as_str()), (400, Some("bad_request")));
    let (status, e) =
        send(api(Client::new().post(server.url("/api/v1/streams/zzz/events"))).bearer_auth(&cred));
    assert_eq!((status, e["code"].as_str()), (400, Some("bad_request")));
    let huge = vec![b' '; tiepdan_protocol::MAX_BODY_BYTES + 1];
    let (status, e) = send(api(Client::new().post(&url)).bearer_auth(&cred).body(huge));
    assert_eq!((status, e["code"].as_str()), (413, Some("too_large")), "the desk halves its batch");
    let (status, e) =
        send(api(Client::new().post(&url)).bearer_auth("tdc_forged").json(&journal.batch(1, 1)));
    assert_eq!((status, e["code"].as_str()), (401, Some("unauthorized")));
    let (status, e) = send(Client::new().post(&url).bearer_auth(&cred).json(&journal.batch(1, 1)));
    assert_eq!((status, e["code"].as_str()), (426, Some("protocol_too_old")), "no version header");
    let old = Client::new().post(&url).header(tiepdan_protocol::VERSION_HEADER, "0").bearer_auth(&cred);
    let (status, e) = send(old.json(&journal.batch(1, 1)));
    assert_eq!(
        (status, e["code"].as_str(), e["min_version"].as_u64()),
        (426, Some("protocol_too_old"), Some(1))
    );
    assert!(e["message"].as_str().unwrap_or_default().contains("cập nhật"), "tells the desk to update");
    let mut not_contiguous = journal.batch(1, 1);
    not_contiguous.events.push(not_contiguous.events[0].clone());
    assert_eq!(push(&server, &cred, &journal.path(), &not_contiguous).0, 400);
    let mut absurd = journal.batch(1, 1);
    absurd.events[0].seq = u64::MAX;
    assert_eq!(push(&server, &cred, &journal.path(), &absurd).0, 400, "a seq beyond the store's range");
    let empty = PushRequest { local_max_seq: 0, events: vec![] };
    assert_eq!(push(&server, &cred, &journal.path(), &empty).0, 200, "an empty batch only reports");
    assert_eq!(server.check().events, 0);
}
