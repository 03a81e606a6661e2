//! Load generator for the "end of day for the whole country" benchmark (issue 5, Performance):
//! `wards × desks` desks each push one end-of-day batch of `events` events, concurrently, to one
//! server on loopback. Prints total time, throughput and request latency percentiles.
//!
//! `cargo run --release -p tiepdan-server --example load -- 3321 2 50 64 [DASHBOARDS] [DB] [EVERY_MS]`
//! (wards, desks per ward, events per desk, concurrent connections; DASHBOARDS threads reading what
//! the dashboard shows — every ward's line and the forks — once every EVERY_MS milliseconds each
//! (default 1000: a person pressing reload every second, sixty times the page's own refresh; 0:
//! back to back) while the pushes run; DB is
//! `sqlite` (a file in a temporary directory, the default) or the superuser URL of a PostgreSQL
//! server, on which a fresh database is created). Loopback only. `scripts/bench-server.sh` runs the
//! engines side by side.

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
use tiepdan_server::store::{scratch, Location, Store};

/// The machine's CPU time so far, from /proc/stat: (user+nice, system+irq+softirq, iowait, idle).
fn cpu_times() -> Option<[u64; 4]> {
    let stat = std::fs::read_to_string("/proc/stat").ok()?;
    let n: Vec<u64> =
        stat.lines().next()?.split_whitespace().skip(1).filter_map(|x| x.parse().ok()).collect();
    Some([n.first()? + n.get(1)?, n.get(2)? + n.get(5)? + n.get(6)?, *n.get(4)?, *n.get(3)?])
}

/// This process's CPU time so far (the desks' HTTP client and the server, user + system), from
/// /proc/self/stat, in the same clock ticks as /proc/stat.
fn own_cpu() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name, which is in parentheses and may hold spaces.
    let rest = stat.rsplit_once(')')?.1;
    let f: Vec<&str> = rest.split_whitespace().collect();
    Some(f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?)
}

/// Where the machine's time went between two samples, in percent of all cores' time, and how much
/// of it this process (server and desks) used; the rest of the busy time is other processes
/// (PostgreSQL's backends, or whatever else the machine runs).
fn cpu_split(before: Option<([u64; 4], u64)>, after: Option<([u64; 4], u64)>) -> String {
    let (Some((b, own_b)), Some((a, own_a))) = (before, after) else { return "cpu: unknown".into() };
    let d: Vec<u64> = (0..4).map(|i| a[i].saturating_sub(b[i])).collect();
    let all = d.iter().sum::<u64>().max(1) as f64;
    let pct = |x: u64| 100.0 * x as f64 / all;
    let own = own_a.saturating_sub(own_b);
    let others = (d[0] + d[1]).saturating_sub(own);
    format!(
        "cpu: user {:.0}%, system {:.0}%, iowait {:.0}%, idle {:.0}%; this process (server and desks) \
         {:.0}%, other processes {:.0}%",
        pct(d[0]),
        pct(d[1]),
        pct(d[2]),
        pct(d[3]),
        pct(own),
        pct(others)
    )
}

fn cpu_sample() -> Option<([u64; 4], u64)> {
    Some((cpu_times()?, own_cpu()?))
}

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
    let dashboards = arg(5, 0);
    let engine = std::env::args().nth(6).unwrap_or_else(|| "sqlite".into());
    let every = Duration::from_millis(arg(7, 1000) as u64);
    let _ = rustls::crypto::ring::default_provider().install_default();
    let dir = tempfile::tempdir().expect("dir");
    let location = match engine.as_str() {
        "sqlite" => Location::Sqlite(dir.path().join("server.db")),
        server => scratch::fresh_database(server).expect("a fresh PostgreSQL database"),
    };
    // One connection per pushing client plus the dashboards': the pool is not what is measured.
    let pool = std::env::var("POOL")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or((concurrency + dashboards + 2) as u32);
    let store = Arc::new(Store::connect(&location, pool, Arc::new(SystemClock)).expect("store"));
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    runtime.spawn(tiepdan_server::serve_listener(store.clone(), listener, Default::default()));

    let engine_name = store.backend().engine();
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
    let pushing = Arc::new(std::sync::atomic::AtomicBool::new(true));
    let refreshes = Arc::new(Mutex::new(Vec::new()));
    let readers: Vec<_> = (0..dashboards)
        .map(|_| {
            let (store, pushing, refreshes) = (store.clone(), pushing.clone(), refreshes.clone());
            std::thread::spawn(move || {
                while pushing.load(Ordering::SeqCst) {
                    let t = Instant::now();
                    let shown = store.wards().expect("the dashboard's wards");
                    store.quarantine().expect("the dashboard's forks");
                    assert_eq!(shown.len(), wards, "the dashboard shows every ward");
                    let took = t.elapsed();
                    refreshes.lock().expect("lock").push(took);
                    std::thread::sleep(every.saturating_sub(took));
                }
            })
        })
        .collect();
    let latencies = Arc::new(Mutex::new(Vec::with_capacity(work.len())));
    let cpu_before = cpu_sample();
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
    let cpu = cpu_split(cpu_before, cpu_sample());
    pushing.store(false, Ordering::SeqCst);
    readers.into_iter().for_each(|t| t.join().expect("joined"));
    let mut l = latencies.lock().expect("lock").clone();
    l.sort();
    let pct = |p: f64| l[((l.len() as f64 * p).ceil() as usize).saturating_sub(1).min(l.len() - 1)];
    let stored = events * work.len();
    println!(
        "{engine_name}: {} pushes of {events} events ({stored} events) with {concurrency} connections, \
         {dashboards} dashboards every {every:?}: total {:.2?}, {:.0} events/s, latency p50 {:.1?} p99 {:.1?} max {:.1?}",
        l.len(),
        total,
        stored as f64 / total.as_secs_f64(),
        pct(0.50),
        pct(0.99),
        l[l.len() - 1]
    );
    println!("{engine_name}: {cpu} (the whole machine, during the pushes)");
    let mut r = refreshes.lock().expect("lock").clone();
    if !r.is_empty() {
        r.sort();
        println!(
            "{engine_name}: {} dashboard refreshes during the pushes, p50 {:.1?} p99 {:.1?}",
            r.len(),
            r[r.len() / 2],
            r[((r.len() as f64 * 0.99).ceil() as usize).saturating_sub(1).min(r.len() - 1)]
        );
    }
    let report = tiepdan_server::invariants::check_store(&store).expect("invariants hold");
    assert_eq!(report.events as usize, stored, "every event stored once");
    runtime.shutdown_timeout(Duration::from_secs(5));
}
