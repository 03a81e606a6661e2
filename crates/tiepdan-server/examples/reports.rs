//! Benchmark of the district's periodic reports (issue 17, Performance): 01/TCD and 01/XLD for
//! every ward over a year, counted afresh by `tiepdan_server::reports::district` exactly as
//! `tiepdan-server report` counts them, then as the dashboard does with the figures the serving
//! process keeps (`reports::kept`): looks, the keeper's work after one ward's push and after a
//! country's end of day, and the keeper's start-up.
//!
//! `cargo run --release -p tiepdan-server --example reports -- [WARDS] [ROWS_PER_WARD] [DB]`
//! (default 3321 wards, 1000 visits and petitions per ward; DB: `sqlite`, a file in a temporary
//! directory, or the superuser URL of a PostgreSQL server on which a fresh database is created and
//! filled by copying a SQLite store filled the same way).
//!
//! The projection is filled directly with SQL, not pushed: pushing is measured by `examples/load.rs`,
//! and a year of it would take hours. Per ward over 15/12/2025–14/12/2026: 70% visits at the desk
//! (85% regular, 10% the head's, 5% delegated; one in twenty a group of six; one in ten linked as a
//! repeat of an earlier visit), 30% petitions by post, online or transferred in, four in five
//! processed, some accepted, resolved, transferred and answered; 24 leader sessions. Each acceptance
//! and resolution is also stored as its event (`petition_accepted`, `petition_resolved`, a third of
//! the complaints' with figures), which the reports read for deadlines and decisions.

use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::Instant;
use tiepdan_domain::clock::SystemClock;
use tiepdan_domain::reports::period::ReportCalendar;
use tiepdan_domain::reports::{FormKey, PeriodKind, ReportPeriod};
use tiepdan_server::reports::district_kept;
use tiepdan_server::reports::kept::Kept;
use tiepdan_server::store::{scratch, Location, Store};

fn arg(n: usize) -> Option<String> {
    std::env::args().nth(n)
}

/// A small deterministic generator, so every run fills the same projection.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const INSERT_VISIT: &str = "INSERT INTO visits (visit_id, ward_code, desk, stream, seq, receipt_no, received_at,
     received_on, people_count, petition_kind, handling, status, updated_seq, source, petition_field, stage,
     eligible, competent, processed_on, session_id, reception, level, accepted_on, transferred_on, answered_on,
     resolved_on, outcome)
     VALUES (?1, ?2, 'A', 's', ?3, 'x', ?4, ?5, ?6, ?7, ?8, 'active', ?3, ?9, 'land', 'not_resolved', 1, ?10, ?11,
             ?12, ?13, 'first', ?14, ?15, ?16, ?17, ?18)";

