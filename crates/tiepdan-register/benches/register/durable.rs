//! Durable registration against a bare single-row insert, both with `synchronous=FULL` in WAL mode
//! on the same disk, taking turns operation by operation so disk noise hits both alike.

use crate::people::{matter, person, Dice};
use crate::{ms, quantile};
use rusqlite::Connection;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tiepdan_domain::access::Role;
use tiepdan_domain::clock::SystemClock;
use tiepdan_domain::officer::WardProfile;
use tiepdan_domain::visit::VisitDraft;
use tiepdan_register::Register;

pub fn draft(dice: &mut Dice) -> VisitDraft {
    let p = person(dice);
    serde_json::from_value(serde_json::json!({
        "visitors": [{
            "full_name": p.full_name,
            "id_number": p.id_number,
            "birth_year": p.birth_year,
            "sex": if p.female { "female" } else { "male" },
            "address": p.address,
        }],
        "summary": matter(dice),
        "petition": { "kind": "proposal", "field": "land", "handling": "accept" },
        "documents": [
            { "title": "Đơn kiến nghị", "original": true, "pages": 2 },
            { "title": "Bản sao giấy chứng nhận quyền sử dụng đất", "pages": 3 }
        ]
    }))
    .expect("a valid draft")
}

fn summary(name: &str, mut times: Vec<Duration>) -> (Duration, Duration) {
    times.sort();
    let mean = times.iter().sum::<Duration>() / times.len() as u32;
    let (p50, p95) = (quantile(&times, 0.5), quantile(&times, 0.95));
    println!("| {name} | {} | {:.2} | {:.2} | {:.2} |", times.len(), ms(mean), ms(p50), ms(p95));
    (mean, p50)
}

/// A new register with its ward and an officer on duty, as the desk has it after setup.
pub fn open_register(path: &std::path::Path) -> Register {
    let mut register = Register::open(path, Arc::new(SystemClock)).unwrap();
    register
        .init_ward(WardProfile {
            ward_code: "12345".into(),
            ward_name: "Phường Hà Đông".into(),
            place: "Hà Đông".into(),
            upstream: String::new(),
            desk: 'A',
        })
        .unwrap();
    register
        .add_first_officer("Trần Thị Bình", "Công chức tiếp công dân", &[Role::Clerk, Role::Administrator])
        .unwrap();
    register
}

/// The bare comparison: one table, WAL, `synchronous=FULL`, like the register.
pub fn open_bare(path: &std::path::Path) -> Connection {
    let bare = Connection::open(path).unwrap();
    bare.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(())).unwrap();
    bare.pragma_update(None, "synchronous", "FULL").unwrap();
    bare.execute_batch("CREATE TABLE visits (no INTEGER PRIMARY KEY, body TEXT NOT NULL)").unwrap();
    bare
}

/// Pairs of timings (registration, bare insert) made in a fresh directory under `base`.
fn measure(base: &std::path::Path, count: usize) -> (Vec<Duration>, Vec<Duration>) {
    let dir = tempfile::TempDir::new_in(base).expect("bench directory");
    let mut register = open_register(&dir.path().join("register.sqlite3"));

    let bare = open_bare(&dir.path().join("bare.sqlite3"));
    let mut insert = bare.prepare("INSERT INTO visits (body) VALUES (?1)").unwrap();

    let mut dice = Dice::new(42);
    let (mut durable, mut single) = (Vec::new(), Vec::new());
    // One of each in turn, so a slow patch of the shared disk hits both alike.
    for _ in 0..count {
        let d = draft(&mut dice);
        let start = Instant::now();
        register.record_visit(&register.desk_owner().unwrap(), d).unwrap();
        durable.push(start.elapsed());
        // The same information as one JSON text, so both write a comparable amount.
        let body = serde_json::to_string(&draft(&mut dice)).unwrap();
        let start = Instant::now();
        insert.execute([body]).unwrap();
        single.push(start.elapsed());
    }
    (durable, single)
}

pub fn run(count: usize) {
    println!("## Durable registration vs bare insert (synchronous=FULL, WAL)\n");
    println!("| operation | n | mean ms | p50 ms | p95 ms |\n|---|---|---|---|---|");
    let (durable, single) = measure(&crate::search::bench_dir(), count);
    let (d_mean, d_p50) = summary("record_visit (visit+petition+documents+event+index)", durable);
    let (s_mean, s_p50) = summary("bare single-row INSERT", single);
    // The same on a RAM file system, where a flush costs nothing: what remains is the work each
    // does besides waiting for the disk.
    let shm = std::path::Path::new("/dev/shm");
    if shm.is_dir() {
        let (durable, single) = measure(shm, count);
        summary("record_visit, RAM file system (no flush cost)", durable);
        summary("bare single-row INSERT, RAM file system", single);
    }
    println!(
        "\nratio durable/bare on disk: mean {:.2}x, p50 {:.2}x (target <= 1.2x)\n",
        d_mean.as_secs_f64() / s_mean.as_secs_f64(),
        d_p50.as_secs_f64() / s_p50.as_secs_f64()
    );
}
