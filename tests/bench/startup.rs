//! Benchmark (not a test): cold start to the first interactive screen, and the memory of the whole
//! app (its process and the WebKit processes it starts) after registering 100 visits, for the desk
//! app against an empty Tauri v2 window built with the same Tauri and the same dev profile
//! (`tests/empty-window`). Run by `scripts/e2e-bench.sh`; prints a Markdown table for
//! docs/performance.md. Without `TIEPDAN_E2E` it says it is skipped.
//!
//! Start time is measured the same way for both apps: from asking tauri-driver for a session (which
//! launches the binary) until the first element that takes input is in the page — the visit form's
//! name field for the desk (on a register already set up), `#ready` for the empty window. WebDriver's
//! own overhead is in both figures alike. Memory is the sum of PSS (and of RSS) over the app's process
//! tree, read from /proc after the screen has settled.

use serde_json::json;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use tiepdan_tests::{app_binary, enabled, target_dir, Desk};

/// Starts of each app, interleaved; `TIEPDAN_BENCH_RUNS` overrides.
fn runs() -> usize {
    std::env::var("TIEPDAN_BENCH_RUNS").ok().and_then(|v| v.parse().ok()).unwrap_or(9)
}

fn empty_window_binary() -> PathBuf {
    std::env::var_os("TIEPDAN_EMPTY_APP")
        .map(PathBuf::from)
        .unwrap_or_else(|| target_dir().join("debug/tiepdan-empty-window"))
}

/// Launches `app` with `args` and returns the time until `ready` matches, and the session.
async fn cold_start(app: &Path, args: &[String], ready: &str) -> (Duration, Desk) {
    let started = Instant::now();
    let desk = Desk::launch_with(app, args, ready).await;
    (started.elapsed(), desk)
}

fn ppid(pid: u32) -> Option<u32> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name is in parentheses and may hold spaces: the ppid is the 2nd field after it.
    stat.rsplit_once(')')?.1.split_whitespace().nth(1)?.parse().ok()
}

fn kb(pid: u32, file: &str, key: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/{file}"))
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with(key)).and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

fn pids() -> Vec<u32> {
    std::fs::read_dir("/proc")
        .map(|d| d.filter_map(|e| e.ok()?.file_name().to_str()?.parse().ok()).collect())
        .unwrap_or_default()
}

/// The process running `app` whose command line contains `marker`.
fn find_app(app: &Path, marker: &str) -> u32 {
    let app = app.canonicalize().expect("app path");
    pids()
        .into_iter()
        .find(|pid| {
            let exe = std::fs::read_link(format!("/proc/{pid}/exe")).ok();
            let cmd = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
            exe.as_deref() == Some(app.as_path()) && String::from_utf8_lossy(&cmd).contains(marker)
        })
        .expect("the app's process")
}

/// (PSS, RSS) in MiB summed over `root` and all its descendants.
fn tree_memory(root: u32) -> (f64, f64) {
    let all = pids();
    let mut tree = vec![root];
    let mut i = 0;
    while i < tree.len() {
        let parent = tree[i];
        tree.extend(all.iter().copied().filter(|p| ppid(*p) == Some(parent)));
        i += 1;
    }
    let pss: u64 = tree.iter().map(|p| kb(*p, "smaps_rollup", "Pss:")).sum();
    let rss: u64 = tree.iter().map(|p| kb(*p, "status", "VmRSS:")).sum();
    (pss as f64 / 1024.0, rss as f64 / 1024.0)
}

