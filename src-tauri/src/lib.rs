//! Tiếp Dân, the desk app: a thin Tauri shell over the register.
//!
//! This crate owns the window and nothing else: it opens the register in the data dir, keeps one
//! instance per register, writes a rotating log next to the register and exposes one command file
//! per feature (`commands/`). Rules, validation and storage belong to `tiepdan-domain` and
//! `tiepdan-register`; no SQL and no business rule lives here.

pub mod commands;
pub mod error;
pub mod state;

#[cfg(feature = "ts")]
pub mod bindings;
#[cfg(any(test, feature = "ts"))]
pub mod surface;

use std::path::{Path, PathBuf};
use tauri::Manager;
use tauri_plugin_log::{RotationStrategy, Target, TargetKind};

/// The desk's command handler, shared by the app and its IPC tests: every `#[tauri::command]` under
/// `commands/`, listed by build.rs from their source (the same list gates them in the app manifest).
/// The capability file says that only the `main` window may call them.
pub fn handler<R: tauri::Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
    include!(concat!(env!("OUT_DIR"), "/handler.rs"))
}

/// A D-Bus name unique to one register, so two desks on two data dirs may run side by side while a
/// second launch on the same register focuses the first window.
fn instance_id(data_dir: &Path) -> String {
    let canonical = data_dir.canonicalize().unwrap_or_else(|_| data_dir.to_path_buf());
    // FNV-1a: stable across builds, unlike the std hasher.
    let hash = canonical
        .to_string_lossy()
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
    format!("vn.tiepdan.desk.r{hash:016x}")
}

/// `--data-dir DIR` on the command line (what the end-to-end tests use, since WebDriver passes
/// arguments but no environment), else `TIEPDAN_DATA_DIR`, else the OS data dir.
fn data_dir() -> PathBuf {
    let mut args = std::env::args_os().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--data-dir" {
            if let Some(dir) = args.next() {
                return PathBuf::from(dir);
            }
        }
    }
    tiepdan_register::paths::default_data_dir()
}

pub fn run() {
    let data_dir = data_dir();
    let _ = std::fs::create_dir_all(&data_dir);
    let log = tauri_plugin_log::Builder::new()
        .clear_targets()
        .target(Target::new(TargetKind::Folder {
            path: data_dir.join("logs"),
            file_name: Some("tiepdan-desk".into()),
        }))
        .target(Target::new(TargetKind::Stderr))
        .max_file_size(1_000_000)
        .rotation_strategy(RotationStrategy::KeepSome(5))
        .level(log::LevelFilter::Info)
        .build();
    let single = tauri_plugin_single_instance::Builder::new()
        .dbus_id(instance_id(&data_dir))
        .callback(|app, _args, _cwd| {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.show();
                let _ = window.set_focus();
            }
        })
        .build();
    tauri::Builder::default()
        .plugin(single)
        .plugin(log)
        .setup(move |app| {
            // A print the last run died in may have left its plain copy of a PDF behind.
            use tiepdan_print_jobs::spool_copy::{remove_leftovers, LEFTOVER_AFTER};
            let removed = remove_leftovers(&data_dir, LEFTOVER_AFTER);
            if removed > 0 {
                log::info!("removed {removed} print copies left by an earlier run");
            }
            let desk = state::Desk::open(&data_dir);
            // Sync runs in the background from the start, driven by its own timer.
            app.manage(commands::sync::DeskSync::start(&desk));
            app.manage(desk);
            Ok(())
        })
        .manage(commands::print::Previews::default())
        .register_uri_scheme_protocol(commands::print::PREVIEW_SCHEME, commands::print::preview_protocol)
        .invoke_handler(handler())
        .run(tauri::generate_context!())
        .expect("the desk app failed to start");
}
