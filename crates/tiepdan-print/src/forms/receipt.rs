//! Giấy biên nhận: the acknowledgement of a petition and of every document taken in, handed to the
//! citizen. Printed after nearly every visit, so it must stay one A5 page for a usual visit and
//! small enough to archive by the thousand.
//!
//! A petition received without a visit (by post, at the one-stop office, transferred in…, issue
//! 16) gets the same slip worded for a sender who was not there: the day it arrived and how, no
//! signature of the sender, and the sender among the recipients ("Nơi nhận"), to be posted. An
//! anonymous petition has nobody to send it to and gets none. An online reception's slip names the
//! mode and the linked site.

use crate::dates::{dmy, local, moment};
use crate::document::{body_name, letterhead, reprint_mark, title, Signature};
use crate::error::PrintError;
use crate::fonts::Style;
use crate::forms::sources::{how_received, online_line};
use crate::forms::{body_size, closing, identity, in_sentence, officer_name, para, visitor_name};
use crate::layout::page::{Geometry, Paper};
use crate::layout::sheet::{Align, PageNumbers, Sheet};
use tiepdan_domain::officer::{Officer, WardProfile};
use tiepdan_domain::petition::Document;
use tiepdan_domain::visit::Visit;

/// What the acknowledgement slip is drawn from.
#[derive(Debug, Clone, Copy)]
pub struct ReceiptForm<'a> {
    pub ward: &'a WardProfile,
    pub visit: &'a Visit,
    /// The officer who received the documents; a blank to sign when unknown.
    pub officer: Option<&'a Officer>,
    /// How many copies are made (at least 1); one goes to the citizen.
    pub copies: u32,
    /// `Some(n)` marks the n-th reprint ("Bản in lại lần n").
    pub reprint: Option<u32>,
    pub paper: Paper,
}

/// "1. Đơn khiếu nại (bản chính, 3 trang)".
pub(crate) fn document_item(index: usize, d: &Document) -> String {
    let kind = if d.original { "bản chính" } else { "bản sao" };
    format!("{}. {} ({kind}, {} trang)", index + 1, d.title, d.pages)
}

/// The numbered list of documents with a hanging indent, breaking pages between lines.
pub(crate) fn document_list(sheet: &mut Sheet, size: f32, documents: &[Document]) {
    let (x, w) = (sheet.left(), sheet.text_width());
    let indent = size * 1.2;
    for (i, d) in documents.iter().enumerate() {
        let item = document_item(i, d);
        sheet.flow(
            x + indent * 0.5,
            w - indent * 0.5,
            size,
            Align::Justify,
            indent,
            &[(Style::Regular, &item)],
        );
    }
}

fn copies_sentence(copies: u32) -> String {
    if copies == 1 {
        "Giấy biên nhận được lập thành 01 bản, giao người cung cấp giữ.".into()
    } else {
        format!(
            "Giấy biên nhận được lập thành {copies:02} bản, người cung cấp giữ 01 bản, {:02} bản lưu tại nơi tiếp công dân.",
            copies - 1
        )
    }
}

pub fn render_receipt(form: &ReceiptForm) -> Result<Vec<u8>, PrintError> {
    if form.copies == 0 {
        return Err(PrintError::Invalid("số bản phải từ 1 trở lên".into()));
    }
    if !form.visit.details.source.is_desk() {
        return render_received_petition(form);
    }
    let visit = form.visit;
    let d = &visit.details;
    let size = body_size(form.paper);
    let mut sheet =
        Sheet::new(&format!("Giấy biên nhận {}", visit.receipt_no), Geometry::portrait(form.paper))?;
    reprint_mark(&mut sheet, form.reprint);
    let received = local(d.received_at);
    letterhead(&mut sheet, form.ward, Some(&visit.receipt_no.to_string()), received.date_naive(), size);
    let subtitle = if d.petition.is_some() {
        "Về việc tiếp nhận đơn và thông tin, tài liệu, bằng chứng"
    } else {
        "Về việc tiếp nhận thông tin, tài liệu, bằng chứng"
    };
    title(&mut sheet, "Giấy biên nhận", Some(subtitle), size);

    let place =
        format!("Vào hồi {}, tại nơi tiếp công dân của {}.", moment(d.received_at), body_name(form.ward));
    para(&mut sheet, size, &[(Style::Regular, &place)]);
    if let Some(online) = online_line(d) {
        para(&mut sheet, size, &[(Style::Regular, &format!("Hình thức tiếp: {online}."))]);
    }
    receiver(&mut sheet, size, form.officer);
    let name = visitor_name(visit);
    para(&mut sheet, size, &[(Style::Regular, "Đã nhận được của ông (bà): "), (Style::Bold, &name)]);
    identity(&mut sheet, size, visit);
    contents(&mut sheet, size, visit);
    let blocks = [
        Signature::new("Người cung cấp", Some(&name)),
        Signature::new("Người nhận", officer_name(form.officer).as_deref()),
    ];
    closing(&mut sheet, size, &[(Style::Regular, &copies_sentence(form.copies))], &[], &blocks);
    Ok(sheet.finish(PageNumbers::FromSecond))
}

