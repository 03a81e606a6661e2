//! Encryption at rest (issue 7 §3): a register with a key file, its WAL and its backups are SQLCipher
//! files that reveal nothing without the register key; an officer's password or the recovery key
//! opens them.

use crate::access::MovingClock;
use crate::common::{clock, desk, draft, reopen_signed_in, Desk};
use chrono::Duration as Span;
use rusqlite::{Connection, ErrorCode};
use std::path::Path;
use std::sync::{Arc, Mutex};
use tiepdan_domain::access::AccessAction;
use tiepdan_domain::access::Role;
use tiepdan_domain::clock::Clock;
use tiepdan_domain::visit::Visitor;
use tiepdan_keys::{KdfFloor, KdfParams, RecoveryKey};
use tiepdan_register::sessions::keys_path;
use tiepdan_register::{
    desk_card_path, signins_path, AccessQuery, Credentials, DeskCard, Register, RegisterError,
};

const PASSWORD: &str = "hoa-sen-2026";
const NAME: &str = "Lâm Văn Phúc";
const ID_NUMBER: &str = "001090007777";

fn floor() -> KdfFloor {
    KdfFloor::insecure_for_tests()
}

/// A visit by Lâm Văn Phúc with his citizen ID number: the bytes that must never show on disk.
fn identified_visit(d: &mut Desk) -> tiepdan_domain::visit::Visit {
    let mut draft = draft(NAME, "Khiếu nại về bồi thường đất");
    draft.visitors = vec![Visitor {
        id_kind: Some(tiepdan_domain::identity::IdKind::Cccd),
        id_number: Some(ID_NUMBER.into()),
        ..draft.visitors[0].clone()
    }];
    d.register.record_visit(&acting!(d), draft).unwrap()
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    let needle = needle.as_bytes();
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Every byte of `path` and its WAL, with the secrets checked absent.
fn assert_reveals_nothing(path: &Path, what: &str) {
    let mut bytes = std::fs::read(path).unwrap();
    bytes.extend(std::fs::read(path.with_extension("sqlite3-wal")).unwrap_or_default());
    assert!(bytes.len() > 4096, "{what} was read");
    for secret in [NAME, "lam van phuc", ID_NUMBER, "bồi thường", "Phường Hà Đông"] {
        assert!(!contains(&bytes, secret), "{secret:?} must not be readable in {what}");
    }
}

/// What someone with the file and an ordinary SQLite gets: "file is not a database".
fn assert_not_plain_sqlite(path: &Path, what: &str) {
    let conn = Connection::open(path).unwrap();
    let err = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get::<_, i64>(0)).unwrap_err();
    assert_eq!(err.sqlite_error_code(), Some(ErrorCode::NotADatabase), "{what}: {err}");
}

/// The plaintext of an encrypted register, decrypted with `key` into a plain copy (for tests that
/// check what is inside the encryption).
pub fn decrypted_bytes(path: &Path, key: &[u8; 32]) -> Vec<u8> {
    let plain = path.with_extension("plain-for-test");
    let conn = Connection::open(path).unwrap();
    conn.execute_batch(&format!("PRAGMA key = \"x'{}'\"", hex::encode(key))).unwrap();
    conn.execute("ATTACH DATABASE ?1 AS plain KEY ''", [plain.to_str().unwrap()]).unwrap();
    conn.query_row("SELECT sqlcipher_export('plain')", [], |_| Ok(())).unwrap();
    conn.execute("DETACH DATABASE plain", []).unwrap();
    drop(conn);
    let bytes = std::fs::read(&plain).unwrap();
    std::fs::remove_file(&plain).unwrap();
    bytes
}

fn password(d: &Desk) -> Credentials<'static> {
    Credentials::Password { officer: d.officer.id, password: PASSWORD }
}

#[test]
fn the_register_its_wal_and_a_backup_reveal_nothing_without_the_key_and_open_with_the_password() {
    let mut d = desk();
    let (session, _recovery) =
        d.register.create_keys(d.officer.id, PASSWORD, KdfParams::insecure_for_tests()).unwrap();
    d.session = Some(session);
    assert!(d.register.is_encrypted());
    let visit = identified_visit(&mut d);
    let backup = d.dir.path().join("backup.sqlite3");
    assert!(d.register.backup(&acting!(d), &backup).unwrap());
    // While the register is open its latest pages are in the WAL: both are checked.
    let path = d.path();
    assert_reveals_nothing(&path, "the open register and its WAL");
    assert_reveals_nothing(&backup, "the backup");
    assert_not_plain_sqlite(&backup, "the backup");
    let credentials = password(&d);
    drop(d.register);
    assert_not_plain_sqlite(&path, "the register");
    assert!(matches!(Register::open(&path, clock()), Err(RegisterError::SignInRequired)));

    let (register, session) = Register::open_signed_in(&path, clock(), floor(), credentials).unwrap();
    assert_eq!(session.officer().id, credentials.officer());
    assert_eq!(register.visit(visit.id).unwrap().details.visitors[0].full_name, NAME, "the visit is there");
    assert_eq!(
        register.search(&tiepdan_register::Actor::signed_in(&session), "lam van phuc", 5).unwrap().len(),
        1,
        "and found by search"
    );
    drop(register);
    let key = *session.unlocked().register_key().expose_secret_bytes();
    assert!(contains(&decrypted_bytes(&backup, &key), NAME), "the backup holds the visit under the same key");
}

