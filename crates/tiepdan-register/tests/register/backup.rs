use crate::common::{clock, desk, draft};
use std::collections::HashSet;
use tiepdan_register::{Register, RegisterError};

#[test]
fn a_backup_holds_every_visit_and_restoring_it_starts_a_new_epoch() {
    let mut d = desk();
    let before = d.register.record_visit(draft("Lâm Văn Phúc", "Khiếu nại")).unwrap();
    let backup = d.dir.path().join("backup.sqlite3");
    d.register.backup(&backup).unwrap();
    // Work done after the backup: only the district would still have it after a restore.
    let lost = d.register.record_visit(draft("Tạ Thị Quyên", "Kiến nghị")).unwrap();
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

    let after = restored.record_visit(draft("Tạ Thị Quyên", "Kiến nghị")).unwrap();
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
    let d = desk();
    let backup = d.dir.path().join("backup.sqlite3");
    d.register.backup(&backup).unwrap();
    assert!(matches!(Register::restore(&backup, &d.path(), clock()), Err(RegisterError::Locked { .. })));
}

#[test]
fn a_damaged_backup_is_refused_and_the_register_is_left_alone() {
    let mut d = desk();
    d.register.record_visit(draft("Lâm Văn Phúc", "Khiếu nại")).unwrap();
    let path = d.path();
    drop(d.register);
    let junk = d.dir.path().join("junk.sqlite3");
    std::fs::write(&junk, vec![7u8; 8192]).unwrap();
    let err = Register::restore(&junk, &path, clock()).unwrap_err();
    assert!(matches!(err, RegisterError::Corrupt(_)), "{err:?}");
    let r = Register::open(&path, clock()).unwrap();
    assert_eq!(r.search("lam van phuc", 5).unwrap().len(), 1);
}
