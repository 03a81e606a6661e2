//! Petitions from every source (issue 16): what registering a mailed petition costs next to
//! registering a visit, taking turns in the same run on the same disk; and how fast duplicate
//! proposals answer among 200,000 petitions (goal: p95 ≤ 20 ms).
//!
//! The 200,000 petitions are generated straight into the projection tables in one transaction, as
//! the search benchmark does (`search.rs`), and reused while their count matches; proposals then go
//! through the real `Register::suggest_petition_duplicates`.

use crate::durable::open_register;
use crate::people::{matter, person, Dice};
use crate::{ms, quantile};
use rusqlite::{params, Connection};
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tiepdan_domain::clock::SystemClock;
use tiepdan_domain::intake::PetitionDraft;
use tiepdan_domain::text::fold;
use tiepdan_domain::VisitId;
use tiepdan_register::Register;

/// A summary with a detail that tells one land matter from another, as clerks write them.
fn summary(dice: &mut Dice) -> String {
    format!("{} thửa đất số {} tờ bản đồ số {}", matter(dice), 1 + dice.below(900), 1 + dice.below(60))
}

fn petition(dice: &mut Dice) -> PetitionDraft {
    let p = person(dice);
    serde_json::from_value(serde_json::json!({
        "source": "post",
        "senders": [{ "full_name": p.full_name, "id_number": p.id_number, "address": p.address }],
        "summary": summary(dice),
        "kind": "complaint",
        "field": "land",
        "documents": [{ "title": "Đơn khiếu nại", "original": true, "pages": 2 }]
    }))
    .expect("a valid petition draft")
}

fn report(name: &str, mut times: Vec<Duration>) -> Duration {
    times.sort();
    let mean = times.iter().sum::<Duration>() / times.len() as u32;
    let (p50, p95) = (quantile(&times, 0.5), quantile(&times, 0.95));
    println!("| {name} | {} | {:.2} | {:.2} | {:.2} |", times.len(), ms(mean), ms(p50), ms(p95));
    p50
}

/// Registering a visit and a mailed petition of the same size, one of each in turn.
fn receive_vs_visit(base: &Path, count: usize) {
    let dir = tempfile::TempDir::new_in(base).expect("bench directory");
    let mut register = open_register(&dir.path().join("register.sqlite3"));
    let mut dice = Dice::new(7);
    let (mut visits, mut petitions) = (Vec::new(), Vec::new());
    // One of each in turn, and which goes first alternates, so neither always meets the flush
    // the other left behind.
    for i in 0..count {
        let visit = crate::durable::draft(&mut dice);
        let mailed = petition(&mut dice);
        let actor = register.desk_owner().unwrap();
        let record_visit = |register: &mut Register| {
            let start = Instant::now();
            register.record_visit(&actor, visit.clone()).unwrap();
            start.elapsed()
        };
        let receive = |register: &mut Register| {
            let start = Instant::now();
            register.receive_petition(&actor, mailed.clone()).unwrap();
            start.elapsed()
        };
        if i % 2 == 0 {
            visits.push(record_visit(&mut register));
            petitions.push(receive(&mut register));
        } else {
            petitions.push(receive(&mut register));
            visits.push(record_visit(&mut register));
        }
    }
    let v = report("record_visit", visits);
    let p = report("receive_petition (by post)", petitions);
    println!("\nratio petition/visit at p50: {:.2}x (target <= 1.0x)\n", p.as_secs_f64() / v.as_secs_f64());
}

