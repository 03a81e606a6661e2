//! Phiếu hẹn: when and where the citizen comes back, for which matter, and whom to contact.

use crate::dates::{local, moment};
use crate::document::{letterhead, reprint_mark, title, Signature};
use crate::error::PrintError;
use crate::fonts::Style;
use crate::forms::{body_size, closing, identity, officer_name, para, petition_label, visitor_name};
use crate::layout::page::{Geometry, Paper};
use crate::layout::sheet::{PageNumbers, Sheet};
use chrono::{DateTime, FixedOffset};
use tiepdan_domain::officer::{Officer, WardProfile};
use tiepdan_domain::visit::Visit;

#[derive(Debug, Clone, Copy)]
pub struct AppointmentForm<'a> {
    pub ward: &'a WardProfile,
    pub visit: &'a Visit,
    pub officer: Option<&'a Officer>,
    /// When to come back.
    pub at: DateTime<FixedOffset>,
    /// Where to come back: "Phòng tiếp công dân, Ủy ban nhân dân phường Hà Đông".
    pub place: &'a str,
    /// What the citizen comes back for: "nhận kết quả", "bổ sung tài liệu".
    pub purpose: &'a str,
    /// A telephone number or person to call before coming.
    pub contact: Option<&'a str>,
    pub reprint: Option<u32>,
    pub paper: Paper,
}

pub fn render_appointment(form: &AppointmentForm) -> Result<Vec<u8>, PrintError> {
    if form.place.trim().is_empty() {
        return Err(PrintError::Invalid("phiếu hẹn cần địa điểm".into()));
    }
    let visit = form.visit;
    let d = &visit.details;
    let size = body_size(form.paper);
    let mut sheet = Sheet::new(&format!("Phiếu hẹn {}", visit.receipt_no), Geometry::portrait(form.paper))?;
    reprint_mark(&mut sheet, form.reprint);
    letterhead(
        &mut sheet,
        form.ward,
        Some(&visit.receipt_no.to_string()),
        local(d.received_at).date_naive(),
        size,
    );
    title(&mut sheet, "Phiếu hẹn", None, size);

    let name = visitor_name(visit);
    para(&mut sheet, size, &[(Style::Regular, "Ông (bà): "), (Style::Bold, &name)]);
    identity(&mut sheet, size, visit);
    let matter = format!(
        "Đã đến nơi tiếp công dân vào hồi {} về việc: {}.",
        moment(d.received_at),
        petition_label(visit)
    );
    para(&mut sheet, size, &[(Style::Regular, &matter)]);
    if !d.summary.is_empty() {
        para(&mut sheet, size, &[(Style::Regular, "Nội dung: "), (Style::Regular, &d.summary)]);
    }
    let when = moment(form.at);
    para(&mut sheet, size, &[(Style::Regular, "Hẹn ông (bà) đến vào hồi: "), (Style::Bold, &when)]);
    para(&mut sheet, size, &[(Style::Regular, "Địa điểm: "), (Style::Regular, form.place)]);
    if !form.purpose.trim().is_empty() {
        para(&mut sheet, size, &[(Style::Regular, "Nội dung hẹn: "), (Style::Regular, form.purpose)]);
    }
    if let Some(c) = form.contact.filter(|c| !c.trim().is_empty()) {
        para(&mut sheet, size, &[(Style::Regular, "Liên hệ: "), (Style::Regular, c)]);
    }
    let blocks = [Signature::new("Người tiếp công dân", officer_name(form.officer).as_deref())];
    let last = [(Style::Italic, "Khi đến, ông (bà) mang theo phiếu hẹn này và giấy tờ tùy thân.")];
    closing(&mut sheet, size, &last, &[], &blocks);
    Ok(sheet.finish(PageNumbers::FromSecond))
}
