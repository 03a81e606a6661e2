//! The restore scenarios of issue #5, each ending with the district's invariant checker and the
//! desk's marks checked against the server (I6).

use serde_json::json;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use tiepdan_domain::clock::SystemClock;
use tiepdan_domain::officer::WardProfile;
use tiepdan_domain::visit::{Visit, VisitDraft, VisitStatus};
use tiepdan_domain::{StreamId, VisitId};
use tiepdan_register::Actor;
use tiepdan_register::{Register, StreamInfo};
use tiepdan_sync::{RoundReport, SyncState};
use tiepdan_tests::district::District;

/// A desk: its data folder (register and sync state) on a disk that may die.
pub(crate) struct Desk {
    dir: tempfile::TempDir,
    register: Mutex<Register>,
}

fn register_path(dir: &Path) -> PathBuf {
    dir.join("register.sqlite")
}

fn draft(name: &str, kind: &str, summary: &str) -> VisitDraft {
    serde_json::from_value(json!({
        "visitors": [{ "full_name": name, "address": "Số 7 phố Tô Hiệu" }],
        "summary": summary,
        "petition": { "kind": kind, "field": "land" },
    }))
    .expect("draft")
}

impl Desk {
    /// A new desk A of ward 12345 with an officer on duty, enrolled with `district`.
    pub(crate) fn new(district: &District) -> Desk {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut register = Register::open(&register_path(dir.path()), Arc::new(SystemClock)).expect("open");
        register
            .init_ward(WardProfile {
                ward_code: "12345".into(),
                ward_name: "Phường Hà Đông".into(),
                place: "Hà Đông".into(),
                upstream: String::new(),
                desk: 'A',
            })
            .expect("init");
        register
            .add_first_officer(
                "Trần Thị Bình",
                "Công chức tiếp công dân",
                &[tiepdan_domain::access::Role::Clerk],
            )
            .expect("officer");
        let desk = Desk { dir, register: Mutex::new(register) };
        desk.enroll(district);
        desk
    }

    /// The desk after its disk died: a new data folder, the register restored from `backup`, and a
    /// new enrollment (the credential was on the dead disk too).
    fn restored(backup: &Path, district: &District) -> Desk {
        let dir = tempfile::tempdir().expect("temp dir");
        let register =
            Register::restore(backup, &register_path(dir.path()), Arc::new(SystemClock)).expect("restored");
        let desk = Desk { dir, register: Mutex::new(register) };
        desk.enroll(district);
        desk
    }

    fn enroll(&self, district: &District) {
        tiepdan_sync::enroll(
            &self.register,
            &self.state_path(),
            &district.url(),
            &district.code("A"),
            &SystemClock,
        )
        .expect("enrolled");
    }

    fn state_path(&self) -> PathBuf {
        SyncState::path_in(self.dir.path())
    }

    pub(crate) fn reg(&self) -> std::sync::MutexGuard<'_, Register> {
        self.register.lock().expect("register")
    }

    /// The desk's officer, acting as the owner of this register without passwords.
    pub(crate) fn owner(&self) -> Actor<'static> {
        self.reg().desk_owner().expect("the desk has an officer")
    }

    fn record(&self, name: &str, kind: &str, summary: &str) -> Visit {
        let owner = self.owner();
        self.reg().record_visit(&owner, draft(name, kind, summary)).expect("recorded")
    }

    pub(crate) fn round(&self) -> RoundReport {
        tiepdan_sync::round(&self.register, &self.state_path(), &SystemClock).expect("a full round")
    }

    fn backup(&self) -> PathBuf {
        let out = self.dir.path().join("backup.sqlite");
        let owner = self.owner();
        self.reg().backup(&owner, &out).expect("backup");
        // The backup is on another medium: it survives the disk.
        let kept = std::env::temp_dir().join(format!("tiepdan-backup-{}.sqlite", StreamId::new()));
        std::fs::copy(&out, &kept).expect("copied off the disk");
        kept
    }

    fn streams(&self) -> Vec<StreamInfo> {
        self.reg().streams().expect("streams")
    }

    fn visit(&self, id: VisitId) -> Visit {
        self.reg().visit(id).expect("the visit is in the register")
    }
}

/// The register ends complete and equal to the district, nothing forked, and the desk's marks are
/// the server's (I3–I6); the restored stream is frozen and new work went to a new stream.
fn assert_complete_and_equal(desk: &Desk, district: &District, restored_stream: StreamId) {
    let report = tiepdan_server::invariants::check(&district.db)
        .unwrap_or_else(|p| panic!("server invariants: {p:#?}"));
    assert_eq!(report.quarantined_versions, 0, "no fork: nothing was quarantined");
    let streams = desk.streams();
    assert_eq!(streams.len(), 2, "the restored stream and one new stream: {streams:#?}");
    assert!(streams[0].frozen && streams[0].id == restored_stream, "the restored stream is frozen");
    assert!(!streams[1].frozen && streams[1].epoch == streams[0].epoch + 1, "new work goes to a new epoch");
    let state = SyncState::load(&desk.state_path()).expect("state");
    for s in &streams {
        let server = report.streams.get(&s.id.to_string()).expect("the district has every stream");
        assert!(!server.quarantined);
        assert_eq!(server.hwm, s.max_seq, "the district and the desk hold the same events of {}", s.id);
        assert_eq!(server.head, hex(&s.head), "and the same chain");
        assert_eq!(state.acknowledged(s.id), server.hwm, "I6: the mark is the server's hwm, no more");
    }
    assert_eq!(report.events, streams.iter().map(|s| s.max_seq).sum::<u64>(), "each event stored once");
    assert!(desk.reg().verify().expect("verify").is_intact(), "the desk's journal verifies");
}

