//! A set-up desk (register, data folder, officer on duty, one registered visit) and a stand-in
//! spooler whose printers can be stopped and started between jobs.

use chrono::{TimeZone, Utc};
use std::cell::RefCell;
use std::path::Path;
use std::sync::Arc;
use tempfile::TempDir;
use tiepdan_domain::access::Role;
use tiepdan_domain::clock::FixedClock;
use tiepdan_domain::officer::WardProfile;
use tiepdan_domain::visit::{Visit, VisitDraft, Visitor};
use tiepdan_print_jobs::Spooler;
use tiepdan_register::paths::register_path;
use tiepdan_register::Register;
use tiepdan_spool::{JobOptions, PrintJob, SpoolError};

pub struct Desk {
    pub dir: TempDir,
    pub register: Register,
    pub visit: Visit,
    /// The desk's officer, acting as the owner of this register without passwords.
    pub owner: tiepdan_register::Actor<'static>,
}

impl Desk {
    pub fn data_dir(&self) -> &Path {
        self.dir.path()
    }
}

pub fn visitor(name: &str) -> Visitor {
    Visitor {
        full_name: name.into(),
        id_kind: None,
        id_number: Some("001088012345".into()),
        id_issued_on: None,
        id_issued_by: None,
        birth_year: Some(1988),
        sex: None,
        address: Some("Số 12, ngõ 3, phố Quang Trung, Hà Đông".into()),
        phone: None,
        sealed: None,
    }
}

/// A desk of Phường Hà Đông with Trần Thị Bình on duty and Đặng Hữu Ước's visit registered.
pub fn desk() -> Desk {
    let dir = TempDir::new().unwrap();
    let clock = Arc::new(FixedClock(Utc.with_ymd_and_hms(2026, 11, 25, 2, 30, 0).unwrap()));
    let mut register = Register::open(&register_path(dir.path()), clock).unwrap();
    register
        .init_ward(WardProfile {
            ward_code: "10105".into(),
            ward_name: "Phường Hà Đông".into(),
            place: "Hà Đông".into(),
            upstream: "UBND THÀNH PHỐ HÀ NỘI".into(),
            desk: 'A',
        })
        .unwrap();
    let officer = register
        .add_first_officer("Trần Thị Bình", "Công chức tiếp công dân", &[Role::Clerk, Role::Administrator])
        .unwrap();
    let draft = VisitDraft {
        visitors: vec![visitor("Đặng Hữu Ước")],
        summary: "Khiếu nại quyết định thu hồi đất.".into(),
        officer_id: Some(officer.id),
        ..Default::default()
    };
    let owner = register.desk_owner().unwrap();
    let visit = register.record_visit(&owner, draft).unwrap();
    Desk { dir, register, visit, owner }
}

/// What the stand-in spooler was handed.
#[derive(Debug, Clone)]
pub struct Sent {
    pub printer: String,
    pub pdf: Vec<u8>,
    pub options: JobOptions,
}

/// A spooler with one printer, "Quầy A", that can be stopped; every job it accepts is kept.
#[derive(Default)]
pub struct FakeSpooler {
    pub stopped: RefCell<bool>,
    pub sent: RefCell<Vec<Sent>>,
}

impl Spooler for FakeSpooler {
    fn default_printer(&self) -> Result<Option<String>, SpoolError> {
        Ok(Some("Quầy A".into()))
    }

    fn print(&self, printer: &str, pdf: &Path, options: &JobOptions) -> Result<PrintJob, SpoolError> {
        if printer != "Quầy A" {
            return Err(SpoolError::PrinterNotFound { name: printer.into() });
        }
        if *self.stopped.borrow() {
            return Err(SpoolError::PrinterStopped { name: printer.into(), reason: "Hết giấy".into() });
        }
        let mut sent = self.sent.borrow_mut();
        sent.push(Sent {
            printer: printer.into(),
            pdf: std::fs::read(pdf).unwrap(),
            options: options.clone(),
        });
        Ok(PrintJob { printer: printer.into(), id: format!("Quầy A-{}", sent.len()) })
    }
}

/// The text of a PDF as `pdftotext` extracts it, or `None` when poppler-utils is missing.
pub fn pdf_text(pdf: &[u8]) -> Option<String> {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("in.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new("pdftotext").args(["-layout"]).arg(&path).arg("-").output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}
