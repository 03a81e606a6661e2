//! Periodic reports at a busy ward (issue 17, "Performance"): a year of 30,000 visits and 10,000
//! petitions by other sources, every defined form computed for "Năm 2026" with the register read
//! once (`Register::reports`), goal ≤ 200 ms in all. Also timed apart: reading the facts, and each
//! form's counting on facts already read, so the cost of forms defined later can be added up.
//!
//! The year is generated straight into the projection tables in one transaction (as the search and
//! duplicates benchmarks do; 40,000 durable registrations would take minutes and measure nothing
//! new here) and reused while its size matches: visits spread over the working days, a tenth of
//! them in the head's or a delegate's weekly sessions, one in six linked to an earlier matter,
//! petitions of every source processed, accepted, extended, resolved, transferred and answered.

use crate::durable::open_register;
use crate::people::Dice;
use crate::{ms, quantile};
use chrono::{Datelike, Duration, NaiveDate, TimeZone};
use rusqlite::{params, Connection};
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration as Elapsed, Instant};
use tiepdan_domain::clock::{vietnam_offset, SystemClock};
use tiepdan_domain::reports::period::ReportCalendar;
use tiepdan_domain::reports::{compute, FormKey, PeriodKind};
use tiepdan_domain::{SessionId, VisitId};
use tiepdan_register::Register;

const KINDS: [&str; 5] = ["complaint", "denunciation", "proposal", "reflection", "mixed"];
const SOURCES: [&str; 5] = ["post", "one_stop", "transferred_in", "forwarded_by_elected", "online"];

/// The working days of the report year 15/12/2025 → 14/12/2026.
fn working_days() -> Vec<NaiveDate> {
    let mut day = NaiveDate::from_ymd_opt(2025, 12, 15).unwrap();
    let mut out = Vec::new();
    while day <= NaiveDate::from_ymd_opt(2026, 12, 14).unwrap() {
        if day.weekday().num_days_from_monday() < 5 {
            out.push(day);
        }
        day += Duration::days(1);
    }
    out
}

