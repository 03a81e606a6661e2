//! The parts every administrative document shares (Nghị định 30/2020/NĐ-CP, Phụ lục I): the
//! letterhead with the issuing body and the national motto, the number and the place-and-date
//! line, the title, signature blocks, "Nơi nhận", and the reprint mark.

use crate::dates::place_and_date;
use crate::fonts::Style;
use crate::layout::page::MM;
use crate::layout::sheet::{nfc, Align, Sheet, LEADING};
use crate::layout::wrap::wrap_plain;
use chrono::NaiveDate;
use tiepdan_domain::officer::WardProfile;

pub(crate) const MOTTO: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
pub(crate) const SUB_MOTTO: &str = "Độc lập - Tự do - Hạnh phúc";
pub(crate) const SIGN_NOTE: &str = "(Ký, ghi rõ họ tên)";

/// Vietnamese capitals, NFC (the lower-case letters with tone marks all have composed capitals).
pub(crate) fn caps(text: &str) -> String {
    nfc(&nfc(text).to_uppercase())
}

/// The issuing body: "ỦY BAN NHÂN DÂN PHƯỜNG HÀ ĐÔNG" from a ward named "Phường Hà Đông".
pub(crate) fn issuing_body(ward: &WardProfile) -> String {
    let name = caps(&ward.ward_name);
    if name.starts_with("ỦY BAN") || name.starts_with("UỶ BAN") || name.starts_with("UBND") {
        name
    } else {
        format!("ỦY BAN NHÂN DÂN {name}")
    }
}

/// The issuing body inside a sentence: "Ủy ban nhân dân Phường Hà Đông".
pub(crate) fn body_name(ward: &WardProfile) -> String {
    let name = ward.ward_name.trim();
    let folded = name.to_lowercase();
    if folded.starts_with("ủy ban") || folded.starts_with("uỷ ban") || folded.starts_with("ubnd") {
        name.to_string()
    } else {
        format!("Ủy ban nhân dân {name}")
    }
}

/// The largest size not above `max` at which `text` fits `width`.
fn fitted(sheet: &Sheet, style: Style, max: f32, width: f32, text: &str) -> f32 {
    let w = sheet.width(style, max, text);
    if w <= width {
        max
    } else {
        (max * width / w * 0.99).floor().max(6.0)
    }
}

/// Draws the two header blocks, then "Số: …" under the left one and the italic place-and-date line
/// under the right one, and leaves the cursor below them. `number` None omits the "Số" line.
pub(crate) fn letterhead(
    sheet: &mut Sheet,
    ward: &WardProfile,
    number: Option<&str>,
    dated: NaiveDate,
    size: f32,
) {
    let x = sheet.left();
    let total = sheet.text_width();
    let left_w = total * 0.40;
    let right_x = x + left_w;
    let right_w = total - left_w;
    let top = sheet.y;
    let lh = size * LEADING;
    let small = size - 1.0;
    let left_bottom = issuer_block(sheet, ward, x, left_w, top, size - 1.0);

    // Right block: the national motto and its sub-line with a rule as long as the sub-line.
    let motto_size = fitted(sheet, Style::Bold, small, right_w, MOTTO);
    sheet.text(Align::Center, (right_x, right_w), top, Style::Bold, motto_size, MOTTO);
    let sub_size = fitted(sheet, Style::Bold, size, right_w, SUB_MOTTO);
    let sub_top = top + motto_size * LEADING;
    sheet.text(Align::Center, (right_x, right_w), sub_top, Style::Bold, sub_size, SUB_MOTTO);
    let sub_w = sheet.width(Style::Bold, sub_size, SUB_MOTTO);
    let rule_y = sub_top + sub_size * LEADING + 1.5;
    sheet.rule(right_x + (right_w - sub_w) / 2.0, right_x + (right_w + sub_w) / 2.0, rule_y, 0.6);
    let right_bottom = rule_y + 2.5;

    let row = left_bottom.max(right_bottom) + 3.0;
    if let Some(number) = number {
        let text = format!("Số: {number}");
        sheet.text(Align::Center, (x, left_w), row, Style::Regular, small, &text);
    }
    let date_line = place_and_date(&ward.place, dated);
    let date_size = fitted(sheet, Style::Italic, size, right_w, &date_line);
    sheet.text(Align::Center, (right_x, right_w), row, Style::Italic, date_size, &date_line);
    sheet.y = row + lh + 4.0 * MM;
}

