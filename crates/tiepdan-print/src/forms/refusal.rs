//! Thông báo từ chối tiếp công dân: the written refusal, citing the ground of Điều 9 Luật Tiếp công
//! dân that applies. The domain allows no other ground.

use crate::dates::moment;
use crate::document::{body_name, letterhead, reprint_mark, title};
use crate::error::PrintError;
use crate::fonts::Style;
use crate::forms::{body_size, closing, identity, para, visitor_name, Signer};
use crate::layout::page::{Geometry, Paper};
use crate::layout::sheet::{PageNumbers, Sheet};
use chrono::NaiveDate;
use tiepdan_domain::officer::WardProfile;
use tiepdan_domain::visit::Visit;

#[derive(Debug, Clone, Copy)]
pub struct RefusalForm<'a> {
    pub ward: &'a WardProfile,
    pub visit: &'a Visit,
    /// The notice's own number from the ward's outgoing register ("07/TB-UBND").
    pub number: &'a str,
    /// The day the number was issued, written on the notice.
    pub issued_on: NaiveDate,
    /// Who signs: a leader in the committee's name, as the ward chose.
    pub signer: Signer<'a>,
    pub reprint: Option<u32>,
    pub paper: Paper,
}

pub fn render_refusal(form: &RefusalForm) -> Result<Vec<u8>, PrintError> {
    let visit = form.visit;
    let d = &visit.details;
    let refusal = d.refusal.as_ref().ok_or(PrintError::MissingData("lý do từ chối"))?;
    let size = body_size(form.paper);
    let mut sheet =
        Sheet::new(&format!("Thông báo từ chối {}", visit.receipt_no), Geometry::portrait(form.paper))?;
    reprint_mark(&mut sheet, form.reprint);
    letterhead(&mut sheet, form.ward, Some(form.number), form.issued_on, size);
    title(&mut sheet, "Thông báo", Some("Về việc từ chối tiếp công dân"), size);

    let name = visitor_name(visit);
    let body = body_name(form.ward);
    let s = format!("Vào hồi {}, ông (bà) ", moment(d.received_at));
    let at = format!(" đến nơi tiếp công dân của {body}.");
    para(&mut sheet, size, &[(Style::Regular, &s), (Style::Bold, &name), (Style::Regular, &at)]);
    identity(&mut sheet, size, visit);
    let s = format!(
        "Căn cứ Điều 9 Luật Tiếp công dân số 42/2013/QH13, {body} từ chối tiếp ông (bà) {name} vì lý do:"
    );
    para(&mut sheet, size, &[(Style::Regular, &s)]);
    para(&mut sheet, size, &[(Style::Italic, &format!("{}.", refusal.ground.label_vi()))]);
    if !refusal.detail.trim().is_empty() {
        para(&mut sheet, size, &[(Style::Regular, "Cụ thể: "), (Style::Regular, &refusal.detail)]);
    }
    let recipients = [format!("Ông (bà) {name}"), "Lưu: hồ sơ tiếp công dân".to_string()];
    let blocks = [form.signer.block()];
    let last = format!("{body} thông báo để ông (bà) {name} được biết.");
    closing(&mut sheet, size, &[(Style::Regular, &last)], &recipients, &blocks);
    Ok(sheet.finish(PageNumbers::FromSecond))
}