/// Inserts the year; `visits` desk visits and `petitions` others.
fn generate(path: &Path, visits: usize, petitions: usize) {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    let register = open_register(path);
    let stream = register.current_stream().unwrap().id.to_string();
    drop(register);
    let mut conn = Connection::open(path).unwrap();
    conn.pragma_update(None, "synchronous", "OFF").unwrap();
    let tx = conn.transaction().unwrap();
    let days = working_days();
    let mut dice = Dice::new(2026);
    // Sessions: the head on Mondays (periodic), a delegate on Thursdays, the head ad hoc now and then.
    let mut sessions: Vec<(NaiveDate, String, &str)> = Vec::new();
    for (i, day) in days.iter().enumerate() {
        let (sat, kind) = match day.weekday().num_days_from_monday() {
            0 => ("head", "periodic"),
            3 => ("delegate", "periodic"),
            _ if i % 17 == 0 => ("head", "ad_hoc"),
            _ => continue,
        };
        let id = SessionId::new().to_string();
        let outcome = if dice.below(20) == 0 { "cancelled" } else { "held" };
        tx.execute(
            "INSERT INTO reception_sessions (id, planned_on, part, kind, sat, outcome, visits)
             VALUES (?1, ?2, 'morning', ?3, ?4, ?5, 0)",
            params![id, day.to_string(), kind, sat, outcome],
        )
        .unwrap();
        let mode = match (sat, kind) {
            ("delegate", _) => "delegated",
            (_, "periodic") => "leader_periodic",
            _ => "leader_ad_hoc",
        };
        if outcome == "held" {
            sessions.push((*day, id, mode));
        }
    }
    let mut visit = tx
        .prepare(
            "INSERT INTO visits (no, id, receipt_no, series, desk, epoch, receipt_year, receipt_number, stream,
                 status, received_at, received_on, reception, visitor_kind, people_count, summary, notes, source,
                 session_id)
             VALUES (?1, ?2, ?3, ?4, 'A', 1, 2026, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 'Nội dung', '', ?13, ?14)",
        )
        .unwrap();
    let mut petition = tx
        .prepare(
            "INSERT INTO petitions (visit_no, kind, field, anonymous, signatories, stage, eligible, competent,
                 handling, processed_on)
             VALUES (?1, ?2, 'land', 0, 1, ?3, ?4, ?5, ?6, ?7)",
        )
        .unwrap();
    let mut matters: Vec<i64> = Vec::new();
    let total = visits + petitions;
    for i in 0..total {
        let no = i as i64 + 1;
        // Petitions by other sources spread evenly among the visits.
        let desk = (i + 1) * petitions / total == i * petitions / total;
        let day = days[i * days.len() / total];
        let session = sessions.iter().find(|s| s.0 == day).filter(|_| desk && dice.below(10) == 0);
        let at = vietnam_offset().from_local_datetime(&day.and_hms_opt(8, 0, 0).unwrap()).unwrap()
            + Duration::seconds(i as i64 % 30_000);
        let people = if dice.below(15) == 0 { 5 + dice.below(20) } else { 1 + dice.below(3) } as i64;
        let status = if dice.below(100) == 0 { "cancelled" } else { "active" };
        let mode = session.map_or("regular", |s| s.2);
        let source = if desk { "desk" } else { SOURCES[dice.below(5) as usize] };
        visit
            .execute(params![
                no,
                VisitId::new().to_string(),
                format!("{}{no:05}/2026/A", if desk { "" } else { "ĐT-" }),
                if desk { "visit" } else { "petition" },
                no,
                stream,
                status,
                at.to_rfc3339(),
                day.to_string(),
                mode,
                if people >= 5 { "group" } else { "individual" },
                people,
                source,
                session.map(|s| s.1.clone()),
            ])
            .unwrap();
        // One record in six repeats an earlier one's matter.
        let matter = if i > 100 && dice.below(6) == 0 { matters[dice.below(i as u64) as usize] } else { no };
        matters.push(matter);
        if matter != no {
            tx.execute(
                "INSERT INTO repeat_links (visit_no, earlier_no, matter_no) VALUES (?1, ?2, ?2)",
                params![no, matter],
            )
            .unwrap();
        }
        if desk && dice.below(10) < 3 {
            continue; // a visit without a petition
        }
        let kind = KINDS[dice.below(5) as usize];
        let handling = match dice.below(10) {
            0..=3 => Some("accept"),
            4 | 5 => Some("guide"),
            6 if kind != "complaint" => Some("transfer"),
            7 => Some("remind"),
            8 => Some("file"),
            _ => None,
        };
        let processed = handling.map(|_| (day + Duration::days(dice.below(20) as i64)).to_string());
        let stage = ["not_resolved", "resolved_once", "resolved_several"][dice.below(3) as usize];
        let competent = handling.map(|h| h == "accept");
        petition.execute(params![no, kind, stage, true, competent, handling, processed]).unwrap();
        let later = |dice: &mut Dice, n: u64| (day + Duration::days(5 + dice.below(n) as i64)).to_string();
        if handling == Some("accept") && dice.below(5) != 0 {
            let on = later(&mut dice, 20);
            tx.execute(
                "INSERT INTO petition_acceptances (visit_no, decided_on, accepted, level, complexity, remote_area)
                 VALUES (?1, ?2, 1, ?3, 'normal', 0)",
                params![no, on, if stage == "not_resolved" { "first" } else { "second" }],
            )
            .unwrap();
            if dice.below(20) == 0 {
                tx.execute(
                    "INSERT INTO petition_extensions (visit_no, position, decided_on, complexity, reason)
                     VALUES (?1, 0, ?2, 'complex', 'Phức tạp')",
                    params![no, later(&mut dice, 60)],
                )
                .unwrap();
            }
            if dice.below(5) < 3 {
                tx.execute(
                    "INSERT INTO petition_resolutions (visit_no, resolved_on, outcome, note) VALUES (?1, ?2, 'correct', '')",
                    params![no, later(&mut dice, 90)],
                )
                .unwrap();
            }
        }
        if handling == Some("transfer") {
            let answered = (dice.below(2) == 0).then(|| later(&mut dice, 60));
            tx.execute(
                "INSERT INTO petition_transfers (visit_no, transferred_on, receiver, note, answered_on, answer)
                 VALUES (?1, ?2, 'UBND quận', '', ?3, ?4)",
                params![no, later(&mut dice, 10), answered, answered.as_ref().map(|_| "Đã nhận")],
            )
            .unwrap();
        }
    }
    drop((visit, petition));
    tx.commit().unwrap();
    conn.execute_batch("PRAGMA optimize").unwrap();
}

