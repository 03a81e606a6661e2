use crate::common::{clock, desk, draft};
use crate::recovery::{denunciation, desk_with_recovery_key, ADMIN_PASSWORD, DENOUNCER};
use std::collections::HashSet;
use std::path::Path;
use tiepdan_keys::KdfFloor;
use tiepdan_register::paths::register_path;
use tiepdan_register::sessions::keys_path;
use tiepdan_register::{backup_keys_path, Credentials, Register, RegisterError};

/// The files in a folder, without SQLite's `-wal`/`-shm` side files (reading a backup makes them).
fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.ends_with("-wal") && !n.ends_with("-shm"))
        .collect();
    names.sort();
    names
}

#[test]
fn a_backup_holds_every_visit_and_restoring_it_starts_a_new_epoch() {
    let mut d = desk();
    let before = d.register.record_visit(&acting!(d), draft("Lâm Văn Phúc", "Khiếu nại")).unwrap();
    let backup = d.dir.path().join("backup.sqlite3");
    d.register.backup(&acting!(d), &backup).unwrap();
    // Work done after the backup: only the district would still have it after a restore.
    let lost = d.register.record_visit(&acting!(d), draft("Tạ Thị Quyên", "Kiến nghị")).unwrap();
    let old_stream = d.register.current_stream().unwrap();
    let path = d.path();
    drop(d.register);

    let mut restored = Register::restore(&backup, &path, clock()).unwrap();
    assert_eq!(restored.visit(before.id).unwrap(), before);
    assert!(matches!(restored.visit(lost.id), Err(RegisterError::NotFound { .. })));
    let streams = restored.streams().unwrap();
    assert_eq!(streams.len(), 2);
    assert!(streams[0].frozen, "the restored stream is never appended to again");
    assert_eq!(streams[0].id, old_stream.id);
    let current = restored.current_stream().unwrap();
    assert_eq!((current.epoch, current.frozen), (2, false));

    let after =
        restored.record_visit(&restored.desk_owner().unwrap(), draft("Tạ Thị Quyên", "Kiến nghị")).unwrap();
    assert_eq!(after.receipt_no.to_string(), "0001/2026/A2", "the new epoch is part of the number");
    let numbers: HashSet<_> = [&before, &lost, &after].iter().map(|v| v.receipt_no.to_string()).collect();
    assert_eq!(numbers.len(), 3, "no number after the restore repeats one given before it");
    assert!(restored.verify().unwrap().is_intact());

    let kept_aside = std::fs::read_dir(d.dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .any(|e| e.file_name().to_string_lossy().starts_with("register.sqlite3.replaced-"));
    assert!(kept_aside, "the replaced register is kept aside, never deleted");
}

#[test]
fn a_register_that_is_open_cannot_be_restored_over() {
    let mut d = desk();
    let backup = d.dir.path().join("backup.sqlite3");
    d.register.backup(&acting!(d), &backup).unwrap();
    assert!(matches!(Register::restore(&backup, &d.path(), clock()), Err(RegisterError::Locked { .. })));
}

#[test]
fn a_damaged_backup_is_refused_and_the_register_is_left_alone() {
    let mut d = desk();
    d.register.record_visit(&acting!(d), draft("Lâm Văn Phúc", "Khiếu nại")).unwrap();
    let path = d.path();
    drop(d.register);
    let junk = d.dir.path().join("junk.sqlite3");
    std::fs::write(&junk, vec![7u8; 8192]).unwrap();
    let err = Register::restore(&junk, &path, clock()).unwrap_err();
    // Without a key a damaged file and an encrypted backup look alike: the refusal says both.
    assert!(matches!(err, RegisterError::BackupWithoutKeys { .. }), "{err:?}");
    assert!(err.to_string().contains("damaged"), "{err}");
    let r = Register::open(&path, clock()).unwrap();
    assert_eq!(r.search(&r.desk_owner().unwrap(), "lam van phuc", 5).unwrap().len(), 1);
}

#[test]
fn a_backup_carries_the_key_file_so_a_restored_register_signs_in_and_reveals_as_before() {
    let (mut d, _) = desk_with_recovery_key();
    let visit = d.register.record_visit(&acting!(d), denunciation()).unwrap();
    let backup = d.dir.path().join("backup.sqlite3");
    assert!(
        d.register.backup(&acting!(d), &backup).unwrap(),
        "the register has a key file, so the backup carries it"
    );
    let keys = backup_keys_path(&backup);
    assert_eq!(keys.file_name().unwrap(), "backup.sqlite3.keys");
    assert_eq!(std::fs::read(&keys).unwrap(), std::fs::read(keys_path(&d.path())).unwrap(), "an exact copy");

    let elsewhere = tempfile::TempDir::new().unwrap();
    let into = register_path(elsewhere.path());
    let err = Register::restore_with_key_floor(&backup, &into, clock(), floor()).unwrap_err();
    assert!(matches!(err, RegisterError::SignInRequired), "an encrypted backup needs a password: {err:?}");
    let (mut restored, leader) = Register::restore_signed_in(&backup, &into, clock(), floor(), admin(&d))
        .expect("the old password opens the copy");
    assert!(restored.has_keys() && keys_path(&into).is_file(), "the key file is put beside the register");
    assert!(restored.is_encrypted(), "the restored register is encrypted like its backup");
    let stored = restored.visit(visit.id).unwrap();
    let open = restored.reveal_visit(&tiepdan_register::Actor::signed_in(&leader), stored).unwrap();
    assert_eq!(open.details.visitors[0].full_name, DENOUNCER, "the sealed identity still opens");
}

#[test]
fn restoring_over_a_register_keeps_its_key_file_aside_like_the_register() {
    let (mut d, _) = desk_with_recovery_key();
    let backup = d.dir.path().join("backup.sqlite3");
    d.register.backup(&acting!(d), &backup).unwrap();
    let path = d.path();
    let credentials = admin(&d);
    drop(d.register);
    Register::restore_signed_in(&backup, &path, clock(), floor(), credentials).unwrap();
    let names = names_in(d.dir.path());
    assert!(names.iter().any(|n| n.starts_with("register.sqlite3.replaced-")), "{names:?}");
    assert!(names.iter().any(|n| n.starts_with("register.keys.replaced-")), "never deleted: {names:?}");
    assert!(names.contains(&"register.keys".to_string()), "{names:?}");
}

#[test]
fn a_backup_that_no_key_file_can_open_is_refused_and_nothing_moves() {
    let (mut d, _) = desk_with_recovery_key();
    d.register.record_visit(&acting!(d), denunciation()).unwrap();
    let backup = d.dir.path().join("backup.sqlite3");
    d.register.backup(&acting!(d), &backup).unwrap();
    std::fs::remove_file(backup_keys_path(&backup)).unwrap();
    let elsewhere = tempfile::TempDir::new().unwrap();
    let into = register_path(elsewhere.path());

    let err = Register::restore_signed_in(&backup, &into, clock(), floor(), admin(&d)).unwrap_err();
    assert!(matches!(&err, RegisterError::BackupWithoutKeys { keys } if *keys == backup_keys_path(&backup)));
    assert!(err.to_string().contains("backup.sqlite3.keys"), "the error names the missing file: {err}");
    let err = Register::restore(&backup, &into, clock()).unwrap_err();
    assert!(matches!(&err, RegisterError::BackupWithoutKeys { .. }), "{err:?}");
    assert_eq!(names_in(elsewhere.path()), vec!["register.sqlite3.lock".to_string()], "nothing was written");

    // Beside the register it came from, whose key file never changes, the same backup restores.
    let path = d.path();
    let credentials = admin(&d);
    drop(d.register);
    let (restored, _) = Register::restore_signed_in(&backup, &path, clock(), floor(), credentials).unwrap();
    assert!(restored.verify().unwrap().is_intact());
}

#[test]
fn a_backup_of_a_register_without_passwords_has_no_key_file_and_drops_a_stale_one() {
    let mut d = desk();
    d.register.record_visit(&acting!(d), draft("Lâm Văn Phúc", "Khiếu nại")).unwrap();
    let backup = d.dir.path().join("backup.sqlite3");
    std::fs::write(backup_keys_path(&backup), b"another register's keys").unwrap();
    assert!(!d.register.backup(&acting!(d), &backup).unwrap());
    assert!(!backup_keys_path(&backup).exists(), "a restore must not pair this copy with other keys");
    let path = d.path();
    drop(d.register);
    let restored = Register::restore(&backup, &path, clock()).unwrap();
    assert!(!restored.has_keys(), "nothing sealed, no key file: restored as before passwords");
}

fn floor() -> KdfFloor {
    KdfFloor::insecure_for_tests()
}

fn admin(d: &crate::common::Desk) -> Credentials<'static> {
    Credentials::Password { officer: d.officer.id, password: ADMIN_PASSWORD }
}