fn fill_sqlite(path: &std::path::Path, wards: usize, per_ward: usize) -> rusqlite::Result<u64> {
    let mut conn = rusqlite::Connection::open(path)?;
    conn.pragma_update(None, "synchronous", "OFF")?;
    let tx = conn.transaction()?;
    let start = chrono::NaiveDate::from_ymd_opt(2025, 12, 15).expect("day");
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut rows = 0u64;
    {
        let mut ward_stmt = tx.prepare("INSERT INTO wards (code, name, created_at) VALUES (?1, ?2, 't')")?;
        let mut visit = tx.prepare(INSERT_VISIT)?;
        let mut link = tx.prepare(
            "INSERT INTO repeat_links (visit_id, ward_code, earlier_visit_id, stream, seq) VALUES (?1, ?2, ?3, 's', 1)",
        )?;
        let mut desk_stmt =
            tx.prepare("INSERT INTO desks (ward_code, desk, added_at) VALUES (?1, 'A', 't')")?;
        let mut stream = tx.prepare(
            "INSERT INTO streams (stream, ward_code, desk, head, first_push_at, last_push_at)
             VALUES (?1, ?2, 'A', 'h', 't', 't')",
        )?;
        let mut event = tx.prepare(
            "INSERT INTO events (stream, seq, event_id, kind, recorded_at, payload, payload_hash, chain_hash,
                                 received_at)
             VALUES (?1, ?2, ?3, ?4, 't', ?5, 'h', 'h', 't')",
        )?;
        let mut session = tx.prepare(
            "INSERT INTO reception_sessions (session_id, ward_code, desk, stream, seq, planned_on, part, kind, sat,
                                             outcome, visits, updated_seq)
             VALUES (?1, ?2, 'A', 's', 1, ?3, 'morning', 'periodic', ?4, ?5, 0, 1)",
        )?;
        for w in 0..wards {
            let code = format!("{:05}", 10000 + w);
            ward_stmt.execute(rusqlite::params![code, format!("Phường {w}")])?;
            desk_stmt.execute([&code])?;
            let ward_stream = format!("s-{code}");
            stream.execute(rusqlite::params![ward_stream, code])?;
            let mut seq = 0i64;
            let mut store_event = |kind: &str, body: serde_json::Value| -> rusqlite::Result<()> {
                seq += 1;
                let payload = serde_json::json!({ "kind": kind, "body": body }).to_string();
                event.execute(rusqlite::params![
                    ward_stream,
                    seq,
                    uuid::Uuid::now_v7().to_string(),
                    kind,
                    payload
                ])?;
                Ok(())
            };
            let sessions: Vec<(String, String)> = (0..24)
                .map(|i| {
                    (
                        uuid::Uuid::now_v7().to_string(),
                        (start + chrono::Duration::days(i * 15 + 3)).to_string(),
                    )
                })
                .collect();
            for (i, (id, day)) in sessions.iter().enumerate() {
                let (sat, outcome) = if i % 2 == 0 { ("head", "held") } else { ("delegate", "unattended") };
                session.execute(rusqlite::params![id, code, day, sat, outcome])?;
            }
            let mut ids: Vec<String> = Vec::with_capacity(per_ward);
            for i in 0..per_ward {
                let id = uuid::Uuid::now_v7().to_string();
                let day = start + chrono::Duration::days((i * 365 / per_ward) as i64);
                let on = day.to_string();
                let at = format!("{on}T09:00:00+07:00");
                let desk = rng.below(10) < 7;
                let kinds = ["complaint", "denunciation", "proposal", "reflection"];
                let kind = (!desk || rng.below(2) == 0).then(|| kinds[rng.below(4) as usize]);
                let (source, reception, people) = if desk {
                    let r = rng.below(20);
                    let mode = if r < 17 {
                        "regular"
                    } else if r < 19 {
                        "leader_periodic"
                    } else {
                        "delegated"
                    };
                    (Some("desk"), Some(mode), if rng.below(20) == 0 { 6 } else { 1 })
                } else {
                    (Some(["post", "online", "transferred_in"][rng.below(3) as usize]), Some("regular"), 1)
                };
                let processed = kind.is_some() && rng.below(5) != 0;
                let handling =
                    processed.then(|| ["accept", "guide", "transfer", "file"][rng.below(4) as usize]);
                let competent = handling.map(|h| i64::from(h == "accept"));
                let later = |d: i64| (day + chrono::Duration::days(d)).to_string();
                let processed_on = (processed && !desk).then(|| later(5));
                let accepted = (handling == Some("accept")).then(|| later(10));
                let resolved = (accepted.is_some() && rng.below(2) == 0).then(|| later(40));
                let transferred = (handling == Some("transfer")).then(|| later(6));
                let answered = (transferred.is_some() && rng.below(2) == 0).then(|| later(30));
                let session_id = (reception == Some("leader_periodic"))
                    .then(|| sessions[(i * 24 / per_ward).min(23)].0.clone());
                visit.execute(rusqlite::params![
                    id,
                    code,
                    i as i64,
                    at,
                    on,
                    people,
                    kind,
                    handling,
                    source,
                    competent,
                    processed_on,
                    session_id,
                    reception,
                    accepted,
                    transferred,
                    answered,
                    resolved,
                    resolved.as_ref().map(|_| "correct"),
                ])?;
                if let Some(on) = &accepted {
                    let body = serde_json::json!({ "visit_id": id, "on": on, "accepted": true,
                        "variant": { "level": "first", "complexity": "normal", "remote_area": false } });
                    store_event("petition_accepted", body)?;
                }
                if let Some(on) = &resolved {
                    let figures = (kind == Some("complaint") && rng.below(3) == 0).then(|| {
                        serde_json::json!({ "to_state": { "money": 1500, "land": 0 }, "deadline_kept": true })
                    });
                    let body = serde_json::json!({ "visit_id": id, "on": on, "outcome": "correct", "note": "",
                        "figures": figures });
                    store_event("petition_resolved", body)?;
                }
                if desk && !ids.is_empty() && rng.below(10) == 0 {
                    let earlier = &ids[rng.below(ids.len() as u64) as usize];
                    link.execute(rusqlite::params![id, code, earlier])?;
                }
                ids.push(id);
                rows += 1;
            }
        }
    }
    tx.commit()?;
    Ok(rows)
}

