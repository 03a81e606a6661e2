//! Pages written per registration, the deterministic half of the durable-registration benchmark:
//! with WAL and `synchronous=FULL` every commit appends one frame per page it changed and then
//! flushes, so frames per registration is what a registration asks of the disk, whatever the load
//! on the shared machine. Each frame is attributed to the table or index owning its page (SQLite's
//! `dbstat`), which shows where the pages come from.

use crate::durable::{draft, open_register};
use crate::people::Dice;
use rusqlite::Connection;
use std::collections::BTreeMap;
use std::path::Path;

/// Frames a WAL file holds and the page number of each (WAL format: 32-byte header, then frames of a
/// 24-byte header, whose first 4 bytes are the page number, and one page).
fn wal_pages(path: &Path, page_size: usize) -> Vec<u32> {
    let bytes = std::fs::read(path).unwrap_or_default();
    let frame = 24 + page_size;
    bytes
        .get(32..)
        .unwrap_or_default()
        .chunks_exact(frame)
        .map(|f| u32::from_be_bytes([f[0], f[1], f[2], f[3]]))
        .collect()
}

/// Registers `warm` visits, then counts the WAL frames written by `count` more, each in its own
/// durable transaction. Returns frames per registration by owner (table or index), largest first.
pub fn per_registration(base: &Path, warm: usize, count: usize) -> (f64, Vec<(String, f64)>) {
    let dir = tempfile::TempDir::new_in(base).expect("bench directory");
    let path = dir.path().join("register.sqlite3");
    let mut register = open_register(&path);
    let mut dice = Dice::new(7);
    for _ in 0..warm {
        register.record_visit(&register.desk_owner().unwrap(), draft(&mut dice)).unwrap();
    }
    let reader = Connection::open(&path).unwrap();
    let page_size: u32 = reader.query_row("PRAGMA page_size", [], |r| r.get(0)).unwrap();
    reader.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(())).unwrap();
    // A read transaction holding the empty-WAL snapshot keeps the register's automatic checkpoints
    // from restarting the WAL, so it ends up holding every frame written below.
    reader.execute_batch("BEGIN; SELECT COUNT(*) FROM sqlite_schema;").unwrap();
    for _ in 0..count {
        register.record_visit(&register.desk_owner().unwrap(), draft(&mut dice)).unwrap();
    }
    reader.execute_batch("COMMIT").unwrap();
    let frames = wal_pages(&path.with_file_name("register.sqlite3-wal"), page_size as usize);

    let mut owner: BTreeMap<u32, String> = BTreeMap::new();
    let mut stmt = reader.prepare("SELECT name, pageno FROM dbstat").unwrap();
    for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, u32>(1)?))).unwrap() {
        let (name, page) = row.unwrap();
        owner.insert(page, name);
    }
    let mut by_owner: BTreeMap<String, usize> = BTreeMap::new();
    for page in &frames {
        let name = owner.get(page).cloned().unwrap_or_else(|| "(free list)".into());
        *by_owner.entry(name).or_default() += 1;
    }
    let mut rows: Vec<(String, f64)> =
        by_owner.into_iter().map(|(name, n)| (name, n as f64 / count as f64)).collect();
    rows.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    (frames.len() as f64 / count as f64, rows)
}

/// The same count for the bare insert of the durable benchmark: one JSON text per transaction.
fn bare_per_insert(base: &Path, warm: usize, count: usize) -> f64 {
    let dir = tempfile::TempDir::new_in(base).expect("bench directory");
    let path = dir.path().join("bare.sqlite3");
    let bare = crate::durable::open_bare(&path);
    let mut dice = Dice::new(7);
    let mut insert = bare.prepare("INSERT INTO visits (body) VALUES (?1)").unwrap();
    let mut one = |dice: &mut Dice| insert.execute([serde_json::to_string(&draft(dice)).unwrap()]).unwrap();
    for _ in 0..warm {
        one(&mut dice);
    }
    let reader = Connection::open(&path).unwrap();
    reader.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(())).unwrap();
    reader.execute_batch("BEGIN; SELECT COUNT(*) FROM sqlite_schema;").unwrap();
    for _ in 0..count {
        one(&mut dice);
    }
    reader.execute_batch("COMMIT").unwrap();
    let page_size: u32 = reader.query_row("PRAGMA page_size", [], |r| r.get(0)).unwrap();
    let frames = wal_pages(&path.with_file_name("bare.sqlite3-wal"), page_size as usize);
    frames.len() as f64 / count as f64
}

pub fn run() {
    let base = crate::search::bench_dir();
    // TIEPDAN_BENCH_PAGES=warm,count changes the window (FTS5 merges come in bursts).
    let window = std::env::var("TIEPDAN_BENCH_PAGES").ok().and_then(|w| {
        let (warm, count) = w.split_once(',')?;
        Some((warm.trim().parse().ok()?, count.trim().parse().ok()?))
    });
    let (warm, count) = window.unwrap_or((2000, 500));
    let (total, rows) = per_registration(&base, warm, count);
    println!("## WAL frames (pages) written per registration\n");
    let bare = bare_per_insert(&base, warm, count);
    println!("{count} registrations after {warm}, each its own transaction: {total:.2} frames each");
    println!("(bare single-row insert, {count} after {warm}: {bare:.2} frames each).\n");
    println!("| table or index | frames per registration |\n|---|---|");
    for (name, n) in rows {
        println!("| {name} | {n:.2} |");
    }
    println!();
}