#[test]
fn with_the_recovery_key_an_administrator_opens_the_encrypted_register_and_gets_a_new_password() {
    let mut d = desk();
    let (session, recovery) =
        d.register.create_keys(d.officer.id, PASSWORD, KdfParams::insecure_for_tests()).unwrap();
    d.session = Some(session);
    let visit = identified_visit(&mut d);
    let path = d.path();
    let officer = d.officer.id;
    drop(d.register);
    let wrong = RecoveryKey::generate().unwrap();
    let err = Register::open_signed_in(
        &path,
        clock(),
        floor(),
        Credentials::RecoveryKey { key: &wrong, administrator: officer, new_password: "mat-khau-moi-2027" },
    )
    .unwrap_err();
    assert!(matches!(err, RegisterError::Keys(tiepdan_keys::KeyError::WrongRecoveryKey)), "{err:?}");

    let credentials = Credentials::RecoveryKey {
        key: &recovery,
        administrator: officer,
        new_password: "mat-khau-moi-2027",
    };
    let (register, session) = Register::open_signed_in(&path, clock(), floor(), credentials).unwrap();
    assert_eq!(register.visit(visit.id).unwrap().id, visit.id);
    let log =
        register.access_log(&tiepdan_register::Actor::signed_in(&session), &AccessQuery::default()).unwrap();
    assert!(log.iter().any(|e| e.action == AccessAction::RecoveryKeyUsed), "the recovery is audited");
    assert!(
        log.iter().any(|e| e.action == AccessAction::SignInFailed),
        "the wrong recovery key tried while the register was closed is in the audit now"
    );
    drop(register);
    let new = Credentials::Password { officer, password: "mat-khau-moi-2027" };
    Register::open_signed_in(&path, clock(), floor(), new).expect("the new password opens it");
}

#[test]
fn encrypting_a_plain_register_keeps_every_visit_and_the_chain_and_leaves_no_plaintext_file() {
    let mut d = desk();
    let first = identified_visit(&mut d);
    let second = d.register.record_visit(&acting!(d), draft("Tạ Thị Quyên", "Kiến nghị về điện")).unwrap();
    assert!(!d.register.is_encrypted());
    d.session =
        Some(d.register.create_keys(d.officer.id, PASSWORD, KdfParams::insecure_for_tests()).unwrap().0);
    assert!(d.register.is_encrypted());
    assert!(d.register.verify().unwrap().is_intact(), "the journal's chain verifies after encryption");
    assert_eq!(
        d.register.search(&acting!(d), "lam van phuc", 5).unwrap().len(),
        1,
        "the search index came along"
    );
    let third = d.register.record_visit(&acting!(d), draft("Đỗ Văn Sơn", "Khiếu nại")).unwrap();
    let officer = d.officer.id;
    d.session = Some(reopen_signed_in(&mut d, officer, PASSWORD));
    for v in [&first, &second, &third] {
        assert_eq!(d.register.visit(v.id).unwrap().receipt_no, v.receipt_no);
    }
    assert!(d.register.verify().unwrap().is_intact());
    drop(d.register);
    for entry in std::fs::read_dir(d.dir.path()).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        assert!(!contains(&bytes, NAME) && !contains(&bytes, ID_NUMBER), "plaintext left in {path:?}");
    }
}

#[test]
fn a_failure_while_encrypting_leaves_the_register_plain_without_a_key_file() {
    let mut d = desk();
    let visit = identified_visit(&mut d);
    // Where the encrypted copy would be written there is a folder: the copy cannot be made.
    let copy = d.dir.path().join("register.sqlite3.encrypting");
    std::fs::create_dir(&copy).unwrap();
    let err = d.register.create_keys(d.officer.id, PASSWORD, KdfParams::insecure_for_tests()).unwrap_err();
    assert!(matches!(err, RegisterError::Io(_)), "{err:?}");
    assert!(!keys_path(&d.path()).exists(), "no key file is left that the register does not match");
    assert!(!d.register.is_encrypted() && !d.register.has_keys());
    assert_eq!(d.register.visit(visit.id).unwrap().id, visit.id, "the register keeps working");
    std::fs::remove_dir(&copy).unwrap();
    d.session = Some(
        d.register
            .create_keys(d.officer.id, PASSWORD, KdfParams::insecure_for_tests())
            .expect("a retry works")
            .0,
    );
}

