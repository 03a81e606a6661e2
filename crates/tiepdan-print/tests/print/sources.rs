//! Issue 16 on paper: a petition received without a visit shows its source, and for a transfer the
//! sending body and its letter; its sender gets a slip worded for someone who was not there; an
//! online reception shows "Tiếp trực tuyến" with the linked site wherever the mode shows; a
//! transfer slip says how the petition came.

use crate::fixtures::{at, officer, visit, ward};
use crate::pdf::{joined, write};
use chrono::NaiveDate;
use tiepdan_domain::intake::PetitionSource;
use tiepdan_domain::outgoing::SigningCapacity;
use tiepdan_domain::petition::{Handling, PetitionKind};
use tiepdan_domain::receipt::{ReceiptNo, Series};
use tiepdan_domain::visit::{ReceptionMode, Visit};
use tiepdan_print::{
    render_receipt, render_record, render_register_book, render_transfer, Paper, PrintError, ReceiptForm,
    RecordForm, RegisterBookForm, Signer, TransferForm,
};

/// The fixture's petition as if it had come by `source` on 20/11/2026, numbered in the petition
/// series.
fn received(source: PetitionSource) -> Visit {
    let mut v = visit();
    v.receipt_no = ReceiptNo { series: Series::Petition, number: 7, year: 2026, desk: 'A', epoch: 1 };
    v.details.received_at = at(20, 0, 0);
    v.details.source = source;
    if let Some(p) = v.details.petition.as_mut() {
        p.handling = None;
    }
    v
}

fn transferred() -> Visit {
    let mut v = received(PetitionSource::TransferredIn);
    v.details.from_body = Some("Thanh tra tỉnh Ninh Bình".into());
    v.details.letter_no = Some("125/TTr-TCD".into());
    v.details.letter_date = NaiveDate::from_ymd_opt(2026, 11, 18);
    v
}

fn online() -> Visit {
    let mut v = visit();
    v.details.reception = ReceptionMode::Online;
    v.details.online_site = Some("UBND tỉnh Ninh Bình".into());
    v.details.recording_ref = Some("BG-2026-11-25-03".into());
    v
}

fn receipt(v: &Visit, copies: u32) -> Result<Vec<u8>, PrintError> {
    let (ward, officer) = (ward(), officer());
    render_receipt(&ReceiptForm {
        ward: &ward,
        visit: v,
        officer: Some(&officer),
        copies,
        reprint: None,
        paper: Paper::A4,
    })
}

fn book(visits: &[Visit]) -> String {
    let ward = ward();
    let form = RegisterBookForm {
        ward: &ward,
        visits,
        from: NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
        to: NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
        protect_denouncers: false,
    };
    let pdf = write("register-sources", &render_register_book(&form).expect("the book renders"));
    pdf.assert_sound();
    joined(&pdf.raw_text())
}

#[test]
fn the_register_book_notes_a_petitions_source_and_a_transfers_sending_body_and_letter() {
    let mut transfer = transferred();
    transfer.receipt_no.number = 8;
    transfer.details.received_at = at(21, 0, 0);
    let text = book(&[received(PetitionSource::Post), transfer, visit()]);
    for phrase in [
        "Nguồn đơn: Qua bưu chính",
        "Nguồn đơn: Cơ quan khác chuyển đến – Thanh tra tỉnh Ninh Bình, văn bản số 125/TTr-TCD ngày 18/11/2026",
        "BN ĐT-0007/2026/A",
    ] {
        assert!(text.contains(phrase), "the book must say {phrase:?}:\n{text}");
    }
    assert_eq!(text.matches("Nguồn đơn").count(), 2, "a visit at the desk has no source note");
    assert!(text.contains("BN ĐT-0008/2026/A"), "a petition's number fits its cell unbroken:\n{text}");
}

#[test]
fn an_online_reception_shows_its_mode_and_linked_site_on_the_book_the_slip_and_the_record() {
    let v = online();
    let text = book(std::slice::from_ref(&v));
    assert!(text.contains("Tiếp trực tuyến (điểm cầu: UBND tỉnh Ninh Bình)"), "the book:\n{text}");
    let slip = write("receipt-online", &receipt(&v, 2).expect("the slip renders"));
    let slip = joined(&slip.raw_text());
    assert!(slip.contains("Hình thức tiếp: Tiếp trực tuyến, điểm cầu: UBND tỉnh Ninh Bình."), "{slip}");
    let (ward, officer) = (ward(), officer());
    let form =
        RecordForm { ward: &ward, visit: &v, officer: Some(&officer), reprint: None, paper: Paper::A4 };
    let record = joined(&write("record-online", &render_record(&form).expect("renders")).raw_text());
    assert!(record.contains("Hình thức tiếp: Tiếp trực tuyến, điểm cầu: UBND tỉnh Ninh Bình."), "{record}");
    for paper in [slip, record] {
        assert!(
            !paper.contains("BG-2026"),
            "the recording's reference is the ward's, not the citizen's paper"
        );
    }
    let in_person = joined(&write("receipt-regular", &receipt(&visit(), 2).expect("renders")).raw_text());
    assert!(!in_person.contains("Hình thức tiếp"), "a reception in person says nothing of a mode");
}

