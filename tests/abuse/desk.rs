//! A real desk for the campaign: a register of its own with an officer on duty, enrolled with the
//! district through the sync engine, recording visits and pushing them in full rounds. It is how
//! markup in a visit's text fields reaches the district the way a clerk's typing would, and the
//! desks that keep pushing while the server is under attack.

use serde_json::json;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use tiepdan_domain::clock::SystemClock;
use tiepdan_domain::officer::WardProfile;
use tiepdan_domain::visit::VisitDraft;
use tiepdan_register::Register;
use tiepdan_sync::{RoundReport, SyncState};
use tiepdan_tests::district::District;

pub struct Desk {
    dir: tempfile::TempDir,
    register: Mutex<Register>,
}

impl Desk {
    /// Desk `desk` of ward 12345, enrolled with `district` through the API.
    pub fn new(district: &District, desk: char) -> Desk {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("register.sqlite");
        let mut register = Register::open(&path, Arc::new(SystemClock)).expect("open");
        register
            .init_ward(WardProfile {
                ward_code: "12345".into(),
                ward_name: "Phường Hà Đông".into(),
                place: "Hà Đông".into(),
                upstream: String::new(),
                desk,
            })
            .expect("init");
        register
            .add_first_officer(
                "Trần Thị Bình",
                "Công chức tiếp công dân",
                &[tiepdan_domain::access::Role::Clerk],
            )
            .expect("officer");
        let code = district.admin(&["enroll-code", "--ward", "12345", "--desk", &desk.to_string()]);
        let code = code.lines().next().expect("a code").trim().to_string();
        let desk = Desk { dir, register: Mutex::new(register) };
        tiepdan_sync::enroll(&desk.register, &desk.state_path(), &district.url(), &code, &SystemClock)
            .expect("enrolled");
        desk
    }

    fn state_path(&self) -> PathBuf {
        SyncState::path_in(self.dir.path())
    }

    /// Records a visit whose visitor, address and summary are the given texts.
    pub fn record(&self, name: &str, address: &str, summary: &str) {
        let draft: VisitDraft = serde_json::from_value(json!({
            "visitors": [{ "full_name": name, "address": address }],
            "summary": summary,
            "petition": { "kind": "complaint", "field": "land" },
        }))
        .expect("draft");
        let mut register = self.register.lock().expect("register");
        let owner = register.desk_owner().expect("the desk has an officer");
        register.record_visit(&owner, draft).expect("recorded");
    }

    /// One full sync round: pushes what is pending, reads the feed.
    pub fn round(&self) -> RoundReport {
        tiepdan_sync::round(&self.register, &self.state_path(), &SystemClock).expect("a full round")
    }

    /// The id of the desk's (first) stream.
    pub fn stream(&self) -> String {
        self.register.lock().expect("register").streams().expect("streams")[0].id.to_string()
    }
}
