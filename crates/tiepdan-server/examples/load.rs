//! Load generator for the "end of day for the whole country" benchmark (issue 5, Performance):
//! `wards × desks` desks each push one end-of-day batch of `events` events, concurrently, to one
//! server on loopback. Prints total time, throughput and request latency percentiles.
//!
//! `cargo run --release -p tiepdan-server --example load -- 3321 2 50 64 [DB]`
//! (wards, desks per ward, events per desk, concurrent connections, and optionally the store as
//! `--db` names it: a `postgres://` URL of an empty database, else a temporary SQLite file, with a
//! pool of as many connections as the load has). Loopback only.

use chrono::Utc;
use reqwest::blocking::Client;
use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tiepdan_domain::clock::SystemClock;
use tiepdan_domain::event::{Event, EventBody, GENESIS};
use tiepdan_domain::ids::StreamId;
use tiepdan_protocol::{paths, withhold, PushRequest, PROTOCOL_VERSION, VERSION_HEADER};
use tiepdan_server::store::{Location, Store};

fn arg(n: usize, default: usize) -> usize {
    std::env::args().nth(n).and_then(|a| a.parse().ok()).unwrap_or(default)
}

fn visit(i: usize) -> EventBody {
    let v = serde_json::json!({
        "id": uuid::Uuid::now_v7(), "receipt_no": format!("{:04}/2026/A", i + 1), "status": "active",
        "received_at": "2026-11-25T09:00:00+07:00", "reception": "regular", "visitor_kind": "individual",
        "people_count": 1, "organisation": null,
        "visitors": [{ "full_name": format!("Nguyễn Văn {i}"), "address": "Số 12 phố Quang Trung" }],
        "summary": "Đề nghị xem xét giải quyết tranh chấp đất đai giữa các hộ liền kề",
        "petition": { "kind": "complaint", "field": "land" }, "documents": [], "refusal": null,
        "officer_id": null, "notes": ""
    });
    EventBody::VisitRecorded(serde_json::from_value(v).expect("visit"))
}

fn main() {
    let (wards, desks, events, concurrency) = (arg(1, 3321), arg(2, 2), arg(3, 50), arg(4, 64));
    let _ = rustls::crypto::ring::default_provider().install_default();
    let dir = tempfile::tempdir().expect("dir");
    let location = std::env::args()
        .nth(5)
        .map_or_else(|| Location::Sqlite(dir.path().join("server.db")), |db| Location::parse(&db));
    let store = Store::connect(&location, concurrency as u32, Arc::new(SystemClock)).expect("store");
    let store = Arc::new(store);
    eprintln!("store: {}", store.backend().engine());
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    runtime.spawn(tiepdan_server::serve_listener(store.clone(), listener, Default::default()));

    let setup = Instant::now();
    let client = Client::builder().pool_max_idle_per_host(concurrency).build().expect("client");
    let mut work = Vec::new();
    for w in 0..wards {
        let code = format!("{:05}", 10000 + w);
        store.add_ward(&code, &format!("Phường {w}")).expect("ward");
        for d in 0..desks {
            let letter = (b'A' + d as u8) as char;
            let one_time =
                store.issue_enrollment_code(&code, &letter.to_string(), chrono::Duration::hours(1));
            let resp: serde_json::Value = client
                .post(format!("{base}{}", paths::ENROLL))
                .header(VERSION_HEADER, PROTOCOL_VERSION.to_string())
                .json(&serde_json::json!({ "code": one_time.expect("code").code }))
                .send()
                .and_then(|r| r.json())
                .expect("enrolled");
            let credential = resp["credential"].as_str().expect("credential").to_string();
            let stream = StreamId::new();
            let mut previous = GENESIS;
            let mut batch = Vec::with_capacity(events);
            for seq in 1..=events as u64 {
                let body = if seq == 1 {
                    EventBody::StreamStarted {
                        ward_code: code.clone(),
                        desk: letter,
                        epoch: 1,
                        previous_stream: None,
                    }
                } else {
                    visit(seq as usize)
                };
                let e = Event::seal(stream, seq, &previous, &body, Utc::now(), None).expect("sealed");
                previous = e.chain_hash;
                batch.push(withhold::for_upstream(&e).expect("wire"));
            }
            let req = PushRequest { local_max_seq: events as u64, events: batch };
            work.push((
                credential,
                paths::stream_events(&stream.to_string()),
                serde_json::to_vec(&req).expect("json"),
            ));
        }
    }
    eprintln!("setup: {} desks enrolled and their batches sealed in {:.1?}", work.len(), setup.elapsed());

    let work = Arc::new(work);
    let next = Arc::new(AtomicUsize::new(0));
    let latencies = Arc::new(Mutex::new(Vec::with_capacity(work.len())));
    let start = Instant::now();
    let threads: Vec<_> = (0..concurrency)
        .map(|_| {
            let (work, next, latencies, client, base) =
                (work.clone(), next.clone(), latencies.clone(), client.clone(), base.clone());
            std::thread::spawn(move || loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                let Some((credential, path, body)) = work.get(i) else { return };
                let t = Instant::now();
                let resp = client
                    .post(format!("{base}{path}"))
                    .header(VERSION_HEADER, PROTOCOL_VERSION.to_string())
                    .header("content-type", "application/json")
                    .bearer_auth(credential)
                    .body(body.clone())
                    .timeout(Duration::from_secs(120))
                    .send()
                    .expect("sent");
                assert_eq!(resp.status(), 200, "push {i} accepted");
                latencies.lock().expect("lock").push(t.elapsed());
            })
        })
        .collect();
    threads.into_iter().for_each(|t| t.join().expect("joined"));
    let total = start.elapsed();
    let mut l = latencies.lock().expect("lock").clone();
    l.sort();
    let pct = |p: f64| l[((l.len() as f64 * p).ceil() as usize).saturating_sub(1).min(l.len() - 1)];
    let stored = events * work.len();
    println!(
        "{} pushes of {events} events ({stored} events) with {concurrency} connections: total {:.2?}, \
         {:.0} events/s, latency p50 {:.1?} p99 {:.1?} max {:.1?}",
        l.len(),
        total,
        stored as f64 / total.as_secs_f64(),
        pct(0.50),
        pct(0.99),
        l[l.len() - 1]
    );
    let report = tiepdan_server::invariants::check_store(&store).expect("invariants hold");
    assert_eq!(report.events as usize, stored, "every event stored once");
    runtime.shutdown_timeout(Duration::from_secs(5));
}
