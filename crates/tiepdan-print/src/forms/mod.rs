//! One module per printed form. Each takes a plain input struct built from domain values and
//! returns the PDF bytes; none reads a file, a clock or a printer. A form that must not name a
//! protected sender renders from the visit [`as_shown`] masked, never from the identity in clear.

pub mod appointment;
pub mod guidance;
pub mod receipt;
pub mod record;
pub mod refusal;
pub mod register_book;
pub mod register_rows;
pub mod report;
pub(crate) mod sources;
pub mod transfer;

use crate::dates::dmy;
use crate::document::{sign_off, sign_off_height, Signature};
use crate::fonts::Style;
use crate::layout::page::Paper;
use crate::layout::sheet::{Align, Sheet, LEADING};
use crate::layout::wrap::wrap;
use std::borrow::Cow;
use tiepdan_domain::officer::Officer;
use tiepdan_domain::outgoing::SigningCapacity;
use tiepdan_domain::visit::{Visit, Visitor, VisitorKind};

/// Who signs a document the ward issues (the transfer slip, the refusal notice, the guidance slip):
/// the capacity's lines above the signature ("TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH") and the signer's name
/// under it, left blank to be written by hand when no officer is named.
#[derive(Debug, Clone, Copy)]
pub struct Signer<'a> {
    pub capacity: SigningCapacity,
    pub officer: Option<&'a Officer>,
}

impl Signer<'_> {
    pub(crate) fn block(&self) -> Signature {
        let lines = self.capacity.lines(self.officer.map(|o| o.position.as_str()));
        Signature::new(&lines.join("\n"), self.officer.map(|o| o.full_name.as_str()))
    }
}

/// Body text size: 13 pt on A4 as ND 30/2020 asks; 10.5 pt on the compact A5 option (the A4
/// layout scaled to the smaller sheet, below the decree's sizes: `docs/forms.md`, "Paper").
pub(crate) fn body_size(paper: Paper) -> f32 {
    match paper {
        Paper::A4 => 13.0,
        Paper::A5 => 10.5,
    }
}

/// A paragraph of the body, justified, its first line indented by about 1 cm on A4 (ND 30/2020:
/// 1–1.27 cm), in proportion on A5.
pub(crate) fn para(sheet: &mut Sheet, size: f32, spans: &[(Style, &str)]) {
    let (x, w) = (sheet.left(), sheet.text_width());
    let indent = first_line_indent(size);
    // A negative hang: the first line starts `indent` in, the others at the margin.
    sheet.flow(x + indent, w - indent, size, Align::Justify, -indent, spans);
    sheet.gap(size * 0.2);
}

/// The closing paragraph and the sign-off under it, kept on one page: the signatures never stand
/// alone at the top of a page (a new page starts before the paragraph when both do not fit).
pub(crate) fn closing(
    sheet: &mut Sheet,
    size: f32,
    spans: &[(Style, &str)],
    recipients: &[String],
    blocks: &[Signature],
) {
    let w = sheet.text_width();
    let indent = first_line_indent(size);
    let lines = wrap(sheet.faces, size, w - indent, w, spans).len();
    let para_h = lines as f32 * size * LEADING + size * 0.2;
    sheet.ensure(para_h + sign_off_height(sheet, recipients, blocks, size));
    para(sheet, size, spans);
    sign_off(sheet, recipients, blocks, size);
}

pub(crate) fn first_line_indent(size: f32) -> f32 {
    size * 2.2
}

/// A word of a label inside a sentence: the first letter in lower case ("lĩnh vực đất đai",
/// "chính sách, chế độ CC, VC"), except the proper noun "Đảng".
pub(crate) fn in_sentence(label: &str) -> String {
    if label == "Đảng" {
        return label.to_string();
    }
    let mut chars = label.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// "Nguyễn Thị Ngọc Ánh", "Người tố cáo (được bảo mật)" for a sealed identity, or, with no visitor
/// recorded, a dotted blank to fill in by hand.
pub(crate) fn visitor_name(visit: &Visit) -> String {
    visit.lead_visitor().map(|v| v.shown_name().to_string()).unwrap_or_else(|| "…………………………".into())
}

pub(crate) fn officer_name(officer: Option<&Officer>) -> Option<String> {
    officer.map(|o| o.full_name.clone())
}

/// "Số định danh cá nhân/CCCD: 001088012345, ngày cấp: 12/03/2021, nơi cấp: …".
pub(crate) fn id_line(v: &Visitor) -> Option<String> {
    let number = v.id_number.as_deref()?;
    let label = v.id_kind.map(|k| k.label_vi()).unwrap_or("Giấy tờ tùy thân");
    let mut line = format!("{label}: {number}");
    if let Some(on) = v.id_issued_on {
        line.push_str(&format!(", ngày cấp: {}", dmy(on)));
    }
    if let Some(by) = &v.id_issued_by {
        line.push_str(&format!(", nơi cấp: {by}"));
    }
    Some(line)
}

/// The visitor's identity lines: ID, address, phone, and for a group or an organisation whom
/// they represent.
pub(crate) fn identity(sheet: &mut Sheet, size: f32, visit: &Visit) {
    if let Some(v) = visit.lead_visitor() {
        if let Some(line) = id_line(v) {
            para(sheet, size, &[(Style::Regular, &line)]);
        }
        if let Some(a) = &v.address {
            para(sheet, size, &[(Style::Regular, "Địa chỉ: "), (Style::Regular, a)]);
        }
        if let Some(p) = &v.phone {
            para(sheet, size, &[(Style::Regular, "Số điện thoại: "), (Style::Regular, p)]);
        }
    }
    let d = &visit.details;
    match d.visitor_kind {
        VisitorKind::Group => {
            let others: Vec<&str> = d.visitors.iter().skip(1).map(|v| v.shown_name()).collect();
            let mut line = format!("Đại diện cho đoàn gồm {} người", d.people_count);
            if !others.is_empty() {
                line.push_str(&format!(" (cùng đại diện: {})", others.join(", ")));
            }
            para(sheet, size, &[(Style::Regular, &format!("{line}."))]);
        }
        VisitorKind::Organisation => {
            let org = d.organisation.as_deref().unwrap_or("");
            para(sheet, size, &[(Style::Regular, "Đại diện cho cơ quan, tổ chức: "), (Style::Regular, org)]);
        }
        VisitorKind::Individual => {}
    }
}

/// "khiếu nại – lĩnh vực đất đai" (written inside a sentence), or "trình bày trực tiếp" when
/// the visit brought no petition.
pub(crate) fn petition_label(visit: &Visit) -> String {
    match &visit.details.petition {
        Some(p) => {
            format!("{} – lĩnh vực {}", in_sentence(p.kind.label_vi()), in_sentence(p.field.label_vi()))
        }
        None => "trình bày trực tiếp".into(),
    }
}

/// The visit as a paper shows it: with `protect`, every visitor's identifying fields blanked
/// ([`VisitDetails::mask_identities`](tiepdan_domain::visit::VisitDetails::mask_identities)), so
/// no field of the domain's list can reach the paper, whatever the form goes on to print. A
/// denouncer's identity is a state secret (domain.md §6); whether a visit's sender is protected is
/// the domain's rule ([`VisitDetails::protects_identity`](tiepdan_domain::visit::VisitDetails::protects_identity)).
pub(crate) fn as_shown(visit: &Visit, protect: bool) -> Cow<'_, Visit> {
    if !protect {
        return Cow::Borrowed(visit);
    }
    let mut masked = visit.clone();
    masked.details.mask_identities();
    Cow::Owned(masked)
}
