//! Sổ tiếp công dân as XLSX, read back: the rows the PDF book prints, STT as numbers and dates as
//! date cells, "Hướng xử lý" merged over columns 8–10, and a protected denouncer never named.

use crate::read::read;
use calamine::Data;
use chrono::{DateTime, Duration, FixedOffset, NaiveDate, TimeZone};
use tiepdan_domain::clock::vietnam_offset;
use tiepdan_domain::identity::IdKind;
use tiepdan_domain::officer::WardProfile;
use tiepdan_domain::petition::{Field, Handling, Petition, PetitionKind, Stage};
use tiepdan_domain::receipt::ReceiptNo;
use tiepdan_domain::visit::{ReceptionMode, Visit, VisitDetails, VisitStatus, Visitor, VisitorKind};
use tiepdan_domain::VisitId;
use tiepdan_print::{register_book_rows, PROTECTED_DENOUNCER};
use tiepdan_sheets::{register_book_xlsx, RegisterBookForm, SheetError};

pub fn ward() -> WardProfile {
    WardProfile {
        ward_code: "10105".into(),
        ward_name: "Phường Hà Đông".into(),
        place: "Hà Đông".into(),
        upstream: "UBND Thành phố Hà Nội".into(),
        desk: 'A',
    }
}

fn at(day: u32, hour: u32) -> DateTime<FixedOffset> {
    vietnam_offset().with_ymd_and_hms(2026, 11, day, hour, 0, 0).unwrap()
}

const NAMES: [&str; 4] = ["Đặng Hữu Ước", "Nguyễn Thị Ngọc Ánh", "Trần Văn Đức", "Lê Thị Hằng Nga"];