#[test]
fn a_crash_between_the_key_file_and_the_swap_is_finished_at_the_next_sign_in() {
    let mut d = desk();
    let visit = identified_visit(&mut d);
    let path = d.path();
    let plain = d.dir.path().join("plain-copy");
    d.register.backup(&acting!(d), &plain).unwrap();
    d.session =
        Some(d.register.create_keys(d.officer.id, PASSWORD, KdfParams::insecure_for_tests()).unwrap().0);
    let credentials = password(&d);
    drop(d.register);
    // As if the desk died after writing register.keys but before the encrypted copy replaced it.
    std::fs::rename(&plain, &path).unwrap();
    assert!(matches!(Register::open(&path, clock()), Err(RegisterError::SignInRequired)));
    let (register, _) = Register::open_signed_in(&path, clock(), floor(), credentials).unwrap();
    assert!(register.is_encrypted());
    assert_eq!(register.visit(visit.id).unwrap().id, visit.id);
    drop(register);
    assert_not_plain_sqlite(&path, "the register after the interrupted encryption was finished");
}

#[test]
fn wrong_passwords_while_the_register_is_closed_slow_sign_in_across_restarts_and_reach_the_audit() {
    let mut d = desk();
    d.session =
        Some(d.register.create_keys(d.officer.id, PASSWORD, KdfParams::insecure_for_tests()).unwrap().0);
    let path = d.path();
    let officer = d.officer.id;
    drop(d.register);
    let moving = Arc::new(MovingClock(Mutex::new(clock().now())));
    let wrong = Credentials::Password { officer, password: "sai-mat-khau" };
    let right = Credentials::Password { officer, password: PASSWORD };
    for _ in 0..3 {
        let err = Register::open_signed_in(&path, moving.clone(), floor(), wrong).unwrap_err();
        assert!(matches!(err, RegisterError::WrongPassword { .. }), "{err:?}");
    }
    // Each attempt is a fresh open, as after a restart of the app: the wait still holds.
    let err = Register::open_signed_in(&path, moving.clone(), floor(), right).unwrap_err();
    assert!(matches!(err, RegisterError::SignInWait { .. }), "the right password waits too: {err:?}");
    assert!(signins_path(&path).is_file());
    moving.advance(Span::minutes(5));
    let (register, session) = Register::open_signed_in(&path, moving.clone(), floor(), right).unwrap();
    let failed = register
        .access_log(&tiepdan_register::Actor::signed_in(&session), &AccessQuery::default())
        .unwrap()
        .into_iter()
        .filter(|e| e.action == AccessAction::SignInFailed && e.officer == Some(officer))
        .count();
    assert_eq!(failed, 3, "the failures made while the register was closed are audited once");
    assert!(!signins_path(&path).exists(), "a success forgives the officer's failures");
    assert!(register.verify_access_log().unwrap().broken_at.is_none());
}

#[test]
fn the_sign_in_screens_card_beside_an_encrypted_register_names_the_ward_and_officers_only() {
    let mut d = desk();
    assert_eq!(DeskCard::read(&d.path()).unwrap(), None, "a plain register needs no card");
    d.session =
        Some(d.register.create_keys(d.officer.id, PASSWORD, KdfParams::insecure_for_tests()).unwrap().0);
    identified_visit(&mut d);
    let clerk = d.register.add_officer(&acting!(d), "Phạm Thu Hà", "Công chức", &[Role::Clerk]).unwrap();
    let card = DeskCard::read(&d.path()).unwrap().expect("written with the key file");
    assert_eq!(card.ward.unwrap().ward_name, "Phường Hà Đông");
    let names: Vec<_> = card.officers.iter().map(|o| o.full_name.as_str()).collect();
    assert_eq!(names, ["Trần Thị Bình", "Phạm Thu Hà"], "an officer added later is on the card too");
    assert!(card.officers.iter().any(|o| o.id == clerk.id));
    let bytes = std::fs::read(desk_card_path(&d.path())).unwrap();
    assert!(!contains(&bytes, NAME) && !contains(&bytes, ID_NUMBER), "no citizen on the card");
}
