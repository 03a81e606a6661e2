//! Gates our commands behind the app manifest: only capabilities that list a command may call it.

const COMMANDS: &[&str] = &[
    "app_status",
    "setup_ward",
    "sign_in",
    "lock_screen",
    "sign_out",
    "set_first_password",
    "change_password",
    "recover_access",
    "give_password",
    "set_officer_roles",
    "access_log",
    "update_ward",
    "add_officer",
    "retire_officer",
    "set_current_officer",
    "record_visit",
    "visit_record",
    "reveal_visit",
    "amend_visit",
    "cancel_visit",
    "returning_citizens",
    "visits_between",
    "search_visits",
    "sync_status",
    "enroll_desk",
    "send_now",
    "close_day",
    "due_petitions",
    "petition_follow_up",
    "proposed_appointment",
    "record_acceptance",
    "record_transfer",
    "record_transfer_answer",
    "record_extension",
    "record_resolution",
    "print_form",
    "preview_form",
    "reprint_job",
    "retry_print_job",
    "print_log",
    "printer_settings",
    "set_printer",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build script");
}