/// `n` visits a day apart from 02/11/2026; every fifth a transfer, every third without handling.
pub fn visits(n: usize) -> Vec<Visit> {
    (0..n)
        .map(|i| {
            let kind = if i % 5 == 1 { PetitionKind::Proposal } else { PetitionKind::Complaint };
            Visit {
                id: VisitId::new(),
                receipt_no: ReceiptNo {
                    series: Default::default(),
                    number: i as u32 + 1,
                    year: 2026,
                    desk: 'A',
                    epoch: 1,
                },
                status: VisitStatus::Active,
                details: VisitDetails {
                    received_at: at(2, 8) + Duration::hours(7 * i as i64),
                    reception: ReceptionMode::Regular,
                    visitor_kind: VisitorKind::Individual,
                    people_count: 1 + (i % 3) as u32,
                    organisation: None,
                    visitors: vec![Visitor {
                        full_name: format!("{} {}", NAMES[i % 4], i + 1),
                        id_kind: Some(IdKind::Cccd),
                        id_number: Some(format!("0010880{:05}", i)),
                        id_issued_on: None,
                        id_issued_by: None,
                        birth_year: Some(1980),
                        sex: None,
                        address: Some(format!("Số {}, phố Quang Trung, phường Hà Đông", i + 1)),
                        phone: None,
                        sealed: None,
                    }],
                    summary: format!("Nội dung vụ việc số {}: đề nghị xem xét việc thu hồi đất.", i + 1),
                    petition: Some(Petition {
                        kind,
                        field: Field::Land,
                        anonymous: false,
                        signatories: 1,
                        previous_handler: (i % 2 == 0).then(|| "UBND quận Hà Đông (cũ)".to_string()),
                        previous_result: None,
                        stage: Stage::ResolvedOnce,
                        eligible: true,
                        ineligible_reason: None,
                        handling: match i % 5 {
                            1 => Some(Handling::Transfer),
                            2 => Some(Handling::Guide),
                            _ if i % 3 == 0 => None,
                            _ => Some(Handling::Accept),
                        },
                        transfer_to: (i % 5 == 1).then(|| "Sở Nông nghiệp và Môi trường".to_string()),
                        guidance: None,
                        competent: None,
                        processed_on: None,
                    }),
                    documents: vec![],
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
        })
        .collect()
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

pub fn form<'a>(ward: &'a WardProfile, visits: &'a [Visit], protect: bool) -> RegisterBookForm<'a> {
    RegisterBookForm { ward, visits, from: day(1), to: day(30), protect_denouncers: protect }
}

#[test]
fn every_row_of_the_book_reads_back_as_the_pdf_book_prints_it() {
    let ward = ward();
    let mut visits = visits(6);
    visits.reverse();
    let form = form(&ward, &visits, true);
    let rows = register_book_rows(&form).unwrap();
    let book = read(&register_book_xlsx(&form).unwrap());
    let text = book.all_text();
    for line in [
        "Mẫu số 03",
        "SỔ TIẾP CÔNG DÂN",
        "Từ ngày 01/11/2026 đến ngày 30/11/2026",
        "ỦY BAN NHÂN DÂN PHƯỜNG HÀ ĐÔNG",
        "UBND THÀNH PHỐ HÀ NỘI",
    ] {
        assert!(text.lines().any(|l| l == line), "the book shows {line:?}:\n{text}");
    }
    let first = book.row_of(0, "(1)") + 1;
    for c in 0..12u32 {
        assert_eq!(book.text(first - 1, c), format!("({})", c + 1));
    }
    for (i, r) in rows.iter().enumerate() {
        let row = first + i as u32;
        assert_eq!(book.cells.get_value((row, 0)), Some(&Data::Float((i + 1) as f64)), "STT is a number");
        match book.cells.get_value((row, 1)) {
            Some(Data::DateTime(d)) => {
                assert_eq!(d.as_datetime().map(|t| t.date()), Some(r.received_on), "row {} date", i + 1)
            }
            other => panic!("Ngày tiếp of row {} is a date cell, not {other:?}", i + 1),
        }
        assert_eq!(book.text(row, 2), r.person.text());
        assert_eq!(book.text(row, 3), r.id_number);
        assert_eq!(book.text(row, 4), r.summary);
        assert_eq!(book.text(row, 5), r.classification);
        assert_eq!(book.text(row, 6), r.previous_handler);
        assert_eq!(book.text(row, 7), if r.accepted { "x" } else { "" });
        assert_eq!(book.text(row, 8), if r.guided { "x" } else { "" });
        assert_eq!(book.text(row, 9), r.transfer_text());
        assert_eq!(book.text(row, 11), r.notes);
    }
    // In reception order, whatever order the visits came in.
    assert!(book.text(first, 2).starts_with("Đặng Hữu Ước 1\n"), "{}", book.text(first, 2));
    assert_eq!(book.text(first + 1, 9), "x\nSở Nông nghiệp và Môi trường", "a transfer names its body");
    assert_eq!(book.text(first + 2, 8), "x", "guidance is marked under Trả lại đơn và hướng dẫn");
    assert_eq!(book.cells.get_value((first + rows.len() as u32, 0)), None, "no row past the last visit");
}

#[test]
fn a_protected_denouncer_is_masked_in_the_spreadsheet() {
    let ward = ward();
    let mut visits = visits(3);
    visits[1].details.petition.as_mut().unwrap().kind = PetitionKind::Denunciation;
    let hidden = visits[1].details.visitors[0].clone();
    let book = read(&register_book_xlsx(&form(&ward, &visits, true)).unwrap());
    let first = book.row_of(0, "(1)") + 1;
    assert_eq!(book.text(first + 1, 2), PROTECTED_DENOUNCER);
    assert_eq!(book.text(first + 1, 3), "", "no ID number for a protected row");
    let all = book.all_text();
    assert!(!all.contains(&hidden.full_name), "the denouncer's name is not in the file");
    assert!(!all.contains(hidden.id_number.as_deref().unwrap()), "nor their ID number");
    assert!(!all.contains(hidden.address.as_deref().unwrap()), "nor their address");
    assert!(all.contains(&visits[0].details.visitors[0].full_name), "other visitors stay named");
    let shown = read(&register_book_xlsx(&form(&ward, &visits, false)).unwrap());
    assert!(shown.all_text().contains(&hidden.full_name), "an unmasked book (a leader's choice) names them");
}

#[test]
fn handling_is_merged_over_columns_eight_to_ten_and_the_others_span_both_header_rows() {
    let ward = ward();
    let book = read(&register_book_xlsx(&form(&ward, &visits(2), false)).unwrap());
    let top = book.row_of(0, "STT");
    assert_eq!(book.text(top, 7), "Hướng xử lý");
    assert_eq!(book.text(top + 1, 7), "Thụ lý để giải quyết");
    assert_eq!(book.text(top + 1, 9), "Chuyển đơn đến cơ quan, tổ chức, đơn vị có thẩm quyền");
    let header: Vec<_> = book.merged.iter().filter(|m| m.0 >= top && m.0 <= top + 1).copied().collect();
    let mut want: Vec<_> = [0, 1, 2, 3, 4, 5, 6, 10, 11].iter().map(|c| (top, *c, top + 1, *c)).collect();
    want.push((top, 7, top, 9));
    want.sort();
    assert_eq!(header, want);
}

#[test]
fn an_empty_period_says_so_and_a_backwards_range_is_refused() {
    let ward = ward();
    let book = read(&register_book_xlsx(&form(&ward, &[], false)).unwrap());
    let first = book.row_of(0, "(1)") + 1;
    assert_eq!(book.text(first, 4), "Không có lượt tiếp nào trong kỳ.");
    let mut backwards = form(&ward, &[], false);
    backwards.to = day(1) - Duration::days(1);
    assert!(matches!(register_book_xlsx(&backwards), Err(SheetError::Backwards { .. })));
}