/// "Người nhận: Nguyễn Thị Ngọc Ánh, chức vụ: …", or blanks to fill in.
fn receiver(sheet: &mut Sheet, size: f32, officer: Option<&Officer>) {
    match officer {
        Some(o) => {
            let role = format!(", chức vụ: {}.", o.position);
            para(
                sheet,
                size,
                &[(Style::Regular, "Người nhận: "), (Style::Bold, &o.full_name), (Style::Regular, &role)],
            );
        }
        None => para(sheet, size, &[(Style::Regular, "Người nhận: ……………………, chức vụ: ……………………")]),
    }
}

/// The petition's kind and field, its summary and the documents taken in.
fn contents(sheet: &mut Sheet, size: f32, visit: &Visit) {
    let d = &visit.details;
    if let Some(p) = &d.petition {
        let kind =
            format!("Đơn {}, lĩnh vực {}.", in_sentence(p.kind.label_vi()), in_sentence(p.field.label_vi()));
        para(sheet, size, &[(Style::Regular, &kind)]);
    }
    if !d.summary.is_empty() {
        para(sheet, size, &[(Style::Regular, "Nội dung tóm tắt: "), (Style::Regular, &d.summary)]);
    }
    if d.documents.is_empty() {
        para(sheet, size, &[(Style::Regular, "Không có thông tin, tài liệu, bằng chứng kèm theo.")]);
    } else {
        let pages: u32 = d.documents.iter().map(|d| d.pages).sum();
        let intro = format!(
            "Các thông tin, tài liệu, bằng chứng gồm {} tài liệu, {} trang:",
            d.documents.len(),
            pages
        );
        para(sheet, size, &[(Style::Regular, &intro)]);
        document_list(sheet, size, &d.documents);
    }
}

/// The slip of a petition received without a visit, for its sender.
fn render_received_petition(form: &ReceiptForm) -> Result<Vec<u8>, PrintError> {
    let visit = form.visit;
    let d = &visit.details;
    if d.visitors.is_empty() {
        return Err(PrintError::MissingData("người gửi đơn"));
    }
    let size = body_size(form.paper);
    let mut sheet =
        Sheet::new(&format!("Giấy biên nhận {}", visit.receipt_no), Geometry::portrait(form.paper))?;
    reprint_mark(&mut sheet, form.reprint);
    let received = local(d.received_at).date_naive();
    letterhead(&mut sheet, form.ward, Some(&visit.receipt_no.to_string()), received, size);
    title(&mut sheet, "Giấy biên nhận", Some("Về việc tiếp nhận đơn"), size);
    let name = visitor_name(visit);
    let opening = format!("Ngày {}, {} nhận được đơn của ông (bà) ", dmy(received), body_name(form.ward));
    let how = format!(", {}.", how_received(d));
    para(&mut sheet, size, &[(Style::Regular, &opening), (Style::Bold, &name), (Style::Regular, &how)]);
    identity(&mut sheet, size, visit);
    if let Some(p) = d.petition.as_ref().filter(|p| p.signatories > 1) {
        para(&mut sheet, size, &[(Style::Regular, &format!("Số người đứng tên: {}.", p.signatories))]);
    }
    contents(&mut sheet, size, visit);
    receiver(&mut sheet, size, form.officer);
    let registered = format!(
        "Đơn đã được vào sổ theo dõi, số {}, và sẽ được xem xét, xử lý theo quy định của pháp luật.",
        visit.receipt_no
    );
    para(&mut sheet, size, &[(Style::Regular, &registered)]);
    let copies = if form.copies == 1 {
        "Giấy biên nhận được lập thành 01 bản, gửi người gửi đơn.".to_string()
    } else {
        format!(
            "Giấy biên nhận được lập thành {:02} bản, 01 bản gửi người gửi đơn, {:02} bản lưu tại nơi tiếp công dân.",
            form.copies,
            form.copies - 1
        )
    };
    let recipients = [format!("Ông (bà) {name}"), "Lưu: hồ sơ xử lý đơn".to_string()];
    let blocks = [Signature::new("Người nhận", officer_name(form.officer).as_deref())];
    closing(&mut sheet, size, &[(Style::Regular, &copies)], &recipients, &blocks);
    Ok(sheet.finish(PageNumbers::FromSecond))
}
