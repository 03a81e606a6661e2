//! The reception forms other than the slip: appointment, guidance, transfer, record, refusal.

use crate::fixtures::{at, citizen, officer, petition, visit, ward};
use crate::pdf::{has_line, joined, write, Rendered};
use chrono::NaiveDate;
use tiepdan_domain::outgoing::SigningCapacity;
use tiepdan_domain::petition::{Handling, PetitionKind, Refusal, RefusalGround};
use tiepdan_domain::visit::Visit;
use tiepdan_print::*;

/// What every form shows; `number` is the receipt number, or on a document the ward issues its own
/// number from the outgoing register.
fn check_common(pdf: &Rendered, title: &str, number: &str) -> String {
    pdf.assert_sound();
    assert_eq!(pdf.page_count(), 1, "{title} fits one page");
    let raw = pdf.raw_text();
    assert!(has_line(&raw, title), "the title {title:?} is printed in capitals:\n{raw}");
    assert!(has_line(&raw, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
    assert!(pdf.layout_text().contains(&format!("Số: {number}")), "Số: {number}:\n{}", pdf.layout_text());
    let all = joined(&raw);
    assert!(!all.contains("Mẫu số"), "{title}: only the register book carries a confirmed form number");
    all
}

fn denunciation() -> Visit {
    let mut v = visit();
    let mut p = petition(PetitionKind::Denunciation);
    p.handling = Some(Handling::Transfer);
    p.transfer_to = Some("Thanh tra Thành phố Hà Nội".into());
    v.details.petition = Some(p);
    v.details.summary =
        "Tố cáo cán bộ địa chính nhận tiền để hợp thức hóa đất lấn chiếm tại tổ dân phố số 5.".into();
    v
}

#[test]
fn an_appointment_slip_says_when_and_where_to_come_back() {
    let (ward, v, o) = (ward(), visit(), officer());
    let form = AppointmentForm {
        ward: &ward,
        visit: &v,
        officer: Some(&o),
        at: at(30, 14, 0),
        place: "Phòng tiếp công dân, Ủy ban nhân dân Phường Hà Đông",
        purpose: "Nhận kết quả xử lý đơn.",
        contact: Some("Nguyễn Thị Ngọc Ánh, 024 3382 1234"),
        reprint: None,
        paper: Paper::A5,
    };
    let pdf = write("appointment", &render_appointment(&form).unwrap());
    assert_eq!(pdf.page_size_mm(), (148, 210));
    let all = check_common(&pdf, "PHIẾU HẸN", "0042/2026/A");
    assert!(has_line(&pdf.raw_text(), "Ông (bà): Đặng Hữu Ước"));
    assert!(all.contains("Hẹn ông (bà) đến vào hồi: 14 giờ 00 phút, ngày 30/11/2026"), "{all}");
    assert!(all.contains("Địa điểm: Phòng tiếp công dân, Ủy ban nhân dân Phường Hà Đông"));
}

#[test]
fn a_guidance_slip_names_the_competent_body_and_the_missing_documents() {
    let (ward, mut v, o) = (ward(), visit(), officer());
    v.details.petition.as_mut().unwrap().guidance = Some(
        "Gửi đơn khiếu nại đến Chủ tịch Ủy ban nhân dân Thành phố Hà Nội để được giải quyết lần hai.".into(),
    );
    let missing = vec!["Bản sao Quyết định thu hồi đất".to_string()];
    let form = GuidanceForm {
        ward: &ward,
        visit: &v,
        number: "03/HD-UBND",
        signer: Signer { capacity: SigningCapacity::ReceptionOfficer, officer: Some(&o) },
        issued_on: NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
        instructions: None,
        missing_documents: &missing,
        reprint: None,
        paper: Paper::A4,
    };
    let pdf = write("guidance", &render_guidance(&form).unwrap());
    assert_eq!(pdf.page_size_mm(), (210, 297));
    let all = check_common(&pdf, "PHIẾU HƯỚNG DẪN", "03/HD-UBND");
    assert!(pdf.layout_text().contains("Hà Đông, ngày 26 tháng 11 năm 2026"));
    assert!(all.contains(
        "Gửi đơn khiếu nại đến Chủ tịch Ủy ban nhân dân Thành phố Hà Nội để được giải quyết lần hai."
    ));
    assert!(all.contains("1. Bản sao Quyết định thu hồi đất"));
    assert!(all.contains("Nơi nhận:"));
}

#[test]
fn a_transfer_slip_of_a_denunciation_reveals_nothing_of_the_denouncer() {
    // A petition with several contents may carry a denunciation, so it is masked the same way.
    for kind in [PetitionKind::Denunciation, PetitionKind::Mixed] {
        let (ward, mut v, o) = (ward(), denunciation(), officer());
        v.details.petition.as_mut().unwrap().kind = kind;
        let form = TransferForm {
            ward: &ward,
            visit: &v,
            number: "15/PC-UBND",
            signer: Signer { capacity: SigningCapacity::Chair, officer: Some(&o) },
            issued_on: NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
            petition_dated: Some(NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()),
            legal_basis: None,
            reprint: None,
            paper: Paper::A4,
        };
        let pdf = write(&format!("transfer-{kind:?}"), &render_transfer(&form).unwrap());
        let all = check_common(&pdf, "PHIẾU CHUYỂN ĐƠN", "15/PC-UBND");
        assert!(all.contains("Kính gửi: Thanh tra Thành phố Hà Nội"));
        assert!(all.contains(PROTECTED_DENOUNCER), "the denouncer appears only as protected");
        let c = citizen();
        let secrets = [
            c.full_name.clone(),
            "Ước".into(),
            c.id_number.clone().unwrap(),
            c.address.clone().unwrap(),
            "Quang Trung".into(),
            c.phone.clone().unwrap(),
            "0912".into(),
            c.id_issued_by.clone().unwrap(),
            "12/03/2021".into(),
            "thửa số 101".into(),
        ];
        for secret in secrets {
            assert!(!all.contains(&secret), "a {kind:?} transfer slip must not contain {secret:?}:\n{all}");
        }
    }
}

#[test]
fn a_transfer_slip_of_a_proposal_names_its_sender() {
    let (ward, mut v, o) = (ward(), denunciation(), officer());
    v.details.petition.as_mut().unwrap().kind = PetitionKind::Proposal;
    let form = TransferForm {
        ward: &ward,
        visit: &v,
        number: "15/PC-UBND",
        signer: Signer { capacity: SigningCapacity::Chair, officer: Some(&o) },
        issued_on: NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
        petition_dated: None,
        legal_basis: None,
        reprint: Some(1),
        paper: Paper::A4,
    };
    let pdf = write("transfer-proposal", &render_transfer(&form).unwrap());
    let all = check_common(&pdf, "PHIẾU CHUYỂN ĐƠN", "15/PC-UBND");
    assert!(all.contains("của ông (bà) Đặng Hữu Ước."), "{all}");
    assert!(all.contains("Bản in lại lần 1"));
    let raw = pdf.raw_text();
    for line in ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"] {
        assert!(has_line(&raw, line), "signed for the committee by its chair: {line:?} in\n{raw}");
    }
    assert!(!all.contains("0042/2026/A"), "the slip's number is its own, not the visit's receipt number");
}

#[test]
fn a_complaint_is_never_transferred() {
    let (ward, v, o) = (ward(), visit(), officer());
    let form = TransferForm {
        ward: &ward,
        visit: &v,
        number: "15/PC-UBND",
        signer: Signer { capacity: SigningCapacity::Chair, officer: Some(&o) },
        issued_on: NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
        petition_dated: None,
        legal_basis: None,
        reprint: None,
        paper: Paper::A4,
    };
    assert!(
        matches!(render_transfer(&form), Err(PrintError::Invalid(_))),
        "complaints are guided, not transferred"
    );
}

#[test]
fn a_record_of_an_oral_petition_is_read_back_and_signed_or_thumb_printed() {
    let (ward, v, o) = (ward(), visit(), officer());
    let form = RecordForm { ward: &ward, visit: &v, officer: Some(&o), reprint: None, paper: Paper::A4 };
    let pdf = write("record", &render_record(&form).unwrap());
    let all = check_common(&pdf, "VĂN BẢN GHI NỘI DUNG", "0042/2026/A");
    assert!(has_line(&pdf.raw_text(), "Người trình bày: ông (bà) Đặng Hữu Ước"));
    assert!(all.contains(crate::fixtures::SUMMARY));
    assert!(all.contains("đã được đọc lại cho người trình bày nghe"));
    assert!(all.contains("(Ký hoặc điểm chỉ, ghi rõ họ tên)"));
}

#[test]
fn a_refusal_notice_cites_its_legal_ground() {
    let (ward, mut v, o) = (ward(), visit(), officer());
    v.details.refusal = Some(Refusal {
        ground: RefusalGround::Disruptive,
        detail: "Có lời lẽ xúc phạm cán bộ tiếp công dân.".into(),
    });
    let form = RefusalForm {
        ward: &ward,
        visit: &v,
        number: "07/TB-UBND",
        issued_on: NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
        signer: Signer { capacity: SigningCapacity::ViceChairForCommittee, officer: Some(&o) },
        reprint: None,
        paper: Paper::A5,
    };
    let pdf = write("refusal", &render_refusal(&form).unwrap());
    let all = check_common(&pdf, "THÔNG BÁO", "07/TB-UBND");
    assert!(all.contains("Căn cứ Điều 9 Luật Tiếp công dân số 42/2013/QH13"));
    assert!(all.contains(RefusalGround::Disruptive.label_vi()));
    let raw = pdf.raw_text();
    for line in ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"] {
        assert!(has_line(&raw, line), "a vice-chair signs for the committee: {line:?} in\n{raw}");
    }
    assert!(pdf.layout_text().contains("ngày 25 tháng 11 năm 2026"), "dated the day its number was issued");
    // Read as on paper: the capacity lines stack in the right-hand column, in the decree's order,
    // and the signer's name sits below them with room to sign.
    let boxes = pdf.word_boxes();
    let at = |word: &str, after: f64| {
        boxes
            .iter()
            .find(|b| b.text == word && b.y_min > after)
            .unwrap_or_else(|| panic!("{word:?} below {after}"))
    };
    let tm = at("TM.", 0.0);
    let kt = at("KT.", tm.y_max);
    let pho = at("PHÓ", kt.y_max);
    let name = at(o.full_name.split_whitespace().next().unwrap(), pho.y_max);
    let middle = pdf.page_size_mm().0 as f64 * 72.0 / 25.4 / 2.0;
    for (word, b) in [("TM.", tm), ("KT.", kt), ("PHÓ", pho), ("name", name)] {
        assert!(
            b.x_min > middle - 20.0,
            "{word} is in the signature column, right of the middle: {:.1}",
            b.x_min
        );
    }
    assert!(name.y_min - pho.y_max > 36.0, "at least half an inch to sign between capacity and name");
    pdf.assert_within_margins(148.0, 210.0);
    let none = RefusalForm { visit: &visit(), ..form };
    assert_eq!(render_refusal(&none).unwrap_err(), PrintError::MissingData("lý do từ chối"));
}
