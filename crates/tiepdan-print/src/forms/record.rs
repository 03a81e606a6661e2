//! Văn bản ghi nội dung: the written record of an oral complaint, denunciation, proposal or
//! reflection, read back to the citizen and signed or thumb-printed by them. An online reception's
//! record names the mode and the linked site (issue 16).

use crate::dates::{local, moment};
use crate::document::{body_name, letterhead, reprint_mark, title, Signature};
use crate::error::PrintError;
use crate::fonts::Style;
use crate::forms::receipt::document_list;
use crate::forms::sources::online_line;
use crate::forms::{body_size, closing, identity, officer_name, para, visitor_name};
use crate::layout::page::{Geometry, Paper};
use crate::layout::sheet::{PageNumbers, Sheet};
use tiepdan_domain::officer::{Officer, WardProfile};
use tiepdan_domain::petition::PetitionKind;
use tiepdan_domain::visit::Visit;

#[derive(Debug, Clone, Copy)]
pub struct RecordForm<'a> {
    pub ward: &'a WardProfile,
    pub visit: &'a Visit,
    pub officer: Option<&'a Officer>,
    pub reprint: Option<u32>,
    pub paper: Paper,
}

fn subtitle(kind: Option<PetitionKind>) -> &'static str {
    match kind {
        Some(PetitionKind::Complaint) => "Về nội dung khiếu nại trình bày trực tiếp",
        Some(PetitionKind::Denunciation) => "Về nội dung tố cáo trình bày trực tiếp",
        Some(PetitionKind::Proposal | PetitionKind::Reflection) => {
            "Về nội dung kiến nghị, phản ánh trình bày trực tiếp"
        }
        Some(PetitionKind::Mixed) | None => "Về nội dung trình bày trực tiếp",
    }
}

pub fn render_record(form: &RecordForm) -> Result<Vec<u8>, PrintError> {
    let visit = form.visit;
    let d = &visit.details;
    if d.summary.trim().is_empty() {
        return Err(PrintError::MissingData("nội dung trình bày"));
    }
    let size = body_size(form.paper);
    let mut sheet =
        Sheet::new(&format!("Văn bản ghi nội dung {}", visit.receipt_no), Geometry::portrait(form.paper))?;
    reprint_mark(&mut sheet, form.reprint);
    letterhead(
        &mut sheet,
        form.ward,
        Some(&visit.receipt_no.to_string()),
        local(d.received_at).date_naive(),
        size,
    );
    title(&mut sheet, "Văn bản ghi nội dung", Some(subtitle(d.petition.as_ref().map(|p| p.kind))), size);

    let s = format!("Vào hồi {}, tại nơi tiếp công dân của {}.", moment(d.received_at), body_name(form.ward));
    para(&mut sheet, size, &[(Style::Regular, &s)]);
    if let Some(online) = online_line(d) {
        para(&mut sheet, size, &[(Style::Regular, &format!("Hình thức tiếp: {online}."))]);
    }
    if let Some(o) = form.officer {
        let role = format!(", chức vụ: {}.", o.position);
        para(
            &mut sheet,
            size,
            &[
                (Style::Regular, "Người tiếp công dân: "),
                (Style::Bold, &o.full_name),
                (Style::Regular, &role),
            ],
        );
    }
    let name = visitor_name(visit);
    para(&mut sheet, size, &[(Style::Regular, "Người trình bày: ông (bà) "), (Style::Bold, &name)]);
    identity(&mut sheet, size, visit);
    para(&mut sheet, size, &[(Style::Bold, "Nội dung trình bày:")]);
    para(&mut sheet, size, &[(Style::Regular, &d.summary)]);
    if let Some(p) = &d.petition {
        if let Some(h) = &p.previous_handler {
            let result = p.previous_result.as_deref().map(|r| format!("; kết quả: {r}")).unwrap_or_default();
            para(&mut sheet, size, &[(Style::Regular, &format!("Cơ quan đã giải quyết: {h}{result}."))]);
        }
    }
    if !d.documents.is_empty() {
        para(&mut sheet, size, &[(Style::Regular, "Thông tin, tài liệu, bằng chứng cung cấp kèm theo:")]);
        document_list(&mut sheet, size, &d.documents);
    }
    let mut citizen = Signature::new("Người trình bày", Some(&name));
    citizen.note = "(Ký hoặc điểm chỉ, ghi rõ họ tên)";
    let blocks = [citizen, Signature::new("Người tiếp công dân", officer_name(form.officer).as_deref())];
    let last = [(Style::Italic, "Văn bản này đã được đọc lại cho người trình bày nghe; người trình bày xác nhận nội dung trên là đúng và ký tên hoặc điểm chỉ dưới đây.")];
    closing(&mut sheet, size, &last, &[], &blocks);
    Ok(sheet.finish(PageNumbers::FromSecond))
}
