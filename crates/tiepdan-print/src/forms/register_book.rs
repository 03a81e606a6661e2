//! Sổ tiếp công dân (Mẫu số 03, Thông tư 04/2021/TT-TTCP) for a date range: A4 landscape, the
//! twelve columns of the official form, the header row repeated on every page, "Trang n/N".
//!
//! This is the only form that prints a "Mẫu số": it is the only number `shared/domain.md` confirms.
//! The book stays at the ward, but a copy may be shown to people not cleared to see denouncers, so
//! the caller decides whether denouncers' identities are masked.

use crate::dates::{dmy, local};
use crate::document::{issuer_block, title};
use crate::error::PrintError;
use crate::fonts::Style;
use crate::forms::transfer::PROTECTED_DENOUNCER;
use crate::forms::{as_shown, sources};
use crate::layout::page::{Geometry, MM};
use crate::layout::sheet::{Align, PageNumbers, Sheet};
use crate::layout::table::{Cell, Column, Group, Table};
use chrono::NaiveDate;
use tiepdan_domain::officer::WardProfile;
use tiepdan_domain::petition::Handling;
use tiepdan_domain::visit::{Visit, VisitStatus, VisitorKind};

pub const FORM_NUMBER: &str = "Mẫu số 03";

#[derive(Debug, Clone, Copy)]
pub struct RegisterBookForm<'a> {
    pub ward: &'a WardProfile,
    /// The visits of the period, in any order; the book lists them by reception time.
    pub visits: &'a [Visit],
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Print "Người tố cáo (được bảo mật)" instead of a denouncer's name, address and ID.
    pub protect_denouncers: bool,
}

const SIZE: f32 = 9.0;
/// Under the STT of a row continued from the page before.
const CONTINUED: &str = "(tiếp)";
const HEADER_SIZE: f32 = 8.5;

fn columns() -> Vec<Column> {
    let c = |title, mm: f32, align| Column { title, width: mm * MM, align };
    vec![
        // Wide enough for "(tiếp)" under the number of a row continued from the page before.
        c("STT", 11.0, Align::Center),
        c("Ngày tiếp", 17.0, Align::Center),
        c("Họ tên - Địa chỉ", 36.0, Align::Left),
        c("Số định danh cá nhân/CCCD, CMND, Hộ chiếu", 23.0, Align::Center),
        c("Nội dung vụ việc", 36.0, Align::Left),
        c("Phân loại đơn/Số người", 19.0, Align::Center),
        c("Cơ quan đã giải quyết", 22.0, Align::Left),
        c("Thụ lý để giải quyết", 14.0, Align::Center),
        c("Trả lại đơn và hướng dẫn", 16.0, Align::Center),
        c("Chuyển đơn đến cơ quan, tổ chức, đơn vị có thẩm quyền", 20.0, Align::Center),
        c("Theo dõi kết quả giải quyết", 14.0, Align::Center),
        // Wide enough for a petition's number ("BN ĐT-0007/2026/A") and a letter number unbroken.
        c("Ghi chú", 24.0, Align::Left),
    ]
}

/// Columns 8–10 are the three ways of "Hướng xử lý" under one merged title, as Mẫu số 03 draws them.
const GROUPS: &[Group] = &[Group { title: "Hướng xử lý", first: 7, last: 9 }];

fn plain(text: impl Into<String>) -> Cell {
    vec![(Style::Regular, text.into())]
}

