//! Phiếu hướng dẫn: written guidance telling the citizen which body is competent and how to submit,
//! or which documents to add. Complaints outside the ward's competence are always guided, never
//! transferred (Luật Khiếu nại).

use crate::dates::moment;
use crate::document::{body_name, letterhead, reprint_mark, title};
use crate::error::PrintError;
use crate::fonts::Style;
use crate::forms::{body_size, closing, identity, para, visitor_name, Signer};
use crate::layout::page::{Geometry, Paper};
use crate::layout::sheet::{Align, PageNumbers, Sheet};
use chrono::NaiveDate;
use tiepdan_domain::officer::WardProfile;
use tiepdan_domain::visit::Visit;

#[derive(Debug, Clone, Copy)]
pub struct GuidanceForm<'a> {
    pub ward: &'a WardProfile,
    pub visit: &'a Visit,
    /// The slip's own number from the ward's outgoing register ("03/HD-UBND").
    pub number: &'a str,
    /// Who signs: the receiving officer unless the ward chose a leader.
    pub signer: Signer<'a>,
    /// The date the guidance is issued (the place-and-date line): the day its number was issued.
    pub issued_on: NaiveDate,
    /// What to do and where; defaults to the petition's recorded guidance.
    pub instructions: Option<&'a str>,
    /// Documents the citizen must add, when that is what the guidance is about.
    pub missing_documents: &'a [String],
    pub reprint: Option<u32>,
    pub paper: Paper,
}

pub fn render_guidance(form: &GuidanceForm) -> Result<Vec<u8>, PrintError> {
    let visit = form.visit;
    let d = &visit.details;
    let recorded = d.petition.as_ref().and_then(|p| p.guidance.as_deref());
    let instructions = form.instructions.or(recorded).filter(|s| !s.trim().is_empty());
    if instructions.is_none() && form.missing_documents.is_empty() {
        return Err(PrintError::MissingData("nội dung hướng dẫn"));
    }
    let size = body_size(form.paper);
    let mut sheet =
        Sheet::new(&format!("Phiếu hướng dẫn {}", visit.receipt_no), Geometry::portrait(form.paper))?;
    reprint_mark(&mut sheet, form.reprint);
    letterhead(&mut sheet, form.ward, Some(form.number), form.issued_on, size);
    title(&mut sheet, "Phiếu hướng dẫn", None, size);

    let name = visitor_name(visit);
    para(&mut sheet, size, &[(Style::Regular, "Kính gửi ông (bà): "), (Style::Bold, &name)]);
    identity(&mut sheet, size, visit);
    let came = format!(
        "Vào hồi {}, ông (bà) đến nơi tiếp công dân của {} trình bày nội dung:",
        moment(d.received_at),
        body_name(form.ward)
    );
    para(&mut sheet, size, &[(Style::Regular, &came)]);
    if !d.summary.is_empty() {
        para(&mut sheet, size, &[(Style::Regular, &d.summary)]);
    }
    if let Some(text) = instructions {
        para(
            &mut sheet,
            size,
            &[(Style::Regular, "Sau khi xem xét, người tiếp công dân hướng dẫn ông (bà) như sau:")],
        );
        para(&mut sheet, size, &[(Style::Regular, text)]);
    }
    if !form.missing_documents.is_empty() {
        para(&mut sheet, size, &[(Style::Regular, "Đề nghị ông (bà) bổ sung các thông tin, tài liệu sau:")]);
        let (x, w) = (sheet.left(), sheet.text_width());
        for (i, doc) in form.missing_documents.iter().enumerate() {
            let item = format!("{}. {doc}", i + 1);
            sheet.flow(
                x + size * 0.6,
                w - size * 0.6,
                size,
                Align::Left,
                size * 1.2,
                &[(Style::Regular, &item)],
            );
        }
    }
    let recipients = [format!("Ông (bà) {name}"), "Lưu: hồ sơ tiếp công dân".into()];
    let blocks = [form.signer.block()];
    let last = [(Style::Italic, "Phiếu hướng dẫn này được giao cho ông (bà) để thực hiện.")];
    closing(&mut sheet, size, &last, &recipients, &blocks);
    Ok(sheet.finish(PageNumbers::FromSecond))
}