#[test]
fn a_mailed_petitions_slip_is_worded_for_a_sender_who_was_not_there() {
    let pdf =
        write("receipt-mailed", &receipt(&received(PetitionSource::Post), 2).expect("the slip renders"));
    pdf.assert_sound();
    assert_eq!(pdf.page_count(), 1, "a usual petition's slip is one page");
    let text = joined(&pdf.raw_text());
    for phrase in [
        "GIẤY BIÊN NHẬN",
        "Về việc tiếp nhận đơn",
        "Ngày 20/11/2026, Ủy ban nhân dân phường Hà Đông nhận được đơn của ông (bà) Đặng Hữu Ước, gửi qua dịch vụ bưu chính.",
        "Đơn khiếu nại, lĩnh vực đất đai.",
        "Đơn đã được vào sổ theo dõi, số ĐT-0007/2026/A,",
        "Giấy biên nhận được lập thành 02 bản, 01 bản gửi người gửi đơn, 01 bản lưu tại nơi tiếp công dân.",
        "- Ông (bà) Đặng Hữu Ước;",
    ] {
        assert!(text.contains(phrase), "the slip must say {phrase:?}:\n{text}");
    }
    assert!(pdf.layout_text().contains("Số: ĐT-0007/2026/A"), "the petition's number heads the slip");
    for absent in ["NGƯỜI CUNG CẤP", "Vào hồi", "tại nơi tiếp công dân của"] {
        assert!(!text.contains(absent), "the sender was not at the desk: no {absent:?}");
    }
}

#[test]
fn a_transferred_petitions_slip_names_the_body_and_its_letter_and_an_anonymous_one_has_none() {
    let text =
        joined(&write("receipt-transferred", &receipt(&transferred(), 1).expect("renders")).raw_text());
    assert!(
        text.contains("do Thanh tra tỉnh Ninh Bình chuyển đến theo văn bản số 125/TTr-TCD ngày 18/11/2026."),
        "{text}"
    );
    assert!(text.contains("Giấy biên nhận được lập thành 01 bản, gửi người gửi đơn."), "{text}");
    let mut anonymous = received(PetitionSource::Post);
    anonymous.details.visitors.clear();
    if let Some(p) = anonymous.details.petition.as_mut() {
        p.anonymous = true;
        p.kind = PetitionKind::Denunciation;
        p.handling = Some(Handling::File);
    }
    assert_eq!(
        receipt(&anonymous, 1),
        Err(PrintError::MissingData("người gửi đơn")),
        "nobody to send an anonymous petition's slip to"
    );
}

#[test]
fn a_transfer_slip_says_how_a_petition_came_and_still_names_no_denouncer() {
    let mut v = transferred();
    if let Some(p) = v.details.petition.as_mut() {
        p.kind = PetitionKind::Denunciation;
        p.field = tiepdan_domain::petition::Field::Corruption;
        p.handling = Some(Handling::Transfer);
        p.transfer_to = Some("Thanh tra tỉnh Ninh Bình".into());
    }
    let (ward, officer) = (ward(), officer());
    let form = TransferForm {
        ward: &ward,
        visit: &v,
        number: "15/PC-UBND",
        signer: Signer { capacity: SigningCapacity::Chair, officer: Some(&officer) },
        issued_on: NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
        petition_dated: None,
        legal_basis: None,
        reprint: None,
        paper: Paper::A4,
    };
    let text =
        joined(&write("transfer-transferred-in", &render_transfer(&form).expect("renders")).raw_text());
    assert!(
        text.contains(
            "Đơn do Thanh tra tỉnh Ninh Bình chuyển đến theo văn bản số 125/TTr-TCD ngày 18/11/2026."
        ),
        "{text}"
    );
    assert!(!text.contains("Đặng Hữu Ước") && !text.contains("001088012345"), "the denouncer stays masked");
}