fn row(n: usize, visit: &Visit, protect: bool) -> Vec<Cell> {
    let hidden = protect && visit.details.protects_identity();
    let shown = as_shown(visit, hidden);
    let visit = &*shown;
    let d = &visit.details;
    let lead = visit.lead_visitor();
    let person: Cell = if hidden {
        vec![(Style::Italic, PROTECTED_DENOUNCER.to_string())]
    } else {
        // Every representative of a group by name, each with their address.
        let people: Vec<_> = match d.visitor_kind {
            VisitorKind::Group => d.visitors.iter().collect(),
            _ => lead.into_iter().collect(),
        };
        let mut cell = Vec::new();
        for (i, v) in people.iter().enumerate() {
            let name = if i == 0 { v.shown_name().to_string() } else { format!("\n{}", v.shown_name()) };
            cell.push((Style::Bold, name));
            if let Some(a) = v.address.as_deref() {
                cell.push((Style::Regular, format!("\n{a}")));
            }
        }
        if cell.is_empty() {
            cell.push((Style::Bold, String::new()));
        }
        match d.visitor_kind {
            VisitorKind::Group => cell.push((Style::Regular, format!("\n(Đoàn {} người)", d.people_count))),
            VisitorKind::Organisation => cell
                .push((Style::Regular, format!("\n(Đại diện {})", d.organisation.as_deref().unwrap_or("")))),
            VisitorKind::Individual => {}
        }
        cell
    };
    // Blank for a hidden row: the masked visit holds no identifying field.
    let id = lead.and_then(|v| v.id_number.clone()).unwrap_or_default();
    let class = match &d.petition {
        Some(p) => format!("{}/{}", p.kind.label_vi(), d.people_count),
        None => format!("Không có đơn/{}", d.people_count),
    };
    let previous = d
        .petition
        .as_ref()
        .and_then(|p| p.previous_handler.as_ref().map(|h| (h, p.previous_result.as_deref())))
        .map(|(h, r)| r.map(|r| format!("{h}: {r}")).unwrap_or_else(|| h.clone()))
        .unwrap_or_default();
    let handling = d.petition.as_ref().and_then(|p| p.handling);
    let mark = |on: bool| plain(if on { "x" } else { "" });
    let transfer = match (handling, d.petition.as_ref().and_then(|p| p.transfer_to.as_deref())) {
        (Some(Handling::Transfer), Some(to)) => plain(format!("x\n{to}")),
        (Some(Handling::Transfer), None) => plain("x"),
        _ => plain(""),
    };
    let mut notes = Vec::new();
    if visit.status == VisitStatus::Cancelled {
        notes.push("Đã hủy".to_string());
    }
    notes.extend(sources::source_note(d));
    notes.extend(sources::mode_note(d));
    if let Some(r) = &d.refusal {
        notes.push(format!("Từ chối tiếp ({})", short_ground(r.ground)));
    }
    if handling == Some(Handling::File) {
        notes.push("Lưu đơn".into());
    }
    if !d.notes.trim().is_empty() {
        notes.push(d.notes.clone());
    }
    notes.push(format!("BN {}", visit.receipt_no));
    vec![
        plain(n.to_string()),
        plain(dmy(local(d.received_at).date_naive())),
        person,
        plain(id),
        plain(d.summary.clone()),
        plain(class),
        plain(previous),
        mark(handling == Some(Handling::Accept)),
        mark(matches!(handling, Some(Handling::Guide | Handling::Return))),
        transfer,
        plain(""),
        plain(notes.join("; ")),
    ]
}

fn short_ground(ground: tiepdan_domain::petition::RefusalGround) -> &'static str {
    use tiepdan_domain::petition::RefusalGround::*;
    match ground {
        Incapacitated => "Điều 9, khoản 1",
        Disruptive => "Điều 9, khoản 2",
        AlreadyResolved => "Điều 9, khoản 3",
        OtherByLaw => "Điều 9, khoản 4",
    }
}

pub fn render_register_book(form: &RegisterBookForm) -> Result<Vec<u8>, PrintError> {
    if form.to < form.from {
        return Err(PrintError::Invalid("ngày kết thúc trước ngày bắt đầu".into()));
    }
    let mut visits: Vec<&Visit> = form.visits.iter().collect();
    visits.sort_by_key(|v| (v.details.received_at, v.receipt_no.number));
    let mut sheet = Sheet::new("Sổ tiếp công dân", Geometry::a4_landscape())?;
    let (x, w) = (sheet.left(), sheet.text_width());
    let top = sheet.y;
    let bottom = issuer_block(&mut sheet, form.ward, x, w * 0.35, top, 11.0);
    sheet.text(Align::Right, (x, w), top, Style::Bold, 11.0, FORM_NUMBER);
    sheet.text(
        Align::Right,
        (x, w),
        top + 13.0,
        Style::Italic,
        9.5,
        "(Ban hành kèm theo Thông tư số 04/2021/TT-TTCP)",
    );
    sheet.y = bottom + 4.0;
    let period = format!("Từ ngày {} đến ngày {}", dmy(form.from), dmy(form.to));
    title(&mut sheet, "Sổ tiếp công dân", Some(&period), 13.0);
    let columns = columns();
    let table =
        Table { columns: &columns, groups: GROUPS, x, size: SIZE, header_size: HEADER_SIZE, numbered: true };
    table.header(&mut sheet);
    if visits.is_empty() {
        let mut empty = vec![plain(""); 12];
        empty[4] = plain("Không có lượt tiếp nào trong kỳ.");
        table.row(&mut sheet, &empty, CONTINUED);
    }
    for (i, visit) in visits.iter().enumerate() {
        table.row(&mut sheet, &row(i + 1, visit, form.protect_denouncers), CONTINUED);
    }
    Ok(sheet.finish(PageNumbers::OfTotal))
}
