//! Fixed data every test renders: one ward, one officer and visits whose names carry every tone mark.

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};
use tiepdan_domain::clock::vietnam_offset;
use tiepdan_domain::identity::{IdKind, Sex};
use tiepdan_domain::officer::{Officer, WardProfile};
use tiepdan_domain::petition::{Document, Field, Handling, Petition, PetitionKind, Stage};
use tiepdan_domain::receipt::ReceiptNo;
use tiepdan_domain::visit::{ReceptionMode, Visit, VisitDetails, VisitStatus, Visitor, VisitorKind};
use tiepdan_domain::{OfficerId, VisitId};

pub fn ward() -> WardProfile {
    WardProfile {
        ward_code: "10105".into(),
        ward_name: "Phường Hà Đông".into(),
        place: "Hà Đông".into(),
        upstream: "UBND Thành phố Hà Nội".into(),
        desk: 'A',
    }
}

pub fn officer() -> Officer {
    Officer {
        id: OfficerId::new(),
        full_name: "Nguyễn Thị Ngọc Ánh".into(),
        position: "Công chức tiếp công dân".into(),
        active: true,
        roles: vec![tiepdan_domain::access::Role::Clerk],
    }
}

pub fn at(day: u32, hour: u32, minute: u32) -> DateTime<FixedOffset> {
    vietnam_offset().with_ymd_and_hms(2026, 11, day, hour, minute, 0).unwrap()
}

pub fn citizen() -> Visitor {
    Visitor {
        full_name: "Đặng Hữu Ước".into(),
        id_kind: Some(IdKind::Cccd),
        id_number: Some("001088012345".into()),
        id_issued_on: Some(NaiveDate::from_ymd_opt(2021, 3, 12).unwrap()),
        id_issued_by: Some("Cục Cảnh sát QLHC về TTXH".into()),
        birth_year: Some(1988),
        sex: Some(Sex::Male),
        address: Some("Số 12, ngõ 3, phố Quang Trung, phường Hà Đông, Hà Nội".into()),
        phone: Some("0912 345 678".into()),
        sealed: None,
    }
}

pub fn petition(kind: PetitionKind) -> Petition {
    Petition {
        kind,
        field: Field::Land,
        anonymous: false,
        signatories: 1,
        previous_handler: Some("Ủy ban nhân dân quận Hà Đông (cũ)".into()),
        previous_result: Some("Quyết định số 15/QĐ-UBND ngày 02/3/2025".into()),
        stage: Stage::ResolvedOnce,
        eligible: true,
        ineligible_reason: None,
        handling: Some(Handling::Accept),
        transfer_to: None,
        guidance: None,
        competent: None,
        processed_on: None,
    }
}

pub fn documents(n: usize) -> Vec<Document> {
    (0..n)
        .map(|i| Document {
            title: match i % 3 {
                0 => format!("Đơn khiếu nại về việc thu hồi đất số {}", i + 1),
                1 => format!("Bản sao Giấy chứng nhận quyền sử dụng đất thửa số {}", 100 + i),
                _ => format!("Biên bản làm việc với Tổ dân phố số {}", i + 1),
            },
            original: i % 2 == 0,
            pages: (i as u32 % 5) + 1,
        })
        .collect()
}

pub const SUMMARY: &str = "Ông Ước khiếu nại Quyết định thu hồi đất đối với thửa đất số 118, tờ bản đồ số 7 tại tổ dân phố số 5, cho rằng mức bồi thường chưa đúng quy định.";

pub fn visit() -> Visit {
    Visit {
        id: VisitId::new(),
        receipt_no: ReceiptNo { series: Default::default(), number: 42, year: 2026, desk: 'A', epoch: 1 },
        status: VisitStatus::Active,
        details: VisitDetails {
            received_at: at(25, 9, 30),
            reception: ReceptionMode::Regular,
            visitor_kind: VisitorKind::Individual,
            people_count: 1,
            organisation: None,
            visitors: vec![citizen()],
            summary: SUMMARY.into(),
            petition: Some(petition(PetitionKind::Complaint)),
            documents: documents(3),
            refusal: None,
            officer_id: None,
            notes: String::new(),
            source: Default::default(),
            from_body: None,
            letter_no: None,
            letter_date: None,
            session_id: None,
            online_site: None,
            recording_ref: None,
        },
    }
}