/// Time from the page's navigation start to now: the share of the start spent in the web page.
async fn page_time(desk: &Desk) -> Duration {
    let ms = desk.script("return performance.now()").await.as_f64().unwrap_or(0.0);
    Duration::from_secs_f64(ms / 1000.0)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn visit(i: usize) -> serde_json::Value {
    json!({
        "received_at": null, "reception": "regular", "visitor_kind": "individual", "people_count": null,
        "organisation": null,
        "visitors": [{ "full_name": format!("Nguyễn Văn Thử {i}"), "id_kind": null, "id_number": null,
            "id_issued_on": null, "id_issued_by": null, "birth_year": null, "sex": null,
            "address": format!("Tổ {}, phường Hà Đông", i % 20 + 1), "phone": null }],
        "summary": format!("Phản ánh việc xây dựng lấn chiếm vỉa hè số {i}"),
        "petition": null, "documents": [], "refusal": null, "officer_id": null, "notes": ""
    })
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    if !enabled("startup benchmark") {
        return;
    }
    let desk_app = app_binary();
    let empty_app = empty_window_binary();
    assert!(empty_app.exists(), "build tests/empty-window first: {} is missing", empty_app.display());
    let dir = tempfile::tempdir().unwrap();
    let desk_args = vec!["--data-dir".to_string(), dir.path().display().to_string()];
    let form = "[name=\"visitors[0].full_name\"]";

    // Set the register up once, so every measured start opens on the visit form.
    let desk = Desk::launch(dir.path()).await;
    desk.set_up_ward().await;
    desk.close().await;

    let (mut desk_times, mut empty_times) = (Vec::new(), Vec::new());
    let (mut desk_page, mut empty_page) = (Vec::new(), Vec::new());
    let runs = runs();
    for _ in 0..runs {
        let (t, d) = cold_start(&empty_app, &[], "#ready").await;
        empty_times.push(t);
        empty_page.push(page_time(&d).await);
        d.close().await;
        let (t, d) = cold_start(&desk_app, &desk_args, form).await;
        desk_times.push(t);
        desk_page.push(page_time(&d).await);
        d.close().await;
    }

    let (_, empty) = cold_start(&empty_app, &[], "#ready").await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    let (empty_pss, empty_rss) = tree_memory(find_app(&empty_app, ""));
    empty.close().await;

    let (_, desk) = cold_start(&desk_app, &desk_args, form).await;
    let recorded = desk
        .client
        .execute_async(
            "const [visits, done] = arguments; const ipc = window.__TAURI_INTERNALS__; \
             (async () => { for (const draft of visits) await ipc.invoke('record_visit', { draft }); })() \
             .then(() => done(visits.length), (e) => done(JSON.stringify(e)));",
            vec![json!((0..100).map(visit).collect::<Vec<_>>())],
        )
        .await
        .expect("record 100 visits over IPC");
    assert_eq!(recorded, json!(100), "all 100 visits must be recorded");
    desk.screen("register").await;
    desk.find_text("[data-testid=register-table] tbody tr", "Thử 99").await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    let (desk_pss, desk_rss) = tree_memory(find_app(&desk_app, &dir.path().display().to_string()));
    desk.screenshot("bench-register-100").await;
    desk.close().await;

    let (d, e) = (median(desk_times.clone()), median(empty_times.clone()));
    println!("| | desk app | empty Tauri window | ratio | target |");
    println!("|---|---|---|---|---|");
    println!(
        "| cold start to first input, median of {runs} (ms) | {:.0} | {:.0} | {:.2}× | ≤ 1.3× |",
        ms(d),
        ms(e),
        ms(d) / ms(e)
    );
    println!(
        "| memory, PSS of the process tree (MiB) | {desk_pss:.1} | {empty_pss:.1} | {:.2}× | ≤ 1.5× |",
        desk_pss / empty_pss
    );
    println!(
        "| memory, RSS summed over the tree (MiB) | {desk_rss:.1} | {empty_rss:.1} | {:.2}× | |",
        desk_rss / empty_rss
    );
    println!(
        "| of which in the web page, navigation start to first input, median (ms) | {:.0} | {:.0} | | |",
        ms(median(desk_page)),
        ms(median(empty_page))
    );
    println!("desk start times (ms): {:?}", desk_times.iter().map(|t| ms(*t).round()).collect::<Vec<_>>());
    println!("empty start times (ms): {:?}", empty_times.iter().map(|t| ms(*t).round()).collect::<Vec<_>>());
}