fn main() {
    let wards: usize = arg(1).and_then(|a| a.parse().ok()).unwrap_or(3321);
    let per_ward: usize = arg(2).and_then(|a| a.parse().ok()).unwrap_or(1000);
    let dir = tempfile::tempdir().expect("temp dir");
    let location = match arg(3).as_deref() {
        // TIEPDAN_BENCH_STORE keeps the filled store at that path, to serve it and look through the
        // dashboard afterwards (docs/performance.md).
        None | Some("sqlite") => Location::Sqlite(
            std::env::var_os("TIEPDAN_BENCH_STORE")
                .map_or_else(|| dir.path().join("server.db"), std::path::PathBuf::from),
        ),
        Some(url) => scratch::fresh_database(url).expect("a fresh PostgreSQL database"),
    };
    let store = Store::connect(&location, 4, Arc::new(SystemClock)).expect("the store opens");
    let filled = Instant::now();
    let rows = match &location {
        Location::Sqlite(path) => fill_sqlite(path, wards, per_ward).expect("filled"),
        // PostgreSQL is filled as an operator would move a district to it: a SQLite store filled
        // as above, then copied whole (`tiepdan-server copy`).
        Location::Postgres(_) => {
            let path = dir.path().join("source.db");
            let source = Store::open(&path, Arc::new(SystemClock)).expect("the SQLite source opens");
            let rows = fill_sqlite(&path, wards, per_ward).expect("filled");
            let copied = Instant::now();
            tiepdan_server::store::copy::copy(&source, &store).expect("copied to PostgreSQL");
            println!("[bench] copied to PostgreSQL in {:.1?}", copied.elapsed());
            rows
        }
    };
    println!(
        "[bench] projection filled: {wards} wards, {rows} visits and petitions ({:.1?})",
        filled.elapsed()
    );
    let year = ReportCalendar::default().period(PeriodKind::Year, 2026).expect("the year");
    for key in [FormKey::Tcd01, FormKey::Xld01, FormKey::Tcd01, FormKey::Xld01] {
        let (started, cpu) = (Instant::now(), cpu_seconds());
        let report = tiepdan_server::reports::district(&store, key, &year, None).expect("the report");
        let took = started.elapsed();
        println!(
            "[bench] {} {}: {} rows + total in {:.3} s wall, {:.3} s CPU (total (1) = {:?})",
            report.form,
            report.period,
            report.rows.len(),
            took.as_secs_f64(),
            cpu_seconds() - cpu,
            report.total.get(&1)
        );
    }
    kept_figures(&store, &location, &year);
    // Where the time goes: reading the rows alone, then reading and building each ward's facts.
    let up_to = year.to.to_string();
    let (started, cpu) = (Instant::now(), cpu_seconds());
    let mut n = 0u64;
    store
        .backend()
        .report_visits(None, &up_to, &mut |_| {
            n += 1;
            Ok(())
        })
        .expect("read");
    println!(
        "[bench] reading {n} rows: {:.3} s wall, {:.3} s CPU",
        started.elapsed().as_secs_f64(),
        cpu_seconds() - cpu
    );
    let (started, cpu) = (Instant::now(), cpu_seconds());
    let mut ward: Vec<tiepdan_server::store::FactRow> = Vec::new();
    let mut facts = 0usize;
    store
        .backend()
        .report_visits(None, &up_to, &mut |row| {
            if ward.first().is_some_and(|f| f.ward_code != row.ward_code) {
                facts += tiepdan_server::reports::facts::ward_facts(&ward, &[]).0.visits.len();
                ward.clear();
            }
            ward.push(row);
            Ok(())
        })
        .expect("read");
    println!(
        "[bench] reading and building facts ({facts} visits): {:.3} s wall, {:.3} s CPU",
        started.elapsed().as_secs_f64(),
        cpu_seconds() - cpu
    );
}

