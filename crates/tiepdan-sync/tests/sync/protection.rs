//! What leaves the desk (issue #12): every identifying field the domain lists stays at the ward for
//! a protected visit, and pushing reads the register once per batch, not per event.

use crate::support::{file_contains, text, Desk, District};
use chrono::NaiveDate;
use std::cell::Cell;
use std::sync::Mutex;
use tiepdan_domain::clock::SystemClock;
use tiepdan_domain::identity::{IdKind, Sex};
use tiepdan_domain::visit::{IdentityField, Visit, VisitDraft, Visitor};
use tiepdan_register::Register;
use tiepdan_sync::engine::{Journal, DEFAULT_BATCH};

/// A visitor with every identifying field filled (`tag` makes its texts its own). The match asks for
/// a value for each new field, so the test below covers it as soon as it is in the list.
fn everything(tag: &str) -> Visitor {
    let mut v = Visitor::default();
    for field in IdentityField::ALL {
        match field {
            IdentityField::FullName => v.full_name = format!("Vũ Thị {tag}"),
            IdentityField::IdNumber => v.id_number = Some("079302000123".into()),
            IdentityField::IdKind => v.id_kind = Some(IdKind::Cccd),
            IdentityField::IdIssuedOn => v.id_issued_on = NaiveDate::from_ymd_opt(2021, 3, 12),
            IdentityField::IdIssuedBy => v.id_issued_by = Some(format!("Công an tỉnh {tag}")),
            IdentityField::BirthYear => v.birth_year = Some(2002),
            IdentityField::Sex => v.sex = Some(Sex::Female),
            IdentityField::Address => v.address = Some(format!("Số 9 ngõ {tag}")),
            IdentityField::Phone => v.phone = Some("0987 654 321".into()),
        }
    }
    v
}

fn record(desk: &Desk, visitor: Visitor, kind: &str) -> Visit {
    let draft = VisitDraft {
        visitors: vec![visitor],
        summary: "Tố cáo cán bộ địa chính nhận tiền khi cấp sổ đỏ".into(),
        petition: Some(serde_json::from_value(serde_json::json!({ "kind": kind })).expect("petition")),
        ..Default::default()
    };
    let owner = desk.owner();
    desk.register.lock().unwrap().record_visit(&owner, draft).expect("recorded")
}

fn amend_into(desk: &Desk, visit: &Visit, kind: &str) {
    let mut draft: VisitDraft = visit.details.clone().into();
    draft.petition = Some(serde_json::from_value(serde_json::json!({ "kind": kind })).expect("petition"));
    let owner = desk.owner();
    desk.register.lock().unwrap().amend_visit(&owner, visit.id, draft, "Phân loại lại").expect("amended");
}

#[test]
fn every_identifying_field_of_a_protected_visit_stays_at_the_ward() {
    let district = District::start();
    let desk = Desk::new("12345", 'A');
    desk.enroll(&district, "12345", "A");
    record(&desk, everything("Tốgiác"), "denunciation");
    let turned = record(&desk, everything("Đổiloại"), "complaint");
    amend_into(&desk, &turned, "mixed");
    desk.round().expect("round");
    desk.assert_all_acknowledged(&district);

    let rows: Vec<_> = district
        .rows("events")
        .into_iter()
        .filter(|row| matches!(text(&row["kind"]), Some("visit_recorded" | "visit_amended")))
        .collect();
    assert_eq!(rows.len(), 3, "two records and an amendment reached the district");
    for row in rows {
        let payload: serde_json::Value =
            serde_json::from_str(text(&row["payload"]).expect("a payload")).unwrap();
        let withheld: Vec<String> =
            serde_json::from_str(text(&row["withheld"]).expect("a withheld list")).unwrap();
        let base = if payload["kind"] == "visit_recorded" { "/body" } else { "/body/details" };
        for field in IdentityField::ALL {
            let pointer = format!("{base}/visitors/0/{}", field.key());
            assert_eq!(payload.pointer(&pointer), Some(&serde_json::Value::Null), "{field:?} withheld");
            assert!(withheld.contains(&pointer), "{field:?} listed as kept at the ward: {withheld:?}");
        }
    }
    for tag in ["Tốgiác", "Đổiloại"] {
        for text in [format!("Vũ Thị {tag}"), format!("Công an tỉnh {tag}"), format!("Số 9 ngõ {tag}")]
        {
            assert!(!file_contains(district.db(), &text), "{text:?} never reaches the district");
        }
    }
    for text in ["079302000123", "0987 654 321"] {
        assert!(!file_contains(district.db(), text), "{text:?} never reaches the district");
    }
    // The clerk's words about a protected matter may name the denouncer too (issue 14): they stay.
    assert!(!file_contains(district.db(), "Tố cáo cán bộ địa chính"), "the summary stays at the ward");
}

/// The register as the engine sees it, counting the engine's reads.
struct Counting<'a> {
    register: &'a Mutex<Register>,
    reads: Cell<usize>,
}

impl Journal for Counting<'_> {
    fn read<R>(&self, f: impl FnOnce(&Register) -> R) -> R {
        self.reads.set(self.reads.get() + 1);
        self.register.read(f)
    }
    fn write<R>(&self, f: impl FnOnce(&mut Register) -> R) -> R {
        self.register.write(f)
    }
}

#[test]
fn the_push_loop_reads_the_register_a_bounded_number_of_times_per_batch() {
    let district = District::start();
    let desk = Desk::new("12345", 'A');
    desk.enroll(&district, "12345", "A");
    // Protected visits among the others, one protected only by a later amendment: deciding their
    // protection used to cost reads per event.
    let mut i = 0;
    while desk.streams()[0].1 <= 2 * DEFAULT_BATCH as u64 {
        let kind = if i % 10 == 0 { "denunciation" } else { "complaint" };
        let visit = record(&desk, everything(&format!("Thứ {i} Nhà")), kind);
        if i == 7 {
            amend_into(&desk, &visit, "denunciation");
        }
        i += 1;
    }
    let events = desk.streams()[0].1;
    let batches = events.div_ceil(DEFAULT_BATCH as u64) as usize;
    assert_eq!(batches, 3, "the test pushes more than two batches");

    let counting = Counting { register: &desk.register, reads: Cell::new(0) };
    let report = tiepdan_sync::round(&counting, &desk.state_path(), &SystemClock).expect("round");
    assert_eq!((report.stored, report.pending), (events, 0));
    desk.assert_all_acknowledged(&district);
    let reads = counting.reads.get();
    assert!(
        reads <= 3 + batches,
        "{reads} register reads for {events} events in {batches} batches: one per batch, plus the \
         streams, the credential's unsealing and at most one chain probe"
    );
    for tag in ["Thứ 0 Nhà", "Thứ 7 Nhà", "Thứ 10 Nhà"] {
        assert!(!file_contains(district.db(), &format!("Vũ Thị {tag}")), "protected visit {tag} stays");
    }
    assert!(file_contains(district.db(), "Vũ Thị Thứ 1 Nhà"), "a complaint's visitor is sent as before");
}