/// The issuing-body block centred in `[x, x + width]` from `top`: the governing body (regular),
/// the ward's People's Committee (bold), a short rule. Returns the bottom of the block.
pub(crate) fn issuer_block(
    sheet: &mut Sheet,
    ward: &WardProfile,
    x: f32,
    width: f32,
    top: f32,
    size: f32,
) -> f32 {
    let mut y = top;
    if !ward.upstream.trim().is_empty() {
        // One line when it can be, shrunk to no less than 80 %; wrapped beyond that.
        let upstream = caps(&ward.upstream);
        let fit = fitted(sheet, Style::Regular, size, width, &upstream).max(size * 0.8);
        for line in wrap_plain(sheet.faces, Style::Regular, fit, width, &upstream) {
            sheet.draw_line(x + (width - line.width) / 2.0, y, fit, &line.runs);
            y += fit * LEADING;
        }
    }
    // "ỦY BAN NHÂN DÂN" on a line of its own when the whole name does not fit one line.
    let body = issuing_body(ward);
    let body = match body.strip_prefix("ỦY BAN NHÂN DÂN ") {
        Some(rest) if sheet.width(Style::Bold, size, &body) > width => format!("ỦY BAN NHÂN DÂN\n{rest}"),
        _ => body,
    };
    for line in wrap_plain(sheet.faces, Style::Bold, size, width, &body) {
        sheet.draw_line(x + (width - line.width) / 2.0, y, size, &line.runs);
        y += size * LEADING;
    }
    let rule = width / 3.0;
    sheet.rule(x + (width - rule) / 2.0, x + (width + rule) / 2.0, y + 2.5, 0.6);
    y + 5.0
}

/// The title in bold capitals, and an optional bold sub-title (trích yếu) under it.
pub(crate) fn title(sheet: &mut Sheet, title: &str, subtitle: Option<&str>, size: f32) {
    let (x, w) = (sheet.left(), sheet.text_width());
    sheet.flow(x, w, size + 1.0, Align::Center, 0.0, &[(Style::Bold, &caps(title))]);
    if let Some(sub) = subtitle {
        sheet.flow(x, w, size, Align::Center, 0.0, &[(Style::Bold, sub)]);
    }
    sheet.gap(size * 0.8);
}

/// "Bản in lại lần n" in the top margin of the first page, so a reprint is never taken for the
/// original.
pub(crate) fn reprint_mark(sheet: &mut Sheet, reprint: Option<u32>) {
    if let Some(n) = reprint.filter(|n| *n > 0) {
        let top = sheet.geo.top - 14.0;
        let (x, w) = (sheet.left(), sheet.text_width());
        sheet.text(Align::Right, (x, w), top, Style::Italic, 10.0, &format!("Bản in lại lần {n}"));
    }
}

/// A signature block: the signer's role in bold capitals, the note, room to sign, the name.
pub(crate) struct Signature {
    pub role: String,
    pub note: &'static str,
    pub name: Option<String>,
}

impl Signature {
    pub fn new(role: &str, name: Option<&str>) -> Signature {
        Signature { role: caps(role), note: SIGN_NOTE, name: name.map(str::to_string) }
    }
}

/// Signature blocks side by side (one on the right half when alone), with the "Nơi nhận" list at
/// bottom left when given. Kept together on one page.
pub(crate) fn sign_off(sheet: &mut Sheet, recipients: &[String], blocks: &[Signature], size: f32) {
    let lh = size * LEADING;
    let small = size - 2.0;
    let sign_room = if sheet.geo.height_mm < 250.0 { 14.0 * MM } else { 22.0 * MM };
    let rec_h = (recipients.len() as f32 * 1.5 + 1.0) * small * LEADING;
    let (x, w) = (sheet.left(), sheet.text_width());
    let slots: Vec<(f32, f32)> = match blocks.len() {
        0 => Vec::new(),
        1 => vec![(x + w * 0.45, w * 0.55)],
        n => (0..n).map(|i| (x + w * i as f32 / n as f32, w / n as f32)).collect(),
    };
    // A capacity may take several lines ("TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH").
    let role_lines = blocks
        .iter()
        .zip(&slots)
        .map(|(block, (_, bw))| wrap_plain(sheet.faces, Style::Bold, size, *bw, &block.role).len())
        .max()
        .unwrap_or(1) as f32;
    let block_h = (role_lines + 2.0) * lh + sign_room;
    sheet.gap(size * 0.5);
    sheet.ensure(block_h.max(rec_h) + lh);
    let top = sheet.y;
    for (block, (bx, bw)) in blocks.iter().zip(slots) {
        let role_lines = wrap_plain(sheet.faces, Style::Bold, size, bw, &block.role);
        let mut y = top;
        for line in &role_lines {
            sheet.draw_line(bx + (bw - line.width) / 2.0, y, size, &line.runs);
            y += lh;
        }
        sheet.text(Align::Center, (bx, bw), y, Style::Italic, size - 1.0, block.note);
        if let Some(name) = &block.name {
            sheet.text(Align::Center, (bx, bw), y + lh + sign_room, Style::Bold, size, name);
        }
    }
    let mut y = top;
    if !recipients.is_empty() {
        let rw = w * 0.42;
        sheet.text(Align::Left, (x, rw), y, Style::Bold, small + 1.0, "Nơi nhận:");
        y += (small + 1.0) * LEADING;
        for (i, r) in recipients.iter().enumerate() {
            let end = if i + 1 == recipients.len() { "." } else { ";" };
            for line in wrap_plain(sheet.faces, Style::Regular, small, rw, &format!("- {r}{end}")) {
                sheet.draw_line(x, y, small, &line.runs);
                y += small * LEADING;
            }
        }
    }
    sheet.y = (top + block_h).max(y) + lh;
}
