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