/// Nanoseconds this thread has run on a CPU (Linux `schedstat`): unlike the wall clock, it does not
/// count the time other builds on a shared machine held the cores. None elsewhere.
fn cpu_ns() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    text.split_whitespace().next()?.parse().ok()
}

/// Wall-clock p50 and max, and on-CPU p50, over `runs` calls.
fn timed<T>(runs: usize, mut f: impl FnMut() -> T) -> (Elapsed, Elapsed, Option<Elapsed>) {
    let mut wall = Vec::new();
    let mut cpu = Vec::new();
    for _ in 0..runs {
        let (start, on_cpu) = (Instant::now(), cpu_ns());
        std::hint::black_box(f());
        wall.push(start.elapsed());
        if let (Some(before), Some(after)) = (on_cpu, cpu_ns()) {
            cpu.push(Elapsed::from_nanos(after - before));
        }
    }
    wall.sort();
    cpu.sort();
    let cpu = (cpu.len() == runs).then(|| quantile(&cpu, 0.5));
    (quantile(&wall, 0.5), wall[wall.len() - 1], cpu)
}

fn row(step: &str, runs: usize, (p50, max, cpu): (Elapsed, Elapsed, Option<Elapsed>)) {
    let cpu = cpu.map_or("—".to_string(), |c| format!("{:.1}", ms(c)));
    println!("| {step} | {runs} | {:.1} | {:.1} | {cpu} |", ms(p50), ms(max));
}

pub fn run(visits: usize, petitions: usize) {
    println!("## Periodic reports (issue 17)\n");
    let path = crate::search::bench_dir().join(format!("reports-v1-{visits}-{petitions}.sqlite3"));
    let have: i64 = Connection::open(&path)
        .and_then(|c| c.query_row("SELECT count(*) FROM visits", [], |r| r.get(0)))
        .unwrap_or(0);
    if have != (visits + petitions) as i64 {
        let started = Instant::now();
        generate(&path, visits, petitions);
        println!(
            "generated {visits} visits and {petitions} petitions in {:.0} s\n",
            started.elapsed().as_secs_f64()
        );
    }
    let register = Register::open(&path, Arc::new(SystemClock)).unwrap();
    let actor = register.desk_owner().unwrap();
    let forms: Vec<FormKey> = FormKey::ALL.into_iter().filter(|f| f.definition().is_some()).collect();
    let year = ReportCalendar::default().period(PeriodKind::Year, 2026).unwrap();
    let facts = register.report_facts(&actor).unwrap();
    println!(
        "{} visits and {} petitions counted ({} sessions); forms defined in this build: {}\n",
        facts.visits.len(),
        facts.petitions.len(),
        facts.sessions.len(),
        forms.iter().map(|f| f.as_str()).collect::<Vec<_>>().join(", ")
    );
    println!("| step | runs | p50 ms | max ms | on-CPU p50 ms |\n|---|---|---|---|---|");
    let runs = 15;
    row("read the facts (`report_facts`)", runs, timed(runs, || register.report_facts(&actor).unwrap()));
    for form in &forms {
        let def = form.definition().unwrap();
        let step = format!("compute {} on the facts", def.form);
        row(&step, runs, timed(runs, || compute(def, &facts, &year, &[]).unwrap()));
    }
    let all = timed(runs, || register.reports(&actor, &forms, &year).unwrap());
    row("**all defined forms, register read once (`reports`)**", runs, all);
    println!("\ngoal: all seven forms in 200 ms or less\n");
}
