//! Phiếu chuyển đơn: sends a denunciation, proposal or reflection to the competent body.
//!
//! For a denunciation (and a petition with several contents, which may carry one) the slip names
//! no one who could identify the denouncer: no name, address, ID number, phone, nor the titles of
//! the documents (which often carry the sender's name). Only "Người tố cáo (được bảo mật)" appears
//! (Luật Tố cáo 2018; QĐ 774/QĐ-TTg: the denouncer's identity is a "Mật" secret). A petition
//! that came by post or from another body says so, with that body's letter (issue 16).

use crate::dates::{dmy, local};
use crate::document::{body_name, letterhead, reprint_mark, title};
use crate::error::PrintError;
use crate::fonts::Style;
use crate::forms::{as_shown, body_size, closing, para, sources, visitor_name, Signer};
use crate::layout::page::{Geometry, Paper};
use crate::layout::sheet::{PageNumbers, Sheet};
use chrono::NaiveDate;
use tiepdan_domain::officer::WardProfile;
use tiepdan_domain::petition::PetitionKind;
use tiepdan_domain::visit::Visit;

/// Shown wherever the denouncer would otherwise be named.
pub const PROTECTED_DENOUNCER: &str = "Người tố cáo (được bảo mật)";

#[derive(Debug, Clone, Copy)]
pub struct TransferForm<'a> {
    pub ward: &'a WardProfile,
    pub visit: &'a Visit,
    /// The slip's own number from the ward's outgoing register ("15/PC-UBND").
    pub number: &'a str,
    /// Who signs: a leader in the committee's name, as the ward chose.
    pub signer: Signer<'a>,
    /// The day the number was issued, written on the slip.
    pub issued_on: NaiveDate,
    /// The date written on the petition, when it carries one ("đơn đề ngày …").
    pub petition_dated: Option<NaiveDate>,
    /// The legal basis cited; a default per petition kind otherwise.
    pub legal_basis: Option<&'a str>,
    pub reprint: Option<u32>,
    pub paper: Paper,
}

fn default_basis(kind: PetitionKind) -> &'static str {
    match kind {
        PetitionKind::Denunciation => "Luật Tố cáo số 25/2018/QH14 và Thông tư số 05/2021/TT-TTCP",
        PetitionKind::Mixed => {
            "Luật Tiếp công dân số 42/2013/QH13, Luật Tố cáo số 25/2018/QH14 và Thông tư số 05/2021/TT-TTCP"
        }
        _ => "Luật Tiếp công dân số 42/2013/QH13 và Thông tư số 05/2021/TT-TTCP",
    }
}

pub fn render_transfer(form: &TransferForm) -> Result<Vec<u8>, PrintError> {
    let protect = form.visit.details.protects_identity();
    let shown = as_shown(form.visit, protect);
    let visit = &*shown;
    let d = &visit.details;
    let petition = d.petition.as_ref().ok_or(PrintError::MissingData("đơn"))?;
    if petition.kind == PetitionKind::Complaint {
        return Err(PrintError::Invalid("đơn khiếu nại được hướng dẫn, không chuyển đơn".into()));
    }
    let to = petition.transfer_to.as_deref().ok_or(PrintError::MissingData("cơ quan nhận đơn chuyển"))?;
    let size = body_size(form.paper);
    let mut sheet =
        Sheet::new(&format!("Phiếu chuyển đơn {}", visit.receipt_no), Geometry::portrait(form.paper))?;
    reprint_mark(&mut sheet, form.reprint);
    letterhead(&mut sheet, form.ward, Some(form.number), form.issued_on, size);
    title(&mut sheet, "Phiếu chuyển đơn", None, size);
    para(&mut sheet, size, &[(Style::Regular, "Kính gửi: "), (Style::Bold, to)]);
    sheet.gap(size * 0.4);

    let dated = form.petition_dated.map(dmy).unwrap_or_else(|| "……/……/………".into());
    let body = body_name(form.ward);
    let kind = petition.kind.label_vi().to_lowercase();
    let received = dmy(local(d.received_at).date_naive());
    if protect {
        let s = format!(
            "Ngày {received}, {body} nhận được đơn {kind} đề ngày {dated} của người tố cáo (được bảo mật)."
        );
        para(&mut sheet, size, &[(Style::Regular, &s)]);
        para(
            &mut sheet,
            size,
            &[(Style::Italic, "Họ tên, địa chỉ và thông tin cá nhân của người tố cáo được giữ bí mật theo quy định của pháp luật về tố cáo.")],
        );
    } else {
        let name = visitor_name(visit);
        let s = format!("Ngày {received}, {body} nhận được đơn {kind} đề ngày {dated} của ông (bà) ");
        para(&mut sheet, size, &[(Style::Regular, &s), (Style::Bold, &name), (Style::Regular, ".")]);
        if let Some(a) = visit.lead_visitor().and_then(|v| v.address.as_deref()) {
            para(&mut sheet, size, &[(Style::Regular, "Địa chỉ: "), (Style::Regular, a)]);
        }
    }
    if let Some(arrival) = sources::arrival(d) {
        para(&mut sheet, size, &[(Style::Regular, &arrival)]);
    }
    if !d.summary.is_empty() {
        para(&mut sheet, size, &[(Style::Regular, "Nội dung đơn: "), (Style::Regular, &d.summary)]);
    }
    let basis = form.legal_basis.unwrap_or(default_basis(petition.kind));
    let s = format!(
        "Căn cứ {basis}, {body} chuyển đơn đến {to} để xem xét, giải quyết theo quy định của pháp luật."
    );
    let sender =
        if protect { PROTECTED_DENOUNCER.to_string() } else { format!("Ông (bà) {}", visitor_name(visit)) };
    let recipients = ["Như trên".to_string(), sender, "Lưu: hồ sơ tiếp công dân".to_string()];
    let blocks = [form.signer.block()];
    let last = if d.documents.is_empty() {
        s
    } else {
        para(&mut sheet, size, &[(Style::Regular, &s)]);
        let pages: u32 = d.documents.iter().map(|d| d.pages).sum();
        format!("Kèm theo: {} tài liệu, {} trang.", d.documents.len(), pages)
    };
    closing(&mut sheet, size, &[(Style::Regular, &last)], &recipients, &blocks);
    Ok(sheet.finish(PageNumbers::FromSecond))
}