fn generate(path: &Path, n: usize) {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    let register = open_register(path);
    let stream = register.current_stream().unwrap().id.to_string();
    drop(register);
    let started = Instant::now();
    let mut conn = Connection::open(path).unwrap();
    conn.pragma_update(None, "synchronous", "OFF").unwrap();
    let tx = conn.transaction().unwrap();
    {
        let mut visit = tx
            .prepare(
                "INSERT INTO visits (no, id, receipt_no, series, desk, epoch, receipt_year, receipt_number, stream,
                     status, received_at, received_on, reception, visitor_kind, people_count, summary, notes, source)
                 VALUES (?1, ?2, ?3, 'petition', 'A', 1, ?4, ?5, ?6, 'active', ?7, ?8, 'regular', 'individual', 1,
                     ?9, '', 'post')",
            )
            .unwrap();
        let mut petition = tx
            .prepare(
                "INSERT INTO petitions (visit_no, kind, field, anonymous, signatories, stage, eligible)
                 VALUES (?1, 'complaint', 'land', 0, 1, 'not_resolved', 1)",
            )
            .unwrap();
        let mut visitor = tx
            .prepare(
                "INSERT INTO visitors (visit_no, position, full_name, full_name_folded, id_kind, id_number, address)
                 VALUES (?1, 0, ?2, ?3, ?4, ?5, ?6)",
            )
            .unwrap();
        let mut index = tx
            .prepare("INSERT INTO visit_search (rowid, names, id_numbers, receipt, content) VALUES (?1, ?2, ?3, ?4, ?5)")
            .unwrap();
        let mut dice = Dice::new(2027);
        let start = chrono::NaiveDate::from_ymd_opt(2022, 1, 3).unwrap().and_hms_opt(8, 0, 0).unwrap();
        let (mut year, mut number) = (0, 0);
        for i in 0..n {
            let at = start + chrono::Duration::minutes((i as i64 * 5 * 365 * 24 * 60) / n as i64);
            let at = at.and_local_timezone(tiepdan_domain::clock::vietnam_offset()).unwrap();
            use chrono::Datelike;
            if at.year() != year {
                (year, number) = (at.year(), 0);
            }
            number += 1;
            let receipt = format!("ĐT-{number:04}/{year}/A");
            let (p, text) = (person(&mut dice), summary(&mut dice));
            let no = i as i64 + 1;
            let id = VisitId::new().to_string();
            let day = at.date_naive().to_string();
            visit
                .execute(params![no, id, receipt, year, number, stream, at.to_rfc3339(), day, text])
                .unwrap();
            petition.execute([no]).unwrap();
            let folded = fold(&p.full_name);
            let kind = p.id_number.as_ref().map(|_| "cccd");
            visitor.execute(params![no, p.full_name, folded, kind, p.id_number, p.address]).unwrap();
            let content = format!("{} {}", fold(&text), fold(&p.address));
            index
                .execute(params![-no, folded, p.id_number.unwrap_or_default(), fold(&receipt), content])
                .unwrap();
        }
    }
    tx.commit().unwrap();
    conn.execute_batch("PRAGMA optimize").unwrap();
    println!("generated {n} petitions in {:.0} s\n", started.elapsed().as_secs_f64());
}

/// Drafts to propose duplicates for: half are photocopies of stored petitions typed again without
/// diacritics (the same sender and content), half are new senders with new details.
fn drafts(conn: &Connection, n: usize, count: usize) -> Vec<PetitionDraft> {
    let mut dice = Dice::new(99);
    let mut out = Vec::new();
    let mut stored = conn
        .prepare(
            "SELECT v.summary, p.full_name_folded, p.address FROM visits v JOIN visitors p ON p.visit_no = v.no
             WHERE v.no = ?1",
        )
        .unwrap();
    for i in 0..count {
        let mut draft = petition(&mut dice);
        if i % 2 == 0 {
            let no = 1 + dice.below(n as u64) as i64;
            let (text, name, address): (String, String, Option<String>) =
                stored.query_row([no], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap();
            draft.summary = fold(&text);
            draft.senders[0].full_name = name;
            draft.senders[0].address = address.map(|a| fold(&a));
            draft.senders[0].id_number = None;
        }
        out.push(draft);
    }
    out
}

pub fn run(count: usize, petitions: usize) {
    println!("## Petitions from every source (issue 16)\n");
    println!("| operation | n | mean ms | p50 ms | p95 ms |\n|---|---|---|---|---|");
    receive_vs_visit(&crate::search::bench_dir(), count);
    // On a RAM file system a flush costs nothing: what remains is each registration's own work.
    let shm = Path::new("/dev/shm");
    if shm.is_dir() {
        println!("RAM file system (no flush cost):\n");
        println!("| operation | n | mean ms | p50 ms | p95 ms |\n|---|---|---|---|---|");
        receive_vs_visit(shm, count);
    }

    let path = crate::search::bench_dir().join(format!("duplicates-v1-{petitions}.sqlite3"));
    let have: i64 = Connection::open(&path)
        .and_then(|c| c.query_row("SELECT count(*) FROM visits WHERE series = 'petition'", [], |r| r.get(0)))
        .unwrap_or(0);
    if have != petitions as i64 {
        generate(&path, petitions);
    }
    let register = Register::open(&path, Arc::new(SystemClock)).unwrap();
    let actor = register.desk_owner().unwrap();
    let conn = Connection::open(&path).unwrap();
    let drafts = drafts(&conn, petitions, 400);
    // One untimed pass warms the page cache, as a desk that has been open a while has it.
    let mut found = 0;
    for d in &drafts {
        register.suggest_petition_duplicates(&actor, d).unwrap();
    }
    let mut times = Vec::new();
    for (i, d) in drafts.iter().enumerate() {
        let start = Instant::now();
        let proposed = register.suggest_petition_duplicates(&actor, d).unwrap();
        times.push(start.elapsed());
        if i % 2 == 0 && !proposed.is_empty() {
            found += 1;
        }
    }
    println!("\n| operation | n | mean ms | p50 ms | p95 ms |\n|---|---|---|---|---|");
    report(&format!("suggest_petition_duplicates among {petitions} petitions"), times);
    println!("\nphotocopies with at least one proposal: {found} of {} (target: all)\n", drafts.len() / 2);
}
