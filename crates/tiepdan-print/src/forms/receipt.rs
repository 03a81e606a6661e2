//! Giấy biên nhận: the acknowledgement of a petition and of every document taken in, handed to the
//! citizen. Printed after nearly every visit, so it must stay one A5 page for a usual visit and
//! small enough to archive by the thousand.

use crate::dates::{local, moment};
use crate::document::{body_name, letterhead, reprint_mark, title, Signature};
use crate::error::PrintError;
use crate::fonts::Style;
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
    match form.officer {
        Some(o) => {
            let role = format!(", chức vụ: {}.", o.position);
            para(
                &mut sheet,
                size,
                &[(Style::Regular, "Người nhận: "), (Style::Bold, &o.full_name), (Style::Regular, &role)],
            );
        }
        None => para(&mut sheet, size, &[(Style::Regular, "Người nhận: ……………………, chức vụ: ……………………")]),
    }
    let name = visitor_name(visit);
    para(&mut sheet, size, &[(Style::Regular, "Đã nhận được của ông (bà): "), (Style::Bold, &name)]);
    identity(&mut sheet, size, visit);
    if let Some(p) = &d.petition {
        let kind =
            format!("Đơn {}, lĩnh vực {}.", in_sentence(p.kind.label_vi()), in_sentence(p.field.label_vi()));
        para(&mut sheet, size, &[(Style::Regular, &kind)]);
    }
    if !d.summary.is_empty() {
        para(&mut sheet, size, &[(Style::Regular, "Nội dung tóm tắt: "), (Style::Regular, &d.summary)]);
    }
    if d.documents.is_empty() {
        para(&mut sheet, size, &[(Style::Regular, "Không có thông tin, tài liệu, bằng chứng kèm theo.")]);
    } else {
        let pages: u32 = d.documents.iter().map(|d| d.pages).sum();
        let intro = format!(
            "Các thông tin, tài liệu, bằng chứng gồm {} tài liệu, {} trang:",
            d.documents.len(),
            pages
        );
        para(&mut sheet, size, &[(Style::Regular, &intro)]);
        document_list(&mut sheet, size, &d.documents);
    }
    let blocks = [
        Signature::new("Người cung cấp", Some(&name)),
        Signature::new("Người nhận", officer_name(form.officer).as_deref()),
    ];
    closing(&mut sheet, size, &[(Style::Regular, &copies_sentence(form.copies))], &[], &blocks);
    Ok(sheet.finish(PageNumbers::FromSecond))
}
