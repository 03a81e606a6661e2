use crate::common::{clock, desk, draft};
use rusqlite::Connection;
use tiepdan_register::paths::{default_data_dir, register_path, REGISTER_FILE};
use tiepdan_register::{Register, RegisterError};

#[test]
fn a_file_that_is_not_a_register_is_reported_as_damaged_not_overwritten() {
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join(REGISTER_FILE);
    std::fs::write(&path, b"this is a scanned letter, not a register").unwrap();
    let err = Register::open(&path, clock()).unwrap_err();
    assert!(matches!(err, RegisterError::Corrupt(_)), "{err:?}");
    assert_eq!(std::fs::read(&path).unwrap(), b"this is a scanned letter, not a register");
}

#[test]
fn a_register_written_by_a_newer_version_is_refused() {
    let d = desk();
    let path = d.path();
    drop(d.register);
    Connection::open(&path).unwrap().pragma_update(None, "user_version", 99).unwrap();
    let err = Register::open(&path, clock()).unwrap_err();
    assert!(matches!(err, RegisterError::TooNew { found: 99, .. }), "{err:?}");
}

#[test]
fn a_register_reopened_holds_what_was_saved_in_wal_mode() {
    let mut d = desk();
    let v = d.register.record_visit(&acting!(d), draft("Châu Văn Liêm", "Hỏi thủ tục")).unwrap();
    let path = d.path();
    drop(d.register);
    let r = Register::open(&path, clock()).unwrap();
    assert_eq!(r.visit(v.id).unwrap(), v);
    let conn = Connection::open(&path).unwrap();
    let mode: String = conn.query_row("PRAGMA journal_mode", [], |row| row.get(0)).unwrap();
    assert_eq!(mode, "wal", "the register must stay in WAL mode for durable commits");
}

#[test]
fn the_data_directory_comes_from_the_environment_or_the_desk_apps_folder() {
    // Only this test touches TIEPDAN_DATA_DIR in this binary.
    let before = std::env::var_os("TIEPDAN_DATA_DIR");
    std::env::set_var("TIEPDAN_DATA_DIR", "/srv/tiepdan");
    assert_eq!(register_path(&default_data_dir()), std::path::Path::new("/srv/tiepdan/register.sqlite3"));
    std::env::remove_var("TIEPDAN_DATA_DIR");
    assert!(default_data_dir().ends_with("vn.tiepdan.desk"));
    if let Some(v) = before {
        std::env::set_var("TIEPDAN_DATA_DIR", v);
    }
}

#[cfg(unix)]
#[test]
fn only_the_owner_may_read_the_register_file() {
    use std::os::unix::fs::PermissionsExt;
    let d = crate::common::desk();
    let mode = std::fs::metadata(d.path()).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "citizens' data is not readable by other users of the computer");
}

/// Puts a register back to the schema before migration 0012 (petition sources), keeping its rows:
/// `visits` as migration 0001 made it, without the new columns and tables (nor those of the
/// migrations after 0012).
fn back_to_before_petition_sources(path: &std::path::Path) {
    let first = include_str!("../../migrations/0001_register.sql");
    let start = first.find("CREATE TABLE visits (").unwrap();
    let end = start + first[start..].find(") STRICT;").unwrap() + ") STRICT;".len();
    let old_visits = first[start..end].replace("CREATE TABLE visits (", "CREATE TABLE visits_old (");
    let conn = Connection::open(path).unwrap();
    conn.pragma_update(None, "foreign_keys", false).unwrap();
    conn.execute_batch(&format!(
        "BEGIN;
         ALTER TABLE petition_resolutions DROP COLUMN figures;
         {old_visits}
         INSERT INTO visits_old SELECT no, id, receipt_no, desk, epoch, receipt_year, receipt_number, stream,
             status, cancel_reason, received_at, received_on, reception, visitor_kind, people_count,
             organisation, summary, refusal_ground, refusal_detail, officer_id, notes FROM visits;
         DROP TABLE visits;
         ALTER TABLE visits_old RENAME TO visits;
         CREATE INDEX visits_by_day ON visits(received_on);
         ALTER TABLE petitions DROP COLUMN competent;
         ALTER TABLE petitions DROP COLUMN processed_on;
         DROP TABLE reception_sessions;
         DROP TABLE reception_schedule;
         -- Later migrations run again on reopening: their tables go too.
         DROP TABLE report_openings;
         DROP TABLE decision_implementations;
         PRAGMA user_version = 10;
         COMMIT;"
    ))
    .unwrap();
}

#[test]
fn a_register_from_before_petition_sources_keeps_its_visits_links_and_search_and_numbers_on() {
    let mut d = desk();
    let mut first = draft("Châu Văn Liêm", "Khiếu nại thu hồi đất thửa 45");
    first.petition = Some(crate::follow_up::petition(tiepdan_domain::petition::PetitionKind::Complaint));
    let first = d.register.record_visit(&acting!(d), first).unwrap();
    let second = d
        .register
        .record_visit(&acting!(d), draft("Châu Văn Liêm", "Khiếu nại thu hồi đất thửa 45 lần 2"))
        .unwrap();
    d.register.link_repeat(&acting!(d), second.id, first.id).unwrap();
    let path = d.path();
    drop(std::mem::replace(
        &mut d.register,
        Register::open(&d.dir.path().join("scratch.sqlite3"), clock()).unwrap(),
    ));
    back_to_before_petition_sources(&path);

    d.register = Register::open(&path, clock()).unwrap();
    assert_eq!(d.register.visit(first.id).unwrap(), first, "every visit reads back as it was");
    assert_eq!(d.register.visit(second.id).unwrap(), second);
    assert_eq!(d.register.visit_count(second.id).unwrap(), 2, "the repeat link still points at its visit");
    let hits = d.register.search(&acting!(d), "chau van liem", 10).unwrap();
    assert_eq!(hits.len(), 2, "the search index still finds both: {hits:?}");
    let next = d.register.record_visit(&acting!(d), draft("Đỗ Thị Mơ", "Hỏi")).unwrap();
    assert_eq!(next.receipt_no.to_string(), "0003/2026/A", "visits number on");
    let mailed: tiepdan_domain::intake::PetitionDraft = serde_json::from_value(serde_json::json!({
        "source": "post", "senders": [{ "full_name": "Đỗ Thị Mơ" }], "summary": "Phản ánh", "kind": "reflection"
    }))
    .unwrap();
    let petition = d.register.receive_petition(&acting!(d), mailed).unwrap();
    assert_eq!(petition.receipt_no.to_string(), "ĐT-0001/2026/A", "petitions start their own series");
    let conn = Connection::open(&path).unwrap();
    let broken: i64 =
        conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).unwrap();
    assert_eq!(broken, 0, "every row that refers to a visit still finds it");
}