/// The serving process's way (`reports::kept`): a first look counts and keeps every ward, later
/// looks count only the wards whose data changed, and the keeper counts wards again after pushes.
fn kept_figures(store: &Store, location: &Location, year: &ReportPeriod) {
    let kept = Kept::default();
    let keys = [FormKey::Tcd01, FormKey::Xld01];
    let look = |what: &str| {
        for key in keys {
            let (started, cpu) = (Instant::now(), cpu_seconds());
            let report = district_kept(store, Some(&kept), key, year, None).expect("the report");
            println!(
                "[bench] kept, {what}: {} {} in {:.3} s wall, {:.3} s CPU ({} wards counted, total (1) = {:?})",
                report.form,
                report.period,
                started.elapsed().as_secs_f64(),
                cpu_seconds() - cpu,
                report.recounted,
                report.total.get(&1)
            );
        }
    };
    look("first look");
    look("second look");
    // A push changes a ward's version as a stored event does (its stream's high-water mark).
    let bump = version_mover(location);
    let wards: Vec<String> = store.backend().ward_names().expect("wards").into_iter().map(|w| w.0).collect();
    // During the day: one ward pushes, and the keeper counts it again for both kept reports.
    let mut took = Vec::new();
    for ward in wards.iter().step_by((wards.len() / 100).max(1)).take(100) {
        bump(Some(ward));
        let started = Instant::now();
        let n = kept.refresh(store, &BTreeSet::from([ward.clone()])).expect("refresh");
        assert_eq!(n, 1);
        took.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    took.sort_by(f64::total_cmp);
    println!(
        "[bench] keeper, one ward that pushed, both reports: median {:.1} ms, max {:.1} ms ({} wards)",
        took[took.len() / 2],
        took[took.len() - 1],
        took.len()
    );
    look("after the day's single pushes");
    // An end of day: every ward pushed within the keeper's moment; it counts them all in one pass.
    bump(None);
    let (started, cpu) = (Instant::now(), cpu_seconds());
    let n = kept.refresh(store, &wards.iter().cloned().collect()).expect("refresh");
    println!(
        "[bench] keeper, end of day ({n} wards pushed), both reports: {:.3} s wall, {:.3} s CPU",
        started.elapsed().as_secs_f64(),
        cpu_seconds() - cpu
    );
    look("after the end of day");
    // A restarted server: the keeper counts the dashboard's four default reports in one pass.
    let warm = Kept::default();
    let defaults: Vec<(FormKey, ReportPeriod)> = keys
        .iter()
        .flat_map(|key| {
            [PeriodKind::Quarter(4), PeriodKind::Year]
                .map(|kind| (*key, ReportCalendar::default().period(kind, 2026).expect("period")))
        })
        .collect();
    let (started, cpu) = (Instant::now(), cpu_seconds());
    warm.warm(store, &defaults).expect("warm");
    println!(
        "[bench] keeper, start-up: 01/TCD and 01/XLD over Quý IV and Năm 2026 in {:.3} s wall, {:.3} s CPU",
        started.elapsed().as_secs_f64(),
        cpu_seconds() - cpu
    );
}

/// Moves a ward's version (every ward's with `None`) as a stored event would.
fn version_mover(location: &Location) -> impl Fn(Option<&str>) {
    let sql = "UPDATE streams SET hwm = hwm + 1 WHERE ward_code = $1 OR $1 IS NULL";
    let sqlite = match location {
        Location::Sqlite(path) => Some(rusqlite::Connection::open(path).expect("the store file")),
        Location::Postgres(_) => None,
    };
    let postgres = match location {
        Location::Postgres(url) => Some(std::sync::Mutex::new(
            postgres::Client::connect(url, postgres::NoTls).expect("the database"),
        )),
        Location::Sqlite(_) => None,
    };
    move |ward: Option<&str>| {
        if let Some(conn) = &sqlite {
            conn.execute(&sql.replace("$1", "?1"), [ward]).expect("a ward's version moves");
        }
        if let Some(client) = &postgres {
            let ward = ward.map(str::to_string);
            client
                .lock()
                .expect("client")
                .execute(&sql.replace("$1", "$1::text"), &[&ward])
                .expect("a ward's version moves");
        }
    }
}

/// This process's CPU time so far (user + system), from /proc/self/stat: the machine is shared, so
/// wall time alone says as much about the other builds as about this code.
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else { return 0.0 };
    let rest = stat.rsplit_once(')').map_or("", |r| r.1);
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: u64 = f.get(11).and_then(|t| t.parse().ok()).unwrap_or(0)
        + f.get(12).and_then(|t| t.parse().ok()).unwrap_or(0);
    ticks as f64 / 100.0
}
