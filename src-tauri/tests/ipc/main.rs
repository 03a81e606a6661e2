//! The commands over the real IPC path and the real capability file, on Tauri's mock runtime (no
//! display): what the window may call, what it gets back, and that no other window may call anything.

mod desk;
mod matrix;
mod pin;
mod sealing;
mod session;
mod surface;

use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{App, WebviewWindow, WebviewWindowBuilder};
use tiepdan_desk::state::Desk;

/// Warnings and errors the desk logs, printed to stderr: an "internal" error's detail is only in the
/// log (the clerk sees a sentence), so without this a failure in CI would not say what went wrong.
struct StderrLog;

impl log::Log for StderrLog {
    fn enabled(&self, metadata: &log::Metadata) -> bool {
        metadata.level() <= log::Level::Warn
    }
    fn log(&self, record: &log::Record) {
        if self.enabled(record.metadata()) {
            eprintln!("[{} {}] {}", record.level(), record.target(), record.args());
        }
    }
    fn flush(&self) {}
}

static STDERR_LOG: StderrLog = StderrLog;

fn log_to_stderr() {
    // Every test calls this; only the first install succeeds, which is all that is needed.
    if log::set_logger(&STDERR_LOG).is_ok() {
        log::set_max_level(log::LevelFilter::Warn);
    }
}

pub fn app(data_dir: &std::path::Path) -> App<MockRuntime> {
    log_to_stderr();
    mock_builder()
        .manage(Desk::open(data_dir))
        .manage(tiepdan_desk::commands::print::Previews::default())
        .invoke_handler(tiepdan_desk::handler())
        .build(tauri::generate_context!(test = true))
        .expect("build the app on the mock runtime")
}

pub fn window(app: &App<MockRuntime>, label: &str) -> WebviewWindow<MockRuntime> {
    WebviewWindowBuilder::new(app, label, Default::default()).build().expect("open a window")
}

pub fn call(window: &WebviewWindow<MockRuntime>, cmd: &str, args: Value) -> Result<Value, Value> {
    let request = InvokeRequest {
        cmd: cmd.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: "tauri://localhost".parse().unwrap(),
        body: InvokeBody::Json(args),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    get_ipc_response(window, request).map(|body| body.deserialize::<Value>().unwrap())
}

pub fn ward() -> Value {
    json!({ "ward_code": "12345", "ward_name": "Phường Hà Đông", "place": "Hà Đông", "upstream": "", "desk": "A" })
}

pub const ADMIN_PASSWORD: &str = "hoa-sen-2026";

/// The first-run setup: Trần Thị Bình, administrator (and leader when asked), signed in.
pub fn setup(main: &WebviewWindow<MockRuntime>, also_leader: bool) -> Value {
    let args = json!({
        "ward": ward(), "officer_name": "Trần Thị Bình", "officer_position": "Cán bộ",
        "also_leader": also_leader, "password": ADMIN_PASSWORD
    });
    call(main, "setup_ward", args).unwrap()
}

/// The app with the background sync started, as the desk's `main` does.
pub fn app_with_sync(data_dir: &std::path::Path) -> App<MockRuntime> {
    log_to_stderr();
    let desk = Desk::open(data_dir);
    let sync = tiepdan_desk::commands::sync::DeskSync::start(&desk);
    mock_builder()
        .manage(desk)
        .manage(sync)
        .manage(tiepdan_desk::commands::print::Previews::default())
        .invoke_handler(tiepdan_desk::handler())
        .build(tauri::generate_context!(test = true))
        .expect("build the app on the mock runtime")
}

/// Lê Văn Cường, a clerk, added by the signed-in administrator with the password "lua-chin-vang".
pub fn clerk_with_password(main: &WebviewWindow<MockRuntime>) -> Value {
    let clerk = call(
        main,
        "add_officer",
        json!({ "full_name": "Lê Văn Cường", "position": "Công chức", "roles": ["clerk"] }),
    )
    .unwrap();
    call(main, "give_password", json!({ "officer_id": clerk["id"], "password": "lua-chin-vang" })).unwrap();
    clerk
}
