//! Benchmarks of the register (`cargo bench -p tiepdan-register`); method and last figures are in
//! `docs/performance.md`, section "Register".
//!
//! 0. Pages (WAL frames) written per registration and per table or index, against the bare insert:
//!    deterministic, unlike the timings on the shared machine (`pages.rs`).
//! 1. Durable registration (visit + petition + documents + journal event + search index, one
//!    transaction, `synchronous=FULL`) against a bare single-row insert with `synchronous=FULL`,
//!    measured in the same run, taking turns operation by operation so disk noise hits both alike.
//! 2. Search at a million generated visits: p50/p95 of `Register::search`, against a `LIKE '%…%'`
//!    scan over the same data.
//! 3. Petitions from every source: a mailed petition's registration next to a visit's, and
//!    duplicate proposals among 200,000 generated petitions (`duplicates.rs`).
//! 4. Periodic reports: every defined form for a busy ward's year, 30,000 visits and 10,000
//!    petitions by other sources, the register read once (`reports.rs`).
//!
//! Environment: `TIEPDAN_BENCH_VISITS` (default 1,000,000) sets the size of the search register,
//! which is generated once into `target/bench-register/` and reused while its size matches;
//! `TIEPDAN_BENCH_ONLY=durable` (0 and 1), `pages` (0), `search` (2), `petitions` (3) or `reports`
//! (4; also `cargo bench -p tiepdan-register --bench register -- reports`) runs a part;
//! `TIEPDAN_BENCH_PETITIONS` (default 200,000) sets the size of the duplicates register;
//! `TIEPDAN_BENCH_PAGES=warm,count` sets the page-count window.

mod duplicates;
mod durable;
mod pages;
mod people;
mod reports;
mod search;

use std::time::Duration;

/// The value at quantile `q` (0..=1) of sorted durations.
fn quantile(sorted: &[Duration], q: f64) -> Duration {
    let index = ((sorted.len() - 1) as f64 * q).round() as usize;
    sorted[index]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    // `cargo bench` passes `--bench`. `cargo test --all-targets` also runs this binary, without it:
    // then it only proves that the benchmarks build, instead of generating a million visits.
    if !std::env::args().any(|a| a == "--bench") {
        println!("register benchmarks: built; run them with `cargo bench -p tiepdan-register`");
        return;
    }
    let quick = std::env::args().any(|a| a == "--quick");
    println!("# Register benchmarks\n");
    // TIEPDAN_BENCH_ONLY=durable|search runs one of the two; =pages only counts pages written.
    let only = std::env::var("TIEPDAN_BENCH_ONLY").unwrap_or_default();
    if only == "reports" || only.is_empty() || std::env::args().any(|a| a == "reports") {
        reports::run(30_000, 10_000);
        if !only.is_empty() || std::env::args().any(|a| a == "reports") {
            return;
        }
    }
    if only == "petitions" || only.is_empty() {
        let petitions = std::env::var("TIEPDAN_BENCH_PETITIONS")
            .ok()
            .and_then(|v| v.replace('_', "").parse().ok())
            .unwrap_or(if quick { 20_000 } else { 200_000 });
        duplicates::run(if quick { 100 } else { 300 }, petitions);
        if only == "petitions" {
            return;
        }
    }
    if only != "search" {
        pages::run();
    }
    if only != "search" && only != "pages" {
        durable::run(if quick { 100 } else { 500 });
    }
    if only == "durable" || only == "pages" {
        return;
    }
    let visits = std::env::var("TIEPDAN_BENCH_VISITS")
        .ok()
        .and_then(|v| v.replace('_', "").parse().ok())
        .unwrap_or(if quick { 20_000 } else { 1_000_000 });
    search::run(visits);
}