fn hex(hash: &[u8; 32]) -> String {
    hash.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn a_desk_restored_from_an_older_backup_takes_back_what_only_the_district_has_and_continues_on_a_new_stream()
{
    let district = District::start();
    let desk = Desk::new(&district);
    let kept = desk.record("Lâm Văn Phúc", "complaint", "Khiếu nại quyết định thu hồi đất");
    desk.round();
    let backup = desk.backup();
    // After the backup, before the disk dies: an amendment, a cancellation, a denunciation. All reach
    // the district; none is in the backup.
    let corrected = draft("Lâm Văn Phúc", "complaint", "Khiếu nại quyết định thu hồi đất thửa số 12");
    let owner = desk.owner();
    let amended = desk.reg().amend_visit(&owner, kept.id, corrected, "Ghi rõ số thửa").expect("amended");
    let cancelled = desk.record("Tạ Thị Quyên", "proposal", "Kiến nghị sửa đường");
    desk.reg().cancel_visit(&owner, cancelled.id, "Ghi nhầm").expect("cancelled");
    let denounced = desk.record("Phan Văn Tố", "denunciation", "Tố cáo cán bộ địa chính");
    assert_eq!(desk.round().pending, 0, "the district has everything before the disk dies");
    let old_stream = desk.streams()[0].id;
    drop(desk);

    let restored = Desk::restored(&backup, &district);
    assert_eq!(restored.visit(kept.id).details.summary, kept.details.summary, "the backup is older");
    let new_work = restored.record("Đỗ Văn Sơn", "complaint", "Khiếu nại bồi thường");
    let report = restored.round();
    assert_eq!(report.imported, 4, "the amendment, a visit, its cancellation, the denunciation: {report:?}");
    assert_eq!(report.pending, 0);

    assert_eq!(restored.visit(kept.id), amended, "the amendment made after the backup is back");
    assert_eq!(restored.visit(cancelled.id).status, VisitStatus::Cancelled);
    let back = restored.visit(denounced.id);
    assert_eq!(back.receipt_no, denounced.receipt_no, "the denunciation is back under its number");
    assert_eq!(back.details.summary, "", "its summary stayed at the ward too (issue 14): nothing invented");
    assert_eq!(back.details.visitors[0].full_name, "", "the denouncer's name never left the ward");
    assert!(restored.reg().identity_withheld(denounced.id).expect("flag"), "shown as withheld, not invented");
    assert_eq!(new_work.receipt_no.epoch, 2, "new receipts run in the new epoch");
    assert_ne!(new_work.receipt_no, denounced.receipt_no);
    assert_complete_and_equal(&restored, &district, old_stream);

    let again = restored.round();
    assert_eq!((again.imported, again.stored), (0, 0), "a second round takes back and sends nothing");
    let _ = std::fs::remove_file(backup);
}

#[test]
fn a_desk_restored_from_a_backup_ahead_of_the_district_pushes_its_unsent_tail_under_the_old_stream() {
    let district = District::start();
    let desk = Desk::new(&district);
    desk.record("Lâm Văn Phúc", "complaint", "Khiếu nại quyết định thu hồi đất");
    desk.round();
    // Recorded offline, then backed up; the disk dies before the next round.
    let unsent = desk.record("Tạ Thị Quyên", "proposal", "Kiến nghị sửa đường");
    let backup = desk.backup();
    let old_stream = desk.streams()[0].id;
    drop(desk);

    let restored = Desk::restored(&backup, &district);
    let new_work = restored.record("Đỗ Văn Sơn", "complaint", "Khiếu nại bồi thường");
    let report = restored.round();
    assert_eq!(report.imported, 0, "the district had nothing the backup lacked");
    assert!(report.stored >= 2, "the unsent tail and the new stream went up: {report:?}");
    assert_eq!(restored.visit(unsent.id).receipt_no, unsent.receipt_no);
    assert_eq!(new_work.receipt_no.epoch, 2);
    assert_complete_and_equal(&restored, &district, old_stream);
    let _ = std::fs::remove_file(backup);
}

#[test]
fn a_district_killed_with_sigkill_and_served_again_still_gives_the_restored_desk_everything() {
    let mut district = District::start();
    let desk = Desk::new(&district);
    desk.record("Lâm Văn Phúc", "complaint", "Khiếu nại quyết định thu hồi đất");
    desk.round();
    let backup = desk.backup();
    for i in 0..40 {
        desk.record(&format!("Nguyễn Thị {i}"), "complaint", "Khiếu nại");
    }
    desk.round();
    let old_stream = desk.streams()[0].id;
    drop(desk);

    let restored = Desk::restored(&backup, &district);
    restored.record("Đỗ Văn Sơn", "complaint", "Khiếu nại bồi thường");
    let from_backup = restored.streams()[0].max_seq;
    // SIGKILL: the round cannot reach the district, fails as transient and changes nothing.
    district.kill();
    let failed = tiepdan_sync::round(&restored.register, &restored.state_path(), &SystemClock);
    assert!(failed.is_err(), "no district, no round");
    assert_eq!(restored.streams()[0].max_seq, from_backup, "nothing was imported from nowhere");
    district.serve();
    let report = restored.round();
    assert_eq!(report.imported, 40, "the 40 visits recorded after the backup: {report:?}");
    assert_complete_and_equal(&restored, &district, old_stream);
    let _ = std::fs::remove_file(backup);
}
